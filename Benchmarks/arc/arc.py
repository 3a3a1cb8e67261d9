#!/usr/bin/env python3
"""Reference-counting calls and objects allocated per search, by the function that makes them.

Each swift_retain / swift_release of a shared object is an atomic instruction, some 15-20 cycles on these machines, and a
search of the judged Leeds mix made about 760 such calls straight from Signpost's code (stop 34): about a
fifth of its time in a wall-clock profile (`perf record -e cpu-clock`), against a tenth of its
instructions. callgrind counts them as a few instructions each, so count.py undervalues them; this
counts the calls, and of them those that cost an atomic instruction (on an object that is not immortal:
an empty list, a string literal or a small string costs none; stop 35: 274 of 713 a search). `--lines`
lists them by the source line of the call (the last line the disassembly names before it: the optimiser
gives the counts themselves line 0) with the function inlined there, instead of by function.

    SIGNPOST_DYNAMIC_RUNTIME=1 swift build -c release --product signpost --scratch-path .build-dynamic
    python3 Benchmarks/arc/arc.py        # .build-dynamic/release/signpost, Corpus/leeds/queries.jsonl
    python3 Benchmarks/arc/arc.py --signpost OLD --signpost NEW --top 25
    python3 Benchmarks/arc/arc.py --signpost .build-dynamic/release/signpost --lines --top 40

It builds `arc.c` (beside this file) into a shared library that stands in for swift_retain,
swift_release, swift_bridgeObjectRetain, swift_bridgeObjectRelease and swift_allocObject (every class
instance, array and string buffer a search makes), counts each call by its return address and passes
it on (so the binary must call the shared runtime: a release build of `signpost` links it statically
unless built with SIGNPOST_DYNAMIC_RUNTIME=1, as above); runs `signpost bench` with it preloaded
(LD_PRELOAD) twice, with 10 and with 30 passes over the queries, and subtracts, so that building the
index and the warm-up are not counted;
and names each return address's function from the binary's symbols. Only calls from the `signpost`
binary itself into the Swift runtime are seen (not those the standard library makes inside itself). A
bridge-object call on a small string (15 bytes or fewer, kept inline) costs no atomic instruction; the
others do. Needs a C compiler (cc), and objdump for `--lines`.
"""
import argparse
import bisect
import collections
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("retain", "release", "bridge retain", "bridge release", "objects allocated", "atomic")


def shim(workdir: Path) -> Path:
    out = workdir / "arc.so"
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(out), str(Path(__file__).with_name("arc.c")), "-ldl"], check=True)
    return out


def calls(binary: Path, library: Path, queries: Path, repeat: int, workdir: Path) -> dict[tuple[str, int], list[int]]:
    out = workdir / f"calls-{repeat}.txt"
    env = dict(os.environ, LD_PRELOAD=str(library), ARC_OUT=str(out))
    run = subprocess.run([str(binary), "bench", "--queries", str(queries), "--repeat", str(repeat), "--warmup", "1"],
                         env=env, capture_output=True, text=True)
    if run.returncode != 0 or not out.exists():
        sys.exit(f"arc.py: {binary} bench failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    counted: dict[tuple[str, int], list[int]] = {}
    for line in out.read_text().splitlines():
        obj, address, *numbers = line.split()
        counted[(obj, int(address, 16))] = [int(n) for n in numbers]
    return counted


def symbols(binary: Path) -> tuple[list[tuple[int, str]], list[int]]:
    """The binary's functions as (start address, name), in address order, and their starts."""
    listing = subprocess.run(["nm", "-n", "--defined-only", str(binary)], capture_output=True, text=True, check=True).stdout
    table = [(int(p[0], 16), p[2]) for p in (line.split() for line in listing.splitlines()) if len(p) == 3 and p[1] in "tTwW"]
    return table, [a for a, _ in table]


def namer(binary: Path, own):
    """A name for each return address: `own(offset)` for one in the binary, `library:offset` otherwise."""
    def name(obj: str, offset: int) -> str:
        return own(offset) if Path(obj).resolve() == binary.resolve() else f"{Path(obj).name}:{offset:#x}"
    return name


def functions(binary: Path):
    """The function a return address is in."""
    table, starts = symbols(binary)

    def own(offset: int) -> str:
        i = bisect.bisect_right(starts, offset) - 1
        return table[i][1] if i >= 0 else f"{offset:#x}"
    return namer(binary, own)


def call_lines(binary: Path, keys: list[tuple[str, int]]):
    """The source line of each call: the function's disassembly with its lines (`objdump -d -l`), read
    back from the call to the last line named that is not line 0 (the optimiser gives reference counts
    line 0), with the function inlined there."""
    table, starts = symbols(binary)
    wanted: dict[int, list[int]] = collections.defaultdict(list)
    for _, offset in keys:
        i = bisect.bisect_right(starts, offset - 1) - 1
        if i >= 0:
            wanted[i].append(offset)
    named: dict[int, str] = {}
    for i, offsets in wanted.items():
        start, end = table[i][0], table[i + 1][0] if i + 1 < len(table) else table[i][0] + 1
        dis = subprocess.run(["objdump", "-d", "-l", "--no-show-raw-insn", f"--start-address={start:#x}", f"--stop-address={end:#x}",
                              str(binary)], capture_output=True, text=True).stdout
        where, inlined, rows = "?", table[i][1], []
        for line in dis.splitlines():
            if line.startswith("/") or line.startswith("Sources"):
                file, _, number = line.split(" (discriminator")[0].rpartition(":")
                # (Only `file:line` rows: the header names the binary as `path:     file format …`.)
                if number.isdigit() and number != "0":
                    where = f"{Path(file).name}:{number}"
            elif line.endswith("():"):
                inlined = line[:-3]
            elif line.startswith("  ") and ":" in line:
                address = line.strip().split(":")[0]
                try:
                    rows.append((int(address, 16), where, inlined))
                except ValueError:
                    pass
        addresses = [r[0] for r in rows]
        for offset in offsets:
            k = bisect.bisect_left(addresses, offset) - 1
            if k >= 0:
                named[offset] = f"{rows[k][1]} {rows[k][2]}"
    return namer(binary, lambda offset: named.get(offset, f"{offset:#x}"))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--signpost", action="append", type=Path, help="a signpost binary built against the shared runtime (repeatable; default .build-dynamic/release/signpost)")
    p.add_argument("--queries", type=Path, default=ROOT / "Corpus/leeds/queries.jsonl")
    p.add_argument("--top", type=int, default=15, help="functions to list, by atomic calls a search (an allocation counting as four)")
    p.add_argument("--lines", action="store_true",
                   help="by the source line of each call instead of by function (the last line the disassembly names "
                        "before the call, and the function inlined there; needs objdump)")
    a = p.parse_args()
    binaries = a.signpost or [ROOT / ".build-dynamic/release/signpost"]
    queries = sum(1 for line in a.queries.read_text().splitlines() if line.strip())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        library = shim(work)
        for binary in binaries:
            if not binary.exists():
                sys.exit(f"arc.py: {binary} does not exist (SIGNPOST_DYNAMIC_RUNTIME=1 swift build -c release --product signpost"
                         " --scratch-path .build-dynamic)")
            few, many = calls(binary, library, a.queries, 10, work), calls(binary, library, a.queries, 30, work)
            searches = 20 * queries
            name = call_lines(binary, [k for k in many if Path(k[0]).resolve() == binary.resolve()]) if a.lines else functions(binary)
            total = [0] * len(KINDS)
            by_function: dict[str, list[int]] = collections.defaultdict(lambda: [0] * len(KINDS))
            for key, counts in many.items():
                before = few.get(key, [0] * len(KINDS))
                for i in range(len(KINDS)):
                    by_function[name(*key)][i] += counts[i] - before[i]
                    total[i] += counts[i] - before[i]
            if sum(total) == 0:
                sys.exit(f"arc.py: no calls into the Swift runtime were seen from {binary}: it is linked with the runtime inside\n"
                         "(a release build links it statically since stop 35). Build one against the shared runtime:\n"
                         "  SIGNPOST_DYNAMIC_RUNTIME=1 swift build -c release --product signpost --scratch-path .build-dynamic\n"
                         "and pass --signpost .build-dynamic/release/signpost")
            print(f"{binary}: per search, " + ", ".join(f"{k} {t / searches:.1f}" for k, t in zip(KINDS, total))
                  + f" ({sum(total[:4]) / searches:.1f} reference-counting calls)")
            # (By the calls that cost an atomic instruction, an allocation counting as four.)
            rows = sorted(by_function.items(), key=lambda kv: -kv[1][5] - 4 * kv[1][4])[: a.top]
            print("    calls  retain release b.ret. b.rel.  alloc atomic")
            names = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(r[0] for r in rows),
                                   capture_output=True, text=True).stdout.splitlines()
            width = 200 if a.lines else 110
            for (_, counts), readable in zip(rows, names):
                print(f"  {sum(counts[:4]) / searches:7.1f}  " + " ".join(f"{c / searches:6.1f}" for c in counts) + f"  {readable[:width]}")


if __name__ == "__main__":
    main()
