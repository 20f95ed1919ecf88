"""The book's date: the same on every clone of the same manuscript.

In order: `[book] date`; `SOURCE_DATE_EPOCH`; when the manuscript is in a
git work tree with nothing uncommitted in it, the time of the last commit
that touched it; else the newest modification time of book.toml and the
parts.  A time no output can carry (the EPUB's zip entries say 1980 to
2107: a part saved by a clock in 2150, `SOURCE_DATE_EPOCH=99999999999`) is
one clear line naming where it came from.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from ..config import Config
from ..errors import ConfigError
from ..i18n import Msg, msg
from ..model import Book, Finding, Provenance
from ..text.arabic import format_number

# the Umm al-Qura calendar (hijridate) behind [book] hijri: 1343 to 1500 AH
HIJRI_FIRST, HIJRI_LAST = "1924-08-01", "2077-11-16"
EARLIEST, LATEST = 315532800, 4354819199  # 1980-01-01 00:00:00, 2107-12-31 23:59:59 UTC


def book_date(config: Config) -> str:
    if config.meta.date:
        return config.meta.date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ConfigError(
                msg(
                    "{variable} is not a number of seconds: {value}",
                    variable="SOURCE_DATE_EPOCH",
                    value=repr(epoch[:40]),
                )
            )
        return stamp_date(int(epoch), "SOURCE_DATE_EPOCH")
    stamp = git_date(config.root)
    if stamp is not None:
        return stamp_date(stamp, msg("the last git commit of {folder}", folder=str(config.root)))
    files = [p for p in config.parts_dir.iterdir() if p.is_file()] + [config.book_file]
    newest = max(files, key=lambda p: p.stat().st_mtime)
    return stamp_date(int(newest.stat().st_mtime), str(newest))


def stamp_date(stamp: int, source: str | Msg) -> str:
    """A Unix time as the book's ISO 8601 date, if every output can carry it.
    `source` says where it came from: a variable, a file, or a message."""
    if not EARLIEST <= stamp <= LATEST:
        raise ConfigError(
            msg(
                "the book's date from {source} is out of range ({low} to {high}): {stamp}; "
                "set {setting} in {file} or {variable}",
                source=source,
                low="1980",
                high="2107",
                stamp=str(stamp),
                setting="[book] date",
                file="book.toml",
                variable="SOURCE_DATE_EPOCH",
            )
        )
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10, check=True)
    return done.stdout.strip()


def git_date(root: Path) -> int | None:
    """The commit time of the last commit that touched `root`, when it is in
    a git work tree with no uncommitted change in it; else None (no git, not
    a repository, or edits not committed yet: their mtime is the date)."""
    try:
        if _git(root, "rev-parse", "--is-inside-work-tree") != "true":
            return None
        if _git(root, "status", "--porcelain", "--", "."):
            return None
        stamp = _git(root, "log", "-1", "--format=%ct", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    return int(stamp) if stamp.isdigit() else None


# the months as Arabic books print them (the Egyptian and Gulf names)
MONTHS_AR = (
    *("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"),
    *("يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
)


def date_in_words(iso: str, digits: str = "arabic-indic") -> str:
    """The copyright page's date: day and year in the book's digits, the
    month in words («٧ ديسمبر ٢٠٢٦»); "" for no date."""
    try:
        day = datetime.strptime(iso[:10], "%Y-%m-%d")
    except ValueError:
        return ""
    return f"{format_number(day.day, digits)} {MONTHS_AR[day.month - 1]} {format_number(day.year, digits)}"


def hijri_gaps(book: Book, config: Config) -> list[Finding]:
    """With [book] hijri, a part first published outside the Hijri
    calendar's range has no Hijri date beside its Gregorian one: say so,
    naming where the date was given (book.toml's table, else the part)."""
    if not config.hijri:
        return []
    findings = []
    for part in book.parts:
        date = part.published
        if not date or part.published_hijri or HIJRI_FIRST <= date <= HIJRI_LAST:
            continue
        table = config.publications.get(Path(part.source_path).name)
        if table is not None and table.published and table.line:
            prov = Provenance(str(config.book_file), table.line)
        else:
            prov = part.title_prov
        message = msg(
            "no Hijri date for {date}: the Umm al-Qura calendar runs from {first} to {last}; "
            "the date is printed without it",
            date=date,
            first=HIJRI_FIRST,
            last=HIJRI_LAST,
        )
        findings.append(Finding("dates", "hijri-out-of-range", message, prov, "warning"))
    return findings


# ---------------------------------------------------------------- Hijri dates, for ordering
# (a part dated only in the Hijri calendar: web pages of the Gulf's papers)

HIJRI_UNCERTAIN_DAYS = 1  # a month begun by sighting may start a day before or after Umm al-Qura's


def gregorian_of_hijri(year: int, month: int, day: int) -> tuple[str, Msg | None]:
    """The ISO date of a Hijri date by the Umm al-Qura calendar (hijridate),
    and what makes it doubtful: ("", why) when it cannot be converted (a
    year out of the calendar's range 1343-1500 AH); (date, why) for the
    30th of a month that has 29 days in Umm al-Qura (the page's calendar,
    by sighting, had 30: the day after the 29th)."""
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian().isoformat(), None
    except OverflowError:
        return "", msg(
            "the year {year} AH is outside the calendar's years ({low} to {high} AH)", year=year, low=1343, high=1500
        )
    except ValueError:
        if day != 30:
            return "", msg("there is no day {day} in a Hijri month", day=day)
    from datetime import timedelta

    before = Hijri(year, month, 29).to_gregorian() + timedelta(days=1)
    return before.isoformat(), msg(
        "the month has 29 days in the Umm al-Qura calendar: its 30th is taken as the day after the 29th"
    )
