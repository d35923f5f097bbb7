"""Plain frozen data between the stages, and the decisions made on it.

In: checked data (`reportgen.read`). Out: data.py (the plan, the reports, the
units), indicators.py (each indicator's city figure, target and status) and
document.py (the layout-free Document: every word, number, date and title break
that a writer draws). measure.py estimates text widths for all stages.
"""
