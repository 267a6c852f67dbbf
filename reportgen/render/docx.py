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

import dataclasses
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reportgen.context import Context
from reportgen.errors import RenderError, os_reason
from reportgen.messages import Phrase
from reportgen.render.pictures import Pictures, embed_pictures
from reportgen.render.sandbox import (
    TEMPLATE_SECONDS,
    TemplateLimit,
    TemplateTimeout,
    environment,
    from_template,
    remember,
    time_limit,
)
from reportgen.render.typeset import typeset
from reportgen.source.files import read_regular, stable_zip
from reportgen.source.packages import MAX_UNCOMPRESSED, check_package
from reportgen.source.text import xml_safe

CHART_WIDTH_MM = 150


@lru_cache(maxsize=16)
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    """The template, checked once (packages.py: size, links, entities) until edited."""
    del mtime_ns  # part of the cache key: an edited template is read again
    data = read_regular(path, MAX_UNCOMPRESSED)  # not a FIFO, which would wait for ever
    check_package(data, path.name)
    return data


@lru_cache(maxsize=1)
def _template_class() -> Any:
    """DocxTemplate, remembering what it makes of each template part's XML.

    Before Jinja sees a part, docxtpl cleans its XML with some thirty regular expressions
    (tags inside {{ }}, {%tr %} rows …); the XML is the same on every render of a
    template, so it is cleaned once: ~8 ms a book."""
    from docxtpl import DocxTemplate

    patched: dict[str, str] = {}

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml: str) -> str:
            return remember(patched, src_xml, lambda: super(Template, self).patch_xml(src_xml))

    return Template


def open_template(template: Path) -> Any:
    """The DocxTemplate of `template`, checked (packages.py) and opened; RenderError
    naming it if it cannot be (missing, a folder, a FIFO, not a Word document)."""
    try:
        data = _template_bytes(template, template.stat().st_mtime_ns)
        document = _template_class()(io.BytesIO(data))
        document.init_docx()  # opened here, so that a zip which is no .docx is said so
    except OSError as exc:  # missing, a folder, a FIFO
        raise RenderError("template_unreadable", template=str(template), **os_reason(exc)) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RenderError("template_unreadable", template=str(template), reason=str(exc)) from None
    return document


def render_docx(
    template: Path,
    context: Context,
    *,
    title: str,
    author: str,
    when: datetime,
    pictures: Pictures | None = None,
) -> bytes:
    from docx.shared import Mm
    from docxtpl import InlineImage
    from jinja2 import TemplateError
    from jinja2.exceptions import (
        SecurityError,
        TemplateNotFound,
        TemplateSyntaxError,
        UndefinedError,
    )

    document = open_template(template)
    # the top level is a dict (docxtpl hands it to Jinja as the template's globals);
    # below it, the Context's own frozen objects, read by attribute
    values = {f.name: _clean(getattr(context, f.name)) for f in dataclasses.fields(context)}
    values["charts"] = {
        name: InlineImage(document, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
        for name, png in values["charts"].items()
    }
    try:
        with time_limit():
            document.render(values, environment(), autoescape=True)
    except TemplateTimeout:
        raise RenderError(
            "template_timeout", template=template.name, seconds=TEMPLATE_SECONDS
        ) from None
    except TemplateNotFound as exc:
        raise RenderError("template_include", template=template.name, name=exc.name) from None
    except TemplateLimit as exc:
        raise RenderError("template_limit", template=template.name, detail=exc.what) from None
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise RenderError("template_limit", template=template.name, detail=_line(exc)) from None
    except UndefinedError as exc:
        raise RenderError(
            "template_variable", template=template.name, detail=str(exc.message)
        ) from None
    except SecurityError as exc:
        raise RenderError("template_unsafe", template=template.name, detail=str(exc)) from None
    except TemplateSyntaxError as exc:
        detail = Phrase("word.detail_at_line", detail=exc.message, line=exc.lineno)
        raise RenderError("template_syntax", template=template.name, detail=detail) from None
    except TemplateError as exc:
        raise RenderError("template_syntax", template=template.name, detail=str(exc)) from None
    except Exception as exc:
        if not from_template(exc):
            raise  # a bug of reportgen's, named by the caller
        raise RenderError("template_error", template=template.name, detail=_line(exc)) from None
    embed_pictures(document.docx, pictures)
    typeset(document.docx)
    properties = document.docx.core_properties
    properties.title = xml_safe(title)
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.created = properties.modified = when
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _clean(value: Any) -> Any:
    """Every string of the context, without characters XML cannot hold. Objects keep
    their type: a YesNo stays one (its truth is what `{% if %}` reads), a tuple a tuple."""
    if isinstance(value, Markup):
        return value  # already XML, written by render/markdown.py
    if isinstance(value, str):
        safe = xml_safe(value)
        return value if safe == value else safe
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        old = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        new = {name: _clean(item) for name, item in old.items()}
        same = all(new[name] is item for name, item in old.items())
        return value if same else dataclasses.replace(value, **new)  # frozen: shared as is
    if isinstance(value, Mapping):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [_clean(item) for item in value]
        same = all(a is b for a, b in zip(items, value, strict=True))
        return value if same and isinstance(value, tuple) else type(value)(items)
    return value
