"""The HTML report: one self-contained page, inline SVG charts, print CSS, no network.

Every string that comes from data (annotator ids, labels, item ids, messages) goes through
Jinja2's autoescape or :func:`markupsafe.escape` before it reaches the page; the SVG
helpers build markup with escaped text only.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from validate.report.collect import MAX_ANNOTATOR_ROWS, ReportData

FLAG_NAMES = {
    "DST002": "gold",
    "DST003": "straight-lining",
    "DST004": "fast",
    "DST005": "self-contradiction",
    "DST006": "distribution",
}


def _num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def bar_chart(
    rows: list[tuple[str, float]],
    *,
    unit: str = "",
    width: int = 560,
    maximum: float | None = None,
    mark: float | None = None,
    label_width: int = 150,
    fmt: str = "{:.0f}",
) -> Markup:
    """Horizontal bars: one ``(label, value)`` per row; optional vertical ``mark`` line."""
    if not rows:
        return Markup("<p class='muted'>No data.</p>")
    row_h = 18
    top = max(maximum if maximum is not None else 0.0, *(v for _, v in rows)) or 1.0
    plot = width - label_width - 60
    height = row_h * len(rows) + 6
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value) in enumerate(rows):
        y = i * row_h + 3
        w = max(0.0, value) / top * plot
        text = escape(label if len(label) <= 22 else label[:21] + "…")
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end" class="lbl">{text}'
            f"<title>{escape(label)}</title></text>"
            f'<rect x="{label_width}" y="{y + 2}" width="{w:.1f}" height="{row_h - 5}" '
            f'class="bar"/>'
            f'<text x="{label_width + w + 4:.1f}" y="{y + 12}" class="val">'
            f"{escape(fmt.format(value))}{escape(unit)}</text>"
        )
    if mark is not None:
        x = label_width + mark / top * plot
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" class="gate"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def ci_chart(rows: list[dict[str, Any]], *, width: int = 760) -> Markup:
    """Agreement per dimension: a dot at the value, whiskers for the 95 % CI, the gate as a
    dashed line. The axis spans [min(0, lowest), 1]."""
    shown = [r for r in rows if r["alpha"] is not None]
    if not shown:
        return Markup("<p class='muted'>Agreement undefined (no overlapping items).</p>")
    label_w, row_h = 150, 24
    lows = [r["alpha_ci95"][0] for r in shown if r["alpha_ci95"]] + [r["alpha"] for r in shown]
    lo = min(0.0, min(lows))
    plot = width - label_w - 20

    def x(v: float) -> float:
        return label_w + (v - lo) / (1.0 - lo) * plot

    height = row_h * len(shown) + 22
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in (lo, 0.0, 0.5, 0.667, 0.8, 1.0):
        if tick < lo:
            continue
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="0" x2="{x(tick):.1f}" y2="{height - 16}" class="grid"/>'
            f'<text x="{x(tick):.1f}" y="{height - 4}" text-anchor="middle" class="tick">'
            f"{tick:.2f}</text>"
        )
    for i, r in enumerate(shown):
        y = i * row_h + 12
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 4}" text-anchor="end" class="lbl">'
            f"{escape(r['dimension'])}</text>"
        )
        if r["alpha_ci95"]:
            a, b = r["alpha_ci95"]
            parts.append(
                f'<line x1="{x(a):.1f}" y1="{y}" x2="{x(b):.1f}" y2="{y}" class="whisker"/>'
                f'<line x1="{x(a):.1f}" y1="{y - 5}" x2="{x(a):.1f}" y2="{y + 5}" class="whisker"/>'
                f'<line x1="{x(b):.1f}" y1="{y - 5}" x2="{x(b):.1f}" y2="{y + 5}" class="whisker"/>'
            )
        if r["minimum"] is not None and r["metric"] == "krippendorff_alpha":
            g = x(r["minimum"])
            parts.append(
                f'<line x1="{g:.1f}" y1="{y - 9}" x2="{g:.1f}" y2="{y + 9}" class="gate"/>'
            )
        ok = r["passed"] is not False
        parts.append(
            f'<circle cx="{x(r["alpha"]):.1f}" cy="{y}" r="4.5" '
            f'class="{"dot" if ok else "dot bad"}">'
            f"<title>alpha {r['alpha']:.3f}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def heat(count: int, row_total: int, diagonal: bool) -> str:
    """Inline style of a confusion-matrix cell: shade by the row share."""
    share = count / row_total if row_total else 0.0
    hue = "34, 139, 34" if diagonal else "200, 40, 40"
    return f"background: rgba({hue}, {0.08 + 0.7 * share:.2f})" if count else ""


MAX_FINDINGS = 40
"""Findings listed one by one in the HTML (errors first); the JSON has them all."""


def finding_counts(findings: list[dict[str, Any]]) -> list[tuple[str, str, str, int]]:
    """``(code, name, severity, count)`` per rule, in code order."""
    counts: dict[str, list[Any]] = {}
    for f in findings:
        entry = counts.setdefault(f["code"], [f["name"], f["severity"], 0])
        entry[2] += 1
    return [(code, n, sev, c) for code, (n, sev, c) in sorted(counts.items())]


TEMPLATE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rubricate QA report</title>
<style>
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --bad: #c62828; --ok: #2e7d32;
        --bar: #4f6fad; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:
  var(--ink);
       margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px;
  border-bottom: 2px solid var(--line); padding-bottom: 4px; } h3 { font-size: 16px; margin:
  20px 0 6px; }
.muted { color: var(--muted); } .bad { color: var(--bad); font-weight: 600; } .ok { color:
  var(--ok); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; background:
  var(--bg); min-width: 140px; }
.card b { display: block; font-size: 20px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; vertical-align:
  top; }
th { background: var(--bg); font-weight: 600; }
td.id, th.id { text-align: left; max-width: 420px; overflow-wrap: anywhere; }
/* ids wrap only when longer than the column (a UUID, an e-mail address): with nowrap
   they ran over the next cells */
table.annotators td.id:first-child { font-family: ui-monospace, monospace; font-size: 12.5px; }
.flag { display: inline-block; border-radius: 3px; padding: 0 5px; margin: 1px; font-size: 12px;
        background: #fde7e7; color: var(--bad); border: 1px solid #f3b4b4; white-space: nowrap; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 8px
  24px; }
svg.chart { max-width: 100%; height: auto; font-size: 11px; }
svg .lbl, svg .val, svg .tick { fill: var(--ink); } svg .tick { fill: var(--muted); }
svg .bar { fill: var(--bar); } svg .gate { stroke: var(--bad); stroke-width: 1.5;
  stroke-dasharray: 4 3; }
svg .grid { stroke: #eaeef2; } svg .whisker { stroke: var(--ink); stroke-width: 1.5; }
svg .dot { fill: var(--ok); } svg .dot.bad { fill: var(--bad); }
.findings li { margin: 2px 0; } code { font-size: 12px; }
.confusion td { min-width: 48px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5px; }
  h2 { break-before: auto; break-after: avoid; } h3 { break-after: avoid; }
  table, svg, .card { break-inside: avoid; } tr { break-inside: avoid; }
  .grid2 { display: block; }
  .flag, th, .card, td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .noprint { display: none; }
}
</style></head><body>
<h1>Dataset QA report</h1>
<p class="muted">Rubricate {{ version }} · {{ data.records }} records in {{ data.files|length
  }} file(s):
{% for f in data.files %}<code>{{ f }}</code>{% if not loop.last %}, {% endif %}{% endfor %}</p>
<div class="cards">

<div class="card">Gates<b class="{{ 'bad' if data.gates_failed else 'ok' }}">{{ 'failed' if
  data.gates_failed else 'passed' }}</b></div>
  <div class="card">Findings<b>{{ data.findings|length }}</b></div>
  <div class="card">Rubrics<b>{{ data.rubrics|length }}</b></div>
</div>
{% for r in data.rubrics %}
<h2>Rubric <code>{{ r.id }}</code></h2>
<div class="cards">
  <div class="card">Records<b>{{ r.records }}</b></div>
  <div class="card">Annotators<b>{{ r.annotators_count }}</b></div>

<div class="card">Gold accuracy<b class="{{ 'bad' if r.gold.minimum is not none and
  r.gold.accuracy is not none and r.gold.accuracy < r.gold.minimum else '' }}">{{
  num(r.gold.accuracy) }}</b>

<span class="muted">{{ r.gold.correct }}/{{ r.gold.total }} on {{ r.gold['items'] }} gold
  items</span></div>
  <div class="card">Self-contradictions<b>{{ r.self_contradictions }}</b></div>
  {% if r.get('ocr') %}
<div class="card">OCR mean CER / WER<b>{{ num(r.ocr.mean_cer, 3) }} / {{ num(r.ocr.mean_wer, 3)
  }}</b>
    <span class="muted">{{ r.ocr.records }} records</span></div>{% endif %}
</div>
<h3>Agreement</h3>
{% if r.agreement %}
<table><tr><th class="id">dimension</th><th>gate metric</th><th>value</th><th>gate</th>
<th>Krippendorff's α</th><th>95% CI (bootstrap)</th><th>items</th><th>judgements</th></tr>
{% for a in r.agreement %}<tr><td class="id">{{ a.dimension }}</td><td>{{ a.metric }}
{% if a.metric == 'krippendorff_alpha' %} ({{ a.level }}){% endif %}</td>
<td class="{{ 'bad' if a.passed is false else '' }}">{{ num(a.value, 3) }}</td>
<td>{{ '–' if a.minimum is none else a.minimum }}</td>
<td>{{ num(a.alpha, 3) }}</td><td>
{% if a.alpha_ci95 %}{{ num(a.alpha_ci95[0], 3) }} – {{ num(a.alpha_ci95[1], 3) }}{% else %}–
{% endif %}</td>
<td>{{ a['items'] }}</td><td>{{ a.judgements }}</td></tr>{% endfor %}</table>
{{ ci_chart(r.agreement) }}
<p class="muted">Dots: α (red when the gate fails); whiskers: 95% bootstrap CI over items;
  dashed: the gate.</p>
{% else %}<p class="muted">No items judged more than once.</p>{% endif %}
<h3>Annotators</h3>
{% set rows = r.annotators[:max_rows] %}
{% if r.annotators|length > max_rows %}
<p class="muted">Showing the {{ max_rows }} worst of {{ r.annotators|length }} annotators
(sorted by number of flags, then gold accuracy, then agreement with the consensus). Every
  annotator is in the JSON report (<code>--format json</code>).</p>
{% endif %}
{% set timed = r.annotators|selectattr('median_s')|list %}
<table class="annotators"><tr><th class="id">annotator</th><th>records</th>
<th>gold accuracy</th><th>agreement with consensus</th>{% if timed %}<th>median s</th>
{% endif %}<th class="id">flags</th></tr>
{% for a in rows %}<tr><td class="id">{{ a.id }}</td><td>{{ a.records }}</td>
<td class="{{ 'bad' if 'DST002' in a.flags else '' }}">{{ num(a.gold_accuracy) }}
{% if a.gold_total %} <span class="muted">({{ a.gold_correct }}/{{ a.gold_total }})</span>
{% endif %}</td>
<td>{{ num(a.consensus_agreement) }}{% if a.consensus_total %}
<span class="muted">({{ a.consensus_agree }}/{{ a.consensus_total }})</span>{% endif %}</td>
{% if timed %}<td>{{ num(a.median_s, 1) }}</td>{% endif %}
<td class="id">{% for f in a.flags %}
<span class="flag" title="{{ f }}">{{ flag_names.get(f, f) }}</span>{% endfor %}</td></tr>
{% endfor %}
</table>
{% set acc = gold_rows(rows) %}{% if acc %}
<p class="muted">Gold accuracy of the annotators in the table, in table order (dashed: the
  gate)</p>
{{ bar_chart(acc, maximum=1.0, mark=r.gold.minimum, fmt='{:.2f}', width=760, label_width=200) }}
{% endif %}
{% if r.distributions %}<h3>Label distributions</h3>
<div class="grid2">
{% for dim, values in r.distributions.items() %}<div>
<p><b>{{ dim }}</b></p>{{ bar_chart(dist_rows(values)) }}</div>{% endfor %}
</div>{% endif %}
{% if r.gold.confusion %}<h3>Confusion against gold</h3>
{% for dim, c in r.gold.confusion.items() %}
<p><b>{{ dim }}</b> <span class="muted">rows: gold; columns: given</span></p>
<table class="confusion"><tr><th class="id">gold \ given</th>{% for g in c.given %}
<th>{{ g }}</th>{% endfor %}<th>total</th></tr>
{% for row in c.matrix %}{% set gold = c.gold[loop.index0] %}{% set total = row|sum %}<tr>
<th class="id">{{ gold }}</th>
{% for n in row %}<td style="{{ heat(n, total, c.given[loop.index0] == gold) }}">{{ n }}</td>
{% endfor %}<td>{{ total }}</td></tr>{% endfor %}
</table>{% endfor %}{% endif %}
{% endfor %}
<h2>Findings</h2>
{% if data.findings %}
<table><tr><th class="id">rule</th><th class="id">name</th><th>severity</th><th>findings</th></tr>
{% for code, name, severity, n in finding_counts(data.findings) %}<tr>
<td class="id"><b>{{ code }}</b></td><td class="id">{{ name }}</td>
<td class="{{ 'bad' if severity == 'error' else '' }}">{{ severity }}</td><td>{{ n }}</td></tr>
{% endfor %}</table>
{% set shown = worst_findings(data.findings) %}
<p class="muted">The first {{ shown|length }} of {{ data.findings|length }} findings, errors first
{% if data.findings|length > shown|length %}; all of them in the JSON report, and as
  <code>rubricate lint</code> findings
{% endif %}.</p>
<ul class="findings">{% for f in shown %}
<li><code>{{ f.file }}:{{ f.line }}</code> <b>{{ f.code }}</b> {{ f.message }}</li>
{% endfor %}</ul>
{% else %}<p>No findings: every gate passed.</p>{% endif %}
</body></html>
"""


def render_html(data: ReportData) -> str:
    """The report as one HTML page."""
    from validate import __version__

    env = Environment(autoescape=True, undefined=StrictUndefined)
    template = env.from_string(TEMPLATE)
    return template.render(
        data=data,
        version=__version__,
        max_rows=MAX_ANNOTATOR_ROWS,
        num=_num,
        ci_chart=ci_chart,
        bar_chart=bar_chart,
        heat=heat,
        finding_counts=finding_counts,
        worst_findings=lambda findings: sorted(
            findings, key=lambda f: (f["severity"] != "error", f["file"], f["line"])
        )[:MAX_FINDINGS],
        flag_names=FLAG_NAMES,
        gold_rows=lambda rows: [
            (str(a["id"]), a["gold_accuracy"]) for a in rows if a["gold_accuracy"] is not None
        ],
        dist_rows=lambda values: [(str(v["value"]), float(v["count"])) for v in values],
    )
