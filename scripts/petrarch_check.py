"""An independent check of the events component on PETRARCH-2's hand-written unit-test sentences.

The PLOVER GSR dev half has been tuned on, so it no longer says what generalises; these 284
stylised sentences (mostly fictional states: Arnor, Gondor, ...) were never used for tuning.
Their gold codes are NOT CAMEO, although SOURCES.md says so: the validation verb dictionary
(PETR.Validate.verbs.txt) gives ATTACK 223, MEET 031, CONGRATULATE 041, RESTORE (ties) 064,
BAN/BOYCOTT 191, ARREST 212 -- the WEIS scheme (McClelland), with some made-up test codes
(9xx, 345, 1717, ...). So WEIS codes are mapped here to PLOVER by their meaning (``WEIS``
below, each class as the CAMEO->PLOVER table types the CAMEO class of the same act); a code
that is no WEIS code is "unknown" and its sentence is not scored for type. WEIS 02 (comment)
and 14 (deny) are statements PLOVER does not code: a sentence with only those, or with no
coding at all, should give no event.

Reported: type accuracy of the main event (``main_event``, as evaluate/plover does) over the
sentences with a mapped gold type; multi-event recall (any of our events of a gold type);
false events on sentences that should have none; actor and target accuracy of the main event
where it has a gold type, over the codings whose party names are found in the text and lie
inside one of our entities (fictional names are often not recognised by the NER).

Run: ``OMP_NUM_THREADS=1 nice -n 10 python scripts/petrarch_check.py [--errors]`` (a few seconds);
``--real 200`` also counts our events on the first 200 real articles of ``benchmarks/corpus.py``
(how often the component fires on plain news, by type and confidence), ``--real-list`` lists them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path("data/events/petrarch2_unittest")

# WEIS two-digit classes (and three-digit codes that differ) -> PLOVER type; None: no PLOVER event.
WEIS = {
    "01": "CONCEDE", "012": "RETREAT",  # yield; 012 retreat, evacuate
    "02": None,  # comment
    "03": "CONSULT",  # meet, visit, host a visit
    "04": "SUPPORT",  # praise, endorse
    "05": "AGREE",  # promise
    "061": "SUPPORT", "062": "CONSULT", "063": "AID", "064": "SUPPORT", "065": "RETREAT", "066": "RETREAT",
    "07": "AID",  # economic, military, other assistance
    "08": "AGREE",
    "09": "REQUEST",  # ask, appeal
    "10": "REQUEST",  # propose, urge
    "11": "REJECT",
    "12": "ACCUSE",  # charge, criticise, denounce
    "13": "ACCUSE",  # complain, formal protest (CAMEO 11)
    "14": None,  # deny
    "15": "REQUEST",  # demand
    "16": "THREATEN",  # warn
    "17": "THREATEN",
    "181": "PROTEST", "182": "MOBILIZE",
    "19": "SANCTION",  # cancel, boycott, ban, recall, halt negotiations, break relations
    "20": "SANCTION",  # expel
    "21": "COERCE",  # seize, arrest
    "22": "ASSAULT",  # destructive act, injury, military engagement
}
VALID = {  # the WEIS codes (a class with a final 0 is the class itself)
    *"011 012 013 021 022 023 024 025 031 032 033 041 042 051 052 053 054 061 062 063 064 065 066".split(),
    *"071 072 073 081 082 091 092 093 094 095 101 102 111 112 113 121 122 131 132 141 142 150".split(),
    *"160 171 172 173 174 181 182 191 192 193 194 195 201 202 211 212 221 222 223".split(),
}


def weis_type(code: str) -> str | None | bool:
    """The PLOVER type of a WEIS code, None for a statement, False for a code that is no WEIS code."""
    if code not in VALID and not (len(code) == 3 and code.endswith("0") and code[:2] in WEIS):
        return False
    return WEIS[code] if code in WEIS else WEIS[code[:2]]


def load_records(folder: Path) -> list[dict]:
    """Sentences: id, text, codings [(source, target, code)] (empty for noevents)."""
    xml = (folder / "PETR.UnitTest.records.xml").read_text("utf-8", errors="replace")
    xml = re.sub(r"<!--.*?-->", "", xml, flags=re.DOTALL)
    out = []
    for m in re.finditer(r"<Sentence\b([^>]*)>(.*?)</Sentence>", xml, flags=re.DOTALL):
        sid = re.search(r'id="([^"]*)"', m.group(1))
        text = re.search(r"<Text>(.*?)</Text>", m.group(2), flags=re.DOTALL)
        if not sid or not text:
            continue
        codings = re.findall(r'sourcecode="([^"]*)"\s+targetcode="([^"]*)"\s+eventcode="([^"]*)"', m.group(2))
        out.append({"id": sid.group(1), "text": " ".join(text.group(1).split()), "codings": codings})
    return out


def load_actor_names(folder: Path) -> dict[str, list[str]]:
    """Three-letter actor code -> the names the validation actor dictionary gives it."""
    names: dict[str, list[str]] = {}
    pending: list[str] = []
    codes: list[str] = []  # the block's codes, for "+" synonyms written after them
    for raw in (folder / "PETR.Validate.actors.txt").read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        found = [c.upper() for c in re.findall(r"\[([A-Za-z]{3})[^\]]*\]", line)]
        if not raw[0].isspace():
            name = line.split("[")[0].strip().lstrip("+").strip("_ ").replace("_", " ").lower()
            if not line.startswith("+"):
                pending, codes = [], []
            if name:
                pending.append(name)
                for code in codes if not found else ():
                    names.setdefault(code, []).append(name)
        for code in found:
            codes.append(code)
            for n in pending:
                names.setdefault(code, []).append(n)
    return names


def party_spans(text: str, code: str, names: dict[str, list[str]]) -> list[tuple[int, int]]:
    """Where the text names the party of a gold code (by its first three letters)."""
    low = text.lower()
    spans = []
    for n in names.get(code[:3].upper(), []):
        for m in re.finditer(r"\b" + re.escape(n), low):
            spans.append((m.start(), m.end()))
    return spans


def covered(ids: list[str], by_id: dict, spans: list[tuple[int, int]]) -> bool:
    return any(m.start < e and s < m.end for i in ids if i in by_id for m in by_id[i].mentions for s, e in spans)


def run(shared: Path, show_errors: bool) -> dict[str, float]:
    from newsgraph.extract.events import main_event
    from newsgraph.nlp import load_pipeline, make_doc

    folder = shared / DATA
    records = load_records(folder)
    names = load_actor_names(folder)
    nlp = load_pipeline()
    c: Counter = Counter()
    errors: list[str] = []
    docs = nlp.pipe((make_doc(nlp, r["text"], None) for r in records), batch_size=64)
    for r, doc in zip(records, docs):
        events = doc._.events or []
        ev = main_event(doc, events, 0, len(doc.text))
        mapped = [(s, t, weis_type(code)) for s, t, code in r["codings"]]
        gold = {t for _, _, t in mapped if t}
        unknown = any(t is False for _, _, t in mapped)
        pred = ev.type if ev else None
        c["sentences"] += 1
        if gold:
            c["typed"] += 1
            c["type_ok"] += pred in gold
            c["any_ok"] += any(e.type in gold for e in events)
            if pred not in gold:
                errors.append(f"TYPE {r['id']}: gold {sorted(gold)} ours {pred} [{', '.join(e.type for e in events)}] | {r['text']}")
        elif not unknown:
            c["no_event"] += 1
            c["false_sentences"] += bool(events)
            c["false_events"] += len(events)
            if events:
                errors.append(f"FALSE {r['id']}: {[(e.type, e.trigger.text) for e in events]} | {r['text']}")
        if not (gold and pred in gold):
            continue
        by_id = {e.id: e for e in doc._.entities or []}
        for kind, pos, ours in (("actor", 0, ev.actors), ("target", 1, ev.targets)):
            codings = [x for x in mapped if x[2] == pred]
            spans = [sp for x in codings for sp in party_spans(r["text"], x[pos], names)]
            findable = [sp for sp in spans if covered(list(by_id), by_id, [sp])]
            if not findable:
                continue
            c[f"{kind}_n"] += 1
            ok = covered(ours, by_id, findable)
            c[f"{kind}_ok"] += ok
            if not ok:
                other = [sp for x in codings for sp in party_spans(r["text"], x[1 - pos], names)]
                swapped = bool(ours) and covered(ours, by_id, other)
                c[f"{kind}_swapped"] += swapped
                errors.append(f"{kind.upper()} {r['id']}: {'swapped ' if swapped else ''}ours {[by_id[i].name for i in ours if i in by_id]} | {r['text']}")

    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 0.0

    result = {
        "sentences": c["sentences"], "typed": c["typed"], "type_accuracy": ratio("type_ok", "typed"),
        "multi_event_recall": ratio("any_ok", "typed"), "no_event_sentences": c["no_event"],
        "false_event_sentences": c["false_sentences"], "false_events": c["false_events"],
        "actor_n": c["actor_n"], "actor_accuracy": ratio("actor_ok", "actor_n"), "actor_swapped": c["actor_swapped"],
        "target_n": c["target_n"], "target_accuracy": ratio("target_ok", "target_n"), "target_swapped": c["target_swapped"],
    }
    if show_errors:
        print("\n".join(sorted(errors)))
    return result


def real_news(n: int, listing: bool) -> Counter:
    """Events on the first ``n`` real articles, counted by type and by confidence (high >= 0.55 > mid >= 0.3 > low)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.corpus import real_articles
    from newsgraph.nlp import load_pipeline, make_doc

    nlp = load_pipeline()
    articles = real_articles()[:n]
    c: Counter = Counter()
    for article, doc in zip(articles, nlp.pipe((make_doc(nlp, a.text, a.published) for a in articles), batch_size=8)):
        for e in doc._.events or []:
            tier = "high" if e.confidence >= 0.55 else "mid" if e.confidence >= 0.3 else "low"
            c["events"] += 1
            c[f"confidence {tier}"] += 1
            c[f"type {e.type}"] += 1
            if listing:
                print(f"{e.type:9} {tier:10} {e.trigger.text!r:30} {e.sentence.text if e.sentence else ''}"[:300])
    return c


def main() -> int:
    from newsgraph.evaluate import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the sentences we get wrong")
    parser.add_argument("--real", type=int, default=0, help="also count events on this many real articles")
    parser.add_argument("--real-list", action="store_true", help="list the events on the real articles")
    args = parser.parse_args()
    shared = shared_dir()
    if shared is None or not (shared / DATA).is_dir():
        print("no shared data (set NEWSGRAPH_SHARED)", file=sys.stderr)
        return 1
    for key, value in run(shared, args.errors).items():
        print(f"{key:24} {value}")
    if args.real:
        for key, value in sorted(real_news(args.real, args.real_list).items()):
            print(f"real {key:19} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
