"""`make bench`: run every benchmark module (`bench/bench_*.py`) and write
`build/bench.json` and `build/bench.md`.

Each module has `run(workdir: Path) -> dict` returning its figures (ratios
against peers where the issue names peers), optionally `markdown(figures)
-> str` for the table and `plot(figures, out_dir) -> Path` for a picture
(`build/bench.png`).  `python -m bench NAME ...` runs only those modules;
`--sizes 10 40` and `--runs 1` go to the modules whose `run` takes them
(the suite: `python -m bench suite --sizes 10 40 --runs 1` is a quick run).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build"


def modules(names: list[str]) -> list[str]:
    found = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    if names:
        found = [m for m in found if m.removeprefix("bench_") in names or m in names]
    return found


def machine() -> str:
    """The processor, cores, memory and Python the figures were measured with."""
    cpu = platform.machine()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
        lines = Path("/proc/meminfo").read_text().splitlines()
        kib = next(int(line.split()[1]) for line in lines if line.startswith("MemTotal"))
        cpu += f", {kib / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()}, {python}"


def parse(argv: list[str]) -> tuple[list[str], dict]:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run warraq's benchmarks.")
    parser.add_argument("names", nargs="*", help="modules to run (suite, pdf, epub ...); default: all")
    parser.add_argument("--sizes", nargs="+", type=int, help="numbers of parts (the suite: 10 40 160)")
    parser.add_argument("--runs", type=int, help="runs of each command at every size")
    args = parser.parse_args(argv)
    return args.names, {k: v for k, v in (("sizes", args.sizes), ("runs", args.runs)) if v is not None}


def main(argv: list[str]) -> int:
    names, options = parse(argv)
    OUT.mkdir(exist_ok=True)
    results: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "benchmarks": {},
    }
    report = [f"# warraq benchmarks ({results['date']}, {results['machine']})", ""]
    for name in modules(names):
        module = importlib.import_module(f"bench.{name}")
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"warraq-{name}-") as tmp:
            accepted = inspect.signature(module.run).parameters
            figures = module.run(Path(tmp), **{k: v for k, v in options.items() if k in accepted})
        figures["bench_seconds"] = round(time.perf_counter() - start, 1)
        results["benchmarks"][name] = figures
        if hasattr(module, "markdown"):
            report += [module.markdown(figures), ""]
        if hasattr(module, "plot"):
            print(f"bench: {name}: wrote {module.plot(figures, OUT)}", file=sys.stderr)
    (OUT / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (OUT / "bench.md").write_text("\n".join(report) + "\n", "utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
