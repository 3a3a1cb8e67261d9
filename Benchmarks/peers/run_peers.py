#!/usr/bin/env python3
"""Signpost side by side with SQLite FTS5 and tantivy, on one corpus and one query file.

    python3 Benchmarks/peers/run_peers.py                       # bundled Leeds directory
    python3 Benchmarks/peers/run_peers.py --corpus ../shared/eval/data/corpus.json \\
        --queries ../shared/eval/data/queries-dev.jsonl --markdown

Each peer indexes the same HSDS 3.0 services (name, organisation name, description and
category names) in RAM, then every query's typed text is replayed through it in this process:
--warmup passes, then --repeat measured passes, top 10 by score, one wall-clock time per query
(perf_counter around parse + search + reading the ids of the hits). Signpost runs in the same
invocation through its own binary: `signpost bench` for latency/build, and the batch mode of
`signpost search` for the rankings that are scored. Every engine is timed --rounds times (default 3),
the engines in turn, and each one's median round is reported: on a VM whose speed changes within
minutes, one run per engine made the ratios depend on which engine ran in a slow minute.

Quality: nDCG@10 (gain 2^g - 1, log2 discount, ideal from all of the query's judgments) and
P@5 (grade >= 1), averaged over the queries with at least one judgment.

Needs: Python 3.11+, `pip install tantivy`, and a sqlite3 module with FTS5 (CPython's has it).
Output: a text table (default), --markdown, or --json.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
LIMIT = 10

# Column weights, the same for both peers, fixed a priori (not tuned on the judged queries).
WEIGHTS = {"name": 3.0, "organisation": 1.0, "description": 1.0, "categories": 2.0}
FIELDS = list(WEIGHTS)

TOKEN = re.compile(r"[^\W_]+")  # runs of letters/digits: what unicode61 and tantivy's simple tokenizer keep


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ corpus and queries

def load_services(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict):  # tolerate {"services": [...]} wrappers
        data = data.get("services") or data.get("content") or []
    return data


def doc_fields(s: dict) -> dict[str, str]:
    org = s.get("organization") or s.get("organisation") or {}
    cats = []
    for a in s.get("attributes") or []:
        name = ((a or {}).get("taxonomy_term") or {}).get("name")
        if name and name not in cats:
            cats.append(name)
    return {
        "name": s.get("name") or "",
        "organisation": (org or {}).get("name") or "",
        "description": s.get("description") or "",
        "categories": ". ".join(cats),
    }


def load_queries(path: str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):
                q = json.loads(line)
            else:
                q = {"text": line}
            q.setdefault("qid", f"q{n:04d}")
            q["qid"] = str(q["qid"])
            q.setdefault("judgments", {})
            out.append(q)
    return out


def tokens(text: str) -> list[str]:
    seen, out = set(), []
    for t in TOKEN.findall(text.lower()):
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def fts5_match(text: str) -> str:
    """Every token as a quoted FTS5 string, ORed: `"food" OR "bank" OR "in" OR "armley"`."""
    return " OR ".join(f'"{t}"' for t in tokens(text))


def tantivy_text(text: str) -> str:
    """Lower-cased tokens separated by spaces; tantivy's parser ORs them (no AND/OR/NOT/+/-/quotes left)."""
    return " ".join(tokens(text))


# ------------------------------------------------------------------ facets for the "given the filters" rows

def _key(s: str) -> str:
    words = "".join(c.lower() if c.isalnum() else " " for c in s).split()
    return " ".join(w for w in words if w != "and")


def _read_tsv(path: str) -> list[list[str]]:
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


class Gazetteer:
    """Just enough of the city's places to tag a service with wards: wards.tsv, neighbourhoods.tsv,
    postcodes.tsv and city.tsv from <city>/places/ (all optional)."""

    def __init__(self, city_dir: str | None):
        places = os.path.join(city_dir, "places") if city_dir else ""
        wards = [r[1] for r in _read_tsv(os.path.join(places, "wards.tsv")) if len(r) > 1]
        self.ward_by_key = {_key(w): w for w in wards}
        for w in wards:
            self.ward_by_key[_key(w.replace(" & ", "-"))] = w
        self.place_by_key = {_key(r[0]): r[1] for r in _read_tsv(os.path.join(places, "neighbourhoods.tsv")) if len(r) > 1}
        self.areas = {r[0].upper(): [w for w in r[1].split(";") if w]
                      for r in _read_tsv(os.path.join(places, "postcodes.tsv")) if len(r) > 1}
        self.city = {_key(r[0]) for r in _read_tsv(os.path.join(places, "city.tsv")) if r}

    def ward(self, name: str) -> str | None:
        k = _key(name)
        return self.ward_by_key.get(k) or self.place_by_key.get(k)

    def postcode_ward(self, pc: str) -> str | None:
        parts = pc.upper().split()
        if len(parts) == 2 and parts[1][:1].isdigit() and self.areas.get(parts[0] + " " + parts[1][0]):
            return self.areas[parts[0] + " " + parts[1][0]][0]
        w = self.areas.get(parts[0]) if parts else None
        return w[0] if w else None


def facets(s: dict, gz: Gazetteer) -> list[str]:
    """status:active, cat:<code>, ward:<ward of a location> (x_ward, else its postcode's ward),
    district:<postcode district of a location>, area:<ward a service area names>, city (a city-wide area)."""
    out = set()
    if s.get("status", "active") == "active":
        out.add("status:active")
    for a in s.get("attributes") or []:
        code = ((a or {}).get("taxonomy_term") or {}).get("code")
        if code:
            out.add("cat:" + code)
    for sal in s.get("service_at_locations") or []:
        loc = (sal or {}).get("location") or {}
        pc = ((loc.get("addresses") or [{}])[0] or {}).get("postal_code") or ""
        w = gz.ward(loc["x_ward"]) if loc.get("x_ward") else None
        w = w or loc.get("x_ward") or (gz.postcode_ward(pc) if pc.strip() else None)
        if w:
            out.add("ward:" + w)
        if pc.strip():
            out.add("district:" + pc.upper().split()[0])
    for a in s.get("service_areas") or []:
        name = (a or {}).get("name") or ""
        if _key(name) in gz.city:
            out.add("city")
        else:
            w = gz.ward(name)
            if w:
                out.add("area:" + w)
    return sorted(out)


def intent_filter(q: dict) -> list[list[str]] | None:
    """The groups a result must hit one tag of (AND of ORs), from the judged intent; None if no intent."""
    it = q.get("intent") or {}
    cats = it.get("categories") or []
    if not cats:
        return None
    groups = [["status:active"], ["cat:" + c for c in cats]]
    place = it.get("place") or {}
    if place.get("kind") == "ward" and place.get("ward"):
        groups.append(["ward:" + place["ward"], "area:" + place["ward"], "city"])
    elif place.get("kind") == "postcode" and place.get("district"):
        groups.append(["district:" + place["district"].upper()] + ["area:" + w for w in place.get("wards") or []] + ["city"])
    return groups


# ------------------------------------------------------------------ engines

class FTS5:
    label = "SQLite FTS5"

    def __init__(self, docs: list[dict], with_facets: list[list[str]] | None = None):
        self.db = sqlite3.connect(":memory:", isolation_level=None, cached_statements=512)
        t0 = time.perf_counter()
        cols = ", ".join(FIELDS)
        self.db.execute(f"CREATE VIRTUAL TABLE svc USING fts5(sid UNINDEXED, {cols}, tokenize='porter unicode61')")
        self.db.execute("BEGIN")
        self.db.executemany(f"INSERT INTO svc(rowid, sid, {cols}) VALUES (?, ?, {', '.join('?' * len(FIELDS))})",
                            [(i + 1, d["id"], *(d[f] for f in FIELDS)) for i, d in enumerate(docs)])
        if with_facets is not None:
            self.db.execute("CREATE TABLE facet(tag TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY(tag, rid)) WITHOUT ROWID")
            self.db.executemany("INSERT INTO facet VALUES (?, ?)",
                                [(t, i + 1) for i, tags in enumerate(with_facets) for t in tags])
            self.db.execute("CREATE TABLE doc(rid INTEGER PRIMARY KEY, sid TEXT NOT NULL)")
            self.db.executemany("INSERT INTO doc VALUES (?, ?)", [(i + 1, d["id"]) for i, d in enumerate(docs)])
        self.db.execute("COMMIT")
        self.db.execute("INSERT INTO svc(svc) VALUES ('optimize')")
        self.build_seconds = time.perf_counter() - t0
        w = ", ".join(str(WEIGHTS[f]) for f in FIELDS)
        self.rank = f"bm25(svc, 0.0, {w})"
        self.sql = f"SELECT sid FROM svc WHERE svc MATCH ? ORDER BY {self.rank} LIMIT {LIMIT}"

    def search(self, text: str, groups: list[list[str]] | None = None) -> list[str]:
        m = fts5_match(text)
        if groups is None:
            return [r[0] for r in self.db.execute(self.sql, (m,))] if m else []
        # Filters decide membership; the text only ranks (bm25 < 0 is better; no match ranks last).
        where = " AND ".join(f"d.rid IN (SELECT rid FROM facet WHERE tag IN ({', '.join('?' * len(g))}))" for g in groups)
        params = tuple(t for g in groups for t in g)
        if not m:
            sql = f"SELECT d.sid FROM doc d WHERE {where} ORDER BY d.rid LIMIT {LIMIT}"
            return [r[0] for r in self.db.execute(sql, params)]
        sql = (f"WITH m AS MATERIALIZED (SELECT rowid AS r, {self.rank} AS s FROM svc WHERE svc MATCH ?) "
               f"SELECT d.sid FROM doc d LEFT JOIN m ON m.r = d.rid WHERE {where} "
               f"ORDER BY coalesce(m.s, 0.0), d.rid LIMIT {LIMIT}")
        return [r[0] for r in self.db.execute(sql, (m, *params))]


class Tantivy:
    label = "tantivy"

    def __init__(self, docs: list[dict], with_facets: list[list[str]] | None = None):
        import tantivy
        self.t = tantivy
        t0 = time.perf_counter()
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("sid", stored=True, tokenizer_name="raw")
        for f in FIELDS:
            sb.add_text_field(f, stored=False, tokenizer_name="en_stem")
        if with_facets is not None:
            sb.add_text_field("facet", stored=False, tokenizer_name="raw", index_option="basic")
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema)  # no path: in RAM
        w = self.index.writer(heap_size=64_000_000, num_threads=1)
        for i, d in enumerate(docs):
            doc = tantivy.Document()
            doc.add_text("sid", d["id"])
            for f in FIELDS:
                if d[f]:
                    doc.add_text(f, d[f])
            if with_facets is not None:
                for tag in with_facets[i]:
                    doc.add_text("facet", tag)
            w.add_document(doc)
        w.commit()
        w.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.build_seconds = time.perf_counter() - t0

    def search(self, text: str, groups: list[list[str]] | None = None) -> list[str]:
        qs = tantivy_text(text)
        if groups is None and not qs:
            return []
        T = self.t
        q = self.index.parse_query(qs, FIELDS, field_boosts=WEIGHTS) if qs else T.Query.empty_query()
        if groups is not None:
            # Filters decide membership (Must, score 0); the text only ranks (Should).
            parts = [(T.Occur.Should, q)]
            for g in groups:
                anyof = T.Query.boolean_query([(T.Occur.Should, T.Query.term_query(self.schema, "facet", t)) for t in g])
                parts.append((T.Occur.Must, T.Query.const_score_query(anyof, 0.0)))
            q = T.Query.boolean_query(parts)
        s = self.searcher
        return [s.doc(addr)["sid"][0] for _, addr in s.search(q, LIMIT, count=False).hits]


# ------------------------------------------------------------------ measuring and scoring

def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def ndcg(ranked: list[str], judg: dict[str, int], k: int = 10, linear: bool = False) -> float:
    g = (lambda x: x) if linear else (lambda x: 2 ** x - 1)
    dcg = sum(g(judg.get(d, 0)) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(judg.values(), reverse=True)[:k]
    idcg = sum(g(x) / math.log2(i + 2) for i, x in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def p_at(ranked: list[str], judg: dict[str, int], k: int = 5) -> float:
    return sum(1 for d in ranked[:k] if judg.get(d, 0) >= 1) / k


def quality(run: dict[str, list[str]], queries: list[dict]) -> dict:
    judged = [q for q in queries if any(g >= 1 for g in q["judgments"].values())]
    n = max(len(judged), 1)
    return {
        "judged_queries": len(judged),
        "ndcg10": sum(ndcg(run.get(q["qid"], []), q["judgments"]) for q in judged) / n,
        "ndcg10_linear": sum(ndcg(run.get(q["qid"], []), q["judgments"], linear=True) for q in judged) / n,
        "p5": sum(p_at(run.get(q["qid"], []), q["judgments"]) for q in judged) / n,
        "zero_result_queries": sum(1 for q in queries if not run.get(q["qid"])),
    }


def replay(search, queries: list[dict], filters: list, warmup: int, repeat: int) -> tuple[dict, list[float]]:
    run = {q["qid"]: search(q["text"], f) for q, f in zip(queries, filters)}
    for _ in range(max(warmup - 1, 0)):
        for q, f in zip(queries, filters):
            search(q["text"], f)
    lat = []
    clock = time.perf_counter
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for q, f in zip(queries, filters):
                t0 = clock()
                search(q["text"], f)
                lat.append((clock() - t0) * 1e6)
    finally:
        if gc_was:
            gc.enable()
    return run, lat


def timer_floor_us(n: int = 20000) -> float:
    """p50 of timing an empty Python call the same way: the harness's own share of a peer's latency."""
    def nop(text, f):
        return None
    clock, xs = time.perf_counter, []
    for _ in range(n):
        t0 = clock()
        nop("x", None)
        xs.append((clock() - t0) * 1e6)
    return percentile(xs, 50)


# ------------------------------------------------------------------ Signpost

def run_signpost(binary: str, corpus: str, queries: list[dict], warmup: int, repeat: int, city: str | None,
                 rank: bool = True) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", prefix="peers-queries-", delete=False, encoding="utf-8") as fh:
        for q in queries:
            line = {"qid": q["qid"], "text": q["text"]}
            if q.get("at"):
                line["at"] = q["at"]
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        qfile = fh.name
    extra = ["--city", city] if city else []
    try:
        bench = [binary, "bench", "--corpus", corpus, "--queries", qfile, "--warmup", str(warmup),
                 "--repeat", str(repeat), "--limit", str(LIMIT), "--json", *extra]
        p = subprocess.run(bench, capture_output=True, text=True, cwd=REPO)
        if p.returncode != 0:
            sys.exit(f"run_peers: {' '.join(bench)} exited {p.returncode}: {p.stderr.strip()[:500]}")
        b = json.loads(p.stdout.strip().splitlines()[-1])
        if not rank:
            return {"bench": b, "run": {}}
        search = [binary, "search", "--corpus", corpus, "--queries", qfile, "--json", "--limit", str(LIMIT), *extra]
        p = subprocess.run(search, capture_output=True, text=True, cwd=REPO)
        if p.returncode not in (0, 1):
            sys.exit(f"run_peers: {' '.join(search)} exited {p.returncode}: {p.stderr.strip()[:500]}")
        run = {}
        for line in p.stdout.splitlines():
            if line.strip():
                o = json.loads(line)
                run[str(o["qid"])] = [r["id"] for r in o.get("results") or []][:LIMIT]
    finally:
        os.unlink(qfile)
    return {"bench": b, "run": run}


# ------------------------------------------------------------------ output

def ratio(x: float, base: float) -> str:
    return f"{x / base:.1f}×" if base and x == x else "—"


def build_rows(result: dict) -> list[dict]:
    sp = result["engines"][0]
    rows = []
    for e in result["engines"]:
        first = e is sp
        rows.append({
            "engine": e["engine"], "asked": e["asked"], "build_s": e["build_seconds"],
            "p50_us": e["p50_us"], "p99_us": e["p99_us"], "qps": e["qps"],
            "ndcg10": e["ndcg10"], "p5": e["p5"],
            "p50_vs": "1×" if first else ratio(e["p50_us"], sp["p50_us"]),
            "p99_vs": "1×" if first else ratio(e["p99_us"], sp["p99_us"]),
        })
    return rows


HEAD = ["engine", "asked", "build s", "p50 µs", "p99 µs", "qps", "nDCG@10", "P@5", "p50 vs Signpost", "p99 vs Signpost"]


def cells(r: dict) -> list[str]:
    return [r["engine"], r["asked"], f"{r['build_s']:.3f}", f"{r['p50_us']:.0f}", f"{r['p99_us']:.0f}",
            f"{r['qps']:,.0f}", f"{r['ndcg10']:.3f}", f"{r['p5']:.3f}", r["p50_vs"], r["p99_vs"]]


def text_table(rows: list[dict]) -> str:
    body = [HEAD] + [cells(r) for r in rows]
    wid = [max(len(row[i]) for row in body) for i in range(len(HEAD))]
    right = {2, 3, 4, 5, 6, 7, 8, 9}
    fmt = lambda row: "  ".join(c.rjust(wid[i]) if i in right else c.ljust(wid[i]) for i, c in enumerate(row))
    return "\n".join([fmt(HEAD), "  ".join("-" * w for w in wid)] + [fmt(c) for c in body[1:]])


def md_table(rows: list[dict]) -> str:
    out = ["| " + " | ".join(HEAD) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * 8) + "|"]
    out += ["| " + " | ".join(cells(r)) + " |" for r in rows]
    return "\n".join(out)


def sentences(rows: list[dict]) -> list[str]:
    return [f"{r['engine']} ({r['asked']}): p50 is {r['p50_vs']} Signpost's, p99 is {r['p99_vs']} Signpost's"
            for r in rows[1:]]


# ------------------------------------------------------------------ main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(REPO, "Corpus", "leeds", "services.json"))
    ap.add_argument("--queries", default=os.path.join(REPO, "Corpus", "leeds", "queries.jsonl"))
    ap.add_argument("--signpost", default=os.path.join(REPO, ".build", "release", "signpost"), help="the signpost binary")
    ap.add_argument("--city", default=None, help="passed to signpost as --city; also the gazetteer for the filter rows "
                                                 "(default: Corpus/leeds)")
    ap.add_argument("--repeat", type=int, default=10, help="measured passes over the queries (default 10)")
    ap.add_argument("--warmup", type=int, default=3, help="passes before measuring (default 3)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="time every engine this many times, the engines in turn, and report each one's median "
                         "round (default 3: a VM's speed can change between one engine's run and the next)")
    ap.add_argument("--no-filters", action="store_true", help="skip the 'given the judged intent as filters' rows")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object on standard output")
    out.add_argument("--markdown", action="store_true", help="a markdown table on standard output")
    args = ap.parse_args(argv)

    corpus, qpath = os.path.abspath(args.corpus), os.path.abspath(args.queries)
    binary = os.path.abspath(args.signpost)
    for p in (corpus, qpath):
        if not os.path.isfile(p):
            sys.exit(f"run_peers: no such file: {p}")
    if not os.access(binary, os.X_OK):
        sys.exit(f"run_peers: signpost binary not found or not executable: {binary} (build it, or pass --signpost)")
    try:
        import tantivy  # noqa: F401
    except ImportError:
        sys.exit("run_peers: the tantivy module is missing: pip install tantivy")
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    except sqlite3.OperationalError:
        sys.exit("run_peers: this Python's sqlite3 has no FTS5")

    services = load_services(corpus)
    queries = load_queries(qpath)
    docs = [{"id": str(s["id"]), **doc_fields(s)} for s in services]
    log(f"corpus {corpus}: {len(docs)} services; queries {qpath}: {len(queries)}")

    if args.rounds < 1:
        sys.exit(f"run_peers: --rounds {args.rounds}: expected 1 or more")
    plain = [None] * len(queries)
    groups = [intent_filter(q) for q in queries]
    do_filters = not args.no_filters and any(g is not None for g in groups)
    tags = None
    if do_filters:
        gz = Gazetteer(args.city or os.path.join(REPO, "Corpus", "leeds"))
        tags = [facets(s, gz) for s in services]
        # a query with no usable intent falls back to its plain search
    floor = timer_floor_us()

    peers = []
    for cls in (FTS5, Tantivy):
        variants = [("typed text, tokens ORed", None, plain)]
        if do_filters:
            variants.append(("tokens ORed, ranked inside the intent's category & place (no time)", tags, groups))
        for asked, with_tags, filt in variants:
            log(f"{cls.label}: {asked}: build ...")
            peers.append((cls.label + (" + filters" if with_tags is not None else ""), asked, cls(docs, with_tags), filt))

    # Every engine once per round, in turn; per engine, the round with the median p50 is reported.
    rounds: dict[str, list[dict]] = {}
    ranked: dict[str, dict] = {}
    for r in range(args.rounds):
        log(f"round {r + 1} of {args.rounds}: signpost bench{' + batch search' if r == 0 else ''} ...")
        sp = run_signpost(binary, corpus, queries, args.warmup, args.repeat, args.city, rank=(r == 0))
        b = sp["bench"]
        if r == 0:
            ranked["Signpost"] = sp["run"]
        rounds.setdefault("Signpost", []).append({
            "engine": "Signpost", "asked": "typed text + \"at\"",
            "build_seconds": b.get("build_seconds"), "p50_us": b["p50_us"], "p90_us": b.get("p90_us"),
            "p99_us": b["p99_us"], "p999_us": b.get("p999_us"), "max_us": b.get("max_us"), "qps": b["qps"],
            "peak_rss_bytes": b.get("peak_rss_bytes"), "index_bytes_per_service": b.get("index_bytes_per_service"),
            "measured_by": "signpost bench (in its own process)",
        })
        for name, asked, eng, filt in peers:
            log(f"round {r + 1}: {name}: replay {args.warmup} warm-up + {args.repeat} measured passes ...")
            run, lat = replay(eng.search, queries, filt, args.warmup, args.repeat)
            ranked.setdefault(name, run)
            rounds.setdefault(name, []).append({
                "engine": name, "asked": asked, "build_seconds": eng.build_seconds,
                "p50_us": percentile(lat, 50), "p90_us": percentile(lat, 90), "p99_us": percentile(lat, 99),
                "p999_us": percentile(lat, 99.9), "max_us": max(lat) if lat else float("nan"),
                "qps": len(lat) / (sum(lat) / 1e6) if lat else 0.0,
                "measured_by": "this script, in-process through the Python binding",
            })
            gc.collect()
    engines = []
    for name, rs in rounds.items():
        median_round = sorted(rs, key=lambda x: x["p50_us"])[(len(rs) - 1) // 2]
        engines.append({**median_round, "p50_us_rounds": [x["p50_us"] for x in rs],
                        "p99_us_rounds": [x["p99_us"] for x in rs], **quality(ranked[name], queries)})
    del peers
    gc.collect()

    import tantivy
    result = {
        "corpus": corpus, "queries": qpath, "services": len(docs), "query_count": len(queries),
        "warmup": args.warmup, "repeat": args.repeat, "rounds": args.rounds, "limit": LIMIT, "weights": WEIGHTS,
        "versions": {"sqlite": sqlite3.sqlite_version, "tantivy": getattr(tantivy, "__version__", "?"),
                     "python": sys.version.split()[0]},
        "python_timer_floor_us": floor,
        "engines": engines,
    }
    rows = build_rows(result)
    result["ratios"] = sentences(rows)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.markdown:
        print(md_table(rows))
    else:
        print(f"{len(docs)} services, {len(queries)} queries ({result['engines'][0]['judged_queries']} judged); "
              f"{args.warmup} warm-up + {args.repeat} measured passes; each engine's median of {args.rounds} rounds; top {LIMIT}")
        print(text_table(rows))
        print()
        for s in result["ratios"]:
            print(s)
        print(f"(peer latencies include the Python call; timing an empty Python call costs ~{floor:.2f} µs p50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
