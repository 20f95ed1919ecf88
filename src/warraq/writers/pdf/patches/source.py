"""A pinned WeasyPrint function with a few of its lines replaced.

Some fixes to WeasyPrint are a change of a few lines inside a long private
function (`get_next_linebox`, `split_first_line`): copying the whole
function into warraq would hide the change among lines that are
WeasyPrint's.  Here the function's own source (pinned by its sha256, as
every patch: `pin_mismatches`) has each replaced passage swapped
for the new one, exactly once, and is compiled in the function's own module
namespace, so that it calls what the module calls (and what other patches
put there).  The replacements are the diff sent upstream.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import Any


class SourceChanged(Exception):
    """A passage to replace is not found exactly once in the function."""


def rewritten(function: Callable[..., Any], replacements: list[tuple[str, str]]) -> Callable[..., Any]:
    """The function compiled from its source with each (old, new) passage
    replaced (each old passage must occur exactly once)."""
    lines, first = inspect.getsourcelines(function)
    source = textwrap.dedent("".join(lines))
    for old, new in replacements:
        if source.count(old) != 1:
            raise SourceChanged(f"{function.__module__}.{function.__qualname__}: {old.strip()[:60]!r}")
        source = source.replace(old, new)
    namespace: dict[str, Any] = {}
    module = inspect.getmodule(function)
    # compiled at its own line numbers (those after a replacement shift by
    # the lines it adds), in the module's file, for tracebacks
    code = compile("\n" * (first - 1) + source, module.__file__, "exec")
    exec(code, vars(module), namespace)  # WeasyPrint's own pinned source, a few lines replaced
    patched = namespace[function.__name__]
    patched.__wrapped_original__ = function
    return patched
