"""The PDF writer: lines broken on the GB/T 9704 grid here (lines.py), pages laid out by
WeasyPrint (writer.py, weasy.py), long documents in parts joined by pikepdf (parts.py),
and the fonts: which files (fonts.py), cached derived faces (font_cache.py, font_builder.py)
and the per-document face table (faces.py)."""
