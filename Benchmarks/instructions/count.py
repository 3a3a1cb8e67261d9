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

It builds the `Instructions` program of the Benchmarks package (release), runs it once natively (a
generated size's snapshot is cached on first use), copies it without its debug information (valgrind
3.19 gives up on the DWARF 5 of a clean Swift 6.3 build: "unhandled dwarf2 abbrev form code 0x25 ...
Possibly corrupted debuginfo file"; the symbols stay, so functions are named), and runs the copy under
`valgrind --tool=callgrind --toggle-collect=*measured*`: only the searches are counted, after a warm-up
pass that is not. Needs `apt-get install valgrind`.
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
    subprocess.run(["swift", "build", "-c", "release", "--package-path", str(ROOT / "Benchmarks"), "--product", "Instructions"],
                   check=True, stdout=sys.stderr)
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


def count(binary: Path, args: list[str], workdir: Path, top: int) -> tuple[int, int, list[str]]:
    out = workdir / "callgrind.out"
    env = dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1")
    run = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=*measured*", f"--callgrind-out-file={out}", str(binary)] + args,
                         capture_output=True, text=True, env=env)
    said = re.search(r"^searches (\d+)", run.stdout, re.M)
    if run.returncode != 0 or not said:
        sys.exit(f"count.py: {binary} {' '.join(args)} failed under valgrind (exit {run.returncode}):\n{run.stderr[-2000:]}")
    searches = int(said.group(1))
    totals = re.search(r"^totals: (\d+)", out.read_text(), re.M)
    if not totals:
        sys.exit(f"count.py: no totals in {out}")
    lines: list[str] = []
    if top > 0:
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)], capture_output=True, text=True).stdout
        for line in annotated.splitlines():
            m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+\?\?\?:(\S+)", line)
            name = m.group(3) if m else ""
            if m and not any(x in name for x in ("measured", "main", "(below")) and not name.startswith("0x"):
                lines.append(f"    {int(m.group(1).replace(',', '')) // searches:>9,}  {m.group(2):>6}%  {demangled(name)[:150]}")
            if len(lines) >= top:
                break
    return int(totals.group(1)), searches, lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kind", action="append", choices=KINDS, help="kind of query (repeatable; default: every kind)")
    p.add_argument("--text", help="one question instead of a kind's list")
    p.add_argument("--queries", type=Path, help="a JSON-lines file of questions (\"text\", \"at\"), e.g. Corpus/leeds/queries.jsonl")
    p.add_argument("--size", default="leeds", help="leeds (default), 10k, 100k or 1m (a generated directory, cached in Benchmarks/.cache)")
    p.add_argument("--stage", default="search", choices=["search", "understand"])
    p.add_argument("--repeat", type=int, default=10, help="counted passes over the list (default 10)")
    p.add_argument("--top", type=int, default=0, help="also list this many functions by inclusive instructions per search")
    p.add_argument("--binary", action="append", type=Path, help="an Instructions binary already built (repeatable, to compare builds)")
    a = p.parse_args()
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
        header = "| queries | " + " | ".join(f"instructions / search ({b})" if len(binaries) > 1 else "instructions / search" for b in binaries) + " |"
        print(f"size {a.size}, stage {a.stage}, {a.repeat} counted passes\n")
        print(header)
        print("|---|" + "---:|" * len(binaries))
        details: list[str] = []
        for run in runs:
            figures = []
            for binary, copy in zip(binaries, copies):
                total, searches, lines = count(copy, run + ["--size", a.size, "--stage", a.stage, "--repeat", str(a.repeat)], work, a.top)
                figures.append(f"{total / searches:,.0f}")
                if lines:
                    details.append(f"{run[1]} ({binary.name}):\n" + "\n".join(lines))
            print(f"| {run[1]} | " + " | ".join(figures) + " |")
        for d in details:
            print("\n" + d)


if __name__ == "__main__":
    main()
