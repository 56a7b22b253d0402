"""Real crowdsourced data: get-another-label AdultContent2 (Ipeirotis, Provost & Wang 2010;
shared/realdata/SOURCES.md section 15): 92,721 labels (worker, url, label G/P/R/X) by 825
workers on 11,040 urls, and 1,517 gold labels.

How repeated judgements enter alpha: alpha's reliability data have one value per coder per
unit. A worker who labelled a url several times with the same label contributes that label
once; a worker who contradicted themselves (149 cells) contributes nothing for that url (a
missing cell; which answer is "theirs" is undecidable). Self-contradictions are reported by
the behaviour check instead. Gold accuracy counts every judgement.

Run with ``-rP`` (or ``-s``) to see the numbers and timings.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

import krippendorff
import numpy as np
import pytest

from tests.paths import REALDATA, require_shared
from validate.stats.aggregate import dawid_skene, majority_vote
from validate.stats.agreement import (
    CodedJudgements,
    CoincidenceAccumulator,
    bootstrap_ci,
    fleiss_kappa,
    percent_agreement,
)
from validate.stats.behaviour import LabelDistribution, SelfContradiction, StraightLining
from validate.stats.gold import GoldAccuracy

DATA = REALDATA / "get-another-label-adultcontent2"
SCALE = ["G", "P", "R", "X"]  # content rating, least to most adult


@pytest.fixture(scope="module")
def data() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    labels = require_shared(DATA / "labels.txt")
    gold_file = require_shared(DATA / "gold.txt")
    rows = []
    with labels.open(encoding="utf-8") as fh:
        for line in fh:
            worker, url, label = line.rstrip("\n").split("\t")
            rows.append((worker, url, label))
    with gold_file.open(encoding="utf-8") as fh:
        gold = dict(line.rstrip("\n").split("\t") for line in fh)
    return rows, gold


@pytest.fixture(scope="module")
def accumulated(data):
    rows, _ = data
    coded, sc = CodedJudgements(), SelfContradiction()
    for worker, url, label in rows:
        coded.add(url, worker, label)
        sc.add(worker, url, label)
    return coded, sc


def test_shape_of_the_data(data) -> None:
    rows, gold = data
    assert len(rows) == 92_721
    assert len({w for w, _, _ in rows}) == 825
    urls = {u for _, u, _ in rows}
    assert len(urls) == 11_040
    assert len(gold) == 1_517
    assert len(set(gold) - urls) == 1_184  # orphan gold urls
    assert len(set(gold) & urls) == 333


def test_self_contradictions(data, accumulated) -> None:
    rows, _ = data
    coded, sc = accumulated
    result = sc.result(max_examples=3)
    assert result["repeated"] == 2_918
    assert result["count"] == 149
    assert len(coded.conflicts()) == 149
    assert ("A1PXXEOGQ76RNJ", "http://173link.com", ["G", "X"]) in sc.contradictions()
    # independent plain-Python count
    seen: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    times: Counter[tuple[str, str]] = Counter()
    for w, u, lab in rows:
        seen[(w, u)].add(lab)
        times[(w, u)] += 1
    assert sum(len(v) > 1 for v in seen.values()) == 149
    assert sum(n > 1 for n in times.values()) == 2_918


def test_nominal_alpha_and_bootstrap(accumulated) -> None:
    coded, _ = accumulated
    acc = coded.to_coincidence()  # one value per worker per url; conflicts dropped
    t0 = time.perf_counter()
    alpha = acc.alpha("nominal")
    t1 = time.perf_counter()
    ci = bootstrap_ci(acc, "nominal", n=1000, seed=0)
    t2 = time.perf_counter()
    ordinal = acc.alpha("ordinal", value_order=SCALE)
    ci_ord = bootstrap_ci(acc, "ordinal", n=1000, seed=0, value_order=SCALE)
    t3 = time.perf_counter()
    assert alpha is not None and ci is not None and ordinal is not None and ci_ord is not None
    # independent implementation: the krippendorff package from the same per-url counts
    units = acc.pairable_units()
    counts = np.array([[c[v] for v in SCALE] for _, c in units], dtype=float)
    for level, ours in [("nominal", alpha), ("ordinal", ordinal)]:
        theirs = krippendorff.alpha(value_counts=counts, level_of_measurement=level)
        assert ours == pytest.approx(theirs, abs=1e-9)
    assert alpha == pytest.approx(0.3177, abs=1e-4)
    assert ci[0] < alpha < ci[1]
    print(
        f"\nAdultContent2: {len(units)} pairable urls, n={acc.n_pairable_values()} values\n"
        f"  nominal alpha = {alpha:.4f}, 95% CI {ci[0]:.4f}..{ci[1]:.4f} "
        f"(alpha {t1 - t0:.3f} s, bootstrap 1000x {t2 - t1:.2f} s)\n"
        f"  ordinal alpha (G<P<R<X) = {ordinal:.4f}, CI {ci_ord[0]:.4f}..{ci_ord[1]:.4f} "
        f"(+bootstrap {t3 - t2:.2f} s)\n"
        f"  percent agreement = {percent_agreement(acc):.4f}"
    )
    with pytest.raises(ValueError):
        fleiss_kappa(acc)  # 1-15 labels per url: Fleiss does not apply


def test_gold_accuracy_per_worker(data) -> None:
    rows, gold = data
    acc = GoldAccuracy("exact")
    for worker, url, label in rows:
        acc.add(worker, url, label, gold.get(url))
    result = acc.result()
    # independent plain-Python computation
    correct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for worker, url, label in rows:
        if url in gold:
            total[worker] += 1
            correct[worker] += label == gold[url]
    assert set(result) == set(total)
    for worker, (c, t, a) in result.items():
        assert (c, t) == (correct[worker], total[worker])
        assert a == pytest.approx(correct[worker] / total[worker])
    overall = acc.overall()
    print(
        f"\n  gold: {len(result)} workers with gold judgements, pooled accuracy "
        f"{overall[2]:.4f} ({overall[0]}/{overall[1]})"
    )


def test_majority_vote_and_dawid_skene_vs_gold(data) -> None:
    rows, gold = data
    counts = CoincidenceAccumulator()
    for _, url, label in rows:
        counts.add(url, label)
    present = sorted(u for u in gold if u in counts.units)
    mv = majority_vote(counts, value_order=SCALE)
    ties = [u for u in present if mv[u].tied]
    differ = sum(mv[u].label != gold[u] for u in present)
    clearly = sum(gold[u] not in (mv[u].tied or (mv[u].label,)) for u in present)
    # independent: Counter.most_common breaks ties by first occurrence in the file, which is
    # how SOURCES.md counted "gold differs from plurality 80 times"
    plain: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for _, url, label in rows:
        plain[url][label] += 1
    first_seen = sum(plain[u].most_common(1)[0][0] != gold[u] for u in present)
    assert first_seen == 80
    assert clearly == 75  # gold is not even among the tied top labels
    assert len(ties) == 11
    assert differ == 79  # ties broken towards the lower rating (G < P < R < X)
    t0 = time.perf_counter()
    ds = dawid_skene(rows, n_iter=100)
    t1 = time.perf_counter()
    ds_differ = sum(ds.labels[u] != gold[u] for u in present)
    print(
        f"\n  majority vote vs gold on {len(present)} urls: agrees {len(present) - differ} "
        f"({(len(present) - differ) / len(present):.3f}); {len(ties)} ties; differs {differ} "
        f"(first-seen tie-break: {first_seen}; gold outside the top: {clearly})\n"
        f"  Dawid-Skene vs gold: agrees {len(present) - ds_differ} "
        f"({ds.iterations} iterations, converged={ds.converged}, {t1 - t0:.2f} s)"
    )


def test_behaviour_on_real_data(data) -> None:
    rows, _ = data
    sl, ld = StraightLining(min_records=50), LabelDistribution(min_records=50)
    for worker, _, label in rows:
        sl.add(worker, label)
        ld.add(worker, label)
    flagged = sl.flagged(max_share=0.99)
    distances = ld.result()
    assert set(distances) == set(sl.result())
    assert all(0.0 <= d <= 1.0 for d in distances.values())
    print(
        f"\n  straight-lining >= 0.99 among {len(sl.result())} workers with >= 50 labels: "
        f"{len(flagged)}; max TV distance {max(distances.values()):.3f}"
    )
