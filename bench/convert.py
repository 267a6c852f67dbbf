"""Benchmark of issue 4: report books to PDF, three ways side by side in one run.

    python bench/convert.py [--books 10] [--rounds 3] [--memory-documents 500]

1. `soffice --headless --convert-to pdf` once per file (one profile, created beforehand);
2. one `soffice --convert-to pdf` invocation given all the files;
3. `reportgen convert` of the same files: the command as a user runs it (Python start-up,
   LibreOffice pool start-up, contents and fields updated, all included).
The three are interleaved, round after round, and the medians compared: this VM's speed
drifts by ±20 % within minutes. Then memory: one office converting N report books
(50 different ones in turn: other names, other sales, so other charts) without renewal
(RSS after the first and the last, and its peak), and with the pool's default renewal.
Prints the figures and writes them to bench/results/convert.json.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import publish  # noqa: E402

from reportgen.checks.validation import check_source  # noqa: E402
from reportgen.convert import RESTART_AFTER, ConverterPool  # noqa: E402
from reportgen.convert.libreoffice import find_libreoffice  # noqa: E402
from reportgen.render import render  # noqa: E402
from reportgen.source import load_bytes  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*/application.yaml"))
REPORTGEN = Path(sys.executable).with_name("reportgen")


def report_books(count: int, folder: Path) -> list[Path]:
    """`count` report books: the examples in turn, each under another enterprise name."""
    import json

    from reportgen.source import load

    books = []
    for i in range(count):
        example = EXAMPLES[i % len(EXAMPLES)]
        data = copy.deepcopy(load(example).data)
        data["enterprise"]["name"] += f"（第{i}号）"
        data["financials"][-1]["product_sales"] += i  # another sales chart
        raw = json.dumps(data, ensure_ascii=False, default=str).encode()
        checked = check_source(load_bytes(raw, name="a.json", base_dir=example.parent))
        rendered = render(checked, folder / f"render{i}", draft=True)
        book = folder / f"book{i:02}.docx"
        shutil.move(next(o.path for o in rendered if o.kind == "report_book"), book)
        books.append(book)
    return books


def soffice(profile: Path, out: Path, files: list[Path]) -> None:
    launcher = find_libreoffice().program.with_name("soffice")
    subprocess.run(
        [
            str(launcher),
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            *("--convert-to", "pdf", "--outdir", str(out)),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
    )


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def timed(function: object, *arguments: object) -> float:
    start = time.perf_counter()
    function(*arguments)  # type: ignore[operator]
    return time.perf_counter() - start


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-documents", type=int, default=500)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-convert-"))
    try:
        books = report_books(options.books, work)
        profile = work / "profile"
        soffice(profile, work / "warm", books[:1])  # the profile exists before timing

        command = [str(REPORTGEN), "convert", *map(str, books), "-o", str(work / "reportgen")]
        rounds: dict[str, list[float]] = {"per_file": [], "one_call": [], "ours": []}
        for _ in range(options.rounds):
            rounds["per_file"].append(
                sum(timed(soffice, profile, work / "per-file", [book]) for book in books)
            )
            rounds["one_call"].append(timed(soffice, profile, work / "one-call", books))
            rounds["ours"].append(timed(run, command))
        per_file, one_call, ours = (statistics.median(rounds[k]) for k in rounds)
        book_pages = [pages(work / "reportgen" / b.with_suffix(".pdf").name) for b in books]

        memory = work / "memory"
        memory.mkdir()
        different = report_books(50, memory)
        with ConverterPool(1, restart_after=None) as pool:
            for i in range(options.memory_documents):
                pool.convert(different[i % len(different)], memory / "out.pdf")
        (single,) = pool.stats
        with ConverterPool(1) as pool:
            for i in range(options.memory_documents):
                pool.convert(different[i % len(different)], memory / "out.pdf")
        renewed = pool.stats
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = len(books)
    results = {
        "report_books": n,
        "rounds": options.rounds,
        "seconds_per_round": {k: [round(t, 2) for t in v] for k, v in rounds.items()},
        "pages_per_book": f"{min(book_pages)}–{max(book_pages)}",
        "soffice_per_file_s_per_book": round(per_file / n, 3),
        "soffice_one_call_s_per_book": round(one_call / n, 3),
        "reportgen_convert_s_per_book": round(ours / n, 3),
        "reportgen_convert_total_s": round(ours, 2),
        "speedup_vs_soffice_per_file": round(per_file / ours, 2),
        "speedup_vs_soffice_one_call": round(one_call / ours, 2),
        "memory_documents": options.memory_documents,
        "office_rss_mb_after_first": round(single.first_rss_mb, 1),
        "office_rss_mb_after_last": round(single.last_rss_mb, 1),
        "office_rss_growth_mb": round(single.last_rss_mb - single.first_rss_mb, 1),
        "office_peak_rss_mb": round(single.peak_rss_mb, 1),
        "renewed_every_documents": RESTART_AFTER,
        "renewed_peak_rss_mb": [round(s.peak_rss_mb, 1) for s in renewed],
        "targets": {"vs_per_file": ">= 4x", "vs_one_call": "> 1x"},
    }
    publish("convert", results)


if __name__ == "__main__":
    main()
