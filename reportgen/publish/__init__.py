"""Turn a checked year and its indicator results into the files around the reports:
the overview page (overview.py), indicators.csv/json (indicator_files.py), and the
manifest that `reportgen verify` checks outputs against (manifest.py)."""
