"""Plain frozen data between the stages, and the decisions made on it.

In: data that reading (`reportgen.read`) has checked. Out: data.py (the plan, the reports, the
units), indicators.py (each indicator's city figure, target and status) and
document.py (the layout-free Document: every word, number, date and title break
that a writer draws), composition.py (the city report's groups: every unit item, or
those chosen) and naming.py. measure.py estimates text widths for all stages.
"""
