"""Benchmark of issue 14: `reportgen serve` as a clerk meets it, against a real server.

    python bench/web.py [--gets 30] [--edits 20] [--renders 5] [--memory-renders 200]

The server is `python -m reportgen serve` (PDF on: its warm LibreOffice pool) over a
temporary workspace holding examples/advanced-cnc; the browser is Debian's chromium
driven by Playwright, as in tests/test_web.py.
1. editor page: GET /edit/… with http.client, the first after the server answered GET /
   (cold: the editor's templates and form tree not yet made) and the median of N on the
   warm server; also the same request in this process straight into the ASGI app (no
   socket, no uvicorn): the server's own share of it.
2. live check: the launch date set in the page, alternately to a date outside the call's
   window and back; from the moment the check request starts (the page's resource timing)
   to the moment the findings panel changes (a MutationObserver), both on the page's
   performance.now() clock; the next animation frame after it too (what is painted).
3. render from the button (生成文档) until the .pdf links are shown: the first render
   (the pool's offices start with it) and the median of N with the pool warm.
4. memory: M renders in a row (POST /api/render with the page's CSRF token, PDFs
   included), RSS of the server process and of each process it started (LibreOffice)
   sampled every 20.
Prints the figures and writes them to bench/results/web.json.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import publish  # noqa: E402

# the browser tests' tools: the same server start and stop (SIGINT, nothing left behind),
# the same chromium (Debian's, no browser of Playwright's own) and viewport
from tests.web_tools import LOCALE, VIEWPORT, chromium_path, serve  # noqa: E402

EXAMPLE = ROOT / "examples" / "advanced-cnc"
CNC = "advanced-cnc/application.yaml"
OUTSIDE_THE_WINDOW = "2022-12-31"  # launched before the call's window: a launch_window error
TARGETS = {
    "editor_server_ms": 100,
    "live_check_round_trip_ms": 150,
    "render_with_pdf_from_button_warm_s": 1.5,
    "memory": "flat over the renders",
}
# "flat": what the server process holds after the last render is within this of what it
# held after the first 20 (a leak of a few hundred KB per render shows over 200)
FLAT_SERVER_GROWTH_MB = 20.0

# In the page, before its own script: when each mutation of the findings (panel, count,
# the launch date's box) happened, and the animation frame after it; when the render
# button was clicked, and when a .pdf link first showed in the documents area.
INSTRUMENT = """
window.__bench = {mutations: [], frames: [], clicks: [], pdfShown: []};
document.addEventListener("click", (event) => {
  const render = event.target.closest && event.target.closest("#render");
  if (render) window.__bench.clicks.push(performance.now());
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const findings = new MutationObserver(() => {
    window.__bench.mutations.push(performance.now());
    requestAnimationFrame(() => window.__bench.frames.push(performance.now()));
  });
  const options = {subtree: true, childList: true, attributes: true, characterData: true};
  findings.observe(document.getElementById("finding-groups"), options);
  findings.observe(document.getElementById("finding-count"), options);
  findings.observe(document.querySelector('[data-problems="product.launch_date"]'), options);
  const documents = new MutationObserver(() => {
    const links = [...document.querySelectorAll("#documents a")];
    const pdf = links.some((a) => (a.getAttribute("download") || "").endsWith(".pdf"));
    if (pdf) window.__bench.pdfShown.push(performance.now());
  });
  documents.observe(document.getElementById("documents"), {subtree: true, childList: true});
});
"""

# the check requests the page made since the last clearResourceTimings(), on its clock
CHECK_TIMINGS = """() => performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("/api/check/") && e.responseEnd > 0)
  .map((e) => ({start: e.startTime, responseStart: e.responseStart, end: e.responseEnd}))"""
RENDER_TIMINGS = """() => performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("/api/render/") && e.responseEnd > 0)
  .map((e) => ({start: e.startTime, end: e.responseEnd}))"""


# -- http.client against the real server


class Client:
    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.csrf = ""

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"X-CSRF-Token": self.csrf, "Content-Type": "application/json"}
        # a new connection each time, as a browser's first request to a page is
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers if body else {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def timed(self, method: str, path: str, body: bytes | None = None) -> tuple[float, bytes]:
        start = time.perf_counter()
        status, answer = self.request(method, path, body)
        elapsed = time.perf_counter() - start
        if status != 200:
            raise SystemExit(f"{method} {path}: {status} {answer[:300]!r}")
        return elapsed, answer


def csrf_of(page_html: str) -> str:
    return page_html.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]


# -- the server's processes


def server_pid(port: int) -> int:
    """The `reportgen serve … --port PORT` process (tests.web_tools.serve keeps its Popen)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in words and b"--port" in words and str(port).encode() in words:
            return int(cmdline.parent.name)
    raise SystemExit(f"no reportgen serve process on port {port}")


def descendants(pid: int) -> list[int]:
    """Every live process started by `pid`, its children's children too: LibreOffice runs
    in a session of its own, so the process group would miss it; the parent links don't."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid …: comm may hold spaces and parentheses
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields and fields[0] != "Z":
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0  # gone between the listing and the reading (an office being renewed)


def memory_sample(pid: int) -> dict[str, float]:
    children = descendants(pid)
    server = rss_mb(pid)
    offices = sum(rss_mb(child) for child in children)
    return {
        "server_mb": round(server, 1),
        "children_mb": round(offices, 1),
        "total_mb": round(server + offices, 1),
        "children": len(children),
    }


# -- in this process: the ASGI app called directly (no socket, no uvicorn)


def asgi_get(app: Any, path: str) -> tuple[int, bytes]:
    parts = urlsplit(path)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    answer: dict[str, Any] = {"status": 0, "body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return answer["status"], answer["body"]


def in_process_editor(workspace: Path, runs: int) -> float:
    """The median of `runs` editor pages from the app in this process, in ms, once warm
    (the first also imports and loads the policy: the real server did that for GET /)."""
    from reportgen.web.app import create_app

    app = create_app(workspace)
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        status, _body = asgi_get(app, f"/edit/{quote(CNC)}")
        times.append(time.perf_counter() - start)
        if status != 200:
            raise SystemExit(f"in-process GET /edit/{CNC}: {status}")
    return statistics.median(times[1:]) * 1000


# -- the browser


def live_checks(page: Any, edits: int) -> dict[str, Any]:
    launch = page.get_by_label("上市时间")
    original = launch.input_value()
    box = page.locator('[data-problems="product.launch_date"]')
    round_trips, painted, server_parts = [], [], []
    for i in range(edits):
        outside = i % 2 == 0
        page.evaluate("() => { window.__bench.mutations = []; window.__bench.frames = []; "
                      "performance.clearResourceTimings(); }")  # fmt: skip
        launch.fill(OUTSIDE_THE_WINDOW if outside else original)
        # the answer came and the page showed it: a mutation after the response's end
        page.wait_for_function(
            f"() => {{ const c = ({CHECK_TIMINGS})(); return c.length > 0 && "
            "window.__bench.frames.some((t) => t >= c[c.length - 1].end); }"
        )
        checks = page.evaluate(CHECK_TIMINGS)
        marks = page.evaluate("() => window.__bench")
        request = checks[-1]
        shown = min(t for t in marks["mutations"] if t >= request["end"])
        frame = min(t for t in marks["frames"] if t >= shown)
        round_trips.append(shown - request["start"])
        painted.append(frame - request["start"])
        server_parts.append(request["responseStart"] - request["start"])
        # what was shown is the right answer: the launch-window error at its field, or none
        has_problem = box.locator(".problem").count() > 0
        if has_problem != outside:
            raise SystemExit(f"edit {i}: launch-window finding shown: {has_problem}")
        saved(page)  # the save after the check is done: the next edit starts on a quiet server
    return {
        "round_trip_ms": round_trips,
        "painted_ms": painted,
        "request_to_first_byte_ms": server_parts,
    }


def saved(page: Any) -> None:
    page.wait_for_function("document.getElementById('save-state').textContent === '已保存'")


def render_from_button(page: Any) -> tuple[float, float]:
    """One click on 生成文档 until a .pdf link shows: (click → link, request → response), s."""
    page.evaluate("() => { window.__bench.clicks = []; window.__bench.pdfShown = []; "
                  "performance.clearResourceTimings(); }")  # fmt: skip
    page.get_by_role("button", name="生成文档").click()
    page.wait_for_function("() => window.__bench.pdfShown.length > 0", timeout=120_000)
    marks = page.evaluate("() => window.__bench")
    request = page.evaluate(RENDER_TIMINGS)[-1]
    return (
        (marks["pdfShown"][0] - marks["clicks"][0]) / 1000,
        (request["end"] - request["start"]) / 1000,
    )


def median(values: list[float], digits: int = 1) -> float:
    return round(statistics.median(values), digits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gets", type=int, default=30)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--renders", type=int, default=5, help="warm renders from the button")
    parser.add_argument("--memory-renders", type=int, default=200)
    parser.add_argument("--sample-every", type=int, default=20)
    options = parser.parse_args()
    if chromium_path() is None:
        raise SystemExit("Debian's chromium is not installed (scripts/install-debian-packages.sh)")
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {"example": str(EXAMPLE.relative_to(ROOT))}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-web-") as temporary:
        workspace = Path(temporary) / "workspace"
        shutil.copytree(EXAMPLE, workspace / EXAMPLE.name)
        with serve(workspace) as base:  # PDF on: the server's warm pool
            client = Client(base)
            path = f"/edit/{quote(CNC)}"
            # 1. the editor page: the first one after start, then warm
            cold, page_html = client.timed("GET", path)
            client.csrf = csrf_of(page_html.decode("utf-8"))
            warm = [client.timed("GET", path)[0] * 1000 for _ in range(options.gets)]
            results["editor_page_kb"] = round(len(page_html) / 1024, 1)
            results["editor_first_get_ms"] = round(cold * 1000, 1)
            results["editor_warm_gets"] = options.gets
            results["editor_warm_get_median_ms"] = median(warm)
            results["editor_warm_get_max_ms"] = round(max(warm), 1)

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, chromium_sandbox=False
                )
                try:
                    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
                    context.set_default_timeout(30_000)
                    context.add_init_script(INSTRUMENT)
                    page = context.new_page()
                    page.on("dialog", lambda dialog: dialog.accept())  # a draft, if asked
                    page.goto(base + path)
                    page.wait_for_selector("#finding-count:not(:empty)")  # nothing to save yet
                    # 2. live checks
                    checks = live_checks(page, options.edits)
                    results["live_check_edits"] = options.edits
                    results["live_check_round_trip_median_ms"] = median(checks["round_trip_ms"])
                    results["live_check_round_trip_max_ms"] = round(max(checks["round_trip_ms"]), 1)
                    results["live_check_to_next_frame_median_ms"] = median(checks["painted_ms"])
                    results["live_check_request_to_first_byte_median_ms"] = median(
                        checks["request_to_first_byte_ms"]
                    )
                    # 3. render from the button: the pool's offices start with the first
                    first, first_request = render_from_button(page)
                    warm_renders = [render_from_button(page) for _ in range(options.renders)]
                    results["render_button_first_s"] = round(first, 2)
                    results["render_button_first_request_s"] = round(first_request, 2)
                    results["render_button_warm_renders"] = options.renders
                    results["render_button_warm_median_s"] = median(
                        [shown for shown, _ in warm_renders], 2
                    )
                    results["render_button_warm_request_median_s"] = median(
                        [request for _, request in warm_renders], 2
                    )
                    context.close()
                finally:
                    browser.close()

            # 4. memory over many renders, PDFs included
            pid = server_pid(int(urlsplit(base).port or 0))
            samples, times = [], []
            for i in range(options.memory_renders):
                elapsed, answer = client.timed("POST", f"/api/render/{quote(CNC)}", b"{}")
                # the answer is the render's steps, a JSON line each, the result last
                result = json.loads(answer.splitlines()[-1]).get("result", {})
                if not any(f["format"] == "pdf" for f in result.get("files", [])):
                    raise SystemExit(f"render {i}: no PDF in {answer[:300]!r}")
                times.append(elapsed)
                if i % options.sample_every == options.sample_every - 1:
                    samples.append(memory_sample(pid))
            server_rss = [s["server_mb"] for s in samples]
            total_rss = [s["total_mb"] for s in samples]
            growth = server_rss[-1] - server_rss[0] if samples else 0.0
            results["memory_renders"] = options.memory_renders
            results["memory_render_post_median_s"] = median(times, 2)
            results["memory_rss_every_n_renders"] = options.sample_every
            results["memory_server_rss_mb"] = server_rss
            results["memory_office_rss_mb"] = [s["children_mb"] for s in samples]
            results["memory_total_rss_mb"] = total_rss
            results["memory_server_growth_first_to_last_sample_mb"] = round(growth, 1)
            results["memory_total_peak_mb"] = max(total_rss) if total_rss else 0.0

        # the server's own share of the editor page, without the socket and uvicorn
        results["editor_in_process_warm_median_ms"] = round(
            in_process_editor(workspace, options.gets), 1
        )

    results["targets"] = TARGETS
    results["met"] = {
        "editor_server_ms": results["editor_warm_get_median_ms"] <= TARGETS["editor_server_ms"],
        "live_check_round_trip_ms": results["live_check_round_trip_median_ms"]
        <= TARGETS["live_check_round_trip_ms"],
        "render_with_pdf_from_button_warm_s": results["render_button_warm_median_s"]
        <= TARGETS["render_with_pdf_from_button_warm_s"],
        "memory": results["memory_server_growth_first_to_last_sample_mb"] <= FLAT_SERVER_GROWTH_MB,
    }
    results["memory_flat_means"] = f"server RSS growth ≤ {FLAT_SERVER_GROWTH_MB} MB"
    publish("web", results)


if __name__ == "__main__":
    main()
