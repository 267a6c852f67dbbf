"""Answers that come as the work goes (a render's steps, a batch's rows): JSON lines.

The work runs in a thread and puts its lines on a queue, the result last; the answer
sends each line as it comes. When the server is asked to stop (Ctrl-C) while one is
open, the answer ends with a line saying so rather than holding the server up until
uvicorn cancels it (which it reports with a traceback); the work itself goes on in its
thread to its end, so its files stay whole.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

POLL = 0.5  # seconds between looks at whether the server is stopping


def line(said: dict[str, Any]) -> str:
    return json.dumps(said, ensure_ascii=False) + "\n"


async def as_lines(
    said: asyncio.Queue[dict[str, Any]],
    running: asyncio.Task[None],
    stopping: Callable[[], bool],
    stopped: str,
) -> AsyncIterator[str]:
    """Each line of `said` as it comes, through the one with "result"; `stopped` as the
    result's error when the server stops first."""
    while True:
        try:
            next_line = await asyncio.wait_for(said.get(), POLL)
        except TimeoutError:
            if stopping():
                yield line({"result": {"error": stopped}})
                return
            continue
        yield line(next_line)
        if "result" in next_line:
            break
    await running
