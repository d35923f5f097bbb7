"""Turn a checked year, its indicator results and the rendered reports into the files
around the reports, and check them before they go out:

- overview.py (with item_catalog.py): the secretariat's overview page, index.html;
- indicator_files.py: indicators.csv and indicators.json;
- compilation.py, compilation_join.py, compilation_docx.py: the 汇编 of every unit's
  report, as PDF (front matter laid out, units' PDFs joined) and as DOCX;
- manifest.py: manifest.json, every input and output with its SHA-256;
- verify.py: `reportgen verify`, the outputs checked against the manifest and the data.

The build calls them from its finish step (reportgen/pipeline/finish.py).
"""
