"""Benchmark of issue 3: rendering .docx in-process, and memory over many documents.

    python bench/render.py [--runs 30] [--documents 200]

- report book (context + Markdown + charts + docxtpl + stable zip), warm process:
  * "re-render": the same application again (charts and pandoc parse come from the
    in-process caches, as when a consultant re-renders after editing one field);
  * "fresh": different figures and text every time (charts drawn, pandoc run).
- commitment letter: median.
- peak RSS while rendering N different report books in one process, sampled every 20.
Prints the figures and writes them to bench/results/render.json.
"""

from __future__ import annotations

import argparse
import copy
import resource
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import publish  # noqa: E402

from reportgen.context import build_context, section_texts  # noqa: E402
from reportgen.model import Application  # noqa: E402
from reportgen.policy import load_policy  # noqa: E402
from reportgen.render import COMMITMENT_LETTER, REPORT_BOOK, TEMPLATE_DIR  # noqa: E402
from reportgen.render.charts import charts  # noqa: E402
from reportgen.render.docx import render_docx  # noqa: E402
from reportgen.render.markdown import markdown_sections  # noqa: E402
from reportgen.source import load  # noqa: E402

EXAMPLE = ROOT / "examples" / "advanced-cnc" / "application.yaml"
WHEN = datetime(2026, 6, 20)


def variant(data: dict[str, Any], i: int) -> Application:
    changed = copy.deepcopy(data)
    changed["financials"][0]["product_sales"] = 1850 + i  # new chart
    changed["report"]["technology"]["advancement"]["text"] += f"\n\n第 {i} 次修改。"  # new parse
    return Application.model_validate(changed)


def book(app: Application) -> bytes:
    policy = load_policy(app.call)
    context = replace(
        build_context(app, policy),
        text=markdown_sections(section_texts(app)),
        charts=charts(app.financials),
    )
    return render_docx(TEMPLATE_DIR / REPORT_BOOK, context, title="t", author="a", when=WHEN)


def letter(app: Application) -> bytes:
    context = build_context(app, load_policy(app.call))  # no narratives: text stays empty
    return render_docx(TEMPLATE_DIR / COMMITMENT_LETTER, context, title="t", author="a", when=WHEN)


def median_ms(function: Any, arguments: list[Any]) -> float:
    times = []
    for argument in arguments:
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--documents", type=int, default=200)
    options = parser.parse_args()

    data = load(EXAMPLE).data
    app = Application.model_validate(data)
    book(app)  # warm: imports, template cache, fonts
    letter(app)
    rerender = median_ms(book, [app] * options.runs)
    fresh = median_ms(book, [variant(data, 10_000 + i) for i in range(options.runs)])
    letter_ms = median_ms(letter, [app] * options.runs)

    samples = []
    for i in range(options.documents):
        book(variant(data, i))
        if i % 20 == 19:
            samples.append(round(rss_mb(), 1))
    growth = samples[-1] - samples[0] if samples else 0.0

    results = {
        "example": str(EXAMPLE.relative_to(ROOT)),
        "runs": options.runs,
        "report_book_rerender_median_ms": round(rerender, 1),
        "report_book_fresh_figures_and_text_median_ms": round(fresh, 1),
        "commitment_letter_median_ms": round(letter_ms, 1),
        "documents_for_memory": options.documents,
        "rss_mb_every_20_documents": samples,
        "rss_growth_mb_first_to_last_sample": round(growth, 1),
        "targets": {"report_book_ms": 150, "letter_ms": 30, "memory": "flat"},
    }
    publish("render", results)


if __name__ == "__main__":
    main()
