"""Benchmark of issue 17's first point: reportgen's PDF conversion beside a peer's.

    python bench/peers.py [--books 12] [--rounds 3]

The peer is Carbone 3.8.2 (npm; installed into bench/peers/node_modules by this script,
never a dependency of reportgen), which drives LibreOffice too. Both get the same
`--books` report books of 16–19 pages with charts, rendered by reportgen from the
benchmark's clients (bench/batch.py), and two LibreOffice processes each:
- warm: started, two other books converted first, then the books, timed alone;
- cold: from nothing to the books converted (start included, no warm-up).
reportgen runs twice per round, with tagged PDFs (what it delivers) and without (as
Carbone writes them: like with like). The runs are interleaved, `--rounds` times (this
VM's speed drifts); the figures are medians. Skipped with a message when node or npm is
missing. Prints the figures and writes them to bench/results/peers.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "bench" / "peers"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch import make_applications  # noqa: E402
from results_file import publish  # noqa: E402

from reportgen.checks import check_file  # noqa: E402
from reportgen.render import render_documents  # noqa: E402

OFFICES = 2
TARGETS = {"warm_per_book_vs_carbone": 1.2, "cold_run_vs_carbone": 1.5}


def carbone_ready() -> str | None:
    """None when Carbone can run, else why not (node or npm missing, install failed)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node or npm is not installed: the peer cannot run"
    if not (PEERS / "node_modules" / "carbone").is_dir():
        run = subprocess.run(["npm", "ci" if (PEERS / "package-lock.json").exists() else "install",
                              "--no-audit", "--no-fund"], cwd=PEERS, capture_output=True,
                             text=True, timeout=600)  # fmt: skip
        if run.returncode != 0:
            return f"npm could not install carbone: {run.stderr.strip()[-300:]}"
    return None


def books(folder: Path, count: int) -> list[Path]:
    """`count` report books (.docx) of the benchmark's clients."""
    clients = make_applications(count, folder / "clients")
    made = []
    for file in sorted(clients.glob("*/application.yaml")):
        rendering = render_documents(check_file(file), folder / "books" / file.parent.name)
        made += [o.path for o in rendering.outputs if o.kind == "report_book"]
    return made


def carbone(warm: list[Path], todo: list[Path], out: Path) -> dict[str, float]:
    out.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        ["node", str(PEERS / "carbone-convert.js"), str(OFFICES), str(out),
         *map(str, warm), "--", *map(str, todo)],
        cwd=PEERS, capture_output=True, text=True, timeout=900, env=_with_system_python(),
    )  # fmt: skip
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip()[-500:])
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def _with_system_python() -> dict[str, str]:
    """Carbone looks for soffice.bin on PATH (Debian keeps it in /usr/lib/libreoffice/
    program) and runs its bridge with the first python3 on PATH: Debian's, which has the
    uno module (reportgen's own bridge uses it too), not a virtualenv's."""
    import os

    found = "/usr/lib/libreoffice/program:/usr/bin"
    return {**os.environ, "PATH": f"{found}:{os.environ.get('PATH', '')}"}


def reportgen(warm: list[Path], todo: list[Path], out: Path, *, tagged: bool) -> dict[str, float]:
    from reportgen.convert import ConverterPool

    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with ConverterPool(OFFICES, tagged=tagged) as pool:
        wait([pool.submit(d, out / f"warm-{i}.pdf") for i, d in enumerate(warm)])
        warmed = time.perf_counter() - started
        at = time.perf_counter()
        done = [pool.submit(d, out / f"{i}.pdf") for i, d in enumerate(todo)]
        for future in done:
            future.result()
        converted = time.perf_counter() - at
    return {"warm_up_s": warmed, "books_s": converted, "total_s": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--books", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    why = carbone_ready()
    if why is not None:
        print(f"skipped: {why}")
        return
    engines: dict[str, Any] = {
        "carbone": carbone,
        "reportgen_tagged": lambda w, t, o: reportgen(w, t, o, tagged=True),
        "reportgen_untagged": lambda w, t, o: reportgen(w, t, o, tagged=False),
    }
    figures: dict[str, dict[str, list[float]]] = {
        name: {"warm": [], "cold": []} for name in engines
    }
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-peers-") as tmp:
        work = Path(tmp)
        made = books(work, options.books + 2)
        warm, todo = made[:2], made[2:]
        for round_ in range(options.rounds):
            for name, engine in engines.items():
                out = work / f"{name}-{round_}"
                warm_run = engine(warm, todo, out / "warm")
                figures[name]["warm"].append(warm_run["books_s"] / len(todo))
                figures[name]["cold"].append(engine([], todo, out / "cold")["total_s"])
                pdfs = sorted((out / "warm").glob("*.pdf"))
                sizes[name] = sum(p.stat().st_size for p in pdfs if "warm" not in p.name)
    results: dict[str, Any] = {"books": options.books, "rounds": options.rounds,
                               "offices_each": OFFICES, "targets": TARGETS}  # fmt: skip
    for name, runs in figures.items():
        results[f"{name}_warm_per_book_s"] = round(statistics.median(runs["warm"]), 3)
        results[f"{name}_warm_per_book_s_all"] = [round(v, 3) for v in runs["warm"]]
        results[f"{name}_cold_run_s"] = round(statistics.median(runs["cold"]), 2)
        results[f"{name}_cold_run_s_all"] = [round(v, 2) for v in runs["cold"]]
        results[f"{name}_pdf_kb_per_book"] = round(sizes[name] / options.books / 1024)
    for name in ("reportgen_tagged", "reportgen_untagged"):
        warm_ratio = results["carbone_warm_per_book_s"] / results[f"{name}_warm_per_book_s"]
        cold_ratio = results["carbone_cold_run_s"] / results[f"{name}_cold_run_s"]
        results[f"{name}_warm_throughput_vs_carbone"] = round(warm_ratio, 2)
        results[f"{name}_cold_run_speed_vs_carbone"] = round(cold_ratio, 2)
    publish("peers", results)


if __name__ == "__main__":
    main()
