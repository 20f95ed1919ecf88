"""The findings of a build as `warraq check` prints them: grouped by file,
in line order, with counts by kind and by level; or as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..i18n import N_, _, commas, msg, nmsg
from ..model import Finding

LEVELS = ("error", "warning", "info")
LEVEL_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
NO_FILE = "(book)"  # the key of findings without a file (JSON); shown as _(NO_FILE)
N_("(book)")


def levels(findings: list[Finding]) -> dict[str, int]:
    return {lvl: sum(1 for f in findings if f.level == lvl) for lvl in LEVELS}


def kinds(findings: list[Finding]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f.kind] = out.get(f.kind, 0) + 1
    return dict(sorted(out.items()))


def by_file(findings: list[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.prov.file if f.prov else NO_FILE, []).append(f)
    return {
        name: sorted(group, key=lambda f: (f.prov.line if f.prov else 0, f.prov.end_line if f.prov else 0))
        for name, group in sorted(groups.items(), key=lambda kv: (kv[0] == NO_FILE, kv[0]))
    }


def summary(findings: list[Finding]) -> str:
    # TRANSLATORS: a count of findings of one kind ("3 lint"); the kind stays Latin
    counted = commas(msg("{count} {kind}", count=n, kind=k) for k, n in kinds(findings).items()) or msg("none")
    lv = levels(findings)
    return msg(
        "{findings} ({kinds}): {errors}, {warnings}, {infos}",
        findings=nmsg("{n} finding", "{n} findings", n=len(findings)),
        kinds=counted,
        errors=nmsg("{n} error", "{n} errors", n=lv["error"]),
        warnings=nmsg("{n} warning", "{n} warnings", n=lv["warning"]),
        infos=nmsg("{n} info", "{n} info", n=lv["info"]),
    )


def text_report(findings: list[Finding]) -> str:
    lines: list[str] = []
    for name, group in by_file(findings).items():
        lines.append(_(name) if name == NO_FILE else name)
        for f in group:
            where = f.prov.span() if f.prov else ""
            level = _(LEVEL_WORDS.get(f.level, f.level))
            lines.append(f"  {where:<8} {level:<8} {f.kind + '/' + f.rule:<28} {f.message}")
        lines.append("")
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def json_report(findings: list[Finding], as_dict: Callable[[Finding], dict]) -> str:
    data = {
        "counts": kinds(findings),
        "levels": levels(findings),
        "files": {name: [as_dict(f) for f in group] for name, group in by_file(findings).items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
