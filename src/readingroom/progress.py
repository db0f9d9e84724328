"""Showing how far a long import has come, on a terminal only.

A million-work guide takes minutes to import; on a terminal a progress bar
(rich) shows each stage as it goes. When the output is piped or redirected,
nothing extra is printed, so scripts and logs see only the result lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

_STAGES = {"checking": "checking", "importing": "importing"}


@contextmanager
def import_progress(name: str) -> Iterator[Callable[[str, int, int], None] | None]:
    """A callback for the importer's progress (stage, bytes done, bytes in all), or
    None when standard error is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=Console(stderr=True),
        redirect_stdout=False,
    )
    tasks: dict[str, TaskID] = {}

    def advance(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            description = f"{name}: {_STAGES.get(stage, stage)}"
            tasks[stage] = bar.add_task(description, total=total or None)
        bar.update(tasks[stage], completed=done)

    with bar:
        yield advance
