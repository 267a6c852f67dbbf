"""The render stage: a checked application → the documents of CLI.md, written safely.

    checked = reportgen.check_file("application.yaml")
    outputs = reportgen.render(checked, Path("out"), draft=False)          # .docx
    with reportgen.ConverterPool() as pool:
        outputs = reportgen.render(checked, Path("out"), converter=pool)   # .docx and .pdf

With errors nothing final is written (RenderRefused) unless `draft`; then every page is
marked 草稿 and the errors are listed in an appendix. Files are written under temporary
names and renamed; a failure removes this application's earlier outputs rather than
leaving them to look current. The .docx files are written before the PDFs, so a
conversion failure (ConversionError) still leaves the Word documents; the manifest is
written once, last, listing what was made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from markupsafe import Markup

from reportgen import callable_stage
from reportgen.checks.validation import Checked
from reportgen.context import Context, build_context, section_texts
from reportgen.errors import ConversionError, RenderError, RenderRefused, ReportgenError, bug_line
from reportgen.render.manifest import (
    MANIFEST,
    Output,
    inputs_sha256,
    listed_outputs,
    manifest_of,
    write_manifest,
)
from reportgen.render.names import MAX_NAME_BYTES, inside, name_part
from reportgen.source.files import output_folder, package_file, remove, write_atomic

TEMPLATE_DIR = package_file("reportgen.render", "templates")
REPORT_BOOK, COMMITMENT_LETTER = "report_book.docx", "commitment_letter.docx"
CHECK_REPORT = "check_report.docx"
# kind (manifest) -> (template file, the output file's name without .docx)
DOCUMENTS = {
    "report_book": (REPORT_BOOK, "{stem}-浙江制造精品报告书"),
    "commitment_letter": (COMMITMENT_LETTER, "{stem}-承诺书"),
    "check_report": (CHECK_REPORT, "检查报告"),
}
SUBMITTED = ("report_book", "commitment_letter")  # the documents that also become PDFs
T = TypeVar("T")


def template_files(template_dir: Path | None = None) -> list[Path]:
    """The templates the documents are rendered from (the default ones, or a user's)."""
    return [template_file(kind, template_dir) for kind in DOCUMENTS]


def template_file(kind: str, template_dir: Path | None = None) -> Path:
    """A user's template for `kind`; the check report's is optional (folders made for
    earlier versions have only the book and the letter)."""
    name = DOCUMENTS[kind][0]
    if template_dir is not None and (kind in SUBMITTED or (template_dir / name).is_file()):
        return template_dir / name
    return TEMPLATE_DIR / name


def default_output_folder(application: str | Path) -> Path:
    """Where documents go when no folder is named: `out/` beside the application file
    (`out/` in the current folder for standard input, "-")."""
    return (Path.cwd() if str(application) == "-" else Path(application).parent) / "out"


def needs_pdf(output: Output) -> bool:
    return output.format == "docx" and output.kind in SUBMITTED


def file_stem(enterprise: str, product: str) -> str:
    """'<企业名称>-<产品名称>', safe as a file name and short enough for the longest name
    made from it (names.py)."""
    longest = max(len(name.format(stem="").encode()) for _, name in DOCUMENTS.values())
    return name_part(f"{enterprise}-{product}", MAX_NAME_BYTES - longest - len(".docx"))


def output_names(checked: Checked) -> dict[str, str]:
    app = checked.application
    assert app is not None
    stem = file_stem(app.enterprise.name, app.product.name)
    names = {kind: name.format(stem=stem) + ".docx" for kind, (_, name) in DOCUMENTS.items()}
    return names | {"check_report_md": "检查报告.md", "manifest": "manifest.json"}


class Converter(Protocol):
    """What render needs to make PDFs: reportgen.convert.ConverterPool is one. Named
    here, not imported, so the render stage knows nothing of the convert stage."""

    def submit(self, docx: Path) -> Future[Path]: ...


@dataclass
class Rendering:
    """The documents written into a folder, and the manifest that will describe them;
    written last (by `finish`), once the PDFs are there or have failed."""

    out_dir: Path
    outputs: list[Output]
    manifest: dict[str, Any]

    def documents(self) -> list[Output]:
        """The .docx documents that are also submitted as PDF."""
        return [o for o in self.outputs if needs_pdf(o)]

    def finish(self, pdfs: Sequence[Output] = ()) -> list[Output]:
        """Write the manifest, listing `pdfs` too; every output, the manifest last."""
        outputs = [*self.outputs, *pdfs]
        write_manifest(self.out_dir, self.manifest, outputs)
        return outputs


def render(
    checked: Checked,
    out_dir: Path,
    *,
    draft: bool = False,
    template_dir: Path | None = None,
    converter: Converter | None = None,
    on_step: Callable[[str], None] | None = None,
) -> list[Output]:
    """Write the .docx documents and the check report into `out_dir`; with a
    `converter`, the PDFs; then the manifest. When a PDF fails, the manifest lists what
    was made and the first ConversionError is raised. `on_step` is told each step as it
    starts ("documents", "pdf"): a page shows how far the render is."""
    step = on_step or (lambda name: None)
    step("documents")
    rendering = render_documents(checked, out_dir, draft=draft, template_dir=template_dir)
    if converter is None:
        return rendering.finish()
    step("pdf")
    pdfs, failures = convert_documents(rendering.documents(), converter)
    outputs = rendering.finish(pdfs)
    if failures:
        raise failures[0]
    return outputs


def render_documents(
    checked: Checked, out_dir: Path, *, draft: bool = False, template_dir: Path | None = None
) -> Rendering:
    """The documents written, the manifest not yet: batch converts in another process
    and finishes there."""
    app, policy, source = checked.application, checked.policy, checked.source
    errors = sum(f.is_error for f in checked.findings)
    if app is None or policy is None or source is None or (errors and not draft):
        raise RenderRefused(errors or 1)
    from reportgen.render.charts import charts
    from reportgen.render.check_report import check_context, check_markdown
    from reportgen.render.docx import render_docx
    from reportgen.render.markdown import markdown_sections
    from reportgen.render.pictures import Pictures

    names = output_names(checked)
    output_folder(out_dir)  # before any work: a folder that cannot be is said at once
    pictures = Pictures(source.base_dir)  # the texts' own, placed in the report book
    try:
        built = _stage(
            "context",
            lambda: build_context(
                app, policy, checked.findings, draft=draft, decided=checked.deciding
            ),
        )
        context = replace(
            built,
            text=markdown_sections(section_texts(app), pictures),
            charts=_stage("charts", lambda: charts(app.financials)),
            check=_stage("check_report", lambda: check_context(checked)),
        )
        when = datetime.combine(
            app.commitment.date or policy.application_window.start, datetime.min.time()
        )
        documents = {}
        for kind in DOCUMENTS:

            def one(context: Context, kind: str = kind) -> bytes:
                return render_docx(
                    template_file(kind, template_dir),
                    context,
                    title=names[kind].removesuffix(".docx"),
                    author=app.enterprise.name,
                    when=when,
                    pictures=pictures,
                )

            documents[kind] = _document(kind, one, context)
        assert context.check is not None
        report = check_markdown(context.check).encode("utf-8")
        # before anything is written: evidence that went away since the check is said
        inputs = inputs_sha256(checked, template_files(template_dir), draft=draft, strict=True)
    except BaseException:
        remove_outputs(out_dir, names)  # no stale documents that look current
        raise
    remove_outputs(out_dir, names)  # also those of an earlier name (a renamed product)
    outputs = []
    try:
        files = {**documents, "check_report_md": report}
        for kind, data in files.items():
            path = inside(out_dir, names[kind])
            write_atomic(path, data)
            outputs.append(Output(kind.removesuffix("_md"), path.suffix[1:], path))
    except BaseException:
        remove_outputs(out_dir, names)  # a full disk: none of them, rather than some
        raise
    return Rendering(out_dir, outputs, manifest_of(checked, draft=draft, inputs=inputs))


def _stage(part: str, work: Callable[[], T]) -> T:
    """`work()`; a bug inside becomes a RenderError naming the part being made."""
    try:
        return work()
    except ReportgenError:
        raise
    except Exception as exc:
        raise RenderError("render_bug", part=part, detail=bug_line(exc)) from exc


def _document(kind: str, make: Callable[[Context], bytes], context: Context) -> bytes:
    """One document; when a bug breaks it, find the subsection whose text does (by
    rendering with one narrative at a time), so the message can say where to look."""
    try:
        return make(context)
    except ReportgenError:
        raise
    except Exception as exc:
        texts = context.text

        def breaks(keep: set[str]) -> bool:
            empty = Markup("")
            trial = replace(
                context, text={k: (v if k in keep else empty) for k, v in texts.items()}
            )
            try:
                make(trial)
            except Exception:
                return True
            return False

        culprit = None
        if texts and not breaks(set()):
            culprit = next((key for key in texts if breaks({key})), None)
        from reportgen.render.markdown import section

        where = section(culprit)
        raise RenderError("render_bug", part=kind, detail=bug_line(exc), **where) from exc


def convert_documents(
    documents: Sequence[Output], converter: Converter
) -> tuple[list[Output], list[ConversionError]]:
    """The PDFs of `documents`, converted in parallel, and the failures (no LibreOffice
    is one, raised by the first submit: the manifest still lists the documents)."""
    pdfs: list[Output] = []
    try:
        futures = [(o, converter.submit(o.path)) for o in documents]
    except ConversionError as error:
        return pdfs, [error]
    failures = []
    for document, future in futures:
        try:
            pdfs.append(Output(document.kind, "pdf", future.result()))
        except ConversionError as error:
            failures.append(error)
    return pdfs, failures


def remove_outputs(out_dir: Path, names: dict[str, str]) -> None:
    """This application's outputs in `out_dir`, and those the folder's manifest lists
    under other names (an earlier product name): the manifest first, so that a folder
    left half-cleaned does not claim to be current."""
    earlier = [o.path for o in listed_outputs(out_dir) if is_output_name(o.path.name)]
    remove(out_dir / MANIFEST)
    for kind, name in names.items():
        if kind in DOCUMENTS:
            remove((out_dir / name).with_suffix(".pdf"))
        remove(out_dir / name)
    for path in earlier:
        remove(path)


_OUTPUT_NAME = re.compile(
    "|".join(re.escape(n).replace(r"\{stem\}", ".+") for _, n in DOCUMENTS.values())
)


def is_output_name(name: str) -> bool:
    """A name render writes (…-浙江制造精品报告书.pdf, 检查报告.md): only such files are
    removed on a manifest's word, never the user's own that a hand-made one might list."""
    stem, _, suffix = name.rpartition(".")
    return suffix in ("docx", "pdf", "md") and _OUTPUT_NAME.fullmatch(stem) is not None


callable_stage(__name__, render)  # reportgen.render(...) whichever of the two it finds
