"""Turn a plan (or nothing) into the files a user starts from.

init_project.py: a new city's folder (`reportgen init`); new_year.py: a year
from the one before (`reportgen new-year`); skeleton.py: a unit's commented
file to fill (`reportgen new`). Each writes only new files and never
overwrites one a user wrote.
"""
