#!/usr/bin/env python3
"""Render Benchmarks/scale/scale.tsv as Benchmarks/scale/scale.png.

    pip install matplotlib
    python3 Benchmarks/scale/plot.py [--tsv scale.tsv] [--out scale.png]

scale.tsv: tab-separated, a header line naming the columns (services, p50_us, p99_us, build_seconds,
peak_rss_mib, snapshot_load_ms, index_bytes_per_service; any subset, any order), one row per
directory size. Empty cells mean "not measured" and are skipped. Lines starting with # are comments;
a comment of the form "# services N: text" is printed under the figure as a note, and that row's
points are marked with *.

One log-log panel per figure against the number of services (3,000 to 1,000,000); the targets are
dashed lines, and a point above its target is drawn in red.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# column -> (panel title, unit label, [(target value, target label)])
PANELS = [
    ("p50_us", "Query latency p50", "µs", [(2000, "target 2 ms at 1M")]),
    ("p99_us", "Query latency p99", "µs", [(20000, "target 20 ms at 1M")]),
    ("build_seconds", "Index build (from services in memory)", "s", [(60, "target 60 s")]),
    ("load_seconds", "signpost load (read, validate, build, save)", "s", []),
    ("peak_rss_mib", "Peak RSS", "MiB", [(2048, "target 2 GiB")]),
    ("snapshot_load_ms", "Snapshot load", "ms", [(3000, "target 3 s")]),
    ("index_bytes_per_service", "Index size per service", "bytes", []),
]
X_MIN, X_MAX = 3000, 1_000_000
NOTE = re.compile(r"^#\s*services\s+([\d_,]+)\s*:\s*(.*)$", re.I)


def read_tsv(path: str) -> tuple[list[dict[str, float]], dict[int, str]]:
    rows, notes, header = [], {}, None
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            if line.lstrip().startswith("#"):
                m = NOTE.match(line.strip())
                if m:
                    notes[int(re.sub(r"[_,]", "", m.group(1)))] = m.group(2).strip()
                continue
            cells = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cells
                if "services" not in header:
                    sys.exit(f"{path}:{n}: the header has no 'services' column")
                continue
            row = {}
            for name, cell in zip(header, cells):
                if cell == "":
                    continue
                try:
                    row[name] = float(cell.replace(",", "").replace("_", ""))
                except ValueError:
                    sys.exit(f"{path}:{n}: column {name}: not a number: {cell!r}")
            if "services" in row:
                rows.append(row)
    rows.sort(key=lambda r: r["services"])
    return rows, notes


def noted(note: str | None, col: str) -> bool:
    """A row's note marks the columns it names (by the first part of the column name, e.g. "p50",
    "build", "rss", "load"), or every column if it names none."""
    if not note:
        return False
    words = set(re.findall(r"[a-z0-9]+", note.lower()))
    keys = {c: {c.split("_")[0], *c.split("_")} - {"us", "ms", "mib", "seconds", "per", "bytes"} for c, *_ in PANELS}
    named = [c for c, k in keys.items() if k & words]
    return col in named if named else True


def human(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def value_label(v: float) -> str:
    return f"{v:,.0f}" if v >= 100 else f"{v:.3g}"


def plot(rows, notes, out: str) -> None:
    fig, axes = plt.subplots(2, 3, figsize=(15, 9), constrained_layout=True)
    for ax, (col, title, unit, targets) in zip(axes.flat, PANELS):
        pts = [(r["services"], r[col]) for r in rows if col in r and r[col] > 0]
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(X_MIN / 1.6, X_MAX * 1.6)
        ax.set_title(f"{title} ({unit})", fontsize=12)
        ax.set_xlabel("services")
        ax.grid(True, which="major", alpha=0.35)
        ax.grid(True, which="minor", alpha=0.12)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: human(v)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: human(v)))
        ax.yaxis.set_minor_locator(LogLocator(base=10, subs=(2, 5)))
        ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: human(v)))
        ax.tick_params(axis="y", which="minor", labelsize=8, labelcolor="dimgray")
        ys = [y for _, y in pts] + [t for t, _ in targets]
        if ys:
            lo, hi = min(ys), max(ys)
            ax.set_ylim(lo / 3, hi * 3)
        for t, label in targets:
            ax.axhline(t, color="tab:gray", linestyle="--", linewidth=1.4)
            ax.text(X_MIN / 1.5, t * 1.12, label, color="dimgray", fontsize=9, va="bottom")
        if not pts:
            ax.text(0.5, 0.5, "not measured yet", transform=ax.transAxes, ha="center", va="center",
                    color="gray", fontsize=12)
            ax.yaxis.set_major_formatter(NullFormatter())
            ax.yaxis.set_minor_formatter(NullFormatter())
            continue
        xs, yv = zip(*pts)
        ax.plot(xs, yv, color="tab:blue", linewidth=1.5, alpha=0.6)
        limit = min((t for t, _ in targets), default=None)
        for x, y in pts:
            over = limit is not None and y > limit
            ax.plot([x], [y], "o", color="tab:red" if over else "tab:blue", markersize=7)
            mark = "*" if noted(notes.get(int(x)), col) else ""
            right = x > X_MAX / 3  # keep the label inside the frame
            ax.annotate(value_label(y) + mark, (x, y), textcoords="offset points", xytext=(-8, 5) if right else (6, -13),
                        ha="right" if right else "left", fontsize=9, color="tab:red" if over else "black")
    fig.suptitle("Signpost at scale (log-log; dashed: targets; red: over target)", fontsize=14)
    if notes:
        fig.text(0.01, 0.002, "   ".join(f"* {human(k)} services: {v}" for k, v in sorted(notes.items())),
                 fontsize=9, color="dimgray", ha="left", va="bottom")
        fig.get_layout_engine().set(rect=(0, 0.03, 1, 0.97))
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tsv", default=os.path.join(HERE, "scale.tsv"))
    ap.add_argument("--out", default=os.path.join(HERE, "scale.png"))
    args = ap.parse_args(argv)
    rows, notes = read_tsv(args.tsv)
    if not rows:
        sys.exit(f"{args.tsv}: no data rows")
    plot(rows, notes, args.out)
    print(f"wrote {args.out} ({len(rows)} sizes: {', '.join(human(r['services']) for r in rows)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
