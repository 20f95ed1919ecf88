"""Spelling suspects from the Arabic Hunspell dictionary (Debian `hunspell-ar`).

Optional (off by default): names and rare words are suspects too, so this
is a list to glance at, not a verdict.  Uses the `hunspell` command, one run
for the whole book.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable

from ..errors import BuildError
from ..i18n import msg

DICTIONARY = "ar"


def install_hint() -> str:
    return msg("install the Debian packages {package} and {dictionary}", package="hunspell", dictionary="hunspell-ar")


# word -> known?, per dictionary: the preview asks again on every save, and
# only the words never asked before go to hunspell
_VERDICTS: dict[tuple[str, str], bool] = {}


def unknown_words(words: Iterable[str], dictionary: str = DICTIONARY) -> set[str]:
    """The words Hunspell does not recognise."""
    wanted = set(words)
    new = sorted(w for w in wanted if (dictionary, w) not in _VERDICTS)
    if new:
        unknown = _ask_hunspell(new, dictionary)
        _VERDICTS.update(((dictionary, w), w not in unknown) for w in new)
    return {w for w in wanted if not _VERDICTS[(dictionary, w)]}


def _ask_hunspell(unique: list[str], dictionary: str) -> set[str]:
    exe = shutil.which("hunspell")
    if exe is None:
        raise BuildError(
            msg("spelling suspects need the {command} command: {hint}", command="hunspell", hint=install_hint())
        )
    try:
        proc = subprocess.run(
            [exe, "-d", dictionary, "-l", "-i", "utf-8"],
            input="\n".join(unique) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(msg("{command} failed: {error}", command="hunspell", error=str(exc))) from None
    if proc.returncode != 0 or "Can't open affix or dictionary" in proc.stderr:
        detail = (
            proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else msg("exit {code}", code=proc.returncode)
        )
        raise BuildError(
            msg(
                "{command} cannot use the '{dictionary}' dictionary ({detail}): {hint}",
                command="hunspell",
                dictionary=dictionary,
                detail=detail,
                hint=install_hint(),
            )
        )
    return {w for w in proc.stdout.split("\n") if w}
