"""`reportgen serve`: the workspace in a browser (reportgen.web)."""

from __future__ import annotations

import click

from reportgen.cli.i18n import Command, words
from reportgen.cli.options import lang_option


@click.command(cls=Command, short_help=words("help.serve.short"), help=words("help.serve"))
@click.argument(
    "directory", default=".", metavar="[DIR]", type=click.Path(file_okay=False, path_type=str)
)
@click.option("--host", default="127.0.0.1", show_default=True, help=words("help.serve.host"))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help=words("help.serve.port"))  # fmt: skip
@click.option("--token", help=words("help.serve.token"))
@click.option("--open", "open_browser", is_flag=True, help=words("help.serve.open"))
@click.option("--no-pdf", is_flag=True, help=words("help.serve.no_pdf"))
@lang_option
def serve(
    directory: str,
    host: str,
    port: int,
    token: str | None,
    open_browser: bool,
    no_pdf: bool,
    lang: str,
) -> None:
    from pathlib import Path

    from reportgen.messages import text
    from reportgen.web import serve as run
    from reportgen.web.accounts import Accounts

    def ready(address: str) -> None:
        click.echo(text("serve.ready", lang, url=address, folder=directory), err=False)
        if listed := Accounts(Path(directory)).listed():
            click.echo(text("serve.sign_in", lang, count=len(listed)))
        if open_browser:
            import webbrowser

            webbrowser.open(address)

    root = Path(directory)
    run(root, host=host, port=port, token=token, pdf=not no_pdf, on_ready=ready, lang=lang)
    click.echo(text("serve.stopped", lang))


COMMANDS = [serve]
