"""`reportgen import`: a unit's Word (or WPS, or plain-text) report → its YAML data file.

sources.py reads a file (docx_reader.py for .docx, convert.py's hardened LibreOffice for
.doc/.wps/.odt, plain text) into paragraphs (paragraphs.py); text.py holds the text norms
and numbering marks; edges.py reads the title, date, 附注 and signature, structure.py the
report's parts, tables.py keeps tables as comments and indicator hints; areas.py guesses
plan areas, tasks and indicator values; yaml_out.py writes the commented file; audit.py
accounts for every source paragraph in it; command.py runs a batch.
"""
