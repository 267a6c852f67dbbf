"""Benchmark of issue 15's third target: many people editing and checking on one server.

    python bench/web_users.py [--users 20] [--seconds 20] [--pause 1.0]

`--users` client folders (bench/batch.py's make_applications) on one `reportgen serve`
(--no-pdf: no render here); each simulated user has a thread of its own on loopback and,
for `--seconds`, does what the editor page does after each edit: POST /api/check with the
edited data, then POST /api/save with the version the last save returned (its own file,
so no conflicts are expected: any answer but 200 counts as an error), then waits `--pause`
seconds, as a person typing does (the page checks 0.5 s after typing stops; 0: users who
never pause, the server's throughput). http.client, a new
connection per request as the page's fetch makes them (no httpx: not a dependency).
Prints the figures and writes them to bench/results/web_users.json (with another
--pause, web_users_pause<N>.json: --pause 0 is the server's throughput, not the target).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch import make_applications  # noqa: E402
from results_file import publish  # noqa: E402
from web import Client, csrf_of  # noqa: E402

from tests.web_tools import serve  # noqa: E402

TARGETS = {"errors": 0, "check_round_trip_median_ms": 150}
LAUNCH_DATES = ("2023-09-01", "2022-12-31")  # inside the call's window, then outside


def user(base: str, csrf: str, id: str, until: float, pause: float, out: dict[str, Any]) -> None:
    from reportgen.source import load
    from reportgen.web import jsondata
    from reportgen.web.workspace import version

    client = Client(base)
    client.csrf = csrf
    file = Path(out["workspace"]) / id
    data = json.loads(jsondata.dumps(load(file).data))
    current = version(file)
    edits = 0
    while time.monotonic() < until:
        data["product"]["launch_date"] = LAUNCH_DATES[edits % 2]
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        start = time.perf_counter()
        status, _ = client.request("POST", f"/api/check/{id}", body)
        out["checks"].append((time.perf_counter() - start) * 1000)
        if status != 200:
            out["errors"].append(f"check {status}")
        saving = json.dumps({"data": data, "version": current}, ensure_ascii=False)
        start = time.perf_counter()
        status, answer = client.request("POST", f"/api/save/{id}", saving.encode("utf-8"))
        out["saves"].append((time.perf_counter() - start) * 1000)
        if status != 200:
            out["errors"].append(f"save {status}")
        else:
            current = json.loads(answer)["version"]
        edits += 1
        time.sleep(pause)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-web-users-") as temporary:
        workspace = make_applications(options.users, Path(temporary) / "clients")
        ids = sorted(
            f.relative_to(workspace).as_posix() for f in workspace.glob("*/application.yaml")
        )
        out: dict[str, Any] = {"workspace": str(workspace), "checks": [], "saves": [], "errors": []}
        with serve(workspace, "--no-pdf") as base:
            client = Client(base)
            csrf = csrf_of(client.timed("GET", "/")[1].decode("utf-8"))
            until = time.monotonic() + options.seconds
            work = [(base, csrf, id, until, options.pause, out) for id in ids]
            threads = [threading.Thread(target=user, args=args) for args in work]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(options.seconds + 60)
    checks, saves = sorted(out["checks"]), sorted(out["saves"])
    results: dict[str, Any] = {
        "users": options.users,
        "seconds": options.seconds,
        "pause_s": options.pause,
        "checks": len(checks),
        "saves": len(saves),
        "errors": len(out["errors"]),
        "error_kinds": sorted(set(out["errors"])),
        "check_round_trip_median_ms": round(statistics.median(checks), 1),
        "check_round_trip_p95_ms": round(checks[int(len(checks) * 0.95)], 1),
        "save_round_trip_median_ms": round(statistics.median(saves), 1),
        "save_round_trip_p95_ms": round(saves[int(len(saves) * 0.95)], 1),
        "requests_per_second": round((len(checks) + len(saves)) / options.seconds, 1),
        "targets": TARGETS,
    }
    results["met"] = {
        "errors": results["errors"] == 0,
        "check_round_trip_median_ms": results["check_round_trip_median_ms"] <= 150,
    }
    # the target's figures (a pause of 1 s) in web_users.json, another pause's beside them
    publish("web_users" if options.pause == 1.0 else f"web_users_pause{options.pause:g}", results)


if __name__ == "__main__":
    main()
