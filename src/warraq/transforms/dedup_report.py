"""The dedup findings as readable text, grouped by rule (`warraq dedup`)."""

from __future__ import annotations

from ..i18n import N_, _, commas, msg, nmsg
from ..model import Finding
from .dedup import change_text, reason_text
from .similarity import Change

GROUPS = (
    ("run", N_("Repeated passages (runs):")),
    ("exact", N_("Repeated paragraphs:")),
    ("near", N_("Near repeats (the first copy is kept):")),
    ("boilerplate", N_("Series boilerplate:")),
    ("near-kept", N_("Near repeats kept (they have words of their own; check by hand):")),
)


def _where(loc: dict | None) -> str:
    if not loc:
        return "—"
    unit = "¶" if loc.get("unit") == "paragraph" else ""
    span = f"{loc['line']}-{loc['end_line']}" if loc["end_line"] > loc["line"] else str(loc["line"])
    return f"{loc['file']}:{unit}{span}"


def _diff_lines(diff: list[dict], indent: str) -> list[str]:
    return [indent + change_text(Change(**c)) for c in diff]


def _entry(f: Finding) -> list[str]:
    d = f.data
    if f.rule == "boilerplate":
        removed = d["removed"]
        head = nmsg(
            "«{text}» — {reason}, policy {policy}: removed {n}×",
            "«{text}» — {reason}, policy {policy}: removed {n}×",
            n=len(removed),
            text=d["text"],
            reason=reason_text(d["reason"]),
            policy=d["policy"],
        )
        lines = ["  " + head]
        lines += ["      " + msg("removed {place}", place=_where(loc)) for loc in removed]
        if d["kept"]:
            lines.append("      " + msg("kept    {place}", place=_where(d["kept"])))
        return lines
    if f.rule == "run":
        head = msg(
            "{place}  ({blocks}, {words})",
            place=str(f.prov),
            blocks=nmsg("{n} block", "{n} blocks", n=d["blocks"]),
            words=nmsg("{n} word", "{n} words", n=d["words"]),
        )
    elif "similarity" in d:
        head = msg("{place}  ({pct}% similar)", place=str(f.prov), pct=int(f"{d['similarity'] * 100:.0f}"))
    else:
        head = str(f.prov)
    lines = [
        "  " + head,
        "      " + msg("kept  {place}", place=_where(d["kept"])),
        "      " + msg("text  {text}", text=d["text"]),
    ]
    if d.get("diff"):
        lines += _diff_lines(d["diff"], "      ")
    for member in d.get("near", ()):
        lines.append(
            "      "
            + msg("line {line} differs from line {kept_line}:", line=member["line"], kept_line=member["kept_line"])
        )
        lines += _diff_lines(member["diff"], "        ")
    return lines


def removed_blocks(f: Finding) -> int:
    """How many blocks a dedup finding removed."""
    if f.rule == "run":
        return f.data["blocks"]
    if f.rule == "boilerplate":
        return len(f.data["removed"])
    return 1 if f.rule in ("exact", "near") else 0


def report_text(findings: list[Finding], enabled: bool = True) -> str:
    """Every dedup finding, grouped by rule, with the kept copy of each."""
    findings = [f for f in findings if f.kind == "dedup"]
    out: list[str] = []
    if not enabled:
        out += [
            msg(
                "note: {setting} in {file}: a build removes none of these",
                setting="[dedup] enabled = false",
                file="book.toml",
            ),
            "",
        ]
    if not findings:
        out.append(_("no repeated passages"))
        return "\n".join(out) + "\n"
    removed = sum(removed_blocks(f) for f in findings)
    counts = {rule: sum(f.rule == rule for f in findings) for rule, _title in GROUPS}
    # TRANSLATORS: a count of findings of one rule id ("2 near"); the id stays Latin
    summary = commas(msg("{count} {rule}", count=n, rule=rule) for rule, n in counts.items() if n)
    out.append(
        msg(
            "{findings} ({summary}); {removed}",
            findings=nmsg("{n} finding", "{n} findings", n=len(findings)),
            summary=summary,
            removed=nmsg("{n} block removed", "{n} blocks removed", n=removed),
        )
    )
    for rule, title in GROUPS:
        group = [f for f in findings if f.rule == rule]
        if group:
            out += ["", _(title)]
            for f in group:
                out += _entry(f)
    return "\n".join(out) + "\n"
