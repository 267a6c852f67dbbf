"""The browser stage: `reportgen serve`, the same pipeline in a browser (entry: `serve`).

    reportgen.web.serve(Path("clients"), port=8000)      # until Ctrl-C

A server-rendered app (Starlette, Jinja2 pages, a small script): the workspace's
application folders are the contract, so the CLI, batch and the browser work on the
same files. One warm LibreOffice pool serves every render; Ctrl-C stops it with the
server, leaving no office behind.
"""

from __future__ import annotations

import contextlib
import errno
import socket
from pathlib import Path

from reportgen.errors import InputError

LOCAL = "127.0.0.1"
DEFAULT_PORT = 8000
GRACE = 5  # seconds


def url(host: str, port: int, token: str | None) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(
    root: Path,
    *,
    host: str = LOCAL,
    port: int = DEFAULT_PORT,
    token: str | None = None,
    pdf: bool = True,
    on_ready: object = None,
    lang: str | None = None,
) -> None:
    """Serve `root` until interrupted. When the workspace has accounts (accounts.py) every
    request needs a signed-in user; else, off 127.0.0.1, a token (one is made when none is
    given). `on_ready(url)` is called once the port listens. Pages speak `lang` (default:
    REPORTGEN_LANG, else zh) unless a page asks for another (?lang=)."""
    import uvicorn

    from reportgen.convert import ConverterPool
    from reportgen.web.accounts import Accounts
    from reportgen.web.app import create_app
    from reportgen.web.security import new_secret

    if not root.is_dir():
        raise InputError("file_not_found", file=str(root))
    if host != LOCAL and token is None and not Accounts(root).exist():  # signing in instead
        token = new_secret()
    listening = _listen(host, port)  # a busy port is said now, in the user's words
    with ConverterPool(2) if pdf else contextlib.nullcontext() as pool:
        app = create_app(root, token=token, converter=pool, language=lang)
        # Ctrl-C: requests still open (a batch's stream) get GRACE seconds, then are cut
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", timeout_graceful_shutdown=GRACE
        )
        server = uvicorn.Server(config)
        app.state.server.stopping = lambda: server.should_exit  # open answers end (streams.py)
        if callable(on_ready):
            on_ready(url(host, port, token))
        # uvicorn stops on Ctrl-C by itself, then raises the signal again: the stop asked for
        with contextlib.suppress(KeyboardInterrupt):
            server.run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        code = "serve_port_busy" if exc.errno == errno.EADDRINUSE else "serve_cannot_listen"
        raise InputError(code, host=host, port=port, reason=exc.strerror or str(exc)) from None
    listening.listen(128)
    return listening
