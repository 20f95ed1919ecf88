"""`make bench`: run every benchmark and write build/bench.json."""

import sys

print("warraq bench: no benchmarks yet", file=sys.stderr)
