"""Benchmark of issue 16's targets: importing a Word report, and a book with photos.

    python bench/importing.py [--runs 5]

- import of a 20-page Word report book (python-docx writes it here: the outline's
  headings in the styles people use, ~14 000 characters of text, six tables, two
  images), `import_report` into a new folder: median of the runs, and its pages as
  LibreOffice counts them;
- a report book with ten 12-megapixel photos (4000×3000 JPEGs of ~3 MB, detail at every
  scale as a camera's): its .docx size and render time, the first render (every photo
  decoded and scaled) and again (the scaled photos cached, as in batch or the browser);
  and with the PDF by a warm office.
Prints the figures and writes them to bench/results/importing.json.
"""

from __future__ import annotations

import argparse
import io
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

from reportgen.checks import check_file  # noqa: E402
from reportgen.importing import import_report  # noqa: E402
from reportgen.render import render  # noqa: E402
from tests.test_pictures import photo  # noqa: E402

TARGETS = {"import_20_pages_s": 2.0, "ten_photos_docx_mb": 5.0, "ten_photos_render_s": 3.0}
SENTENCE = (
    "本产品采用自主研发的五轴联动控制技术，关键指标达到国际先进水平，"
    "已在航空航天和汽车模具领域批量应用。"
)
HEADINGS = [
    ("一、产品技术水平", ["（一）产品技术先进性", "（二）产品技术创新性", "（三）产品技术主导性"]),
    ("二、产品质量水平", ["（一）产品可靠性", "（二）产品安全性", "（三）质量管理体系"]),
    ("三、产品品牌价值", ["（一）品牌建设", "（二）品牌美誉度", "（三）市场占有率"]),
    ("四、综合竞争力", ["（一）产品竞争力", "（二）企业竞争力"]),
]


def word_report(path: Path) -> Path:
    import docx
    from PIL import Image

    document = docx.Document()
    document.add_paragraph("浙江制造精品申报书")
    cover = document.add_table(rows=2, cols=2)
    cover.cell(0, 0).text, cover.cell(0, 1).text = "企业名称", "杭州某某智能装备有限公司"
    cover.cell(1, 0).text, cover.cell(1, 1).text = "产品名称", "高精度五轴联动数控加工中心"
    for part, subsections in HEADINGS:
        document.add_heading(part, 1)
        for i, subsection in enumerate(subsections):
            document.add_heading(subsection, 2)
            for _ in range(10):
                document.add_paragraph(SENTENCE * 4)
            if i == 0:
                table = document.add_table(rows=4, cols=3)
                for row in table.rows:
                    for cell in row.cells:
                        cell.text = "指标 0.005 mm"
            if part.startswith("一") and i < 2:
                image = io.BytesIO()
                Image.new("RGB", (800, 600), (40, 90, 160)).save(image, "PNG")
                document.add_picture(image)
    document.save(path)
    return path


def pages(docx: Path, folder: Path) -> int:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   capture_output=True, timeout=180, check=True)  # fmt: skip
    info = subprocess.run(["pdfinfo", str(folder / (docx.stem + ".pdf"))], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def photo_book(folder: Path) -> Path:
    shutil.copytree(ROOT / "examples" / "advanced-cnc", folder)
    evidence = folder / "evidence"
    for i in range(10):
        photo(evidence / f"照片{i + 1}.jpg")
    shown = "\n\n".join(f"        ![照片 {i + 1}](evidence/照片{i + 1}.jpg)" for i in range(10))
    application = folder / "application.yaml"
    source = application.read_text("utf-8")
    marker = "    advancement:\n      text: |\n"
    application.write_text(source.replace(marker, marker + shown + "\n\n", 1), "utf-8")
    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    results: dict[str, object] = {"targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-import-") as tmp:
        work = Path(tmp)
        report = word_report(work / "报告书.docx")
        results["word_report_pages"] = pages(report, work)
        results["word_report_kb"] = round(report.stat().st_size / 1024)
        times = []
        for run in range(runs):
            start = time.perf_counter()
            imported, _ = import_report(report, work / f"导入{run}")
            times.append(time.perf_counter() - start)
        results["import_20_pages_s"] = round(statistics.median(times), 3)
        results["import_20_pages_s_all"] = [round(t, 3) for t in times]
        results["import_sections_found"] = len(imported.texts)

        application = photo_book(work / "十张照片")
        sizes = [(p.stat().st_size) for p in (application.parent / "evidence").glob("照片*.jpg")]
        results["photo_mb_each"] = round(statistics.mean(sizes) / 2**20, 2)
        timed = []
        for run in range(3):
            start = time.perf_counter()
            outputs = render(check_file(application), work / f"out{run}")
            timed.append(time.perf_counter() - start)
        book = next(o.path for o in outputs if o.kind == "report_book" and o.format == "docx")
        results["ten_photos_docx_mb"] = round(book.stat().st_size / 2**20, 2)
        results["ten_photos_render_s"] = round(timed[0], 3)  # every photo scaled
        results["ten_photos_render_again_s"] = round(min(timed[1:]), 3)  # from the cache
        from reportgen.convert import ConverterPool
        from reportgen.render.pictures import _prepared

        with ConverterPool(1) as pool:
            render(check_file(ROOT / "examples" / "advanced-cnc" / "application.yaml"),
                   work / "warm", converter=pool)  # fmt: skip
            _prepared.cache_clear()  # every photo scaled again: a first render
            start = time.perf_counter()
            outputs = render(check_file(application), work / "pdf", converter=pool)
            results["ten_photos_render_with_pdf_s"] = round(time.perf_counter() - start, 3)
        pdf = next(o.path for o in outputs if o.kind == "report_book" and o.format == "pdf")
        results["ten_photos_pdf_mb"] = round(pdf.stat().st_size / 2**20, 2)
    publish("importing", results)


if __name__ == "__main__":
    main()
