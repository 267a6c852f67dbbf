"""Word → application: last year's report book (or a similar 申报书) read into a new
application folder, so the first draft is minutes away.

pandoc reads the .docx into its AST (paragraphs, lists, tables, images; Word's list
numbering as lists) in one run; outline.py says which paragraphs are the outline's
headings and which state facts; each subsection's blocks are written back as its
Markdown text in a second run. Images go into the folder's evidence/ and are referred
to from the text. Nothing is dropped: what falls under no subsection (a preface, the
cover, another programme's section) goes, in order, to `report.unplaced`, and the
import's report lists it, with every heading found twice or out of order.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from reportgen.errors import InputError
from reportgen.importing.outline import (
    NAMES,
    ORDER,
    fact_label,
    fact_value,
    heading,
    stated_fact,
)
from reportgen.messages import Phrase
from reportgen.render.markdown import PANDOC_FORMAT

Section = tuple[str, str]
UNPLACED = ("report", "unplaced")
# Markdown as the renderer reads it back (render/markdown.py), tables as pipe tables
_WRITTEN = PANDOC_FORMAT.replace(
    "markdown", "markdown-grid_tables-multiline_tables-simple_tables-link_attributes", 1
)
MAX_SIZE = 50 * 1024 * 1024


@dataclass
class Imported:
    """What an import found: each subsection's text, the facts, and what it reports."""

    file: str
    texts: dict[Section, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # field path → value
    fact_places: dict[str, str] = field(default_factory=dict)  # field path → where it stood
    unplaced: str = ""
    unplaced_paragraphs: list[str] = field(default_factory=list)  # their first words
    images: list[str] = field(default_factory=list)  # evidence/… written
    notes: list[Phrase] = field(default_factory=list)  # twice, out of order, missing

    @property
    def missing(self) -> list[Section]:
        return [path for path in ORDER if not self.texts.get(path, "").strip()]


def read_report(file: str | Path, images_to: Path) -> Imported:
    """The report book `file` (.docx), its images written into `images_to` (evidence/)."""
    path = Path(file)
    if not path.is_file():
        raise InputError("file_not_found", file=str(file))
    if path.stat().st_size > MAX_SIZE:
        raise InputError("import_too_large", file=str(file), limit_mb=MAX_SIZE // 2**20)
    result = Imported(str(file))
    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as media:
        document = _pandoc_document(path, Path(media))
        blocks = document["blocks"]
        sections = _sections(blocks, result)
        _facts(blocks, result)
        result.images = _move_images(sections, Path(media), images_to)
    sections = {key: parts for key, parts in sections.items() if parts}
    texts = _markdown(sections, document["pandoc-api-version"])
    for key, text in texts.items():
        if key == UNPLACED:
            result.unplaced = text
        else:
            result.texts[key] = text
    for path_ in result.missing:
        result.notes.append(Phrase("import.missing", heading=_title(path_)))
    return result


def _pandoc_document(file: Path, media: Path) -> dict[str, Any]:
    import pypandoc

    try:
        run = subprocess.run(
            [pypandoc.get_pandoc_path(), "-f", "docx", "-t", "json",
             f"--extract-media={media}", str(file.resolve())],
            capture_output=True, timeout=120, cwd=media,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError("import_unreadable", file=str(file), reason=str(exc)[:200]) from None
    if run.returncode != 0:
        reason = run.stderr.decode("utf-8", "replace").strip()[:200]
        raise InputError("import_unreadable", file=str(file), reason=reason)
    return dict(json.loads(run.stdout))


def plain(inlines: Iterable[Any]) -> str:
    """The text of pandoc inlines, as a reader sees it."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript",
                      "Subscript"):  # fmt: skip
            out.append(plain(content))
        elif kind in ("Span", "Link", "Quoted", "Image"):
            out.append(plain(content[1]))
        elif kind in ("Code", "Math"):
            out.append(content[-1])
    return "".join(out)


def block_text(block: Any) -> str:
    """A paragraph's text; "" for what is not one paragraph (a table, a list)."""
    if block["t"] in ("Para", "Plain", "Header"):
        return plain(block["c"][2] if block["t"] == "Header" else block["c"])
    return ""


def _flattened(blocks: list[Any]) -> Iterator[Any]:
    """The blocks, with each item of a numbered or bulleted list that is an outline
    heading taken out as a paragraph (Word's list numbering: 一、 made by Word, not typed)."""
    for block in blocks:
        if block["t"] not in ("OrderedList", "BulletList"):
            yield block
            continue
        items = block["c"][1] if block["t"] == "OrderedList" else block["c"]
        pending: list[Any] = []
        for item in items:
            if len(item) == 1 and heading(block_text(item[0])):
                if pending:
                    yield _list_like(block, pending)
                    pending = []
                yield item[0]
            else:
                pending.append(item)
        if pending:
            yield _list_like(block, pending)


def _list_like(block: Any, items: list[Any]) -> Any:
    if block["t"] == "OrderedList":
        return {"t": "OrderedList", "c": [block["c"][0], items]}
    return {"t": "BulletList", "c": items}


def _sections(blocks: list[Any], result: Imported) -> dict[Section, list[Any]]:
    """Each subsection's blocks (and UNPLACED's), by the headings between them."""
    out: dict[Section, list[Any]] = {}
    current: Section = UNPLACED
    seen: list[Section] = []
    for block in _flattened(blocks):
        said = block_text(block).strip()
        found = heading(said) if said else None
        if found is None:
            out.setdefault(current, []).append(block)
            if current == UNPLACED and said:
                result.unplaced_paragraphs.append(said[:30])
            continue
        if found.subsection is None:  # a part's heading (一、产品技术水平): its own words
            current = UNPLACED  # before its first subsection belong to none
            continue
        key = (found.part, found.subsection)
        if key in seen:
            result.notes.append(Phrase("import.twice", heading=_title(key)))
        elif seen and ORDER.index(key) < ORDER.index(seen[-1]):
            result.notes.append(
                Phrase("import.out_of_order", heading=_title(key), after=_title(seen[-1]))
            )
        seen.append(key)
        current = key
    return out


def _title(key: Section) -> str:
    return NAMES[key][0]


def _facts(blocks: list[Any], result: Imported) -> None:
    """企业名称, 统一社会信用代码, 产品名称 and 型号 where the document states them: a line
    "企业名称：…", or a table's label cell and the cell after it. The first one found holds."""

    def take(key: str | None, value: str, where: str) -> None:
        if key is None or key in result.facts:
            return
        taken = fact_value(key, value)
        if taken is not None:
            result.facts[key] = taken
            result.fact_places[key] = where
        elif key == "enterprise.credit_code" and value.strip():  # stated, but not a valid one
            result.notes.append(Phrase("import.credit_code_invalid", value=value.strip()[:30]))

    for block in blocks:
        if block["t"] == "Table":
            for row in _table_rows(block):
                for i, cell in enumerate(row[:-1]):
                    take(fact_label(cell), row[i + 1], f"{cell}（表格）")
        elif (text := block_text(block)) and (stated := stated_fact(text)):
            take(stated[0], stated[1], text[:40])


def _table_rows(block: Any) -> Iterator[list[str]]:
    """A pandoc table's rows as the cells' texts (head, bodies, foot)."""
    _, _, _, head, bodies, foot = block["c"]
    groups = [head[1], *[row for body in bodies for row in (body[2], body[3])], foot[1]]
    for rows in groups:
        for row in rows:
            yield [" ".join(block_text(b) for b in cell[4]).strip() for cell in row[1]]


def _move_images(sections: dict[Section, list[Any]], media: Path, target: Path) -> list[str]:
    """Each image pandoc extracted, into `target` (evidence/) by its plain name, and the
    text's reference changed to it (relative to the application's folder)."""
    written: dict[str, str] = {}
    for image in _images(sections.values()):
        source = Path(image["c"][2][0])
        if not source.is_absolute():
            source = media / source
        if not source.resolve().is_relative_to(media.resolve()) or not source.is_file():
            continue  # an image linked from outside the document: not fetched
        name = written.get(str(source))
        if name is None:
            name = _free_name(target, f"导入-{source.name}")
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
            written[str(source)] = name
        image["c"][2][0] = PurePosixPath(target.name, name).as_posix()
    return [f"{target.name}/{name}" for name in written.values()]


def _images(groups: Iterable[list[Any]]) -> Iterator[Any]:
    def walk(node: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                yield node
            yield from walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                yield from walk(child)

    for blocks in groups:
        yield from walk(blocks)


def _free_name(folder: Path, name: str) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return candidate


def _markdown(sections: dict[Section, list[Any]], api: list[int]) -> dict[Section, str]:
    """Each section's blocks as Markdown, in one pandoc run (a marker paragraph between)."""
    import pypandoc

    marker = "RGIMPORTSPLIT"
    blocks: list[Any] = []
    keys = list(sections)
    for key in keys:
        blocks.append({"t": "Para", "c": [{"t": "Str", "c": f"{marker}{keys.index(key)}"}]})
        blocks.extend(sections[key])
    document = {"pandoc-api-version": api, "meta": {}, "blocks": blocks}
    run = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "json", "-t", _WRITTEN, "--wrap=none"],
        input=json.dumps(document).encode("utf-8"), capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    text = run.stdout.decode("utf-8")
    out: dict[Section, str] = {}
    pieces = text.split(marker)
    for piece in pieces[1:]:
        number, _, body = piece.partition("\n")
        out[keys[int(number)]] = body.strip() + "\n" if body.strip() else ""
    return out
