"""Run `reportgen build`: check → model → documents → writers, writing only what changed.

In: `BuildSettings` (pipeline.py). Out: the files in the output folder, and a
`BuildResult` to report. incremental.py decides what must be rendered again,
parallel.py renders in worker processes, staging.py moves every new file into
place only when all succeeded, progress.py draws the bar and timing.py adds up the
time of each stage (`--timings`).
"""
