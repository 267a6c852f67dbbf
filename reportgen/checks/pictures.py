"""Pictures in the report's texts: `![产品外观](evidence/外观.jpg)` in any subsection's
Markdown is placed in the report book (render/pictures.py), so the file it names must
be a JPEG or PNG (by content) inside the application's folder. A URL is never fetched
and a file outside the folder never read: both are errors, with the text's field and
line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.checks.base import Collector
from reportgen.checks.evidence import evidence_path, examine
from reportgen.findings import Loc
from reportgen.model import SUBSECTIONS, Application

# ![alt](target) or ![alt](<target with spaces> "title"): Markdown's inline image
IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
KINDS = ("jpeg", "png")


def pictures_in(text: str) -> Iterator[tuple[str, str]]:
    """(alt text, file) of each image a Markdown text shows."""
    for match in IMAGE.finditer(text):
        yield match.group(1).replace("\\", ""), match.group(2).strip("<>").strip()


def texts(app: Application) -> Iterator[tuple[Loc, str]]:
    """Each report text that may show pictures, with its field."""
    for (part, section), _, _ in SUBSECTIONS:
        yield ("report", part, section, "text"), getattr(getattr(app.report, part), section).text
    if app.report.unplaced:
        yield ("report", "unplaced"), app.report.unplaced


def check(app: Application, out: Collector) -> None:
    base = out.source.base_dir
    for loc, text in texts(app):
        for _, target in pictures_in(text):
            if _URL.match(target):
                out.error("picture_url", loc, file=target)
                continue
            try:
                path = evidence_path(base, target)
                if path is None:
                    out.error("picture_outside", loc, file=target)
                    continue
                if not path.is_file():
                    out.error("picture_missing", loc, file=target)
                    continue
                examined = examine(path, target, out.policy.evidence_max_bytes)
            except (OSError, ValueError):
                out.error("picture_missing", loc, file=target)
                continue
            if examined.kind not in KINDS:
                out.error("picture_format", loc, file=target)
