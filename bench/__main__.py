"""`make bench`: run every benchmark module (`bench/bench_*.py`) and write
`build/bench.json` and `build/bench.md`.

Each module has `run(workdir: Path) -> dict` returning its figures (ratios
against peers where the issue names peers) and optionally `markdown(figures)
-> str` for the table.  `python -m bench NAME ...` runs only those modules.
"""

from __future__ import annotations

import importlib
import json
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


def main(argv: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    results: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "benchmarks": {},
    }
    report = [f"# warraq benchmarks ({results['date']}, {results['machine']})", ""]
    for name in modules(argv):
        module = importlib.import_module(f"bench.{name}")
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"warraq-{name}-") as tmp:
            figures = module.run(Path(tmp))
        figures["bench_seconds"] = round(time.perf_counter() - start, 1)
        results["benchmarks"][name] = figures
        if hasattr(module, "markdown"):
            report += [module.markdown(figures), ""]
    (OUT / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    (OUT / "bench.md").write_text("\n".join(report) + "\n", "utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
