"""The benchmark's plot: time against number of parts, one line per tool,
on log-log axes (a straight line is a power law; its slope the growth
exponent the table reports).  matplotlib, without a display."""

from __future__ import annotations

from pathlib import Path

STYLES = ("o-", "s--", "o-", "s--", "^:")
COLOURS = ("#1f5fa8", "#7fa8d8", "#b8322a", "#e39a8f", "#2b8a3e")


def time_plot(series: dict[str, list[tuple[float, float]]], path: Path, title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    fig, ax = plt.subplots(figsize=(8, 5), dpi=110)
    for (label, points), style, colour in zip(series.items(), STYLES, COLOURS, strict=False):
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, style, color=colour, label=label, linewidth=1.8, markersize=6)
    xs = sorted({x for points in series.values() for x, _ in points})
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(xs)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("parts in the book")
    ax.set_ylabel("wall time (s)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
