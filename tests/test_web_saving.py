"""Saving with the document kept in memory (reportgen/web/kept.py): every save writes the
bytes a save that loads the file writes, for the edits a page makes and for odd ones; a
file changed on disk meanwhile is refused or loaded as before, never merged into a
document that stands for other bytes."""

from __future__ import annotations

import copy
import random
import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from reportgen.errors import SaveConflict
from reportgen.source import load
from reportgen.starter import write_starter
from reportgen.web import jsondata
from reportgen.web.app import create_app
from reportgen.web.kept import Document, Kept, _dump_key, cut
from reportgen.web.saving import _dumped, _yaml, save
from reportgen.web.workspace import version

from .conftest import VALID_EXAMPLES
from .web_tools import CNC, advanced_workspace, asgi, csrf_of

Edit = Callable[[dict[str, Any]], None]


def _page_data(file: Path) -> dict[str, Any]:
    """The data as the page sends it back: figures as Decimal, dates as text."""
    return jsondata.loads(jsondata.dumps(load(file).data).encode())  # type: ignore[no-any-return]


def _set(*path: Any, to: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = to(data[path[-1]]) if callable(to) else to

    return edit


def _cleared_then_again(*path: str) -> list[tuple[str, Edit]]:
    removed: dict[str, Any] = {}

    def clear(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        removed["value"] = data.pop(path[-1])

    return [
        (f"{path} cleared", clear),
        (f"{path} again", _set(*path, to=lambda _: removed["value"])),
    ]


_ENTERPRISE_TEXT = ("report", "competitiveness", "enterprise", "text")  # a comment follows it
# what clerks do in the editor, in turn, and what the YAML dumper has to quote or fold
EDITS: list[tuple[str, Edit]] = [
    ("nothing", lambda data: None),
    ("a longer name: its comment pushed right", _set("enterprise", "name", to=lambda v: v * 4)),
    ("the name shorter again", _set("enterprise", "name", to=lambda v: v[: len(v) // 4])),
    ("a date", _set("product", "launch_date", to="2022-12-31")),
    ("a figure", _set("financials", 0, "product_sales", to=Decimal("1900.50"))),
    ("another", _set("financials", 0, "product_sales", to=Decimal("1900.5"))),
    ("a text typed on", _set("report", "technology", "advancement", "text", to=lambda v: v + "又")),
    ("a line ending in spaces", _set("enterprise", "address", to="东路 1 号  \n二楼")),
    ("a value that needs quotes", _set("enterprise", "legal_representative", to="123")),
    ("plain again: stays quoted", _set("enterprise", "legal_representative", to="王五")),
    ("a colon", _set("enterprise", "contact", "name", to="李: 四")),
    ("a checkbox", _set("enterprise", "provincial_state_owned", to=True)),
    ("a row removed", lambda data: data["evidence"].pop()),
    ("after the row", _set("enterprise", "legal_representative", to="赵六")),
    ("a key cleared", lambda data: data["enterprise"].pop("address")),
    ("the key again", _set("enterprise", "address", to="杭州市 1 号")),
    *_cleared_then_again("enterprise", "rd_institution"),  # its comment does not come back
    # last: texts ruamel does not read back as it wrote them (every save after loads)
    ("a line separator", _set("enterprise", "name", to="杭州\u2028公司")),
    ("the next save after that", _set("enterprise", "legal_representative", to="孙八")),
    ("back to plain", _set("enterprise", "name", to="杭州丁公司")),
    ("a blank line after a text: |+", _set(*_ENTERPRISE_TEXT, to=lambda v: v.rstrip() + "\n\n")),
    ("the next save after it", _set("enterprise", "legal_representative", to="钱七")),
]


def _applications(tmp_path: Path) -> Iterator[Path]:
    yield from VALID_EXAMPLES
    yield write_starter(tmp_path / "starter")


class Counting(Kept):
    """Kept, counting the saves that found their document, and its text cut in parts."""

    def __init__(self) -> None:
        super().__init__()
        self.found = self.cut = 0

    def take(self, file: Path, version: str) -> Document | None:
        document = super().take(file, version)
        self.found += document is not None
        self.cut += document is not None and document.parts is not None
        return document


def _both_ways(source: Path, folder: Path, edits: list[tuple[str, Edit]]) -> int:
    """Save each edit into one copy loading the file and into another with a kept
    document; the copies' bytes after each save must be the same. How many were kept."""
    loaded, kept_file = folder / "loaded" / source.name, folder / "kept" / source.name
    for copied in (loaded, kept_file):
        copied.parent.mkdir(parents=True)
        shutil.copy(source, copied)
    kept = Counting()
    data = _page_data(source)
    versions = {loaded: version(loaded), kept_file: version(kept_file)}
    for name, edit in edits:
        try:
            edit(data)
        except (KeyError, IndexError, TypeError):  # the starter has no such row or key
            continue
        versions[loaded] = save(loaded, copy.deepcopy(data), versions[loaded]).version
        versions[kept_file] = save(
            kept_file, copy.deepcopy(data), versions[kept_file], kept
        ).version
        assert kept_file.read_bytes() == loaded.read_bytes(), f"{source}: {name}"
    return kept


@pytest.mark.parametrize("index", range(len(VALID_EXAMPLES) + 1))
def test_a_kept_document_saves_what_a_loaded_one_does(tmp_path: Path, index: int) -> None:
    source = list(_applications(tmp_path))[index]
    kept = _both_ways(source, tmp_path / "saved", EDITS)
    # most saves after the first found their document, its text in parts: those after a
    # change of shape or a text ruamel does not read back as written (|+, U+2028) load
    assert kept.cut >= len(EDITS) // 2


def test_a_yaml_directive_is_loaded_every_time(tmp_path: Path) -> None:
    """The loader remembers %YAML and writes it again: a document kept without it would not."""
    source = tmp_path / "directive" / "application.yaml"
    source.parent.mkdir()
    source.write_text("%YAML 1.2\n---\n" + VALID_EXAMPLES[0].read_text("utf-8"), "utf-8")
    kept = _both_ways(source, tmp_path / "saved", EDITS[:4])
    assert kept.found == 0 and source.read_text("utf-8").startswith("%YAML")


def test_a_file_with_anchors_is_loaded_while_it_has_them(tmp_path: Path) -> None:
    """An alias is the anchored object itself once loaded, a value of its own once merged."""
    source = tmp_path / "anchors" / "application.yaml"
    source.parent.mkdir()
    text = VALID_EXAMPLES[0].read_text("utf-8")
    source.write_text(text + "notes: {first: &who 张三, again: *who}\n", "utf-8")
    edits = [
        *EDITS[:3],  # the anchor and its alias written again: loaded again each time
        ("the alias a value of its own", _set("notes", "again", to="李四")),
        ("the anchored value a new one: no anchor left", _set("notes", "first", to="王五")),
        EDITS[3],
    ]
    assert _both_ways(source, tmp_path / "saved", edits).found == 1


def test_the_files_last_comments_go_with_its_last_key(tmp_path: Path) -> None:
    """After a flow collection, ruamel holds the file's last comments in the document."""
    source = tmp_path / "last" / "application.yaml"
    source.parent.mkdir()
    source.write_text(VALID_EXAMPLES[0].read_text("utf-8") + "notes: [甲]\n# 最后的注释\n", "utf-8")
    edits = [(f"note {n}", _set("notes", 0, to=f"乙{n}")) for n in range(3)]
    edits.append(("the first key: the first comments, not the last", _set("format_version", to=2)))
    kept = _both_ways(source, tmp_path / "saved", edits)
    assert kept.cut == 3 and (tmp_path / "saved" / "kept" / source.name).read_text(
        "utf-8"
    ).endswith("notes: [乙2]\n# 最后的注释\n")
    assert (tmp_path / "saved" / "kept" / source.name).read_text("utf-8").count("最后的注释") == 1


@pytest.mark.parametrize("index", range(len(VALID_EXAMPLES) + 1))
def test_each_top_level_key_dumped_alone_writes_its_part(tmp_path: Path, index: int) -> None:
    text = list(_applications(tmp_path))[index].read_text("utf-8")
    yaml = _yaml()
    root = yaml.load(text)
    dumped = _dumped(yaml, root)
    parts = cut(dumped, root)
    assert parts is not None and len(parts) == len(root) and "".join(parts) == dumped
    for i, key in enumerate(root):
        assert _dump_key(yaml, root, key, i == 0, i == len(root) - 1) == parts[i], key
    assert cut(dumped.replace("call:", "call: &c"), root) is None  # an anchor: not cut


# values the dumper quotes, escapes, folds or writes as blocks, and changes of shape
_ODD = ["123", "0571-1234", "yes", "null", "~", "a: b", "#x", "x #y", " lead", "trail ",
        "a\nb", "a\n\nb\n", "  indented\n", "'q'", '"dq"', "a, b", "[x]", "2023-01-01", "1e3",
        "-", "- x", "*a", "&a", "!t", "a\tb", "\x07", "\u2028", "é", "true", "  ", ":",
        "长" * 80, "w " * 900]  # fmt: skip


def _random_edit(rng: random.Random, data: dict[str, Any]) -> None:
    def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        yield path
        if isinstance(value, dict | list):
            for key, inner in value.items() if isinstance(value, dict) else enumerate(value):
                yield from places(inner, (*path, key))

    *parent_path, key = rng.choice([p for p in places(data) if p])
    parent = data
    for step in parent_path:
        parent = parent[step]
    roll = rng.random()
    if roll < 0.7 and not isinstance(parent[key], dict | list):
        longer = parent[key] * 2 if isinstance(parent[key], str | Decimal) else parent[key]
        parent[key] = rng.choice([*_ODD, Decimal("0.010"), 7, False, longer])
    elif roll < 0.85 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[0])) if roll < 0.8 else parent.pop()
    elif isinstance(parent, dict):
        parent.pop(key) if roll < 0.95 else parent.setdefault("extra", "v")


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_save_what_a_loaded_document_does(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    found = 0
    for i, source in enumerate(_applications(tmp_path)):
        edits = [(f"seed {seed} edit {n}", lambda d: _random_edit(rng, d)) for n in range(12)]
        found += _both_ways(source, tmp_path / f"saved{i}", edits).cut
    assert found > 0  # some saves found their document (most edits change a scalar)


def test_a_file_changed_on_disk_is_refused_then_loaded(tmp_path: Path) -> None:
    file = write_starter(tmp_path / "client")
    kept = Kept()
    data = _page_data(file)
    data["enterprise"]["name"] = "杭州甲公司"
    first = save(file, data, version(file), kept).version
    # the CLI (an editor) changes the file: the page's version is no longer the file's
    edited = file.read_text("utf-8").replace("杭州甲公司", "杭州乙公司  # 改过")
    file.write_text(edited, "utf-8")
    data["enterprise"]["legal_representative"] = "王五"
    with pytest.raises(SaveConflict):
        save(file, data, first, kept)
    assert file.read_text("utf-8") == edited
    # the page reloaded from the file: its save merges into what the CLI wrote
    data = _page_data(file)
    data["enterprise"]["legal_representative"] = "王五"
    save(file, data, version(file), kept)
    text = file.read_text("utf-8")
    assert "杭州乙公司" in text and "# 改过" in text and "王五" in text


def test_the_same_bytes_back_on_disk_are_still_that_version(tmp_path: Path) -> None:
    file = write_starter(tmp_path / "client")
    kept = Counting()
    data = _page_data(file)
    data["enterprise"]["name"] = "杭州甲公司"
    saved = save(file, data, version(file), kept).version
    file.write_bytes(file.read_bytes())  # touched (a sync tool): the same bytes
    data["enterprise"]["name"] = "杭州丙公司"
    save(file, data, saved, kept)
    assert kept.found == 1 and "杭州丙公司" in file.read_text("utf-8")


def test_a_document_is_taken_once_and_only_so_many_are_kept() -> None:
    kept = Kept(size=2)
    a, b, c = Path("a.yaml"), Path("b.yaml"), Path("c.yaml")
    documents = {file: Document({"file": str(file)}, None) for file in (a, b, c)}
    kept.keep(a, "1", documents[a])
    assert kept.take(a, "2") is None  # another version: not this one, and dropped
    assert kept.take(a, "1") is None
    kept.keep(a, "1", documents[a])
    assert kept.take(a, "1") is documents[a] and kept.take(a, "1") is None  # taken once
    for file in (a, b, c):
        kept.keep(file, "1", documents[file])
    assert kept.take(a, "1") is None  # the oldest went
    assert kept.take(c, "1") is documents[c]


def test_the_server_keeps_what_it_saved(tmp_path: Path) -> None:
    workspace = advanced_workspace(tmp_path)
    app = create_app(workspace)
    file = workspace / CNC
    data = _page_data(file)
    current = version(file)
    for name in ("杭州甲公司", "杭州乙公司"):
        data["enterprise"]["name"] = name
        body = jsondata.dumps({"data": data, "version": current}).encode()
        answer = asgi(app, "POST", f"/api/save/{quote(CNC)}", body, **csrf_of(app))
        assert answer.status == 200
        current = answer.json()["version"]
        assert current == version(file)
    assert app.state.server.kept.take(file, current) is not None
    assert load(file).data["enterprise"]["name"] == "杭州乙公司"
