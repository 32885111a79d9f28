"""Hostile and news-like inputs, shared by the fuzz tests.

Every generator exists twice over the same vocabulary: as a hypothesis strategy (for the
shrinking tests, which find and minimise a failing input) and as a function of a seeded
``random.Random`` (for the volume loop, which runs thousands of documents fast and is
reproducible from its seed). Documents are kept short on purpose: one short Doc exercises
every extractor, so many short documents cover far more cases per second than a few long ones.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from hypothesis import strategies as st

# --- vocabulary --------------------------------------------------------------------------------

QUOTE_MARKS = ['"', "“", "”", "„", "‟", "«", "»", "‹", "›", "'", "‘", "’", "‚", "「", "」", "`", "''", "``"]
# Right-to-left text, bidi controls, combining marks, zero-width and surrogate-free astral characters,
# NUL and other controls, line/paragraph separators: what real feeds and copy-paste put into text.
ODD_UNICODE = [
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u202d", "\u200f", "\u200e", "\u2066",
    "e\u0301", "a\u0308\u0308\u0308", "\u0301", "\u20dd", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0",
    "🙂", "👩\u200d👩\u200d👧", "🇺🇦", "𝕿𝖍𝖊", "\U0001f600", "\x00", "\x07", "\x1b[31m", "\r", "\r\n",
    "\u2028", "\u2029", "\x85", "\x0c", "\t", "ﬁ", "Ǆ", "İ", "ß", "ẞ", "Σ", "ς", "\uffff", "\ufffd",
    "東京", "Москва", "Київ", "Ελλάδα", "…", "—", "–", "·",
]
PUNCT = [".", ",", "?", "!", ";", ":", " - ", "(", ")", "[", "]", "...", "\n", "\n\n", " ", "  ", "/", "&", "%", "$"]
FIRST = ["Dmitry", "Maria", "Volodymyr", "Kaja", "Xi", "Emmanuel", "Olaf", "Ana", "José", "Mohammed", "Li", "O'Brien",
         "Jean-Luc", "Ngozi", "Recep Tayyip", "Ursula", "Sergei", "Keir", "Yoon"]
LAST = ["Peskov", "Zakharova", "Zelensky", "Kallas", "Jinping", "Macron", "Scholz", "Núñez", "bin Salman", "Wei",
        "McAllister", "von der Leyen", "Lavrov", "Okonjo-Iweala", "Erdoğan", "Starmer", "Suk-yeol", "Smith"]
ROLES = ["spokesman", "foreign minister", "president", "prime minister", "defence secretary", "an official",
         "the envoy", "a senior diplomat", "the chancellor", "a military analyst"]
ORGS = ["the Kremlin", "NATO", "the European Union", "Reuters", "the United Nations", "the Pentagon", "Gazprom",
        "the IMF", "Hamas", "the White House", "the State Department", "AFP", "the BBC", "the World Bank"]
PLACES = ["Moscow", "Kyiv", "Washington", "Istanbul", "Brussels", "Beijing", "Gaza", "Crimea", "Geneva", "Riyadh",
          "Kharkiv", "Tehran", "Paris", "São Paulo", "the Black Sea"]
VERBS = ["said", "told reporters", "claimed", "denied", "warned", "insisted", "added", "announced", "stressed",
         "accused", "according to", "wrote on X", "said in a statement", "told AFP"]
ACTIONS = ["met", "attacked", "sanctioned", "criticised", "praised", "threatened", "negotiated with", "visited",
           "imposed tariffs on", "signed a deal with", "refused to meet", "called for a ceasefire with",
           "launched drones at", "condemned", "agreed to host talks with"]
CONTENT = ["we are ready to continue", "the talks were useful", "this is a provocation", "no deal is possible",
           "sanctions will stay", "we will not give up Crimea", "the strike killed three civilians",
           "they are lying", "peace is close", "the ceasefire must hold", "it was a terrorist attack"]
DATES = ["on Friday", "last week", "next month", "on March 3, 2024", "in 1999", "three days ago", "tomorrow",
         "yesterday", "this morning", "on 2024-02-30", "on February 29", "on 31 April", "in the 1990s",
         "every Tuesday", "for two years", "at 3 p.m.", "in Q3", "late last year", "the day before",
         "on 12/31/99", "in the spring of 2022", "by 2030", "over the weekend", "on Christmas Eve",
         "in 9999", "99999 years ago", "in the 21st century", "on Tuesday night", "earlier this year",
         "1 000 000 days later", "on 0000-00-00", "week 53", "2025-W60", "the 32nd of December"]
PUBLISHED = [None, "2025-04-26", "2024-02-29", "2000-01-01", "1999-12-31", "0001-01-01", "9999-12-31",
             "1970-01-01", "2038-01-19", "2100-02-28"]
WORDS = [w for part in CONTENT + ACTIONS + ROLES for w in part.split()]


# --- seeded generators -------------------------------------------------------------------------

def _name(rng: random.Random) -> str:
    if rng.random() < 0.15:  # invented names: random capitalised syllables, sometimes in odd scripts
        syll = ["ka", "zo", "mir", "ov", "el", "an", "ö", "ß", "ji", "ng", "ts"]
        return " ".join("".join(rng.choices(syll, k=rng.randint(1, 3))).capitalize() for _ in range(rng.randint(1, 3)))
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _actor(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.45:
        return _name(rng)
    if pick < 0.7:
        return rng.choice(ORGS)
    if pick < 0.85:
        return f"{rng.choice(PLACES)}'s {rng.choice(ROLES)}"
    return rng.choice(["he", "she", "they", "it", "officials", "the minister", "a source", "two officials"])


def _quoted(rng: random.Random, content: str) -> str:
    open_, close = rng.choice([('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("'", "'"), ("‘", "’"), ('"', "")])
    return f"{open_}{content}{close}"


TEMPLATES: list[Callable[[random.Random], str]] = [
    lambda r: f"{_name(r)}, the {r.choice(ROLES)}, {r.choice(VERBS)} {r.choice(DATES)} that {r.choice(CONTENT)}.",
    lambda r: f"{_quoted(r, r.choice(CONTENT).capitalize() + ',')} {_actor(r)} {r.choice(VERBS)} in {r.choice(PLACES)}.",
    lambda r: f"{_actor(r)} {r.choice(ACTIONS)} {_actor(r)} in {r.choice(PLACES)} {r.choice(DATES)}.",
    lambda r: f"According to {r.choice(ORGS)}, {_actor(r)} {r.choice(ACTIONS)} {_actor(r)} {r.choice(DATES)}.",
    lambda r: f"{_actor(r)} {r.choice(VERBS)}: {_quoted(r, r.choice(CONTENT))}",
    lambda r: f"{r.choice(ORGS)} {r.choice(VERBS)}, citing {r.choice(['two officials', 'a source', _name(r)])}, "
              f"that {r.choice(CONTENT)} {r.choice(DATES)}.",
    lambda r: f"{_name(r)} supports sanctions on {r.choice(PLACES)}, while {_name(r)} opposes them.",
    lambda r: f"{_quoted(r, r.choice(CONTENT))}, {_actor(r)} {r.choice(VERBS)}. {_quoted(r, r.choice(CONTENT) + '.')}",
    lambda r: f"{_actor(r)} called the move {_quoted(r, r.choice(['genocide', 'terrorism', 'a disgrace', 'a lie']))} "
              f"and {r.choice(ACTIONS)} {_actor(r)}.",
]


def news_text(rng: random.Random, sentences: int | None = None) -> str:
    """A short news-like article assembled from templates with random names, quotes and dates."""
    n = sentences if sentences is not None else rng.randint(1, 4)
    sep = rng.choice([" ", " ", "\n", "\n\n"])
    return sep.join(rng.choice(TEMPLATES)(rng) for _ in range(n))


def noise_text(rng: random.Random, max_pieces: int = 30) -> str:
    """Random pieces: words, names, quote marks, punctuation, odd Unicode and raw code points."""
    pools = [QUOTE_MARKS, ODD_UNICODE, PUNCT, WORDS, PLACES, LAST, DATES]
    out = []
    for _ in range(rng.randint(0, max_pieces)):
        if rng.random() < 0.1:
            out.append("".join(chr(rng.choice([rng.randint(1, 0x2FF), rng.randint(0x300, 0xD7FF),
                                               rng.randint(0xE000, 0x10FFFF)])) for _ in range(rng.randint(1, 4))))
        else:
            out.append(rng.choice(rng.choice(pools)))
        if rng.random() < 0.5:
            out.append(" ")
    return "".join(out)


def mangle(rng: random.Random, text: str) -> str:
    """News text with hostile characters spliced in at random places."""
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        pos = rng.randint(0, len(chars))
        chars.insert(pos, rng.choice(ODD_UNICODE + QUOTE_MARKS))
    return "".join(chars)


def quote_storm(rng: random.Random, n: int) -> str:
    """``n`` quote marks of every kind with a few words among them."""
    return "".join(rng.choice(QUOTE_MARKS) + (rng.choice(WORDS) + " " if rng.random() < 0.2 else "") for _ in range(n))


def document(rng: random.Random) -> str:
    """One fuzz document of any kind, short (a few hundred characters at most)."""
    pick = rng.random()
    if pick < 0.45:
        return news_text(rng)
    if pick < 0.65:
        return mangle(rng, news_text(rng))
    if pick < 0.9:
        return noise_text(rng)
    if pick < 0.97:
        return quote_storm(rng, rng.randint(1, 60))
    return rng.choice(["", " ", "\n\n\n", "\x00", ".", '"', "''", "«»", "\u202e", "\u0301" * 20])


def published(rng: random.Random) -> str | None:
    return rng.choice(PUBLISHED)


def nested_html(rng: random.Random, depth: int, body: str) -> str:
    """An HTML page whose article text sits ``depth`` elements deep, some of them left unclosed."""
    tags = ["div", "section", "span", "p", "article", "main", "b", "i", "table", "td", "li", "font"]
    opened = [rng.choice(tags) for _ in range(depth)]
    head = "".join(f"<{t} class=\"c{i}\">" for i, t in enumerate(opened))
    tail = "".join(f"</{t}>" for t in reversed(opened) if rng.random() < 0.7)
    return f"<html><head><title>{_name(rng)}</title></head><body>{head}<p>{body}</p>{tail}</body></html>"


def jsonl_line(rng: random.Random) -> bytes:
    """One line of a JSONL feed: good, of the wrong shape, or broken."""
    pick = rng.random()
    if pick < 0.5:
        record: object = {"text": news_text(rng), "published": published(rng), "title": _name(rng)}
    elif pick < 0.7:
        record = rng.choice([{"text": 42}, {"text": None}, [], "text", 3.5, None, {"title": "x"},
                             {"text": news_text(rng), "published": rng.choice(["tomorrow", "2025-13-01", 20250101])},
                             {"text": news_text(rng), "title": ["a"], "outlet": {"n": 1}, "url": 7}])
    else:
        good = json.dumps({"text": news_text(rng)}).encode()
        cut = rng.randint(0, len(good))
        return rng.choice([good[:cut], good + b"garbage", b"\xff\xfe" + good, good.replace(b'"', b"'", 1), b"{"])
    return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8")


# --- hypothesis strategies over the same vocabulary --------------------------------------------

@st.composite
def _seeded(draw: st.DrawFn, make: Callable[[random.Random], str]) -> str:
    return make(random.Random(draw(st.integers(0, 2**32 - 1))))


PIECES = st.sampled_from(QUOTE_MARKS + ODD_UNICODE + PUNCT + WORDS + PLACES + LAST + DATES)
noise_texts = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)
news_texts = _seeded(news_text)
mangled_news_texts = _seeded(lambda r: mangle(r, news_text(r)))
# Any text at all, shrinkable character by character: the best minimal failing inputs come from here.
texts = st.one_of(noise_texts, news_texts, mangled_news_texts, st.text(max_size=200))
publication_dates = st.sampled_from(PUBLISHED)
