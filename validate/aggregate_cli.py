"""``rubricate aggregate FILE...``: one consensus label per item, as envelope JSONL records.

Per rubric and item, every compared dimension (see :mod:`validate.rules.dataset.profile`)
gets a consensus value:

- ``majority``: plurality vote (ties broken by the scale's order, so the same data always
  give the same label; ``meta.aggregation.tied`` lists ties);
- ``dawid-skene``: Dawid & Skene (1979) EM per dimension, which weighs annotators by their
  estimated confusion matrices; ``confidence`` is the posterior of the chosen value;
- ``auto`` (default): Dawid-Skene for a rubric where every item has at least 3 judgements,
  majority vote otherwise;
- rankings: a Bradley-Terry ordering per item from the pairwise orders of every judgement;
- pairwise preferences (``label.preference`` with ``item.prompt_id`` and stable
  ``responses[*].response_id``): each pair gets its vote, and every consensus record of a
  prompt carries ``meta.aggregation.prompt_ordering``, the Bradley-Terry ordering of all the
  prompt's responses from every a/b/tie judgement of every pair (``both_bad`` carries no order).

The consensus label is rebuilt from the consensus values (scores maps, single labels,
multi-select sets, rankings); a ``rationale`` string is added where the rubric's payload has
one. A rubric whose payload has a required part that cannot be rebuilt (free text, spans,
boxes) is refused: ``not supported for rubric X`` (exit 2). Gold records are not votes, nor
are labels that fail the rubric's label schema (:class:`LabelSchemas`).
Memory: the judgements' compared values and the first record's ``item`` of every item.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import orjson

from validate.cli import (
    UsageFailure,
    cli,
    exclude_option,
    label_files,
    project_options,
    read_config,
)
from validate.gc_pause import paused_gc
from validate.lint import readers
from validate.lint.compiled import ProjectError, build_validator, load_project
from validate.lint.model import pointer
from validate.lint.readers import RawRecord
from validate.log_commands import defuse_json, defuse_text
from validate.rubric_schema import LabelSchemaError, compile_label_schema
from validate.rules.dataset.gates import DatasetContext
from validate.rules.dataset.profile import CONSENSUS, Dimension, Profile, ranking_pairs
from validate.stats.aggregate import bradley_terry_many, dawid_skene, majority_vote
from validate.suggest import hinted, unknown_rubric

METHODS = ("auto", "majority", "dawid-skene")
DS_MIN_JUDGEMENTS = 3


class AggregateError(ValueError):
    """The consensus cannot be built (exit 2)."""


@dataclass(slots=True)
class _Item:
    judgements: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    item: Any = None
    """The first record's ``item``, kept as compact JSON bytes: held for every item until the
    consensus is written, parsed objects took several times the memory. The bytes are a
    right-sized copy: ``orjson.dumps`` returns a buffer of at least 4 KiB whatever the length
    (orjson 3.13 sets the size without shrinking it), which made a 300-byte item cost 4 KiB."""

    @classmethod
    def of(cls, payload: Any) -> _Item:
        """An entry keeping ``payload`` (a record's ``item``) compactly."""
        if payload is None:
            return cls()
        try:
            return cls(item=bytes(memoryview(orjson.dumps(payload))))
        except TypeError:  # beyond what orjson writes (an integer wider than 64 bits): as is
            return cls(item=[payload])

    def payload(self) -> Any:
        """The ``item`` as it was read (``None``: the record had none)."""
        if self.item is None:
            return None
        return orjson.loads(self.item) if self.item.__class__ is bytes else self.item[0]


def label_properties(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The rubric's top-level label properties and its required ones."""
    schema = (data.get("label") or {}).get("schema") or {}
    return schema.get("properties") or {}, list(schema.get("required") or [])


def check_supported(rubric: str, data: dict[str, Any], profile: Profile) -> None:
    """:class:`AggregateError` unless every required label part can be rebuilt."""
    _, required = label_properties(data)
    rebuilt = {d.path[0] for d in profile.dimensions if d.kind != "boxes"}
    missing = [p for p in required if p not in rebuilt]
    if missing:
        raise AggregateError(
            f"aggregate is not supported for rubric {rubric!r}: its label needs "
            f"{', '.join(missing)}, which cannot be rebuilt from votes (supported: scores "
            "maps, single labels, multi-select sets, rankings)"
        )


def _value_back(dim: Dimension, value: Any) -> Any:
    """A consensus value as the label holds it: multi-select sets back to a list."""
    if dim.kind == "set":
        if not isinstance(value, str):  # a lone answer where a list belongs (LBL009's)
            return [value]
        chosen = set(value.split("|"))
        return [v for v in (dim.order or ()) if str(v) in chosen] or (
            value.split("|") if value else []
        )
    return value


def aggregate(
    items: dict[tuple[str, str], _Item],
    context: DatasetContext,
    method: str,
) -> Iterator[dict[str, Any]]:
    """Consensus records, sorted by rubric and item id, one at a time (each repeats its
    item's payload: a list of them all would hold every payload parsed at once; ``items``
    from :func:`read_items`,
    which refused any rubric whose label cannot be rebuilt from votes)."""
    by_rubric: dict[str, list[str]] = {}
    for rubric, item in items:
        by_rubric.setdefault(rubric, []).append(item)
    for rubric in sorted(by_rubric):
        profile = context.profiles.get(rubric)
        data = context.rubrics[rubric]
        assert profile is not None
        keys = sorted(by_rubric[rubric])
        use_ds = method == "dawid-skene" or (
            method == "auto"
            and all(len(items[(rubric, k)].judgements) >= DS_MIN_JUDGEMENTS for k in keys)
        )
        # Per dimension: {item: (value, confidence, votes, tied)}
        chosen: list[dict[str, tuple[Any, float, dict[str, int], list[Any]]]] = []
        for index, dim in enumerate(profile.dimensions):
            chosen.append(_consensus(rubric, keys, items, index, dim, use_ds))
        orderings = _prompt_orderings(items, rubric, keys, profile)
        props, _ = label_properties(data)
        version = str(data.get("version", ""))
        for key in keys:
            entry = items[(rubric, key)]
            label: dict[str, Any] = {}
            meta: dict[str, Any] = {"votes": {}, "confidence": {}}
            for dim, result in zip(profile.dimensions, chosen, strict=True):
                if key not in result:
                    continue
                value, confidence, votes, tied = result[key]
                node = label
                for part in dim.path[:-1]:
                    node = node.setdefault(part, {})
                node[dim.path[-1]] = _value_back(dim, value)
                meta["votes"][dim.name] = votes
                meta["confidence"][dim.name] = round(confidence, 4)
                if tied:
                    meta.setdefault("tied", {})[dim.name] = tied
            if not label:
                continue
            n = len(entry.judgements)
            if isinstance(props.get("rationale"), dict):
                how = "dawid-skene" if use_ds else "majority"
                label["rationale"] = f"Consensus of {n} judgements ({how})."
            record: dict[str, Any] = {
                "id": f"consensus-{key}",
                "rubric": rubric,
                **({"rubric_version": version} if version else {}),
                "item_id": key,
                "annotator_id": "consensus",
            }
            payload = entry.payload()
            if payload is not None:
                record["item"] = payload
            record["label"] = label
            record["meta"] = {
                "aggregation": {
                    "method": "dawid-skene" if use_ds else "majority",
                    "judgements": n,
                    "annotators": sorted({a for a, _ in entry.judgements}),
                    **meta,
                }
            }
            prompt = payload.get("prompt_id") if isinstance(payload, dict) else None
            if isinstance(prompt, str) and prompt in orderings:
                record["meta"]["aggregation"]["prompt_ordering"] = orderings[prompt]
            yield record


def _prompt_orderings(
    items: dict[tuple[str, str], _Item], rubric: str, keys: list[str], profile: Profile
) -> dict[str, dict[str, Any]]:
    """Bradley-Terry ordering of each prompt's responses from its pairwise judgements."""
    index = next((i for i, d in enumerate(profile.dimensions) if d.path == ("preference",)), None)
    if index is None:
        return {}
    comparisons: dict[str, list[tuple[str, str, str]]] = {}
    for key in keys:
        entry = items[(rubric, key)]
        payload = entry.payload()
        item = payload if isinstance(payload, dict) else {}
        prompt, responses = item.get("prompt_id"), item.get("responses")
        if not isinstance(prompt, str) or not isinstance(responses, list):
            continue
        ids = {
            r["id"]: r.get("response_id")
            for r in responses
            if isinstance(r, dict) and isinstance(r.get("id"), str)
        }
        a, b = ids.get("a"), ids.get("b")
        if not isinstance(a, str) or not isinstance(b, str):
            continue
        outcomes = {"a": "a", "b": "b", "tie": "tie"}
        for _, values in entry.judgements:
            outcome = outcomes.get(values[index]) if values[index].__class__ is str else None
            if outcome is not None:
                comparisons.setdefault(prompt, []).append((a, b, outcome))
    result: dict[str, dict[str, Any]] = {}
    fits = bradley_terry_many(comparisons.values(), prior=0.1)
    for (prompt, rows), fit in zip(comparisons.items(), fits, strict=True):
        result[prompt] = {
            "ordering": list(fit.ordering),
            "scores": {str(k): round(v, 4) for k, v in fit.scores.items()},
            "comparisons": len(rows),
        }
    return result


def _consensus(
    rubric: str,
    keys: list[str],
    items: dict[tuple[str, str], _Item],
    index: int,
    dim: Dimension,
    use_ds: bool,
) -> dict[str, tuple[Any, float, dict[str, int], list[Any]]]:
    result: dict[str, tuple[Any, float, dict[str, int], list[Any]]] = {}
    if dim.kind == "boxes":
        return result
    if dim.kind == "ranking":
        ranked: list[tuple[str, Counter[str]]] = []

        def problems() -> Iterator[list[tuple[str, str, str]]]:
            """Each ranked item's pairwise orders, made as the fit reads them: a list of
            every item's would be held whole."""
            for key in keys:
                comparisons = []
                votes: Counter[str] = Counter()
                for _, values in items[(rubric, key)].judgements:
                    ranking = values[index]
                    if ranking is None:
                        continue
                    votes[">".join(ranking)] += 1
                    comparisons += [
                        (a, b, "a" if above else "b") for a, b, above in ranking_pairs(ranking)
                    ]
                if comparisons:
                    ranked.append((key, votes))
                    yield comparisons

        fits = bradley_terry_many(problems(), prior=0.1)  # all items at once
        for (key, votes), bt in zip(ranked, fits, strict=True):
            ordering = tuple(bt.ordering)
            agree = sum(1 for r in votes for _ in range(votes[r]) if r == ">".join(ordering))
            total = sum(votes.values())
            result[key] = (ordering, agree / total if total else 0.0, dict(votes), [])
        return result
    counts = {
        key: Counter(v[index] for _, v in items[(rubric, key)].judgements if v[index] is not None)
        for key in keys
    }
    counts = {k: c for k, c in counts.items() if c}
    order = list(dim.order) if dim.order else None
    if order is not None and any(v not in order for c in counts.values() for v in c):
        order = None
    mv = majority_vote(counts, value_order=order)
    posteriors: dict[str, tuple[Any, float]] = {}
    if use_ds and counts:
        rows = [
            (a, key, v[index])
            for key in counts
            for a, v in items[(rubric, key)].judgements
            if v[index] is not None
        ]
        ds = dawid_skene(rows)
        for row_index, key in enumerate(ds.items):
            post = ds.posteriors[row_index]
            best = int(post.argmax())
            posteriors[key] = (ds.classes[best], float(post[best]))
    for key, c in counts.items():
        vote = mv[key]
        votes = {str(v): n for v, n in sorted(c.items(), key=lambda vn: -vn[1])}
        value, confidence = posteriors.get(key, (vote.label, vote.share))
        result[key] = (value, confidence, votes, list(vote.tied))
    return result


class LabelSchemas:
    """Whether a label satisfies its rubric's label schema, so that only valid labels vote.

    A label the linter rejects (LBL009: a lone string where the rubric wants a list, a score
    off the scale) would otherwise be coerced into a vote, and the consensus built from it
    fail the same schema. The schema is the rubric's, unrelaxed: the score-range check that
    LKT001 takes over from it when linting applies here too. Compiled on first use.
    """

    def __init__(self, rubrics: Mapping[str, Any]) -> None:
        self._rubrics = rubrics
        self._validators: dict[str, Any] = {}

    def problem(self, rubric: str, label: Any) -> str | None:
        """Why ``label`` cannot vote for ``rubric`` (its first schema error), else ``None``."""
        validator = self._validators.get(rubric)
        if validator is None:
            validator = self._validators[rubric] = self._compile(rubric)
        if validator.is_valid(label):
            return None
        error = next(iter(validator.iter_errors(label)))
        where = pointer(*error.instance_path) or "/"
        return f"label that fails the label schema of rubric {rubric!r} (first at {where})"

    def _compile(self, rubric: str) -> Any:
        try:
            return build_validator(compile_label_schema(self._rubrics[rubric]))
        except (LabelSchemaError, ValueError, KeyError, TypeError) as exc:
            raise AggregateError(
                f"rubric {rubric!r}: its label schema does not compile ({exc}); "
                "run 'rubricate check'"
            ) from None


def read_items(
    files: list[str],
    context: DatasetContext,
    skipped: Counter[tuple[str, str]] | None = None,
    schemas: LabelSchemas | None = None,
) -> dict[tuple[str, str], _Item]:
    """Judgements (not gold) per ``(rubric, item_id)``.

    Records that cannot be judgements are counted in ``skipped`` by ``(reason, first place)``
    so the command can say what it left out instead of dropping it silently. With
    ``schemas``, a label that fails its rubric's schema is one of them.
    """
    items: dict[tuple[str, str], _Item] = {}
    first: dict[str, str] = {}
    shared = _sharing()
    usable: set[str] = set()  # rubrics checked supported, at their first record

    def skip(reason: str, path: str, line: int) -> None:
        if skipped is not None:
            place = first.setdefault(reason, f"{path}:{line}")
            skipped[(reason, place)] += 1

    for path in files:
        for raw in readers.iter_records(path):
            if raw.__class__ is not RawRecord:
                skip(f"unreadable record ({raw.message})", path, raw.line)  # type: ignore[union-attr]
                continue
            record = raw.data  # type: ignore[union-attr]
            obs = context.observe(record)
            if obs is None:
                if record.get("annotator_id") == CONSENSUS:
                    continue  # an earlier consensus label, not a judgement
                name = record.get("rubric", context.default_rubric)
                why = (
                    f"unknown rubric {hinted(name, context.rubrics)}"
                    if name not in context.rubrics
                    else "label that is not an object"
                )
                skip(why, path, raw.line)  # type: ignore[union-attr]
                continue
            if obs.rubric not in usable:  # refuse at once, not after reading everything
                profile = context.profiles.get(obs.rubric)
                assert profile is not None  # observed, so known
                try:
                    check_supported(obs.rubric, context.rubrics[obs.rubric], profile)
                except AggregateError as exc:
                    raise AggregateError(f"{path}:{raw.line}: {exc}") from None  # type: ignore[union-attr]
                usable.add(obs.rubric)
            if obs.gold:
                continue  # references, not votes
            if obs.item is None:
                skip("record without item_id", path, raw.line)  # type: ignore[union-attr]
                continue
            invalid = schemas.problem(obs.rubric, record.get("label")) if schemas else None
            if invalid is not None:
                skip(invalid, path, raw.line)  # type: ignore[union-attr]
                continue
            entry = items.get((obs.rubric, obs.item))
            if entry is None:
                entry = items[(obs.rubric, obs.item)] = _Item.of(record.get("item"))
            # a record without annotator_id is an annotator of its own, named by its place
            # (the line alone would merge records of several files into one annotator)
            annotator = obs.annotator if obs.annotator is not None else f"@{path}:{raw.line}"  # type: ignore[union-attr]
            entry.judgements.append((shared(annotator), tuple(map(shared, obs.values))))
    return items


def _sharing() -> Callable[[Any], Any]:
    """A function that returns one object for equal ids and rankings: each parsed record
    brings its own copy of ``"ann-03"`` and of ``("a", "c", "b")``, and every judgement is
    held until the end. Only strings and tuples of strings are shared: ``1``, ``1.0`` and
    ``True`` are equal keys, but not the same answer."""
    seen: dict[Any, Any] = {}

    def shared(value: Any) -> Any:
        if value.__class__ is str or (
            value.__class__ is tuple and all(v.__class__ is str for v in value)
        ):
            return seen.setdefault(value, value)
        return value

    return shared


AGGREGATE_EPILOG = """\b
Exit status: 0 consensus written; 1 written, but records that cannot vote were skipped (listed
on standard error); 2 usage, configuration or rubric-source error, or an unsupported rubric.
"""


@cli.command("aggregate", epilog=AGGREGATE_EPILOG)
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the consensus JSONL here (default: stdout).",
)
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="majority, dawid-skene, or auto (Dawid-Skene when every item has >= 3).",
)
@click.option("--rubric", help="Rubric id for records without a 'rubric' field.")
@project_options("use")
@exclude_option
def aggregate_command(
    files: Sequence[str],
    output: Path | None,
    method: str,
    rubric: str | None,
    root: Path,
    config_path: Path | None,
    exclude: tuple[str, ...],
) -> None:
    """Write one consensus label per item of label FILES (or directories of them) as JSONL
    records (id consensus-<item_id>, annotator_id "consensus", meta.aggregation)."""
    from validate.lint_cli import emit_report

    config = read_config(root if root.is_dir() else Path.cwd(), config_path)
    files = label_files(files, exclude, config)
    for path in files:
        if path != "-" and not os.path.isfile(path):
            raise UsageFailure(f"{path}: no such file")
    try:
        spec = load_project(root)
    except ProjectError as exc:
        raise UsageFailure(str(exc)) from None
    default = rubric or config.get("rubric")
    if default is not None and default not in spec.rubrics:
        raise UsageFailure(unknown_rubric(default, spec.rubrics, option="--rubric"))
    context = DatasetContext(rubrics=spec.rubric_data(), default_rubric=default)
    skipped: Counter[tuple[str, str]] = Counter()
    written = 0

    def lines() -> Iterator[str]:
        nonlocal written
        for record in aggregate(items, context, method):
            written += 1
            yield orjson.dumps(record).decode() + "\n"

    with paused_gc():  # every judgement lives until the end: see validate.gc_pause
        try:
            items = read_items(files, context, skipped, LabelSchemas(context.rubrics))
        except AggregateError as exc:
            raise UsageFailure(str(exc)) from None
        for (reason, place), count in sorted(skipped.items()):
            more = f" ({count} records)" if count > 1 else ""
            click.echo(
                defuse_text(f"{place}:1: skipped: {reason}{more}; run 'rubricate lint'"), err=True
            )
        emit_report(map(defuse_json, lines()), output)  # see validate.log_commands
    if output is not None:
        click.echo(f"rubricate: wrote {written} consensus records to {output}", err=True)
    sys.exit(1 if skipped else 0)
