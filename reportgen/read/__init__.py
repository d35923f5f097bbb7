"""Turn a data folder and a year into checked data.

In: `data/plan.yaml`, `data/<year>/_report.yaml`, the unit files and last year's.
Out: a `CheckResult` (project.py) with every diagnostic (file:line:col, code,
Chinese message) and, when there is no error, a `reportgen.model.data.YearData`.
Stages: loader.py (safe YAML and a table of places) → schema.py (Cerberus schemas
built from the plan) → validate.py (schema errors in Chinese) → checks.py (rules
across values and files) → to_model.py (frozen data); texts.py gives the passages of
a file. Every message text is in reportgen/messages.py. check_cache.py keeps each unit
file's own results in the cache folder, so that an unchanged file is neither parsed nor
validated again (issue 22). The content rules (reportgen/content/) are handed in by
reportgen/pipeline/check.py: reading never imports a stage above it.
"""
