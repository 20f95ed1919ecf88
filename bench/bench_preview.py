"""The live preview on the generated 40-part book (bench/series.py).

* Save-to-refresh: the time from saving one part to the page's refresh
  event (the server-sent `state` event carrying the new build), measured by
  a client listening to `/_warraq/events` like an open page does.  Target:
  median under 300 ms.
* A burst of 200 concurrent requests on loopback while a rebuild runs: no
  5xx, no failed connection, and the reload event of that rebuild still
  reaches the listening page (no lost reload).

The server is the real `warraq preview` in a subprocess (`--port 0`).
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .series import write_series

ROOT = Path(__file__).resolve().parents[1]
PARTS = 40
SAVES = 21
BURST = 200
TARGET_MS = 300


class Preview:
    """`warraq preview` in a subprocess, and one page's event stream."""

    def __init__(self, manuscript: Path, out: Path):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "warraq", "preview", "-m", str(manuscript), "-o", str(out), "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        start = time.perf_counter()
        for line in self.proc.stdout:
            m = re.search(r"preview on http://([\d.]+):(\d+)/", line)
            if m:
                self.host, self.port = m.group(1), int(m.group(2))
                break
        else:
            raise RuntimeError("warraq preview did not start")
        self.first_build_s = time.perf_counter() - start
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._listen, daemon=True).start()
        self.state = self.events.get(timeout=30)[1]  # the current state, sent at once

    def _listen(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=600)
        conn.request("GET", "/_warraq/events")
        resp = conn.getresponse()
        data: list[str] = []
        while True:
            line = resp.fp.readline()
            if not line:
                return
            text = line.decode("utf-8").rstrip("\n")
            if text.startswith("data: "):
                data.append(text[6:])
            elif text == "" and data:
                self.events.put((time.perf_counter(), json.loads("\n".join(data))))
                data = []

    def next_build(self, after: int, timeout: float = 60) -> tuple[float, dict]:
        """The arrival time and state of the first event with a newer build."""
        deadline = time.perf_counter() + timeout
        while True:
            at, state = self.events.get(timeout=max(0.1, deadline - time.perf_counter()))
            if state.get("build", 0) > after or state.get("error"):
                return at, state

    def get(self, path: str) -> int:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            return resp.status
        finally:
            conn.close()

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (user + system, Linux)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def save(part: Path, n: int) -> None:
    text = part.read_text("utf-8")
    part.write_text(text + f"جملة أضافها المؤلف في الحفظ رقم {n} لتجربة سرعة المعاينة.\n", "utf-8")


def run(workdir: Path) -> dict:
    manuscript = write_series(workdir, PARTS, sources=True)  # with the seed's notes, as a real series has
    preview = Preview(manuscript, workdir / "build")
    try:
        parts = sorted((manuscript / "parts").iterdir())
        build = preview.state["build"]
        latencies, rebuilds, cpu = [], [], []
        for n in range(SAVES):
            part = parts[(n * 7) % len(parts)]
            time.sleep(0.3)  # a reader's pause between saves
            cpu_before = preview.cpu_seconds()
            start = time.perf_counter()
            save(part, n)
            at, state = preview.next_build(build)
            assert not state.get("error"), state
            build = state["build"]
            latencies.append((at - start) * 1000)
            rebuilds.append(state["seconds"] * 1000)
            cpu.append((preview.cpu_seconds() - cpu_before) * 1000)

        # a burst of requests while a rebuild runs
        paths = ["/", "/preview.js", "/fonts/Amiri-Regular.ttf", "/_warraq/status", "/index.html"]
        time.sleep(0.3)
        save(parts[3], SAVES)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=BURST) as pool:
            outcomes = list(pool.map(lambda i: _request(preview, paths[i % len(paths)]), range(BURST)))
        burst_s = time.perf_counter() - started
        _at, state = preview.next_build(build)
        reload_seen = state["build"] == build + 1 and not state.get("error")
        codes: dict[str, int] = {}
        for code in outcomes:
            codes[str(code)] = codes.get(str(code), 0) + 1
    finally:
        preview.stop()
    errors_5xx = sum(n for code, n in codes.items() if code.isdigit() and int(code) >= 500)
    failed = sum(n for code, n in codes.items() if not code.isdigit())
    return {
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine is shared: read figures with it
        "parts": PARTS,
        "first_build_s": round(preview.first_build_s, 2),
        "saves": SAVES,
        "save_to_refresh_ms_median": round(statistics.median(latencies), 1),
        "save_to_refresh_ms_p90": round(sorted(latencies)[int(len(latencies) * 0.9) - 1], 1),
        "save_to_refresh_ms_min": round(min(latencies), 1),
        "save_to_refresh_ms_max": round(max(latencies), 1),
        "rebuild_ms_median": round(statistics.median(rebuilds), 1),
        # the server's CPU per save (rebuild, watch, events): what the
        # latency would be on an idle machine, less the 40 ms quiet wait
        "server_cpu_ms_per_save_median": round(statistics.median(cpu), 1),
        "target_ms": TARGET_MS,
        "meets_target": statistics.median(latencies) < TARGET_MS,
        "burst_requests": BURST,
        "burst_seconds": round(burst_s, 2),
        "burst_status_codes": codes,
        "burst_5xx": errors_5xx,
        "burst_failed_connections": failed,
        "reload_after_burst_seen": reload_seen,
    }


def _request(preview: Preview, path: str) -> int | str:
    try:
        return preview.get(path)
    except OSError as exc:
        return type(exc).__name__


def markdown(f: dict) -> str:
    ok = "yes" if f["meets_target"] else "**no**"
    return "\n".join(
        [
            f"## Preview: save to refresh ({f['parts']}-part generated book; load average {f['load_average_1min']})",
            "",
            "| measure | value |",
            "| --- | --- |",
            f"| first build (server start to serving) | {f['first_build_s']} s |",
            f"| save → refresh event, median of {f['saves']} | {f['save_to_refresh_ms_median']} ms "
            f"(target < {f['target_ms']} ms: {ok}) |",
            f"| save → refresh event, p90 / min / max | {f['save_to_refresh_ms_p90']} / "
            f"{f['save_to_refresh_ms_min']} / {f['save_to_refresh_ms_max']} ms |",
            f"| rebuild itself, median | {f['rebuild_ms_median']} ms |",
            f"| server CPU per save, median | {f['server_cpu_ms_per_save_median']} ms |",
            f"| {f['burst_requests']} concurrent requests during a rebuild | {f['burst_seconds']} s, "
            f"status {f['burst_status_codes']}, 5xx: {f['burst_5xx']}, failed: {f['burst_failed_connections']} |",
            f"| reload event of that rebuild received | {'yes' if f['reload_after_burst_seen'] else '**no**'} |",
        ]
    )
