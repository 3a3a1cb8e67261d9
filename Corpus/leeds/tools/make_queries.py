#!/usr/bin/env python3
"""Writes Corpus/leeds/queries.jsonl: judged queries for the bundled Leeds directory.

    python3 Corpus/leeds/tools/make_queries.py            # rewrites queries.jsonl
    python3 Corpus/leeds/tools/make_queries.py --check    # exits 1 if queries.jsonl is out of date

Query texts are built from hand-written phrasings (direct names of each kind of help and everyday
lay phrasings), places (every ward, neighbourhoods people name, postcode districts) and time words,
with a fixed seed. Judgments are computed here, independently of the Swift engine, from
services.json and the gazetteer (places/*.tsv), with the rules of product.md:

  grade 2: the service is active, offers one of the intent's categories, has a location in the
           asked-for ward (or postcode district), and is open in the asked-for time;
  grade 1: the same, but it only serves that ward (service area) or all of Leeds;
  with no time word, a service whose schedules have all ended does not count.

Only Python's standard library is used (zoneinfo reads the system time-zone database).
"""
import argparse, datetime as dt, json, math, os, random, sys
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
LEEDS = os.path.dirname(HERE)
TZ = ZoneInfo("Europe/London")

# ---------------------------------------------------------------- places

def read_tsv(name):
    rows = []
    for line in open(os.path.join(LEEDS, "places", name), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows

WARDS = {r[1]: {"lat": float(r[2]), "lon": float(r[3]), "neighbours": [x for x in r[4].split(";") if x]} for r in read_tsv("wards.tsv")}
PLACES = [(r[0], r[1]) for r in read_tsv("neighbourhoods.tsv")]
AREAS = {r[0].upper(): [w for w in r[1].split(";") if w] for r in read_tsv("postcodes.tsv")}
CITY = [r[0] for r in read_tsv("city.tsv")]

def key(s):
    words = "".join(c.lower() if c.isalnum() else " " for c in s).split()
    return " ".join(w for w in words if w != "and")

WARD_BY_KEY = {key(w): w for w in WARDS}
for w in WARDS:
    WARD_BY_KEY[key(w.replace(" & ", "-"))] = w
PLACE_BY_KEY = {key(p): w for p, w in PLACES}
CITY_KEYS = {key(c) for c in CITY}

def dist(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(min(1, math.sqrt(a)))

def district(pc):
    return pc.upper().split()[0] if pc and pc.strip() else None

def postcode_wards(pc):
    parts = pc.upper().split()
    if len(parts) == 2 and parts[1][:1].isdigit():
        sector = parts[0] + " " + parts[1][0]
        if AREAS.get(sector):
            return AREAS[sector]
    return AREAS.get(parts[0], [])

def area_ward(name):
    k = key(name)
    if k in CITY_KEYS:
        return "CITY"
    return WARD_BY_KEY.get(k) or PLACE_BY_KEY.get(k)

def location_ward(loc, areas):
    """x_ward; else a service area naming one ward; else postcode; else nearest centroid."""
    x = loc.get("x_ward")
    if x:
        w = WARD_BY_KEY.get(key(x)) or PLACE_BY_KEY.get(key(x))
        if w:
            return w
    pc = (loc.get("addresses") or [{}])[0].get("postal_code")
    pcw = postcode_wards(pc) if pc else []
    named = []
    for a in areas:
        if a and a != "CITY" and a not in named:
            named.append(a)
    if len(named) == 1:
        return named[0]
    for w in pcw:
        if w in named:
            return w
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if pcw:
        if len(pcw) > 1 and lat is not None:
            return min(pcw, key=lambda w: dist(lat, lon, WARDS[w]["lat"], WARDS[w]["lon"]))
        return pcw[0]
    if lat is not None:
        return min(WARDS, key=lambda w: dist(lat, lon, WARDS[w]["lat"], WARDS[w]["lon"]))
    return None

# ---------------------------------------------------------------- hours (reference, by the minute)

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

def hhmm(s):
    h, m = s.split(":")[:2]
    return int(h) * 60 + int(m)

def runs_on(sc, d):
    if sc.get("valid_from") and d < dt.date.fromisoformat(sc["valid_from"]):
        return False
    if sc.get("valid_to") and d > dt.date.fromisoformat(sc["valid_to"]):
        return False
    for item in (sc.get("byday") or "").split(","):
        item = item.strip()
        if not item:
            continue
        wd = DAYS.index(item[-2:])
        if wd != d.weekday():
            continue
        if sc.get("freq", "WEEKLY") == "MONTHLY":
            n = int(item[:-2])
            if n > 0 and (d.day - 1) // 7 + 1 == n:
                return True
            last = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if n < 0 and (last.day - d.day) // 7 + 1 == -n:
                return True
        else:
            return True
    return False

def is_exception(sc):
    return bool(sc.get("valid_from") and sc.get("valid_to")) and \
        (dt.date.fromisoformat(sc["valid_to"]) - dt.date.fromisoformat(sc["valid_from"])).days < 7

def sessions(svc, d):
    """(start, end) local naive datetimes of sessions starting on date d."""
    out = []
    exc = [sc for sc in svc["schedules"] if is_exception(sc)
           and dt.date.fromisoformat(sc["valid_from"]) <= d <= dt.date.fromisoformat(sc["valid_to"])]
    rows = exc if exc else [sc for sc in svc["schedules"] if not is_exception(sc) and runs_on(sc, d)]
    for sc in rows:
        if not sc.get("opens_at"):
            continue
        o, c = hhmm(sc["opens_at"]), hhmm(sc["closes_at"])
        length = c - o if c > o else c + 1440 - o
        start = dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=o)
        out.append((start, start + dt.timedelta(minutes=length)))
    return out

def open_at(svc, t):
    """t: aware datetime. Compares local wall-clock times, which is right across DST."""
    local = t.astimezone(TZ).replace(tzinfo=None)
    for d in (local.date() - dt.timedelta(days=1), local.date()):
        for s, e in sessions(svc, d):
            if s <= local < e:
                return True
    return False

def open_in(svc, windows):
    for a, b in windows:
        if a == b:
            if open_at(svc, a):
                return True
            continue
        t = a
        while t < b:
            if open_at(svc, t):
                return True
            t += dt.timedelta(minutes=15 if (b - a) > dt.timedelta(hours=2) else 1)
    return False

def expired(svc, today):
    rows = [sc for sc in svc["schedules"] if not is_exception(sc)]
    return bool(rows) and all(sc.get("valid_to") and dt.date.fromisoformat(sc["valid_to"]) < today for sc in rows)

# ---------------------------------------------------------------- time words -> windows

PARTS = {"morning": (8, 12), "afternoon": (12, 17), "evening": (17, 21)}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

def local(d, minutes):
    return (dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=minutes)).replace(tzinfo=TZ)

def windows_for(when, at):
    now = at.astimezone(TZ)
    today = now.date()
    kind = when["type"]
    if kind == "now":
        return [(now, now)]
    if kind == "today":
        return [(now, local(today + dt.timedelta(days=1), 0))]
    if kind == "tonight":
        if now.hour < 8:
            return [(now, local(today, 8 * 60))]
        return [(max(now, local(today, 17 * 60)), local(today + dt.timedelta(days=1), 8 * 60))]
    if kind == "day":
        d = today + dt.timedelta(days=(WEEKDAYS.index(when["day"]) - today.weekday()) % 7)
        if when.get("part"):
            a, b = PARTS[when["part"]]
            return [(local(d, a * 60), local(d, b * 60))]
        if when.get("after"):
            return [(local(d, when["after"] * 60), local(d + dt.timedelta(days=1), 0))]
        return [(local(d, 0), local(d + dt.timedelta(days=1), 0))]
    if kind == "weekend":
        wd = today.weekday()
        days = [today, today + dt.timedelta(days=1)] if wd == 5 else [today] if wd == 6 else \
            [today + dt.timedelta(days=5 - wd), today + dt.timedelta(days=6 - wd)]
        return [(local(d, 0), local(d + dt.timedelta(days=1), 0)) for d in days]
    if kind == "habitual":
        a, b = PARTS[when["part"]]
        horizon = (now, now + dt.timedelta(days=7))
        out = []
        for k in range(8):
            d = today + dt.timedelta(days=k)
            s, e = max(local(d, a * 60), horizon[0]), min(local(d, b * 60), horizon[1])
            if s < e:
                out.append((s, e))
        return out
    if kind == "after":
        return [(max(now, local(today, when["after"] * 60)), local(today + dt.timedelta(days=1), 0))]
    raise ValueError(kind)

# ---------------------------------------------------------------- what people type

NEEDS = {
    "food-bank": (["food bank", "foodbank", "food parcels", "emergency food", "free food"], []),
    "community-pantry": (["community pantry", "food pantry", "social supermarket", "cheap food"], []),
    "hot-meals": (["hot meal", "community cafe", "free hot food", "soup kitchen"], []),
    "baby-bank": (["baby bank", "nappies and baby clothes", "free baby clothes"], []),
    "clothing-furniture": (["free furniture", "free clothes", "furniture bank"], []),
    "debt-advice": (["debt advice", "help with debts", "money advice", "rent arrears help"], []),
    "welfare-benefits": (["benefits advice", "help with universal credit", "pip form help", "welfare rights"], []),
    "fuel-energy": (["energy advice", "help with gas and electric bills", "fuel vouchers"], []),
    "housing-homelessness": (["housing advice", "homeless help", "tenancy support"], []),
    "night-shelter": (["night shelter", "emergency bed", "winter shelter"], []),
    "legal-advice": (["free legal advice", "legal clinic", "law centre"], []),
    "immigration-asylum": (["immigration advice", "asylum advice", "help for refugees"], []),
    "esol": (["english classes", "esol", "learn english", "english conversation club"], []),
    "digital-skills": (["computer help", "free wifi and computers", "digital skills", "help getting online"], []),
    "employment": (["job club", "cv help", "help finding work", "employment support"], []),
    "mental-health": (["mental health support", "anxiety support group", "counselling", "wellbeing group"], []),
    "bereavement": (["bereavement support", "grief support group"], []),
    "befriending": (["befriending", "social group", "coffee morning"], []),
    "lunch-club": (["lunch club for older people", "luncheon club"], []),
    "carers-support": (["carers support", "carers group", "young carers"], []),
    "disability-support": (["disability support", "learning disability group", "support for autistic adults"], []),
    "domestic-abuse": (["domestic abuse support", "domestic violence help"], []),
    "drug-alcohol": (["drug and alcohol support", "alcohol help", "addiction recovery"], []),
    "health-checks": (["health check", "blood pressure check", "nhs health check"], []),
    "parent-toddler": (["stay and play", "parent and toddler group", "baby group"], []),
    "youth-club": (["youth club", "things for teenagers to do", "youth project"], []),
    "mens-shed": (["men's shed", "mens shed"], []),
    "walking-exercise": (["walking group", "exercise class", "chair exercise"], []),
    "volunteering": (["volunteering", "volunteer opportunities"], []),
    "warm-space": (["warm space", "somewhere warm", "warm hub"], []),
    "community-transport": (["community transport", "lifts to hospital appointments", "dial a ride"], []),
    "school-uniform": (["school uniform bank", "free school uniform"], []),
}
LAY = [
    ("can't pay my bills", ["debt-advice", "fuel-energy"]),
    ("behind with my bills", ["debt-advice", "fuel-energy"]),
    ("money worries", ["debt-advice", "welfare-benefits"]),
    ("skint until payday", ["debt-advice", "welfare-benefits"]),
    ("no food in the house", ["food-bank", "community-pantry", "hot-meals"]),
    ("can't afford food", ["food-bank", "community-pantry", "hot-meals"]),
    ("can't afford to heat my home", ["warm-space", "fuel-energy"]),
    ("my house is freezing", ["warm-space", "fuel-energy"]),
    ("my dad is lonely", ["befriending", "lunch-club"]),
    ("lost my job", ["employment"]),
    ("feeling low and anxious", ["mental-health"]),
    ("landlord evicting me", ["housing-homelessness", "legal-advice"]),
    ("nowhere to sleep", ["housing-homelessness", "night-shelter"]),
    ("just arrived in the uk", ["esol", "immigration-asylum"]),
    ("worried about my drinking", ["drug-alcohol"]),
]
PREFIXES = ["", "", "", "where can i find ", "need ", "looking for "]
LAY_PREFIXES = ["", "", "help - "]
PLACE_FORMS = ["{p}", "in {p}", "near {p}", "around {p}", "{p} area"]
TIMES = [None, None, None, {"type": "now", "text": "open now"}, {"type": "today", "text": "open today"},
         {"type": "tonight", "text": "tonight"}, {"type": "day", "text": "{day}"},
         {"type": "day", "text": "{day} {part}", "part": True}, {"type": "weekend", "text": "this weekend"},
         {"type": "habitual", "text": "in the {part}s", "part": True}, {"type": "day", "text": "{day} after 6pm", "after": 18}]

def typo(rng, text, protect):
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha() and w not in protect]
    if not candidates:
        return text, False
    i = rng.choice(candidates)
    w = words[i]
    k = rng.randrange(1, len(w) - 2)
    words[i] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    return " ".join(words), True

def make_queries(seed=1101, count=230):
    rng = random.Random(seed)
    wards = sorted(WARDS)
    places = sorted(PLACES)
    districts = sorted(a for a in AREAS if " " not in a and AREAS[a])
    base = dt.datetime(2025, 10, 6, 9, 0, tzinfo=TZ)
    queries = []
    kinds = sorted(NEEDS)
    plan = []
    for i in range(count):
        if i % 6 == 5:
            phrase, cats = LAY[(i // 6) % len(LAY)]
            tags = ["lay"]
        else:
            code = kinds[i % len(kinds)]
            phrase, cats = rng.choice(NEEDS[code][0]), [code]
            tags = ["direct"]
        plan.append((phrase, cats, tags))
    for i, (phrase, cats, tags) in enumerate(plan):
        at = base + dt.timedelta(days=rng.randrange(0, 175), minutes=rng.randrange(0, 14 * 60 // 5) * 5)
        place = None
        r = i % 10
        if r < 5:
            w = wards[(i // 10 * 5 + r) % len(wards)]
            place = {"kind": "ward", "ward": w, "text": rng.choice([w, w.replace(" & ", " and ")])}
        elif r < 8:
            p, w = rng.choice(places)
            place = {"kind": "ward", "ward": w, "text": p}
        elif r == 8:
            d = rng.choice(districts)
            place = {"kind": "postcode", "district": d, "wards": AREAS[d], "text": rng.choice([d, d.lower()])}
        tw = TIMES[rng.randrange(len(TIMES))]
        when = None
        time_text = ""
        if tw:
            when = {"type": tw["type"]}
            day = rng.choice(WEEKDAYS)
            part = rng.choice(list(PARTS))
            if tw["type"] == "day":
                when["day"] = day
            if tw.get("part"):
                when["part"] = part
            if tw.get("after"):
                when["after"] = tw["after"]
            time_text = tw["text"].format(day=rng.choice([day, day.capitalize(), day[:3]]), part=part)
        text = rng.choice(LAY_PREFIXES if "lay" in tags else PREFIXES) + phrase
        if place:
            text += " " + rng.choice(PLACE_FORMS).format(p=place["text"])
        if time_text:
            text += rng.choice([" ", ", ", " open "]) + time_text
        text = text.replace("open open", "open")
        if rng.random() < 0.15:
            protect = set((place or {}).get("text", "").split()) | set(time_text.split())
            text, changed = typo(rng, text, protect)
            if changed:
                tags = tags + ["typo"]
        tags = tags + ([("postcode" if place["kind"] == "postcode" else "place")] if place else ["no-place"])
        tags = tags + (["time:" + when["type"]] if when else [])
        queries.append({"qid": "leeds-%03d" % (i + 1), "text": text, "at": at.isoformat(),
                        "intent": {"categories": cats, "place": place, "when": when}, "tags": tags})
    return queries

# ---------------------------------------------------------------- judging

def judge(services, q):
    at = dt.datetime.fromisoformat(q["at"])
    today = at.astimezone(TZ).date()
    intent = q["intent"]
    windows = windows_for(intent["when"], at) if intent["when"] else None
    place = intent["place"]
    out = {}
    for s in services:
        if s.get("status") != "active":
            continue
        codes = {a["taxonomy_term"].get("code") for a in s.get("attributes", [])}
        if not codes & set(intent["categories"]):
            continue
        areas = [area_ward(a.get("name", "")) for a in s.get("service_areas", [])]
        grade = 2
        if place:
            locs = [sal["location"] for sal in s.get("service_at_locations", [])]
            if place["kind"] == "ward":
                local_ = any(location_ward(l, areas) == place["ward"] for l in locs)
                serves = place["ward"] in areas or "CITY" in areas
            else:
                local_ = any(district((l.get("addresses") or [{}])[0].get("postal_code")) == place["district"] for l in locs)
                serves = any(w in areas for w in place["wards"]) or "CITY" in areas
            grade = 2 if local_ else 1 if serves else 0
        if grade == 0:
            continue
        if windows is not None:
            if not open_in(s, windows):
                continue
        elif expired(s, today):
            continue
        out[s["id"]] = grade
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    services = json.load(open(os.path.join(LEEDS, "services.json"), encoding="utf-8"))
    lines = []
    for q in make_queries():
        q["judgments"] = judge(services, q)
        if q["judgments"]:
            lines.append(json.dumps(q, ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    path = os.path.join(LEEDS, "queries.jsonl")
    if args.check:
        same = os.path.exists(path) and open(path, encoding="utf-8").read() == text
        print("queries.jsonl is up to date" if same else "queries.jsonl is out of date: run make_queries.py")
        return 0 if same else 1
    open(path, "w", encoding="utf-8").write(text)
    print(f"wrote {len(lines)} judged queries to {path}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
