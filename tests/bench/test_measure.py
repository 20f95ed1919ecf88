"""bench/measure.py: the peak memory of a whole process tree, failures, and
the growth exponent."""

from __future__ import annotations

import sys

import pytest
from bench.measure import CommandFailed, growth_exponent, measure

# two worker processes each holding 150 MB at the same time (a barrier makes
# them overlap), under a parent that holds next to nothing
WORKERS = """
import multiprocessing as mp, time
def hold(barrier):
    block = bytearray(150 * 10**6)
    block[::4096] = b"x" * len(block[::4096])  # touch every page: resident
    barrier.wait()
    time.sleep(0.4)
if __name__ == "__main__":
    barrier = mp.Barrier(2)
    workers = [mp.Process(target=hold, args=(barrier,)) for _ in range(2)]
    for w in workers: w.start()
    for w in workers: w.join()
"""


def test_peak_memory_sums_the_process_tree():
    sample = measure([sys.executable, "-c", WORKERS])
    # the largest single process holds 150 MB: the tree's sum is over 300 MB
    assert sample.peak_bytes > 300e6
    assert sample.seconds >= 0.4


def test_a_failing_command_says_why():
    with pytest.raises(CommandFailed, match="exit 3 here"):
        measure([sys.executable, "-c", "import sys; sys.exit('exit 3 here')"])


def test_growth_exponent():
    # by hand: y = 2 x^1.5 on log-log axes is a line of slope 1.5
    assert growth_exponent([(10, 2 * 10**1.5), (40, 2 * 40**1.5), (160, 2 * 160**1.5)]) == pytest.approx(1.5)
    # by hand: the ln-ln points (2.303, 0), (3.689, 1.482), (5.075, 2.708)
    # have the least-squares slope 3.754 / 3.844 = 0.977
    assert growth_exponent([(10, 1.0), (40, 4.4), (160, 15.0)]) == pytest.approx(0.977, abs=0.001)


def test_a_large_runner_does_not_lend_its_size_to_the_command():
    """The kernel's ru_maxrss of a child counts the parent's size when it
    was started (the runner after an in-process layout); the sampled peak
    does not."""
    ballast = bytearray(400 * 10**6)
    ballast[::4096] = b"x" * len(ballast[::4096])  # resident in this process
    sample = measure([sys.executable, "-c", "pass"])
    del ballast
    assert sample.peak_bytes < 100e6  # a bare Python is some 10 MB
