"""Benchmarks of warraq against its peers (`make bench`)."""
