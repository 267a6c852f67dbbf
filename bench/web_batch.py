"""Benchmark of issue 15's first targets: the workspace page of many clients, and a batch
rendered from it against `reportgen batch` on the same folder.

    python bench/web_batch.py [--apps 50] [--rounds 2] [--gets 20]

`--apps` client folders are made from the examples (bench/batch.py's make_applications).
`reportgen serve` is started on them (PDFs on: its warm pool of two offices), then:
1. the workspace page: the first GET after start (serve's readiness probe asked for it
   once already), `--gets` warm ones (the server checks each application once and again
   only when its file changed), and one after every file was touched (all checked again);
2. interleaved, `--rounds` times (this VM's speed drifts): `reportgen batch CLIENTS -o OUT`
   (PDFs, default jobs) and the same applications from the page's batch request
   (POST /api/batch with every id, read to its last line), each into a fresh output
   folder, so both render everything. The server's batch uses its warm pool; the CLI
   starts its own offices, as a consultant's terminal would.
Prints the figures and writes them to bench/results/web_batch.json.
"""

from __future__ import annotations

import argparse
import json
import os
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

from batch import REPORTGEN, make_applications  # noqa: E402
from results_file import publish  # noqa: E402
from web import Client, csrf_of  # noqa: E402

from tests.web_tools import serve  # noqa: E402

TARGETS = {"workspace_page_server_ms": 200, "page_batch_vs_cli": "within 10 %"}
BATCH_FOLDER = "批量生成"  # reportgen/web/batches.py


def page_batch(client: Client, ids: list[str]) -> tuple[float, dict[str, object]]:
    body = json.dumps({"ids": ids}, ensure_ascii=False).encode("utf-8")
    elapsed, answer = client.timed("POST", "/api/batch", body)
    result = json.loads(answer.decode("utf-8").splitlines()[-1])["result"]
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--gets", type=int, default=20)
    options = parser.parse_args()
    results: dict[str, object] = {"apps": options.apps, "rounds": options.rounds}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-web-batch-") as temporary:
        workspace = make_applications(options.apps, Path(temporary) / "clients")
        files = workspace.glob("*/application.yaml")
        ids = sorted(f.relative_to(workspace).as_posix() for f in files)
        with serve(workspace) as base:
            client = Client(base)
            cold, page = client.timed("GET", "/")
            client.csrf = csrf_of(page.decode("utf-8"))
            warm = [client.timed("GET", "/")[0] * 1000 for _ in range(options.gets)]
            results["workspace_page_first_ms"] = round(cold * 1000, 1)
            results["workspace_page_warm_median_ms"] = round(statistics.median(warm), 1)
            results["workspace_page_kb"] = round(len(page) / 1024, 1)
            # every file changed since (a consultant's morning after a night's edits): the
            # page checks all of them again
            for file in workspace.glob("*/application.yaml"):
                os.utime(file, ns=(time.time_ns(), time.time_ns()))
            results["workspace_page_all_changed_ms"] = round(client.timed("GET", "/")[0] * 1000, 1)
            cli_times, page_times = [], []
            for _ in range(options.rounds):
                out = Path(temporary) / "cli-out"
                shutil.rmtree(out, ignore_errors=True)
                start = time.perf_counter()
                done = subprocess.run([REPORTGEN, "batch", str(workspace), "-o", str(out)],
                                      stdout=subprocess.DEVNULL, check=False)  # fmt: skip
                cli_times.append(time.perf_counter() - start)
                if done.returncode != 0:
                    raise SystemExit(f"reportgen batch: exit {done.returncode}")
                shutil.rmtree(workspace / BATCH_FOLDER, ignore_errors=True)
                elapsed, result = page_batch(client, ids)
                page_times.append(elapsed)
                if result.get("totals", {}).get("ok") != options.apps:  # type: ignore[union-attr]
                    raise SystemExit(f"the page's batch: {result}")
    cli, web = statistics.median(cli_times), statistics.median(page_times)
    results["cli_batch_s"] = [round(t, 2) for t in cli_times]
    results["page_batch_s"] = [round(t, 2) for t in page_times]
    results["cli_batch_per_app_s"] = round(cli / options.apps, 3)
    results["page_batch_per_app_s"] = round(web / options.apps, 3)
    results["page_over_cli"] = round(web / cli, 3)
    results["targets"] = TARGETS
    results["met"] = {
        "workspace_page_server_ms": results["workspace_page_warm_median_ms"] <= 200,  # type: ignore[operator]
        "page_batch_vs_cli": web <= cli * 1.10,
    }
    publish("web_batch", results)


if __name__ == "__main__":
    main()
