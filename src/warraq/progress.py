"""Progress of long work, for whoever listens (the command line's display).

The pipeline reports its steps through the `progress` callback it is
given.  Work deep inside a writer (the PDF's documents, typeset in worker
processes) reports counts with `count(key, done, total)`, which reaches
the listener the build installed with `counting()`; with no listener it
does nothing.  A context variable, so each preview build (a thread) has
its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .i18n import N_

# what a count is of, by key (the label is translated where it is shown)
LABELS = {"typeset": N_("typesetting the PDF")}

Counter = Callable[[str, int, int], None]
_listener: ContextVar[Counter | None] = ContextVar("warraq_progress", default=None)


@contextmanager
def counting(listener: Counter | None) -> Iterator[None]:
    """Send the counts made inside this block to `listener(key, done, total)`."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def count(key: str, done: int, total: int) -> None:
    """`done` of `total` things of `key` are finished."""
    listener = _listener.get()
    if listener is not None:
        listener(key, done, total)
