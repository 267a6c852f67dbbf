"""Context → .docx bytes through a docxtpl template, safely and reproducibly.

- Jinja runs sandboxed with autoescape on: a template cannot reach Python internals,
  and every user string is text, never markup. A variable the template names but the
  context lacks fails with its name (StrictUndefined), not as an empty cell.
- Characters XML cannot hold are removed from every string (validate warns about them),
  so whatever the user wrote, the document opens.
- The same context and template give the same bytes: fixed document properties, zip
  entries with a fixed timestamp.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reportgen.errors import RenderError
from reportgen.text import xml_safe

CHART_WIDTH_MM = 150
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    del mtime_ns  # part of the cache key: an edited template is read again
    return path.read_bytes()


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def render_docx(
    template: Path,
    context: Mapping[str, Any],
    *,
    title: str,
    author: str,
    when: datetime,
) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    try:
        data = _template_bytes(template, template.stat().st_mtime_ns)
        document = DocxTemplate(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RenderError("template_unreadable", template=str(template), reason=str(exc)) from None
    values = dict(_clean(context))
    if "charts" in values:
        values["charts"] = {
            name: InlineImage(document, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
            for name, png in values["charts"].items()
        }
    try:
        document.render(values, _environment(), autoescape=True)
    except UndefinedError as exc:
        raise RenderError(
            "template_variable", template=template.name, detail=str(exc.message)
        ) from None
    except SecurityError as exc:
        raise RenderError("template_unsafe", template=template.name, detail=str(exc)) from None
    except TemplateSyntaxError as exc:
        raise RenderError(
            "template_syntax", template=template.name, detail=f"{exc.message}（第 {exc.lineno} 行）"
        ) from None
    except TemplateError as exc:
        raise RenderError("template_syntax", template=template.name, detail=str(exc)) from None
    properties = document.docx.core_properties
    properties.title = xml_safe(title)
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.created = properties.modified = when
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def stable_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed entry timestamps, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _clean(value: Any) -> Any:
    """Every string of the context, without characters XML cannot hold."""
    if isinstance(value, Markup):
        return value  # already XML, written by render/markdown.py
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, Mapping):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value
