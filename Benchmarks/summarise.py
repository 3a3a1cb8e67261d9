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


def main(path):
    text = open(path, encoding="utf-8").read()
    print("| benchmark | wall p50 | wall p99 | mallocs p50 | peak RSS p50 |")
    print("|---|---:|---:|---:|---:|")
    for block in re.split(r"\n(?=[a-z][a-zA-Z0-9.-]+\n╒)", text):
        m = re.match(r"([a-z][a-zA-Z0-9.-]+)\n╒", block)
        if not m:
            continue
        rows = {}
        for line in block.splitlines():
            if line.startswith("│") and not line.startswith("│ Metric"):
                cells = [c.strip() for c in line.strip("│").split("│")]
                rows[cells[0]] = cells[1:]  # p0 p25 p50 p75 p90 p99 p100 samples

        def cell(prefix, column):
            for metric, values in rows.items():
                if metric.startswith(prefix):
                    return f"{values[column]} {unit_of(metric)}".strip()
            return ""

        print(f"| {m.group(1)} | {cell('Time (wall clock)', 2)} | {cell('Time (wall clock)', 5)} | "
              f"{cell('Malloc (total)', 2)} | {cell('Memory (resident peak)', 2)} |")


if __name__ == "__main__":
    main(sys.argv[1])
