"""Benchmark of issue 5: a consultant's batch against a shell loop, re-runs, memory.

    python bench/batch.py [--apps 100] [--rounds 2] [--memory-apps 1000]

`--apps` applications are generated from the examples (each under its own enterprise
name), then, interleaved round after round (this VM's speed drifts by ±20 %):
1. `reportgen batch APPS -o OUT` — .docx and PDF, default jobs (the cores);
2. the same with `--no-pdf`: the difference is the time LibreOffice adds;
3. a shell loop running `reportgen render FILE -o …` once per application;
4. after 1, `reportgen batch` again on the unchanged applications (all skipped).
The batch with PDFs also gives the share of the cores it left idle (the machine's idle
time during the run, /proc/stat). Then memory: `reportgen batch --no-pdf` over
`--memory-apps` and over `--apps` applications, the reportgen process's peak resident
set (VmHWM) and that of its worker processes, and the reportgen process's resident set
as the run goes on.
Prints the figures and writes them to bench/results/batch.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results_file import publish  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*/application.yaml"))
REPORTGEN = str(Path(sys.executable).with_name("reportgen"))


def make_applications(count: int, folder: Path) -> Path:
    """`count` client folders: the examples in turn, the enterprise numbered."""
    for i in range(count):
        example = EXAMPLES[i % len(EXAMPLES)]
        target = folder / f"client{i:04}"
        shutil.copytree(example.parent, target)
        text = (target / "application.yaml").read_text("utf-8")
        head, name_line, rest = text.partition("\n  name: ")
        name, newline, tail = rest.partition("\n")
        (target / "application.yaml").write_text(
            f"{head}{name_line}{name}{i:04}{newline}{tail}", "utf-8"
        )
    return folder


def timed(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def _cpu_jiffies() -> tuple[int, int]:
    """(all, idle) jiffies of the machine's cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[3] + values[4]  # idle + iowait


def idle_share(command: list[str]) -> tuple[float, float]:
    """(seconds, share of the cores left idle) of a run, from the machine's own counts
    (/proc/stat): the batch's workers, offices and bridges are not all reportgen's
    children (the forkserver's workers), so rusage would miss some. The machine must be
    otherwise quiet; anything else running counts as busy."""
    before = _cpu_jiffies()
    seconds = timed(command)
    after = _cpu_jiffies()
    return seconds, (after[1] - before[1]) / max(after[0] - before[0], 1)


def shell_loop(apps: Path, out: Path) -> float:
    script = (
        'for f in "$1"/*/application.yaml; do '
        '"$2" render "$f" -o "$3/$(basename "$(dirname "$f")")" > /dev/null || exit 1; done'
    )
    return timed(["bash", "-c", script, "loop", str(apps), REPORTGEN, str(out)])


def _status(pid: int, field: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return children + [d for c in children for d in _descendants(c)]


def memory(apps: Path, out: Path) -> dict[str, object]:
    """Peak RSS of `reportgen batch --no-pdf` and of its workers, sampled every 0.1 s."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [REPORTGEN, "batch", str(apps), "-o", str(out), "--no-pdf"], stdout=subprocess.DEVNULL
    )
    peak, workers_peak, samples = 0.0, 0.0, []
    while process.poll() is None:
        hwm = _status(process.pid, "VmHWM")
        rss = _status(process.pid, "VmRSS")
        if hwm is not None and rss is not None:
            peak = max(peak, hwm)
            samples.append((time.perf_counter() - start, rss))
        for pid in _descendants(process.pid):
            workers_peak = max(workers_peak, _status(pid, "VmHWM") or 0.0)
        time.sleep(0.1)
    quarter = [samples[int(len(samples) * q) - 1][1] for q in (0.25, 0.5, 0.75, 1.0)]
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "reportgen_peak_mb": round(peak, 1),
        "worker_peak_mb": round(workers_peak, 1),
        "reportgen_rss_mb_at_25_50_75_100_percent": [round(q, 1) for q in quarter],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--memory-apps", type=int, default=1000)
    args = parser.parse_args()
    results: dict[str, object] = {"applications": args.apps, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as temporary:
        work = Path(temporary)
        apps = make_applications(args.apps, work / "apps")
        batch, no_pdf, loop, rerun, idle = [], [], [], [], []
        for round_ in range(args.rounds):
            out = work / f"batch{round_}"
            seconds, left_idle = idle_share([REPORTGEN, "batch", str(apps), "-o", str(out)])
            batch.append(seconds)
            idle.append(left_idle)
            rerun.append(timed([REPORTGEN, "batch", str(apps), "-o", str(out)]))
            no_pdf.append(
                timed([REPORTGEN, "batch", str(apps), "-o", str(work / f"n{round_}"), "--no-pdf"])
            )
            loop.append(shell_loop(apps, work / f"loop{round_}"))
            print(
                f"round {round_ + 1}: batch {batch[-1]:.1f} s (cores idle {idle[-1]:.0%}), "
                f"--no-pdf {no_pdf[-1]:.1f} s, "
                f"loop {loop[-1]:.1f} s, unchanged re-run {rerun[-1]:.2f} s",
                flush=True,
            )
        pdfs = len(list((work / "batch0").glob("*/*.pdf")))
        assert pdfs == 2 * args.apps, f"{pdfs} PDFs for {args.apps} applications"
        b, n, s = (statistics.median(x) for x in (batch, no_pdf, loop))
        results |= {
            "batch_docx_pdf_seconds": round(b, 1),
            "batch_seconds_per_application": round(b / args.apps, 3),
            "batch_cores_idle_share": round(statistics.median(idle), 3),
            "batch_no_pdf_seconds": round(n, 1),
            "libreoffice_share_of_batch_time": round((b - n) / b, 2),
            "shell_loop_render_seconds": round(s, 1),
            "shell_loop_seconds_per_application": round(s / args.apps, 3),
            "batch_speedup_over_shell_loop": round(s / b, 2),
            "unchanged_rerun_seconds": round(statistics.median(rerun), 2),
            "rounds": args.rounds,
        }
        shutil.rmtree(apps.parent / "loop0", ignore_errors=True)
        many = make_applications(args.memory_apps, work / "many")
        results[f"memory_{args.apps}_apps_no_pdf"] = memory(apps, work / "mem-small")
        results[f"memory_{args.memory_apps}_apps_no_pdf"] = memory(many, work / "mem-many")
    publish("batch", results)


if __name__ == "__main__":
    main()
