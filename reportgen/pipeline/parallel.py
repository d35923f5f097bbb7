"""Render documents in worker processes (`reportgen build --jobs N`).

Each task is one document in one format, written to the staging file the
build gave it. A task's output depends only on the task, never on which
process ran it or what it ran before, so any N gives the same bytes. Tasks
are handed out longest first (the city report before the units) so that two
cores finish at about the same time. Workers are started with “spawn”: a
fresh interpreter, no state inherited from the parent (fork after GLib and
Pango have started threads is unsafe).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import timing
from reportgen.render import WRITERS, WriteOptions

# A worker is replaced after this many documents, so that caches inside WeasyPrint
# and Pango cannot grow for the whole of a thousand-unit build.
TASKS_PER_WORKER = 50


@dataclass(frozen=True)
class Task:
    index: int  # position in the build's list, to put results back in order
    document: object  # a document.Document
    fmt: str
    temp: Path  # the staging file to write
    label: str  # what the progress bar shows
    weight: int = 1  # a rough size, for handing out the longest first


@dataclass
class Done:
    index: int
    pages: int | None
    notes: list = field(default_factory=list)
    stages: dict = field(default_factory=dict)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_task(task: Task, options: WriteOptions) -> Done:
    """Render one task here; its notes and stage times come back with it."""
    # the PDF writer splits its own time into pdf_layout and pdf_write
    with timing.stage("docx") if task.fmt == "docx" else contextlib.nullcontext():
        result = WRITERS[task.fmt].write(task.document, task.temp, options)
    return Done(task.index, result.pages, list(result.notes), timing.take())


def _init_worker() -> None:
    # Ctrl-C reaches the whole process group; only the parent decides what to do
    # (stop the workers and remove the staging files), so workers ignore it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(args: tuple[Task, WriteOptions]) -> Done:
    return run_task(*args)


def run(tasks: list[Task], options: WriteOptions, jobs: int) -> Iterator[tuple[Task, Done]]:
    """Render every task, yielding each as it is done (in any order). With one job, or
    one task, everything runs in this process: no start-up cost, same bytes."""
    order = sorted(tasks, key=lambda t: (-t.weight, t.index))
    if jobs <= 1 or len(order) <= 1:
        for task in order:
            done = run_task(task, options)
            timing.add(done.stages)
            yield task, done
        return
    by_index = {t.index: t for t in order}
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(min(jobs, len(order)), initializer=_init_worker, maxtasksperchild=TASKS_PER_WORKER)
    try:
        for done in pool.imap_unordered(_work, [(t, options) for t in order], chunksize=1):
            timing.add(done.stages)
            yield by_index[done.index], done
        pool.close()
    except BaseException:
        pool.terminate()  # stop at once: an error or Ctrl-C ends the build
        raise
    finally:
        pool.join()
