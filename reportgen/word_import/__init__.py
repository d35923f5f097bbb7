"""`reportgen import`: a unit's Word (or WPS, or plain-text) report → its YAML data file.

sources.py reads files into paragraphs, structure.py recognises the report's parts,
areas.py guesses plan areas, tasks and indicator values, yaml_out.py writes the commented
file, command.py runs a batch.
"""
