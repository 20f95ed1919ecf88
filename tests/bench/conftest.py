"""The benchmark suite run once per session on a 2-part series, every tool
for real (warraq's CLI, pandoc, typst), one run each."""

from __future__ import annotations

import pytest

from bench import bench_suite


@pytest.fixture(scope="session")
def suite(tmp_path_factory) -> dict:
    return bench_suite.run(tmp_path_factory.mktemp("bench-suite"), sizes=(2,), runs=1)
