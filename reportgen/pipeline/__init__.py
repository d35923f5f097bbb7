"""The orchestrator: the one package that calls several stages (read → content → model →
render → publish). `reportgen check` runs check.py; `reportgen build` runs build.py
(`BuildSettings` in, the output folder and a `BuildResult` out). incremental.py decides
what must be rendered again, parallel.py renders in worker processes, staging.py moves
every new file into place only when all succeeded, finish.py and compilation_build.py
make the outputs that span documents, progress.py draws the bar.
"""
