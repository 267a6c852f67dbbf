"""Builds reportgen's Word templates (reportgen/render/templates/) from the house style.

    python tools/templates/build.py [OUTDIR]    # report_book, commitment_letter, check_report

A development tool, not part of the package: the package ships the .docx files it makes.

The styles are in house_style.py, the documents in book.py and letters.py; the .docx
files are the output, checked in so Word/WPS users and `--template-dir` have them. A test
rebuilds them and compares the bytes. The Jinja tags are the variables of docs/templates.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEMPLATES_OUT = ROOT / "reportgen" / "render" / "templates"
sys.path[:0] = [str(HERE), str(ROOT)]  # the modules beside, and reportgen

from book import report_book  # noqa: E402
from house_style import fixed_properties, save_reproducibly  # noqa: E402
from letters import check_report, commitment_letter  # noqa: E402

TEMPLATES = {
    "report_book.docx": (report_book, "浙江制造精品报告书（模板）"),
    "commitment_letter.docx": (commitment_letter, "承诺书（模板）"),
    "check_report.docx": (check_report, "检查报告（模板）"),
}


def main(out: Path = TEMPLATES_OUT) -> None:
    for name, (build, title) in TEMPLATES.items():
        doc = build()
        fixed_properties(doc, title)
        save_reproducibly(doc, out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES_OUT)
