"""`reportgen import`: a unit's Word (or WPS, or plain-text) report → its YAML data file.

sources.py reads a file (docx_reader.py for .docx, LibreOffice for .doc/.wps/.odt, plain
text) into paragraphs (paragraphs.py); text.py holds the text norms and numbering marks;
structure.py recognises the report's parts; areas.py guesses plan areas, tasks and
indicator values; yaml_out.py writes the commented file; command.py runs a batch.
"""
