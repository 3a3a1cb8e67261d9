#!/usr/bin/env python3
"""One markdown table from `swift package --package-path Benchmarks benchmark` output:
wall-clock p50 and p99, mallocs p50 and peak resident memory p50, per benchmark.

    swift package --package-path Benchmarks benchmark --no-progress > run.txt
    python3 Benchmarks/summarise.py run.txt
"""
import re
import sys


def unit_of(metric):
    units = re.findall(r"\((\w+)\)", metric)
    u = units[-1] if units else ""
    return "" if u == "total" else {"us": "µs", "μs": "µs"}.get(u, u)


def read_runs(path):
    """Each benchmark's table from a run's output: {name: {metric: [p0, p25, p50, p75, p90, p99, p100, samples]}}."""
    text = open(path, encoding="utf-8").read()
    runs = {}
    for block in re.split(r"\n(?=[a-z][a-zA-Z0-9.-]+\n╒)", text):
        m = re.match(r"([a-z][a-zA-Z0-9.-]+)\n╒", block)
        if not m:
            continue
        rows = {}
        for line in block.splitlines():
            if line.startswith("│") and not line.startswith("│ Metric"):
                cells = [c.strip() for c in line.strip("│").split("│")]
                rows[cells[0]] = cells[1:]
        runs[m.group(1)] = rows
    return runs


def cell(rows, prefix, column):
    """A metric's value at a percentile column (2 = p50, 5 = p99) with its unit, or ""."""
    for metric, values in rows.items():
        if metric.startswith(prefix):
            return f"{values[column]} {unit_of(metric)}".strip()
    return ""


def main(path):
    print("| benchmark | wall p50 | wall p99 | mallocs p50 | peak RSS p50 |")
    print("|---|---:|---:|---:|---:|")
    for name, rows in read_runs(path).items():
        print(f"| {name} | {cell(rows, 'Time (wall clock)', 2)} | {cell(rows, 'Time (wall clock)', 5)} | "
              f"{cell(rows, 'Malloc (total)', 2)} | {cell(rows, 'Memory (resident peak)', 2)} |")


if __name__ == "__main__":
    main(sys.argv[1])
