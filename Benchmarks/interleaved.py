#!/usr/bin/env python3
"""Two or more signpost binaries timed in turn on the same queries: the wall-clock side of a change made for speed.

The shared 2-core VMs change speed from one minute to the next, so a binary timed alone says little about
a change; timed in turn with the binary before it, round after round, pinned to one core, both see the
same minutes. Prints, per binary, the median and the best of the rounds' p50 and p99 (`signpost bench
--json`), in microseconds.

    python3 Benchmarks/interleaved.py OLD NEW                       # 20 rounds of the judged Leeds questions
    python3 Benchmarks/interleaved.py OLD NEW --rounds 8 -- --index /tmp/idx1m   # extra `bench` options after --

Stop 34 judged every change by this and by callgrind's counts together: a change can cost more
instructions and less time (the posting lists' loop without a branch: +5 % instructions, -10 % time),
or the other way round (Benchmarks/HISTORY.md, stop 34). Needs `taskset` (util-linux).
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[: argv.index("--")]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binaries", nargs="+", type=Path, help="signpost binaries (e.g. a copy of the one before a change, and .build/release/signpost)")
    p.add_argument("--rounds", type=int, default=20)
    p.add_argument("--queries", type=Path, default=ROOT / "Corpus/leeds/queries.jsonl")
    p.add_argument("--repeat", type=int, default=10, help="passes over the queries in each round (default 10)")
    p.add_argument("--core", default="1", help="the core to pin to (default 1)")
    a = p.parse_args(argv)
    for b in a.binaries:
        if not b.exists():
            sys.exit(f"interleaved.py: {b} does not exist")
    rounds: dict[Path, list[tuple[float, float]]] = {b: [] for b in a.binaries}
    for _ in range(a.rounds):
        for b in a.binaries:
            run = subprocess.run(["taskset", "-c", a.core, str(b), "bench", "--queries", str(a.queries), "--repeat", str(a.repeat), "--json", *extra],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"interleaved.py: {b} bench failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
            d = json.loads(run.stdout)
            rounds[b].append((d["p50_us"], d["p99_us"]))
    print(f"{a.rounds} rounds, {a.queries.name}, pinned to core {a.core}" + (f", bench {' '.join(extra)}" if extra else ""))
    print("| binary | p50 median µs | p50 best | p99 median µs | p99 best |")
    print("|---|---:|---:|---:|---:|")
    for b, r in rounds.items():
        p50, p99 = [x for x, _ in r], [y for _, y in r]
        print(f"| {b} | {statistics.median(p50):.2f} | {min(p50):.2f} | {statistics.median(p99):.2f} | {min(p99):.2f} |")


if __name__ == "__main__":
    main()
