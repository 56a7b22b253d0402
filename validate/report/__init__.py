"""``rubricate report``: the dataset QA report (agreement, gold accuracy, annotators, charts).

:mod:`validate.report.collect` computes the numbers with the DST accumulators in one pass;
:mod:`validate.report.html` renders them as one self-contained HTML page; the JSON report is
:meth:`~validate.report.collect.ReportData.as_json`.
"""
