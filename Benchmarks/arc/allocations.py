#!/usr/bin/env python3
"""Where a search's objects are allocated: every call to swift_allocObject during the searches, by the
calls that led to it.

`arc.py` counts the objects a search allocates by the function that calls swift_allocObject, which for an
array that grows is the standard library's `_consumeAndCreateNew` whatever array it is. This names the
callers above it: a uprobe on swift_allocObject in the shared runtime (`perf probe`), recorded with call
chains while `signpost bench` replays the judged questions, and each allocation made inside a search
(`Searcher.search` on its chain) counted under its first few callers, per search. Stop 36 found with it that
the query parser's own lists, each sized once (`reserveCapacity`), are about a quarter of a search's 25
allocations (6.6), and that a list the compiler keeps on the stack (a need phrase's words, mapped to be
joined) is no allocation at all: a change that removed it left the count as it was.

    SIGNPOST_DYNAMIC_RUNTIME=1 swift build -c release --product signpost --scratch-path .build-dynamic
    python3 Benchmarks/arc/allocations.py                 # .build-dynamic/release/signpost, the judged Leeds mix
    python3 Benchmarks/arc/allocations.py --depth 4 --top 30 --queries FILE

Needs root (the uprobe), `perf`, and a build against the shared runtime (a static binary has no call into
libswiftCore.so to probe). The probe is left in place (`perf probe -d 'probe_libswiftCore:*'` removes it).
"""
import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The standard library's and Signpost's module prefixes, cut from the mangled names to keep rows short.
PREFIX = re.compile(r"^\$s(?:s|S[a-z]?|8Signpost|12signpost_cli)?")


def runtime_library(binary: Path) -> str:
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
    m = re.search(r"(/\S*libswiftCore\.so)", out)
    if not m:
        sys.exit(f"allocations.py: {binary} does not load libswiftCore.so (a static build?): build it with "
                 "SIGNPOST_DYNAMIC_RUNTIME=1 swift build -c release --product signpost --scratch-path .build-dynamic")
    return m.group(1)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--signpost", type=Path, default=ROOT / ".build-dynamic/release/signpost")
    p.add_argument("--queries", type=Path, default=ROOT / "Corpus/leeds/queries.jsonl")
    p.add_argument("--repeat", type=int, default=10, help="passes over the queries (default 10)")
    p.add_argument("--depth", type=int, default=3, help="callers named above swift_allocObject (default 3)")
    p.add_argument("--top", type=int, default=25)
    a = p.parse_args()
    if not a.signpost.exists():
        sys.exit(f"allocations.py: {a.signpost} does not exist (see the command above)")
    library = runtime_library(a.signpost)
    probe = subprocess.run(["perf", "probe", "-x", library, "swift_allocObject"], capture_output=True, text=True)
    if probe.returncode != 0 and "already exists" not in probe.stderr:
        sys.exit(f"allocations.py: perf probe failed:\n{probe.stderr[-1500:]}")
    queries = sum(1 for line in a.queries.read_text(encoding="utf-8").splitlines() if line.strip())
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "alloc.data"
        rec = subprocess.run(["perf", "record", "-q", "-o", str(data), "-e", "probe_libswiftCore:swift_allocObject", "-g", "--",
                              str(a.signpost), "bench", "--queries", str(a.queries), "--repeat", str(a.repeat), "--warmup", "0"],
                             capture_output=True, text=True)
        if rec.returncode != 0:
            sys.exit(f"allocations.py: perf record failed (exit {rec.returncode}):\n{rec.stderr[-1500:]}")
        script = subprocess.run(["perf", "script", "-i", str(data)], capture_output=True, text=True).stdout
    counts: collections.Counter[str] = collections.Counter()
    frames: list[str] = []

    def flush() -> None:
        # Frame 0 is swift_allocObject; only allocations inside a search count.
        if any("SearcherV6search" in f or ("Searcher" in f and "answer" in f) for f in frames):
            counts[" <- ".join(PREFIX.sub("", f)[:80] for f in frames[1:1 + a.depth])] += 1

    for line in script.splitlines():
        if not line.strip():
            flush()
            frames = []
        elif line[0] in " \t":
            parts = line.split()
            if len(parts) >= 2:
                frames.append(re.sub(r"\+0x[0-9a-f]+$", "", parts[1]))
    flush()
    searches = queries * a.repeat
    total = sum(counts.values())
    print(f"{a.signpost}: {total / searches:.1f} objects allocated a search ({searches} searches of {a.queries.name})")
    print("per search  first callers of swift_allocObject")
    for chain, n in counts.most_common(a.top):
        print(f"{n / searches:10.2f}  {chain}")


if __name__ == "__main__":
    main()
