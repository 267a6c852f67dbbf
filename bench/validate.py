"""Benchmark of issue 2: validation throughput and CLI start-up.

    python bench/validate.py [--apps 1000] [--runs 21]

- 1,000 applications (variants of the examples: other names, figures and credit codes,
  each in its own folder with its evidence) validated in one process, warm: ms each.
- the same for files that only the pure-Python YAML 1.2 parser accepts (flow lists with
  `ISO 9001:2015`, as FORMAT.md writes them), which libyaml rejects.
- `reportgen --help` and `reportgen validate FILE` as new processes: median wall time,
  with reportgen's bytecode compiled first, as any installed package has it (this
  machine sets PYTHONDONTWRITEBYTECODE, so an editable checkout would otherwise
  recompile every module at every start: +0.15-0.2 s, also measured and reported).
Prints the figures and writes them to bench/results/validate.json.
"""

from __future__ import annotations

import argparse
import compileall
import platform
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

EXAMPLES = ["advanced-cnc", "digital-vision", "consumer-tea"]


def make_variants(target: Path, count: int, *, flow_lists: bool = False) -> list[Path]:
    """`count` application folders, cycling through the examples with changed figures."""
    files = []
    for i in range(count):
        example = ROOT / "examples" / EXAMPLES[i % len(EXAMPLES)]
        folder = target / f"client-{i:04d}"
        shutil.copytree(example / "evidence", folder / "evidence")
        text = (example / "application.yaml").read_text(encoding="utf-8")
        text = text.replace("有限公司", f"{i:04d}有限公司", 1)
        if flow_lists:
            text = text.replace(
                "    certifications:\n      - ISO 9001:2015\n      - ISO 14001:2015\n"
                "      - ISO 45001:2018\n",
                "    certifications: [ISO 9001:2015, ISO 14001:2015, ISO 45001:2018]\n",
            ).replace('["ISO 9001:2015", ', "[ISO 9001:2015, ")
        (folder / "application.yaml").write_text(text, encoding="utf-8")
        files.append(folder / "application.yaml")
    return files


def per_file_ms(files: list[Path]) -> tuple[float, int]:
    from reportgen.checks.validation import check_file

    for file in files[:3]:  # warm: imports, policy, validators built
        check_file(file)
    invalid = 0
    start = time.perf_counter()
    for file in files:
        invalid += not check_file(file).valid
    return (time.perf_counter() - start) * 1000 / len(files), invalid


def cli_median_s(args: list[str], runs: int) -> float:
    exe = str(Path(sys.executable).with_name("reportgen"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        files = make_variants(Path(tmp) / "c", options.apps)
        warm_ms, invalid = per_file_ms(files)
        flow = make_variants(Path(tmp) / "flow", max(options.apps // 10, 10), flow_lists=True)
        flow_ms, flow_invalid = per_file_ms(flow)
        one = str(files[1])
        package = ROOT / "reportgen"
        shutil.rmtree(package / "__pycache__", ignore_errors=True)
        for cache in package.glob("*/__pycache__"):
            shutil.rmtree(cache)
        uncompiled_s = cli_median_s(["validate", one], max(options.runs // 3, 3))
        compileall.compile_dir(package, quiet=1)
        help_s = cli_median_s(["--help"], options.runs)
        validate_s = cli_median_s(["validate", one], options.runs)
        validate_json_s = cli_median_s(["validate", "--format", "json", one], options.runs)

    results = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "applications": options.apps,
        "invalid_applications": invalid + flow_invalid,
        "validate_warm_ms_per_application": round(warm_ms, 2),
        "validate_warm_ms_per_application_yaml12_fallback": round(flow_ms, 2),
        "cli_runs": options.runs,
        "cli_help_median_s": round(help_s, 3),
        "cli_validate_one_file_median_s": round(validate_s, 3),
        "cli_validate_json_one_file_median_s": round(validate_json_s, 3),
        "cli_validate_one_file_median_s_without_bytecode": round(uncompiled_s, 3),
        "targets": {"warm_ms": 5.0, "cli_s": 0.4},
    }
    publish("validate", results)


if __name__ == "__main__":
    main()
