"""`reportgen batch`: every client's documents in one command, with progress.

On a terminal a rich progress bar (done / total, failures so far, elapsed, remaining,
the application being rendered) with problems printed above it as they happen; in a
log (CI, a pipe) one plain line per application.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import (
    DRAFT_HELP,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    NO_PDF_HELP,
    fonts_option,
    lang_option,
    out_dir_option,
    policies,
    policy_option,
    template_dir_option,
)

if TYPE_CHECKING:
    from reportgen.batch import Progress

_MARKS = {"ok": "✓", "warnings": "!", "skipped": "=", "errors": "✗", "failed": "✗"}


@click.command(
    cls=Command,
    short_help=words("help.batch.short"),
    help=words("help.batch"),
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(exists=True))
@out_dir_option(words("help.batch.output"), required=True)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help=words("help.batch.jobs"),
)
@click.option("--no-pdf", is_flag=True, help=NO_PDF_HELP)
@click.option("--draft", is_flag=True, help=DRAFT_HELP)
@click.option(
    "--force",
    is_flag=True,
    help=words("help.batch.force"),
)
@template_dir_option
@fonts_option
@policy_option
@lang_option
def batch(
    paths: tuple[str, ...],
    out_dir: str,
    jobs: int | None,
    no_pdf: bool,
    draft: bool,
    force: bool,
    template_dir: str | None,
    fonts: Path | None,
    policy: tuple[str, ...],
    lang: str,
) -> None:

    from reportgen.batch import BatchInterrupted, build_batch
    from reportgen.messages import text

    known = policies(policy)  # before the display starts: a bad file is one clear line
    display = ProgressBar(lang) if sys.stdout.isatty() else ProgressLines(lang)
    try:
        with display:
            summary = build_batch(
                paths,
                out_dir,
                jobs=jobs,
                pdf=not no_pdf,
                draft=draft,
                force=force,
                template_dir=Path(template_dir) if template_dir else None,
                fonts=fonts,
                lang=lang,
                policies=known,
                on_progress=display.update,
            )
    except BatchInterrupted as stop:
        done = len(stop.summary.rows)
        click.echo(text("batch.interrupted", lang, done=done), err=True)
        sys.exit(EXIT_INTERRUPTED)
    for source, reason in summary.ignored:
        click.echo(text("batch.ignored", lang, file=source, reason=reason), err=True)
    if not summary.rows:  # a mistyped folder, most likely: say so rather than "0 done"
        click.echo(text("batch.nothing_found", lang, paths=" ".join(paths)), err=True)
        sys.exit(EXIT_INPUT)
    totals = summary.totals
    click.echo(text("batch.totals", lang, **totals))
    click.echo(text("batch.summary", lang, path=Path(out_dir) / "summary.md"))
    sys.exit(summary.exit_code)


class ProgressLines:
    """One line per finished application: for logs, where a bar would be noise."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __enter__(self) -> ProgressLines:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, progress: Progress) -> None:
        row = progress.row
        if row is None:
            return
        width = len(str(progress.total))
        line = f"[{progress.done:>{width}}/{progress.total}] {_MARKS[row.status]} "
        line += f"{row.status:<8} {row.name}"
        if row.problems:
            line += f"  ({row.problems[0]}" + (" …)" if len(row.problems) > 1 else ")")
        click.echo(line)


class ProgressBar:
    """rich's progress bar on standard error; problems printed above it as they come."""

    def __init__(self, lang: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.table import Column

        self.lang = lang
        from reportgen.messages import text

        # rich fills in the count: the message's placeholder is given rich's own
        failed = text("batch.progress_problems", lang, count="{task.fields[failed]}")
        name = Column(no_wrap=True, overflow="ellipsis", ratio=1)  # the rest of the line
        self.bar = Progress(
            SpinnerColumn(),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn(failed, markup=False),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", markup=False, table_column=name),  # user text
            console=Console(stderr=True),
            expand=True,
        )
        self.task: Any = None

    def __enter__(self) -> ProgressBar:
        self.bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.bar.stop()

    def update(self, progress: Progress) -> None:
        from rich.text import Text

        if self.task is None:
            self.task = self.bar.add_task("batch", total=progress.total, failed=0, current="")
        fields: dict[str, Any] = {"failed": progress.failed}
        if progress.current:
            fields["current"] = progress.current
        self.bar.update(self.task, total=progress.total, completed=progress.done, **fields)
        row = progress.row
        if row is not None and row.status in ("errors", "failed"):
            text = Text(f"{_MARKS[row.status]} {row.status} {row.name}", style="red")
            for problem in row.problems[:3]:
                text.append(f"\n    {problem}", style="default")
            self.bar.console.print(text)


COMMANDS = [batch]
