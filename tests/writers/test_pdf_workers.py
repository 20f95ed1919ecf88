"""The parallel build's worker processes (pdf_parts.Typesetter)."""

from __future__ import annotations

import gc

from warraq.writers.pdf.cache import PdfCache
from warraq.writers.pdf.documents import Typesetter


def test_a_worker_starts_with_what_it_inherits_frozen(tmp_path):
    """The objects a worker inherits are out of the collector's sight, so
    the collection after each document walks the worker's own objects."""
    with Typesetter(PdfCache(tmp_path)) as typesetter:
        pool = typesetter._workers()
        frozen = pool.submit(gc.get_freeze_count).result(timeout=60)
        tracked = pool.submit(_tracked).result(timeout=60)
    assert frozen > 10_000  # warraq, WeasyPrint and their modules, imported before the fork
    assert tracked < frozen


def _tracked() -> int:
    return len(gc.get_objects())
