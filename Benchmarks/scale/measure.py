#!/usr/bin/env python3
"""Measure Signpost from the bundled Leeds directory to 1,000,000 services and write scale.tsv.

    swift build -c release --product signpost
    python3 Benchmarks/scale/measure.py [--sizes 10000,100000,1000000] [--runs 3] [--work DIR]
        [--index-build RUN.txt] [--out Benchmarks/scale/scale.tsv]
    python3 Benchmarks/scale/plot.py            # scale.tsv -> scale.png

For each generated size (`signpost generate --services N --seed 20251101`, written once into --work
and kept): `signpost load FILE --index DIR` timed whole (load_seconds: read, validate, build, save
and check on disk), then `signpost bench --index DIR --queries Corpus/leeds/queries.jsonl --warmup 2
--repeat 5 --json`, --runs times, the sizes taken in turn (this VM's speed drifts within minutes, so
the runs of one size are spread over the whole measurement). The bundled Leeds directory and, when
../shared/eval is present, the 3,000-service yardstick corpus are measured with --corpus instead (no
load; their peak RSS includes the build). Per size the table holds the median over the runs of p50,
p99, peak RSS and snapshot load, and the index's bytes per service.

build_seconds (indexing services already in memory) comes from a package-benchmark run given with
--index-build (the `build-*` rows of `swift package --package-path Benchmarks benchmark --target
IndexBuild`), since the CLI always reads a file first.

The header of the written table says when, on what machine and with which binary it was measured.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
SEED = 20251101
QUERIES = os.path.join(REPO, "Corpus", "leeds", "queries.jsonl")
YARDSTICK = os.path.normpath(os.path.join(REPO, "..", "shared", "eval", "data", "corpus.json"))
BUILD_NAMES = {"leeds": 2400, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(cmd: list[str]) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if p.returncode != 0:
        sys.exit(f"measure: {' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[-800:]}")
    return p.stdout


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as fh:
            mem = int(fh.readline().split()[1]) / 1024 / 1024
    except OSError:
        mem = float("nan")
    return f"{os.cpu_count()} vCPUs {model}, {mem:.0f} GiB RAM, Linux {platform.release()}"


def index_build_seconds(path: str) -> dict[int, float]:
    """`build-<size>` p50 from package-benchmark's text output (read by Benchmarks/summarise.py), in seconds."""
    sys.path.insert(0, os.path.dirname(HERE))
    from summarise import cell, read_runs
    scale = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "ns": 1e-9}
    out: dict[int, float] = {}
    for name, rows in read_runs(path).items():
        size = BUILD_NAMES.get(name.removeprefix("build-")) if name.startswith("build-") else None
        value = cell(rows, "Time (wall clock)", 2).split()
        if size is not None and len(value) == 2 and value[1] in scale:
            out[size] = float(value[0].replace(",", "")) * scale[value[1]]
    return out


def bench(binary: str, source: list[str]) -> dict:
    out = run([binary, "bench", *source, "--queries", QUERIES, "--warmup", "2", "--repeat", "5", "--json"])
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--signpost", default=os.path.join(REPO, ".build", "release", "signpost"))
    ap.add_argument("--sizes", default="10000,100000,1000000", help="generated sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="bench runs per size (median taken)")
    ap.add_argument("--work", default="/tmp/signpost-scale", help="where generated files and snapshot folders go")
    ap.add_argument("--index-build", help="package-benchmark output with the IndexBuild rows")
    ap.add_argument("--out", default=os.path.join(HERE, "scale.tsv"))
    args = ap.parse_args()
    binary = os.path.abspath(args.signpost)
    if not os.access(binary, os.X_OK):
        sys.exit(f"measure: signpost binary not found or not executable: {binary} (build it, or pass --signpost)")
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        sys.exit(f"measure: --sizes {args.sizes!r}: expected numbers separated by commas, as 10000,100000")
    os.makedirs(args.work, exist_ok=True)

    sources: dict[int, list[str]] = {2400: []}
    if os.path.exists(YARDSTICK):
        sources[3000] = ["--corpus", YARDSTICK]
    else:
        log(f"measure: {YARDSTICK} not found; the 3,000-service yardstick row is left out")
    loads: dict[int, float] = {}
    for n in sizes:
        data = os.path.join(args.work, f"{n}.json")
        if not os.path.exists(data):
            log(f"generate {n} ...")
            run([binary, "generate", "--services", str(n), "--seed", str(SEED), "--out", data])
        index = os.path.join(args.work, f"index-{n}")
        subprocess.run(["rm", "-rf", index], check=True)
        log(f"load {n} ...")
        t0 = time.perf_counter()
        run([binary, "load", data, "--index", index])
        loads[n] = time.perf_counter() - t0
        sources[n] = ["--index", index]

    results: dict[int, list[dict]] = {n: [] for n in sources}
    for r in range(args.runs):
        for n, source in sources.items():
            log(f"bench {n}, run {r + 1} of {args.runs} ...")
            b = bench(binary, source)
            results[n].append(b)
            log(f"  p50 {b['p50_us']:.1f} µs, p99 {b['p99_us']:.1f} µs, peak RSS {b['peak_rss_bytes'] / 2**20:.0f} MiB")

    builds = index_build_seconds(args.index_build) if args.index_build else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO).stdout.strip()
    med = lambda rs, k: statistics.median(x[k] for x in rs)  # noqa: E731
    lines = [
        f"# Signpost at scale, measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {machine()},",
        f"#   commit {commit}, by Benchmarks/scale/measure.py --runs {args.runs} (medians over the runs).",
        "# Directories: 2,400 = Corpus/leeds; 3,000 = ../shared/eval corpus.json; others = signpost generate, seed 20251101.",
        "# p50_us, p99_us, peak_rss_mib, snapshot_load_ms, index_bytes_per_service: signpost bench --index DIR",
        "#   --queries Corpus/leeds/queries.jsonl --warmup 2 --repeat 5 (2,400 and 3,000 with --corpus: their RSS includes the build,",
        "#   and they have no snapshot to load).",
        "# build_seconds: package-benchmark IndexBuild p50 (services already in memory)" + ("" if builds else " (not given this run)") + ".",
        "# load_seconds: signpost load FILE.json --index DIR, wall clock, once.",
        "services\tp50_us\tp99_us\tbuild_seconds\tload_seconds\tpeak_rss_mib\tsnapshot_load_ms\tindex_bytes_per_service",
    ]
    for n in sorted(results):
        rs = results[n]
        b = builds.get(n)
        lines.append("\t".join([
            str(n), f"{med(rs, 'p50_us'):.1f}", f"{med(rs, 'p99_us'):.1f}",
            "" if b is None else f"{b:.3g}", "" if n not in loads else f"{loads[n]:.3g}",
            f"{med(rs, 'peak_rss_bytes') / 2**20:.0f}",
            f"{med(rs, 'build_seconds') * 1000:.0f}" if "--index" in sources[n] else "",
            str(rs[0]["index_bytes_per_service"]),
        ]))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
