"""The dedup findings as readable text, grouped by rule (`warraq dedup`)."""

from __future__ import annotations

from ..model import Finding
from .dedup import change_text
from .similarity import Change

GROUPS = (
    ("run", "Repeated passages (runs)"),
    ("exact", "Repeated paragraphs"),
    ("near", "Near repeats (the first copy is kept)"),
    ("boilerplate", "Series boilerplate"),
    ("near-kept", "Near repeats kept (they have words of their own; check by hand)"),
)


def _where(loc: dict | None) -> str:
    if not loc:
        return "—"
    unit = "¶" if loc.get("unit") == "paragraph" else ""
    span = f"{loc['line']}-{loc['end_line']}" if loc["end_line"] > loc["line"] else str(loc["line"])
    return f"{loc['file']}:{unit}{span}"


def _diff_lines(diff: list[dict], indent: str) -> list[str]:
    return [f"{indent}{change_text(Change(**c))}" for c in diff]


def _entry(f: Finding) -> list[str]:
    d = f.data
    if f.rule == "boilerplate":
        removed = d["removed"]
        lines = [f"  «{d['text']}» — {d['reason']}, policy {d['policy']}: removed {len(removed)}×"]
        lines += [f"      removed {_where(loc)}" for loc in removed]
        if d["kept"]:
            lines.append(f"      kept    {_where(d['kept'])}")
        return lines
    head = f"  {f.prov}"
    if f.rule == "run":
        head += f"  ({d['blocks']} blocks, {d['words']} words)"
    elif "similarity" in d:
        head += f"  ({d['similarity']:.0%} similar)"
    lines = [head, f"      kept  {_where(d['kept'])}", f"      text  {d['text']}"]
    if d.get("diff"):
        lines += _diff_lines(d["diff"], "      ")
    for member in d.get("near", ()):
        lines.append(f"      line {member['line']} differs from line {member['kept_line']}:")
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
        out += ["note: [dedup] enabled = false in book.toml: a build removes none of these", ""]
    if not findings:
        out.append("no repeated passages")
        return "\n".join(out) + "\n"
    removed = sum(removed_blocks(f) for f in findings)
    counts = {rule: sum(f.rule == rule for f in findings) for rule, _ in GROUPS}
    summary = ", ".join(f"{n} {rule}" for rule, n in counts.items() if n)
    plural = "" if len(findings) == 1 else "s"
    out.append(f"{len(findings)} finding{plural} ({summary}); {removed} block{'' if removed == 1 else 's'} removed")
    for rule, title in GROUPS:
        group = [f for f in findings if f.rule == rule]
        if group:
            out += ["", f"{title}:"]
            for f in group:
                out += _entry(f)
    return "\n".join(out) + "\n"
