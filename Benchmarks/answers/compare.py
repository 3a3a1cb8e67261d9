#!/usr/bin/env python3
"""Do two signpost binaries give the same answers? For work done for speed, which must change nothing else.

    python3 Benchmarks/answers/compare.py OLD_BINARY NEW_BINARY [--index DIR ...] [--limit 20]

Each binary answers, in batch mode (`search --queries FILE --json`), every judged query of
Corpus/leeds/queries.jsonl and of ../shared/eval/data/queries-dev.jsonl (when present), each also
capitalised, without its first word, with its last word cut short (completions) and with two letters of
its longest word swapped (spelling) -- over the bundled Leeds directory, the yardstick corpus (when
present) and any snapshot directories given with --index (e.g. a generated directory of 30,000 or more
services, where the tiered search runs). A line holds the intent, the total, the notices and the ids,
names and scores of the top results, so "identical" means the same understanding, the same totals and the
same ranking. Exit status 0 when every line is identical, 1 otherwise (the first differences are shown).
With --bound-totals, a total that both binaries give as a lower bound (`total_exact` false: the search
stopped once its results were certain) is not compared, for a change in where a search stops.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "eval", "data")


def variants(path, seed=7):
    """The queries of a judged file, each with its variants, as batch lines (qid, text, at)."""
    rng = random.Random(seed)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            q = json.loads(line)
            text, at, qid = q["text"], q.get("at"), q.get("qid", str(len(out)))
            words = text.split()
            out.append({"qid": qid, "text": text, "at": at})
            out.append({"qid": qid + "-upper", "text": text.upper(), "at": at})
            if len(words) > 2:
                out.append({"qid": qid + "-tail", "text": " ".join(words[1:]), "at": at})
            if words and len(words[-1]) >= 5:
                out.append({"qid": qid + "-prefix", "text": " ".join(words[:-1] + [words[-1][:-2]]), "at": at})
            if words:
                i = max(range(len(words)), key=lambda k: len(words[k]))
                if len(words[i]) >= 5:
                    letters = list(words[i])
                    j = rng.randrange(1, len(letters) - 1)
                    letters[j], letters[j + 1] = letters[j + 1], letters[j]
                    typo = words[:i] + ["".join(letters)] + words[i + 1:]
                    out.append({"qid": qid + "-typo", "text": " ".join(typo), "at": at})
    return out


def answers(binary, source, queries_file, limit, city=None):
    cmd = [binary, "search", *source, "--queries", queries_file, "--json", "--limit", str(limit)]
    if city:
        cmd += ["--city", city]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"compare.py: {' '.join(cmd)} failed ({run.returncode}): {run.stderr.strip()[:500]}")
    return run.stdout.splitlines()


def same_answer(a, b, added, bound_totals=False):
    """Whether two answer lines differ only by fields that one of them does not write (or, with
    `bound_totals`, by totals given as lower bounds)."""
    try:
        x, y = json.loads(a), json.loads(b)
    except ValueError:
        return False
    # (A binary that does not write `total_exact` counts as the other says.)
    exact = {x.get("total_exact"), y.get("total_exact")} - {None}
    if bound_totals and exact == {False}:
        x.pop("total", None)
        y.pop("total", None)
    # Fields, of the answer or of its intent, that only one binary writes: a new field is no different answer.
    for a_, b_, prefix in ((x, y, ""), (x.get("intent") or {}, y.get("intent") or {}, "intent.")):
        only = set(a_) ^ set(b_)
        added.update(prefix + k for k in only)
        for k in only:
            a_.pop(k, None)
            b_.pop(k, None)
    return x == y


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--index", action="append", default=[], help="also a saved snapshot directory (repeatable)")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--bound-totals", action="store_true",
                    help="do not compare totals that both binaries give as lower bounds (total_exact false)")
    ap.add_argument("--old-city", help="the city folder the old binary reads (a Corpus/leeds of its own commit, when the "
                    "thesaurus or places changed in a way it cannot read); the new one reads the bundled one")
    args = ap.parse_args()
    for b in (args.old, args.new):
        if not os.access(b, os.X_OK):
            sys.exit(f"compare.py: {b} is not an executable")

    query_sets = [("leeds", os.path.join(ROOT, "Corpus", "leeds", "queries.jsonl"))]
    if os.path.exists(os.path.join(SHARED, "queries-dev.jsonl")):
        query_sets.append(("yardstick", os.path.join(SHARED, "queries-dev.jsonl")))
    else:
        print("compare.py: ../shared/eval is absent; only the bundled queries are used", file=sys.stderr)
    sources = [("the Leeds directory", [])]
    if os.path.exists(os.path.join(SHARED, "corpus.json")):
        sources.append(("the yardstick corpus", ["--corpus", os.path.join(SHARED, "corpus.json")]))
    sources += [(f"snapshot {d}", ["--index", d]) for d in args.index]

    differing = 0
    total = 0
    added = set()  # fields only one binary writes (a new field is no different answer)
    with tempfile.TemporaryDirectory() as tmp:
        for set_name, path in query_sets:
            lines = variants(path)
            qfile = os.path.join(tmp, set_name + ".jsonl")
            with open(qfile, "w", encoding="utf-8") as f:
                for q in lines:
                    f.write(json.dumps(q) + "\n")
            for source_name, source in sources:
                old = answers(args.old, source, qfile, args.limit, None if "--index" in source else args.old_city)
                new = answers(args.new, source, qfile, args.limit)
                diffs = [(a, b) for a, b in zip(old, new) if a != b and not same_answer(a, b, added, args.bound_totals)]
                if len(old) != len(new):
                    diffs.append((f"{len(old)} lines", f"{len(new)} lines"))
                total += len(old)
                differing += len(diffs)
                print(f"{set_name} queries over {source_name}: {len(old)} answers, "
                      + ("identical" if not diffs else f"{len(diffs)} DIFFER"))
                for a, b in diffs[:3]:
                    print(f"  old: {a[:400]}\n  new: {b[:400]}")
    if added:
        print(f"fields written by one binary only, not compared: {', '.join(sorted(added))}")
    print(f"{total} answers compared, {differing} differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
