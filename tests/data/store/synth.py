#!/usr/bin/env python3
"""Writes N synthetic annotated news reports (document JSON lines, as `newsgraph annotate
--format jsonl` writes them, with events filled in) to stdout. Deterministic for a given N and
seed. Events repeat across reports (same type, actors and day) so cross-report dedup has work.
Used by tests/cli/store_*.sh.  Usage: synth.py N [SEED]"""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
codes = ["USA", "PRK", "RUS", "UKR", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "UNO", "NAT"]
names = {"USA": "Washington", "PRK": "Pyongyang", "RUS": "Moscow", "UKR": "Kyiv", "CHN": "Beijing",
         "FRA": "Paris", "DEU": "Berlin", "GBR": "London", "IRN": "Tehran", "ISR": "Israel",
         "UNO": "the United Nations", "NAT": "NATO"}
types = [("SANCTION", "163", 4, -8.0), ("THREATEN", "138", 3, -7.0), ("ASSAULT", "190", 4, -10.0),
         ("CONSULT", "040", 1, 1.0), ("AGREE", "036", 1, 4.0), ("PROTEST", "140", 3, -6.5),
         ("AID", "070", 2, 7.0), ("ACCUSE", "112", 3, -2.0)]
sources = ["reuters.com", "apnews.com", "bbc.co.uk", "lemonde.fr", "aljazeera.com", "nhk.or.jp", ""]
places = [("Kharkiv", "UKR", 49.98081, 36.25272, 706483), ("Pyongyang", "PRK", 39.0339, 125.7543, 1871859),
          ("Geneva", "CHE", 46.20222, 6.14569, 2660646), ("Brussels", "BEL", 50.85045, 4.34878, 2800866)]
# A pool of real-world events that several reports describe.
pool = []
for _ in range(n // 3):
    t = rng.choice(types)
    a, b = rng.sample(codes, 2)
    day = rng.randrange(0, 3 * 365)
    pool.append((t, a, b, day, rng.choice(places + [None, None])))

for i in range(n):
    doc_day = rng.randrange(0, 3 * 365)
    date = "%04d-%02d-%02d" % (2020 + doc_day // 360, 1 + (doc_day % 360) // 30, 1 + min(doc_day % 30, 27))
    text = ""
    sentences, events = [], []
    for k in range(rng.randrange(1, 5)):
        t, a, b, day, place = rng.choice(pool)
        ev_date = "%04d-%02d-%02d" % (2020 + day // 360, 1 + (day % 360) // 30, 1 + min(day % 30, 27))
        if rng.random() < 0.2:
            ev_date = ev_date[:7]  # a report that only gives the month
        elif rng.random() < 0.2:
            d = min(day % 30, 26) + 2  # one day later (another time zone)
            ev_date = ev_date[:8] + "%02d" % d
        actor, recipient = names[a], names[b]
        sentence = "%s moved to %s %s, officials said — «%d»." % (actor, t[0].lower(), recipient, i)
        start = len(text)
        text += sentence + " "
        trig = start + len(actor) + 1
        sentences.append({"start": start, "end": start + len(sentence)})
        events.append({
            "id": "", "event": t[0], "mode": "", "context": ["synthetic"], "cameo": t[1], "quad": t[2],
            "goldstein": t[3], "certainty": rng.choice(["asserted", "asserted", "asserted", "future", "negated"]),
            "actor": [{"text": actor, "code": a, "sector": "GOV", "entity_id": ""}],
            "recipient": [{"text": recipient, "code": b, "sector": "", "entity_id": ""}],
            "date": ev_date,
            "location": None if place is None else {"text": place[0], "country": place[1], "lat": place[2],
                                                    "lon": place[3], "geonameid": place[4]},
            "attribution": [{"text": "officials", "code": a, "kind": "source"}],
            "trigger": {"start": trig, "end": trig + 5, "text": text[trig:trig + 5]},
            "sentence": k, "confidence": round(rng.random(), 3)})
    src = rng.choice(sources)
    doc = {"id": "synth-%05d" % i, "date": date, "title": "Report %d" % i, "source": src,
           "url": ("https://%s/news/%d" % (src, i)) if src else "", "text": text.strip(),
           "sentences": sentences, "entities": [], "events": events}
    print(json.dumps(doc, ensure_ascii=False))
