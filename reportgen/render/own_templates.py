"""A consultant's own templates: the built-in ones copied out to edit, and an edited
folder checked before anything is rendered with it (`reportgen templates export|check`).

The check does what `render --template-dir` would find out one document at a time, and
more: each template is read and checked as render reads it (size, linked files,
DOCTYPEs: packages.py; opened as a Word document), its Jinja is compiled in the same
sandbox, and every variable it names is looked up in the Context's types
(template_names.py), so `{{ enterprise.nmae }}` is named before a render fails on it.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.context import Context
from reportgen.context.describe import names
from reportgen.errors import InputError, RenderError
from reportgen.render import DOCUMENTS, SUBMITTED, TEMPLATE_DIR
from reportgen.source.files import write_atomic
from reportgen.source.text import shortened

_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# docxtpl renders these core properties as templates too (render_properties)
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def template_names() -> list[str]:
    """report_book.docx, commitment_letter.docx, check_report.docx."""
    return [name for name, _ in DOCUMENTS.values()]


def export_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates into `folder`; InputError (templates_exist) naming
    the files already there unless `force`. Returns the files written."""
    targets = [folder / name for name in template_names()]
    present = [t for t in targets if t.exists() or t.is_symlink()]
    if present and not force:
        raise InputError("templates_exist", files=[str(p) for p in present])
    for name, target in zip(template_names(), targets, strict=True):
        write_atomic(target, (TEMPLATE_DIR / name).read_bytes())
    return targets


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template folder: a message code of messages/ and its params."""

    template: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        from reportgen.messages import text

        return text(self.code, lang, **({"template": self.template} | self.params))


@dataclass(frozen=True)
class FolderCheck:
    """What `check_templates` found: the templates checked, those render would take
    from reportgen instead (only the check report's may be absent), and the problems."""

    checked: list[str]
    builtin: list[str]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_templates(folder: Path) -> FolderCheck:
    """Check the templates of `folder` as `render --template-dir folder` would use them."""
    checked, builtin, problems = [], [], []
    for kind, (name, _) in DOCUMENTS.items():
        path = folder / name
        if not (path.exists() or path.is_symlink()):
            if kind in SUBMITTED:
                problems.append(Problem(name, "template_missing", {"folder": str(folder)}))
            else:
                builtin.append(name)
            continue
        checked.append(name)
        problems += check_template(path)
    return FolderCheck(checked, builtin, problems)


def check_template(path: Path) -> list[Problem]:
    """The problems of one template: unreadable, unsafe, not Jinja, or naming variables
    the Context lacks (each once, in order)."""
    from reportgen.render.docx import open_template

    try:
        document = open_template(path)
    except RenderError as error:  # the file's own words: template_unreadable, docx_*
        return [Problem(path.name, error.code, error.params | {"template": path.name})]
    problems = []
    for part, source in _parts(document):
        problems += _check_jinja(path.name, part, source)
    return problems


def _parts(document: Any) -> list[tuple[str, str]]:
    """(part name, Jinja source) of every part docxtpl renders, prepared as it does."""
    parts = [("word/document.xml", document.patch_xml(document.get_xml()))]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            parts.append((str(part.partname).lstrip("/"), document.patch_xml(part.blob.decode())))
    for part in document.docx.part.package.parts:
        if part.content_type == _FOOTNOTES:
            parts.append((str(part.partname).lstrip("/"), document.patch_xml(part.blob.decode())))
    properties = document.docx.core_properties
    for name in _PROPERTIES:
        value = getattr(properties, name)
        if value:
            parts.append((f"docProps/core.xml ({name})", value))
    return parts


def _check_jinja(template: str, part: str, source: str) -> list[Problem]:
    from jinja2 import TemplateSyntaxError, nodes

    from reportgen.render.sandbox import environment
    from reportgen.render.template_names import missing_variables

    # one paragraph a line, as docxtpl hands the XML to Jinja: a line is then a place
    # in the document, which a message can quote
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    lines = source.splitlines()

    def near(line: int | None) -> str:
        text = lines[line - 1] if line and 0 < line <= len(lines) else ""
        return shortened(html.unescape(re.sub(r"<[^>]+>", "", text)).strip())

    env = environment()
    try:
        tree = env.parse(source)
        env.compile(tree)  # unknown filters and tests are found when compiling
    except TemplateSyntaxError as exc:
        params = {"part": part, "line": exc.lineno, "near": near(exc.lineno)}
        return [Problem(template, "template_syntax_at", params | {"detail": exc.message})]
    problems = [
        Problem(template, "template_include", {"name": _named(node)})
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport))
    ]
    known = names(Context)
    for variable, line in missing_variables(tree, set(env.globals)):
        close = difflib.get_close_matches(variable, known, n=1)
        params = {"variable": variable, "part": part, "line": line, "near": near(line)}
        params["suggestion"] = close[0] if close else ""
        problems.append(Problem(template, "template_unknown_variable", params))
    return problems


def _named(node: Any) -> str:
    """The template an extends/include/import names, as written."""
    target = getattr(node, "template", None)
    return str(getattr(target, "value", "…"))
