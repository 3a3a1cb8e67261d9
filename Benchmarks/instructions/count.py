#!/usr/bin/env python3
"""Instructions per search, counted exactly by valgrind's callgrind.

Wall-clock figures on the shared 2-core VMs move by half from one minute to the next; the number of
instructions a search executes does not (with SWIFT_DETERMINISTIC_HASHING=1, the same on every run of
the same build). So a change made for speed is judged here first, and by time after.

    python3 Benchmarks/instructions/count.py                       # every kind, Leeds
    python3 Benchmarks/instructions/count.py --kind plain-language --top 25
    python3 Benchmarks/instructions/count.py --text "food bank in Armley open Saturday" --stage understand
    python3 Benchmarks/instructions/count.py --binary OLD --binary NEW   # two builds side by side
    python3 Benchmarks/instructions/count.py --queries Corpus/leeds/queries.jsonl --repeat 2  # the judged mix
    python3 Benchmarks/instructions/count.py --queries Corpus/leeds/queries.jsonl --l2 1m --top 20  # and L2 misses
    python3 Benchmarks/instructions/count.py --queries Corpus/leeds/queries.jsonl --branches --top 20  # and branches missed

With `--l2 SIZE` callgrind also simulates the caches (L1s of 32 KiB, 8-way, and a last level of SIZE,
8-way, 64-byte lines: give the machine's L2, as `lscpu` reports it per core) and reports the lines a search
reads from beyond that L2 (DLmr + DLmw + ILmr); `--top` then lists functions by those. The 187 judged Leeds
questions read about a hundred more such lines a question than ten questions repeated do, but cutting them
by a quarter (stop 33) did not move the mix's wall clock beyond the VM's noise: read these as a count of
what a change touches, not as time (Benchmarks/HISTORY.md, stop 33). The simulation has no hardware prefetcher
(a long list read in order costs less than it counts), no overlap of independent misses, and no other
process sharing the caches.

It builds the `Instructions` program of the Benchmarks package (release), runs it once natively (a
generated size's snapshot is cached on first use), copies it without its debug information (valgrind
3.19 gives up on the DWARF 5 of a clean Swift 6.3 build: "unhandled dwarf2 abbrev form code 0x25 ...
Possibly corrupted debuginfo file"; the symbols stay, so functions are named), and runs the copy under
`valgrind --tool=callgrind --toggle-collect=*measured*`: only the searches are counted, after a warm-up
pass that is not. Needs `apt-get install valgrind`.

With `--branches` callgrind also simulates branch prediction and reports the conditional and indirect
branches a search mispredicts (Bcm + Bim); `--top` then lists functions by those. Its predictor is a
table of 2-bit counters by address, without history, so it misses more than a real one, and the same
for a question asked once or ten times: read it as where the unpredictable branches are. Those, not the
instruction count, were what a mix of different questions paid for (stop 34: the posting lists' loop
made branch-free ran 5 % more instructions and took 10 % less time).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["plain-language", "typo", "one-word", "several-words", "browse-filters"]


def build() -> Path:
    command = ["swift", "build", "-c", "release", "--package-path", str(ROOT / "Benchmarks"), "--product", "Instructions"]
    first = subprocess.run(command, capture_output=True, text=True)
    said = first.stdout + first.stderr
    if first.returncode != 0 and ("cannot find" in said or "missing inputs" in said):
        # SwiftPM 6.3 keeps the build plan it made before a file was added to the library or taken out of
        # it (a path dependency whose manifest did not change is not planned again): plan again, once.
        print("count.py: the build's plan did not know the library's files as they are now; planning it again", file=sys.stderr)
        (ROOT / "Benchmarks/.build/release.yaml").unlink(missing_ok=True)
        first = subprocess.run(command, capture_output=True, text=True)
    if first.returncode != 0:
        sys.exit(f"count.py: {' '.join(command)} failed:\n{(first.stdout + first.stderr)[-3000:]}")
    out = subprocess.run(["swift", "build", "-c", "release", "--package-path", str(ROOT / "Benchmarks"), "--show-bin-path"],
                         check=True, capture_output=True, text=True).stdout.strip()
    return Path(out) / "Instructions"


def stripped(binary: Path, workdir: Path, index: int) -> Path:
    copy = workdir / f"Instructions-{index}"
    shutil.copy(binary, copy)
    subprocess.run(["objcopy", "--strip-debug", str(copy)], check=True)
    return copy


def demangled(name: str) -> str:
    """A Swift symbol's readable name (`swift demangle --simplified`), or the name as it is."""
    if not name.startswith("$s"):
        return name
    try:
        out = subprocess.run(["swift", "demangle", "--simplified", "--compact", name], capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or name
    except (OSError, subprocess.SubprocessError):
        return name


def cache_bytes(text: str) -> int:
    """`1m`, `512k`, `2097152`: a cache size in bytes."""
    m = re.fullmatch(r"(\d+)([kKmM]?)(?:i?[bB])?", text.strip())
    if not m:
        sys.exit(f"count.py: --l2 {text!r}: expected a size such as 1m, 512k or 1048576")
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20}[m.group(2).lower()]


MISS_EVENTS = ("DLmr", "DLmw", "ILmr")
BRANCH_EVENTS = ("Bcm", "Bim")


def count(binary: Path, args: list[str], workdir: Path, top: int, l2: int = 0, branches: bool = False) -> tuple[int, int, int, list[str]]:
    """Instructions and (with `l2`) simulated last-level misses, or (with `branches`) mispredicted branches,
    of the counted searches, and their number."""
    out = workdir / "callgrind.out"
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    cache = (["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", f"--LL={l2},8,64"] if l2 else [])
    cache += ["--branch-sim=yes"] if branches else []
    run = subprocess.run(["valgrind", "--tool=callgrind", *cache, "--toggle-collect=*measured*", f"--callgrind-out-file={out}", str(binary)] + args,
                         capture_output=True, text=True, env=env)
    said = re.search(r"^searches (\d+)", run.stdout, re.M)
    if run.returncode != 0 or not said:
        sys.exit(f"count.py: {binary} {' '.join(args)} failed under valgrind (exit {run.returncode}):\n{run.stderr[-2000:]}")
    searches = int(said.group(1))
    text = out.read_text()
    events = re.search(r"^events: (.+)$", text, re.M)
    totals = re.search(r"^totals: ([\d ]+)$", text, re.M)
    if not totals or not events:
        sys.exit(f"count.py: no totals in {out}")
    names = events.group(1).split()
    values = dict(zip(names, (int(v) for v in totals.group(1).split())))
    extra = MISS_EVENTS if l2 else BRANCH_EVENTS if branches else ()
    misses = sum(values.get(e, 0) for e in extra)
    lines: list[str] = []
    if top > 0:
        # By instructions, inclusive; with a cache or branches simulated, by misses, each function's own.
        show = ["--inclusive=yes"] if not extra else [f"--show={','.join(extra)}", f"--sort={','.join(extra)}"]
        annotated = subprocess.run(["callgrind_annotate", *show, str(out)], capture_output=True, text=True).stdout
        for line in annotated.splitlines():
            if extra:
                # One column a simulated event (a number, or "." for none), then file:function.
                columns = r"\s+".join([r"([\d,]+|\.)"] * len(extra))
                m = re.match(r"\s*" + columns + r"\s+\S+?:(\S+)", re.sub(r"\(\s*[\d.]+%\)", "", line))
                if not m:
                    continue
                groups = m.groups()
                own, name = sum(0 if x == "." else int(x.replace(",", "")) for x in groups[:-1]), groups[-1]
                if own == 0:
                    break
                share = f"{100 * own / max(1, misses):.1f}"
                lines.append(f"    {own / searches:>9.1f}  {share:>6}%  {demangled(name)[:150]}")
            else:
                m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+\?\?\?:(\S+)", line)
                if not m:
                    continue
                name = m.group(3)
                if any(x in name for x in ("measured", "main", "(below")) or name.startswith("0x"):
                    continue
                lines.append(f"    {int(m.group(1).replace(',', '')) // searches:>9,}  {m.group(2):>6}%  {demangled(name)[:150]}")
            if len(lines) >= top:
                break
    return values["Ir"], misses, searches, lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kind", action="append", choices=KINDS, help="kind of query (repeatable; default: every kind)")
    p.add_argument("--text", help="one question instead of a kind's list")
    p.add_argument("--queries", type=Path, help="a JSON-lines file of questions (\"text\", \"at\"), e.g. Corpus/leeds/queries.jsonl")
    p.add_argument("--size", default="leeds", help="leeds (default), 10k, 100k or 1m (a generated directory, cached in Benchmarks/.cache)")
    p.add_argument("--stage", default="search", choices=["search", "understand"])
    p.add_argument("--repeat", type=int, default=10, help="counted passes over the list (default 10)")
    p.add_argument("--top", type=int, default=0, help="also list this many functions by inclusive instructions per search (with --l2: by their own L2 misses)")
    p.add_argument("--binary", action="append", type=Path, help="an Instructions binary already built (repeatable, to compare builds)")
    p.add_argument("--branches", action="store_true", help="also simulate branch prediction and count the branches a search mispredicts")
    p.add_argument("--l2", help="also simulate the caches with a last level of this size (the machine's L2 a core, e.g. 1m) and count the lines a search reads from beyond it")
    a = p.parse_args()
    if a.l2 and a.branches:
        p.error("--l2 and --branches each simulate one thing: give one of them")
    if shutil.which("valgrind") is None:
        sys.exit("count.py: valgrind is not installed (apt-get install valgrind)")
    binaries = a.binary or [build()]
    runs = ([["--text", a.text]] if a.text else [["--queries", str(a.queries.resolve())]] if a.queries
            else [["--kind", k] for k in (a.kind or KINDS)])
    # Once natively first: a generated size's snapshot is built and cached in Benchmarks/.cache on its
    # first use, which under valgrind would take fifty times as long.
    for b in binaries:
        subprocess.run([str(b), "--kind", "one-word", "--size", a.size, "--repeat", "1"], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        copies = [stripped(b, work, k) for k, b in enumerate(binaries)]
        l2 = cache_bytes(a.l2) if a.l2 else 0
        what = ("instructions · L2 misses / search" if l2 else "instructions · branches missed / search" if a.branches
                else "instructions / search")
        header = "| queries | " + " | ".join(f"{what} ({b})" if len(binaries) > 1 else what for b in binaries) + " |"
        print(f"size {a.size}, stage {a.stage}, {a.repeat} counted passes" + (f", caches simulated (L2 {l2:,} bytes)" if l2 else "") + "\n")
        print(header)
        print("|---|" + "---:|" * len(binaries))
        details: list[str] = []
        for run in runs:
            figures = []
            for binary, copy in zip(binaries, copies):
                total, misses, searches, lines = count(copy, run + ["--size", a.size, "--stage", a.stage, "--repeat", str(a.repeat)], work, a.top,
                                                       l2, a.branches)
                figures.append(f"{total / searches:,.0f}" + (f" · {misses / searches:,.1f}" if l2 or a.branches else ""))
                if lines:
                    details.append(f"{run[1]} ({binary.name}):\n" + "\n".join(lines))
            print(f"| {run[1]} | " + " | ".join(figures) + " |")
        for d in details:
            print("\n" + d)


if __name__ == "__main__":
    main()
