"""Temporal expressions: find them with precompiled rules and normalize them to TIMEX3 values.

News says "yesterday", "last December", "earlier this week" and "in recent months"; to put
events and quotes on a timeline every such phrase needs a TIMEX3 value computed against the
publication date (``doc._.published``). General-purpose date parsers are slow and guess
absolute dates for vague phrases, so this module is a small grammar of regular expressions
run over the text once (no per-token loop), with the verb's tense from the parse deciding
whether a bare "Thursday" or "March" lies before or after the publication date.

Conventions (TimeML / TIMEX3 1.2):

* DATE values: ``2025-04-25``, ``2025-W17`` (ISO week), ``2025-03``, ``2025-Q1``,
  ``2024-SU`` (season), ``2025``, ``199`` (decade), ``19`` (century), ``PAST_REF``,
  ``PRESENT_REF``, ``FUTURE_REF``; TIME values: ``2025-04-25T15:00``, ``2025-04-25TMO``;
  DURATION: ``P3D``, ``PT3H``, ``PXY`` (vague); SET: ``P1W``, ``XXXX-WXX-1``.
* Without a publication date, deictic expressions keep an unresolved value with the
  unknown parts written as ``X`` (TIMEX3 style): "yesterday" -> ``XXXX-XX-XX``,
  "Thursday" -> ``XXXX-WXX-4``, "last month" -> ``XXXX-XX``, "next week" -> ``XXXX-WXX``,
  "last December" -> ``XXXX-12``. They never get a guessed absolute value.
* Anaphoric expressions ("the next day", "that year", "two days later") are anchored to
  the last day-level date the text itself gave, else to the publication date.
* Ranges ("from March to May", "2009-2010", "5-7 March") are returned as one TIMEX3 per end, as
  TimeML annotates them, and the end without a year takes the year the other names ("from
  December to February 2024": 2023-12 and 2024-02). A range of lengths ("two to three weeks",
  "a day or two") is one DURATION valued at its low end with ``mod`` EQUAL_OR_MORE, as TimeBank
  gives "two to three weeks" (``P2W``); before "ago" or "later" it stays a date or signal
  ("three years ago").
* Earnings stories (the text names a fiscal quarter) compare with the same quarter a year
  before: there "a year ago", "the year-earlier period" and "the 1988 quarter" are quarter
  values (``1988-Q3``), "the quarter" and "the latest period" the quarter reported; right after
  "for the nine months" "a year earlier" is those months a year before, written as the year.
* Qualifiers belong to the extent and set ``mod``: "about two weeks" (APPROX), "the next year or
  so" (APPROX), "1994 or later" / "1990 and beyond" (ON_OR_AFTER), "early 1997" (START).
* A month or weekday named alone is placed by the clause's tense; with no clear tense a month
  falls from 8 months before to 4 months after the publication date, a weekday in the past week.
  Some cues override the tense: "ahead of Sunday's vote", "the deadline is Monday" and "a Monday
  deadline" look ahead, "would have hit savers from Tuesday" looks back, and a date after
  "ended" has passed. A quarter "which ended Feb. 28" takes the (fiscal) year of that date.
* Where the TimeML guidelines and the annotated corpora differ, the corpora win unless they
  disagree among themselves: "Friday night" is the TIME ``2025-04-25TNI`` (the guidelines; the
  corpora write it both ways), "the 1990s" is ``199`` and a bare
  "1990s" ``199X``, "three days later" is the DURATION "three days" (``later`` is a signal),
  and a vague span is a DURATION (``PXD``) when it says how long ("over the next few days",
  "for the past few weeks") but PAST_REF/FUTURE_REF when it points ("in recent months").
* Rates are not times: "$2 million a year" and "grew 8% annually" give nothing, "flights a
  week" a SET; generic "today's youth" and "the world of tomorrow" are not dates, nor are names
  ("USA Today", "The Sunday Times", "Resolution 1973") or a kind of day ("a day when ...").
* Anaphora follows the last expression of its unit: "next week ... the following week",
  "in 2009 ... the next year", "last October ... that same day" (``1998-10-XX``); "later in the
  day" is the day the story named last (a weekday, a date, "yesterday"), else the publication day.
* One article's bare weekday is one day: a mention whose clause leaves the week open ("is raising
  questions about Monday's debate") takes the day the other mentions of that name agree on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import TextSpan, Timex
from .common import sentence_bounds

# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_VAGUE_NUMBERS = {"few", "a few", "several", "many", "some", "dozens of", "a handful of", "a matter of",
                  "hundreds of", "a number of", "numerous", "countless"}
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_WEEKDAYS = {d: i + 1 for i, d in enumerate("mo tu we th fr sa su".split())}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
               "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
_TIME_UNITS = {"second", "minute", "hour"}
_MODS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX", "nearly": "APPROX",
    "almost": "LESS_THAN", "approximately": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN",
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "the beginning of": "START", "the start of": "START", "the end of": "END", "the middle of": "MID",
}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "going"}
_FUTURE_VERBS = {"expect", "schedule", "due", "set", "slate", "plan", "intend", "hope", "aim", "want", "postpone",
                 "delay", "extend", "reschedule", "adjourn", "defer", "suspend"}
_INTENT_VERBS = {"plan", "intend", "hope", "aim", "want", "expect", "schedule", "slate", "due", "agree", "promise",
                 "pledge", "vow", "decide", "threaten", "prepare"}
_PLAN_VERBS = {"schedule", "plan", "slate", "set", "reschedule", "postpone"}
_NOT_SCHEDULED = {"be", "have", "say", "do", "tell", "report", "remain", "seem", "appear"}
_SAME_IN_PAST = {"hurt", "put", "set", "cut", "hit", "let", "cost", "shut", "quit", "spread", "bid", "beat", "read",
                 "split", "burst", "cast", "upset", "broadcast", "forecast", "bet", "rid", "shed", "thrust"}
_QUARTERLY = re.compile(r"\b(?:(?:first|second|third|fourth)[- ]quarter|quarterly)\b", re.IGNORECASE)
_EARNINGS = re.compile(r"\b(?:net income|net loss|a share|per share|earnings|profits?|revenues?|sales)\b", re.IGNORECASE)
_FUTURE_CUES = re.compile(r"(?:\b(?:until|till|through|as\s+(?:early|soon|late)\s+as|starting|beginning|"
                          r"no\s+later\s+than)\s+(?:on\s+|at\s+)?)$", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Grammar (regular expressions over the raw text, compiled once)
# ---------------------------------------------------------------------------------------------

_L = r"(?<![\w$£€@#])"  # left edge: not inside a word or an amount
_R = r"(?![\w%])"  # right edge
_NUM_WORD = (r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_SMALL[1:10]) + r"))?|"
             + "|".join(sorted(_SMALL, key=len, reverse=True)) + ")")
_VAGUE = (r"(?:a\s+few|few|several|many|some|dozens\s+of|hundreds\s+of|a\s+number\s+of|a\s+handful\s+of|a\s+matter\s+of"
          r"|numerous)")
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2)?|(?:a|one|three)\s+quarters?\s+of\s+an?"
        r"|a\s+quarter(?=[- ]century)|" + _NUM_WORD
        + r"(?:[\s-]+and[\s-]+a[\s-]+half)?|a\s+hundred|a\s+dozen|(?:a\s+)?couple\s+of|a\s+half|half\s+an?"
        r"|an?(?:\s+and\s+a\s+half)?)")
_ORD = r"(?:" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
_UNIT_SG = r"(?:second|minute|hour|day|week|month|quarter|year|decade|century)"
_MON_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MON = r"(?:" + _MON_FULL + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|sept)"
_MON_D = r"(?:" + _MON + r"|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)"  # before a day number
_WD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_REL = r"(?:this\s+past|last|next|this|past|coming|previous|current|following|upcoming|same|that)"
_EDGE_MOD = r"(?:early|late|mid|earlier|later|the\s+(?:beginning|start|end|middle)\s+of)"
_PREMOD = (r"(?:about|around|roughly|some|nearly|almost|approximately|more\s+than|less\s+than|at\s+least|at\s+most|"
           r"up\s+to|no\s+more\s+than|(?:just\s+|well\s+)?(?:over|under)(?!\s+(?:the|several|many|a\s+few|few)\b))")
_PART = r"(?:morning|afternoon|evening|night)"


# 'last' qualifies a duration ('the last two weeks'), unless it is the verb ('expected to last a week')
_LAST_QUAL = (r"(?<!\bto\s)(?<!will\s)(?<!would\s)(?<!could\s)(?<!\bmay\s)(?<!might\s)(?<!\bcan\s)(?<!should\s)"
              r"(?<!must\s)last(?!\s+an?\s)")


def _rx(pattern: str) -> re.Pattern[str]:
    """A rule's pattern with word edges on every alternative ('Nowhere' is not 'now')."""
    return re.compile(_L + "(?:" + pattern + ")" + _R, re.IGNORECASE)


@dataclass
class _Ctx:
    """What normalization needs: the reference date, the running anchor and the parse."""

    doc: Doc
    text: str
    ref: date | None
    day_anchor: date | None = None  # the last day the text named
    anchor_year: int | None = None  # the year of the last date the text named
    anchor_month: date | None = None  # the first of the last month the text named
    quarter: tuple[int, int] | None = None  # the first quarter the text named: (year, 1-4)
    anchor_end: int = -1  # where the expression that named ``day_anchor`` ends
    month_end: int = -1  # where the expression that named ``anchor_month`` ends
    week_anchor: tuple[date, int] | None = None  # a day of the last week named, and where that expression ends
    span_period: bool = False  # the last reporting period named is a span ('the nine months'), not a quarter
    deictic_day: tuple[date, int] | None = None  # the last 'today/yesterday/tomorrow' and where it ends
    weekday_note: tuple[int, date, bool] | None = None  # the bare weekday just resolved: (weekday, day, tense unclear)
    weekday_days: list[tuple[int, int, date, bool]] = field(default_factory=list)  # (timex index, *weekday_note)
    tense_cache: dict[int, str] = field(default_factory=dict)
    _financial: bool | None = None

    @property
    def anchor(self) -> date | None:
        return self.day_anchor

    @anchor.setter
    def anchor(self, day: date | None) -> None:
        """A day named in the text: later 'that day', 'that month', 'that year' refer to it."""
        self.day_anchor = day
        if day is not None:
            self.anchor_year, self.anchor_month = day.year, day.replace(day=1)

    def name_month(self, year: int, month: int) -> None:
        self.anchor_year, self.anchor_month = year, date(year, month, 1)

    def name_year(self, year: int) -> None:
        self.anchor_year = year
        if self.anchor_month is not None and self.anchor_month.year != year:
            self.anchor_month = None

    def tense(self, char: int) -> str:
        if char not in self.tense_cache:
            self.tense_cache[char] = _tense(self.doc, char, self.text)
        return self.tense_cache[char]

    @property
    def financial(self) -> bool:
        """Whether the article reports quarterly results (then 'a year ago' means that quarter a year ago)."""
        if self._financial is None:
            self._financial = bool(_QUARTERLY.search(self.text)) and bool(_EARNINGS.search(self.text))
        return self._financial

    def reported_quarter(self) -> tuple[int, int] | None:
        """The quarter the article reports on: the first one named, else the last one completed."""
        if self.quarter is not None:
            return self.quarter
        if self.ref is None:
            return None
        q = self.ref.year * 4 + _quarter(self.ref) - 2
        return q // 4, q % 4 + 1


Result = tuple[str, str, str | None] | None  # (type, value, mod)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    normalize: Callable[[re.Match[str], _Ctx], Result]
    confidence: float = 0.9
    cased: tuple[str, ...] = ()  # groups whose first letter must be upper case (month/day names)
    gate: tuple[str, ...] = ()  # lower-case substrings one of which the text must contain for the rule to run
    fast: re.Pattern[str] = field(init=False, repr=False, compare=False)  # the same rule for lower-cased text

    def __post_init__(self) -> None:
        # case-insensitive matching is slow in `re`: the rules run on the lower-cased text instead
        object.__setattr__(self, "fast", re.compile(_lower_literals(self.pattern.pattern),
                                                    self.pattern.flags & ~re.IGNORECASE))


def _lower_literals(pattern: str) -> str:
    """A regex source with its literal letters lower-cased (escapes and group names left alone)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i: i + 2])
            i += 2
        elif pattern.startswith(("(?P<", "(?P="), i):
            j = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i: j + 1])
            i = j + 1
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Small value helpers
# ---------------------------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str:
    """A named group, lower-cased and with spaces squeezed ('' when absent)."""
    value = m.groupdict().get(name)
    return " ".join(value.lower().split()) if value else ""


def _number(text: str) -> float | None:
    """'three' -> 3, '5 1/2' -> 5.5, 'a' -> 1; None for vague quantities."""
    text = " ".join(text.lower().replace("-", " ").split())
    if not text or text in _VAGUE_NUMBERS:
        return None
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    elif text.endswith(" 1/2"):
        text, half = text[:-4], 0.5
    if text in ("a", "an", "one"):
        return 1 + half
    if text in ("half a", "half an", "a half"):
        return 0.5
    if text.startswith(("a quarter", "one quarter", "three quarters")):
        return 0.75 if text.startswith("three") else 0.25  # 'a quarter of a century', 'three quarters of an hour'
    if text == "a hundred":
        return 100
    if text == "a dozen":
        return 12
    if text in ("a couple of", "couple of"):
        return 2
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    total = 0
    for word in text.split():
        if word not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[word]
    return total + half


def _unit(text: str) -> str:
    text = text.lower()
    if text.startswith("centur"):
        return "century"
    return text.removesuffix("s")


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: (3, 'day') -> P3D, (5.5, 'hour') -> PT5H30M, (None, 'year') -> PXY."""
    if unit == "fortnight":
        n, unit = (None if n is None else n * 2), "week"
    t = "T" if unit in _TIME_UNITS else ""
    if n is None:  # TimeBank writes 'decades' as PXY
        return f"P{t}X{'Y' if unit == 'decade' else _UNIT_CODES[unit]}"
    if unit == "decade":
        n, unit = n * 10, "year"
    elif unit == "century":
        n, unit = n * 100, "year"
    whole = int(n)
    frac = n - whole
    if frac == 0:
        return f"P{t}{whole}{_UNIT_CODES[unit]}"
    smaller = {"year": (12, "M", ""), "month": (30, "D", ""), "week": (7, "D", ""), "day": (24, "H", "T"),
               "hour": (60, "M", ""), "minute": (60, "S", "")}.get(unit)
    if smaller is None or frac * smaller[0] != int(frac * smaller[0]):
        return f"P{t}{n:g}{_UNIT_CODES[unit]}"
    head = f"{whole}{_UNIT_CODES[unit]}" if whole else ""
    return f"P{t}{head}{smaller[2] if not t else ''}{int(frac * smaller[0])}{smaller[1]}"


def _add_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _at(unit: str, d: date | None, shift: int = 0) -> str:
    """The calendar unit containing ``d`` moved by ``shift`` units, at that unit's granularity."""
    if d is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                "year": "XXXX", "decade": "XXX", "century": "XX", "hour": "XXXX-XX-XX",
                "minute": "XXXX-XX-XX", "second": "XXXX-XX-XX"}[unit]
    if unit in ("day", "hour", "minute", "second"):
        return (d + timedelta(days=shift if unit == "day" else 0)).isoformat()
    if unit == "week":
        return _week(d + timedelta(weeks=shift))
    if unit == "month":
        y, mo = _add_months(d, shift)
        return f"{y:04d}-{mo:02d}"
    if unit == "quarter":
        q = d.year * 4 + _quarter(d) - 1 + shift
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{d.year + shift:04d}"
    if unit == "decade":
        return f"{d.year // 10 + shift:03d}"
    return f"{d.year // 100 + shift:02d}"


_ENDED_BEFORE = re.compile(r"\bended\s+(?:on\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[- ]?)?$", re.IGNORECASE)


def _month_year(month: int, ctx: _Ctx, char: int, day: int | None = None) -> int | None:
    """The year of a month (and day) named without a year, from the reference date and tense.

    News looks back more than ahead: the date falls in the 8 months before to 4 months after the
    reference, unless a clearly past or future clause puts it on the other side."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    diff = (month - ref.month) + ((day or 15) - ref.day) / 31  # months from the reference to the date this year
    year = ref.year - 1 if diff > 4 else ref.year + 1 if diff <= -8 else ref.year
    ahead = diff + 12 * (year - ref.year)
    if ahead > 0 and (_ENDED_BEFORE.search(ctx.text, max(0, char - 12), char)
                      or _SINCE_BEFORE.search(ctx.text, max(0, char - 16), char)):
        return year - 1  # 'the quarter ended June 30' has closed; 'since January 1st' has begun
    tense = "future" if _looks_ahead(ctx.text, char) else ctx.tense(char)
    if _names_a_vote(ctx.text, char) and (tense != "past" or _hypothetical(ctx.doc, char)):
        # 'in November's general election', 'if he wins the election on Nov. 8': a vote on the calendar
        # lies ahead unless it is more than two months behind
        return ref.year + 1 if diff < -2 else ref.year
    if tense == "present" and ahead < -2 and (
            _scheduled_present(ctx.doc, char, _STANCE_VERBS) or _hypothetical(ctx.doc, char)):
        tense = "future"  # 'the ban expires in December': a timetable; 'if he wins in November': a condition ahead
    if tense == "past" and (ahead > 2 or (ahead > (0.1 if day else 0.5) and _dated_past_event(ctx.doc, char))):
        return year - 1
    if tense == "future" and (ahead < -2 or (ahead < (-0.1 if day else -0.5) and _dated_future_event(ctx.doc, char))):
        return year + 1
    return year


_VOTES = (r"(?:elections?|vote|ballot|primary|primaries|run-?offs?|referendum|caucus(?:es)?"
          r"|(?:national\s+)?conventions?)")
_VOTE_AFTER = re.compile(r"[A-Za-z]+\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:['\u2019]s)?\s+(?:[A-Za-z-]+\s+){0,2}"
                         + _VOTES + r"\b")
# 'the fall campaign', 'the fall debates': in an election year the season of the campaign is the coming one
_CAMPAIGN_SEASON = re.compile(r"the\s+(?:fall|autumn|summer)\s+(?:general\s+)?"
                              r"(?:campaign|debates?|elections?|convention)\b", re.IGNORECASE)
_VOTE_BEFORE = re.compile(r"\b(?:" + _VOTES + r"\s+(?:(?:is|was|will\s+be|set\s+for|scheduled\s+for)\s+)?"
                          r"(?:on\s+|in\s+)?|(?:win|wins|winning|vote|voting|elect|electing|beat|defeat|lose|losing|"
                          r"compete|competitive|chances?|gains|ballots?|turn\s+out|up|seats)\s+"
                          r"(?:[\w'\u2019-]+\s+){0,3}?(?:in|into|come)\s+)$",
                          re.IGNORECASE)


def _names_a_vote(text: str, char: int) -> bool:
    """'the November election', 'November's general election', 'the election on Nov. 8': a month
    that names a vote."""
    return bool(_VOTE_AFTER.match(text, char, char + 60) or _VOTE_BEFORE.search(text, max(0, char - 40), char))


def _hypothetical(doc: Doc, char: int) -> bool:
    """'if he won the election on Nov. 8': a past form in an 'if' clause is not the past."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc):
        return False
    verb = _governing_verb(tok)
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _dated_word(doc: Doc, char: int, preps: tuple[str, ...]) -> Token | None:
    """The word the expression at ``char`` hangs on through one of ``preps`` ('arrested in April':
    arrested), or None."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc) or tok.head.dep_ != "prep" or tok.head.lower_ not in preps:
        return None
    return tok.head.head


def _dated_past_event(doc: Doc, char: int) -> bool:
    """'The man, who was arrested in April, ...': the date hangs (by 'in', 'on', 'during') on a past-tense
    verb, so even a month just ahead of the reference date is last year's ('extended to Nov. 16' is not)."""
    verb = _dated_word(doc, char, ("in", "on", "during"))
    return verb is not None and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)))


def _dated_future_event(doc: Doc, char: int) -> bool:
    """'The run-off will be held in February': the date hangs (by 'in' or 'on') on a verb with 'will',
    so a month just behind the reference date is next year's."""
    verb = _dated_word(doc, char, ("in", "on"))
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)


def _weekday_date(weekday: int, ctx: _Ctx, char: int, rel: str) -> date | None:
    """The date of a weekday name: the nearest past one in reporting, ahead when the tense says so."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    if rel in ("the previous", "the following") and ctx.anchor is not None:
        ref = ctx.anchor  # 'on Oct. 30 ... the previous Friday': counted from the day the story is at
        rel = rel.removeprefix("the ")
    elif rel.startswith("the "):
        rel = rel.removeprefix("the ")
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if rel in ("next", "coming", "upcoming", "this coming", "following"):
        return ref + timedelta(days=ahead or 7)
    if rel in ("last", "past", "previous"):
        return ref - timedelta(days=back or 7)
    if rel == "this":
        return ref + timedelta(days=weekday - ref.isoweekday())
    if _AHEAD_OF.search(ctx.text, max(0, char - 40), char) and _past_verb(ctx.doc, char):
        # 'Ahead of Friday's meeting, France unveiled a plan': before the meeting, which is the nearer Friday
        return ref + timedelta(days=ahead) if ahead < back else ref - timedelta(days=back)
    tense = ctx.tense(char)
    if tense == "future" and _possessive(ctx.doc, char) and not _firm_tense(ctx.doc, char) and not (
            _AHEAD_OF.search(ctx.text, max(0, char - 40), char)):
        # 'is attempting to reach black voters at Monday's debate': the progressive dates the attempt, not
        # the debate, which is the nearer Monday
        return ref + timedelta(days=ahead) if ahead < back else ref - timedelta(days=back)
    if tense == "future" or (tense == "present" and _scheduled_present(ctx.doc, char)) or (
            _looks_ahead(ctx.text, char) or _IS_AFTER.match(ctx.text, char)):
        return ref + timedelta(days=ahead)  # 'the deadline is Monday', 'the vote is on Sunday': ahead
    return ref - timedelta(days=back)


_IS_BEFORE = re.compile(r"\b(?:is|are)\s+(?:(?:now|still|also)\s+)?(?:(?:on|in|set\s+for)\s+)?$")
_COME_BEFORE = re.compile(r"\bcome\s+$", re.IGNORECASE)  # 'come November': when November comes
_EFFECTIVE = re.compile(r"\beffective\s+(?:on\s+|as\s+of\s+|from\s+)?$", re.IGNORECASE)


def _looks_ahead(text: str, char: int) -> bool:
    """'the deadline is on Monday', 'a pact effective June 1': a date the sentence places ahead,
    whatever the tense of the announcement ('created an office, effective Feb. 1')."""
    start = max(0, char - 24)
    return bool(_IS_BEFORE.search(text, start, char) or _EFFECTIVE.search(text, start, char)
                or _COME_BEFORE.search(text, start, char))


_IS_AFTER = re.compile(r"[A-Z][a-z]+day\s+(?:is|are)\s+(?!(?:a|an|one|when|also|typically|usually|normally)\b)"
                       r"(?:the\s+)?(?:deadline|date|day|vote|election|start|opening)\b")


# verbs of stance whose simple present with a month is no timetable ('voters support him, as in February':
# February has passed), unlike 'the ban expires in December' or 'the rule goes into effect on Dec. 1'
_STANCE_VERBS = frozenset({"support", "oppose", "back", "favor", "favour", "show", "find", "think", "believe", "know",
                           "like", "want", "need", "lead", "trail", "prefer", "approve", "disapprove", "view", "rate"})


def _scheduled_present(doc: Doc, char: int, stance: frozenset[str] = frozenset()) -> bool:
    """'Arafat and Albright meet Monday': a simple present action verb with a weekday is a timetable
    (not one of the verbs of ``stance``)."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc):
        return False
    if tok.dep_ not in ("npadvmod", "pobj", "tmod") or tok.tag_ == "POS" or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS"):
        return False  # 'follows Tuesday's declaration' dates the declaration
    verb = _governing_verb(tok)
    return verb.tag_ in ("VBP", "VBZ") and verb.lemma_ not in _NOT_SCHEDULED and verb.lower_ not in _SAME_IN_PAST and (
        verb.lemma_ not in stance)


def _two_digit_year(text: str) -> int:
    y = int(text.lstrip("'"))
    return y + (1900 if y >= 30 else 2000)


# ---------------------------------------------------------------------------------------------
# Tense of the clause a phrase sits in
# ---------------------------------------------------------------------------------------------


def _parsed(doc: Doc) -> bool:
    """Whether the doc has a dependency parse (checked once per doc: spaCy's check walks every token)."""
    flag = doc.user_data.get("newsgraph_parsed")
    if flag is None:
        flag = doc.user_data["newsgraph_parsed"] = doc.has_annotation("DEP")
    return bool(flag)


def _token_at(doc: Doc, char: int) -> Token | None:
    starts = doc.user_data.get("newsgraph_tok_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.to_array("IDX").tolist()
        doc.user_data["newsgraph_tok_starts"] = starts
    i = bisect_right(starts, char) - 1
    return doc[i] if 0 <= i < len(doc) else None


def _governing_verb(tok: Token) -> Token:
    """Walk up the dependency tree from ``tok`` to the verb it modifies."""
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and seen < 8:
        tok, seen = tok.head, seen + 1
    return tok


_RECORDS = {"record", "high", "low", "mark", "peak", "best", "level"}
_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|in\s+preparation\s+for)\s+"
                       r"(?:the\s+(?!of\b)[a-z]+(?:\s+(?!of\b)[a-z]+)?\s+(?:on\s+)?)?$", re.IGNORECASE)


def _tense(doc: Doc, char: int, text: str) -> str:
    """'past', 'future' or 'present' for the clause around ``char``; 'until Friday' looks ahead
    unless the clause is past ('talks went on until late Thursday'); 'ahead of Sunday's vote' looks ahead."""
    if _AHEAD_OF.search(text, max(0, char - 40), char):
        return "future"
    tense = _clause_tense(doc, char)
    if _FUTURE_CUES.search(text[max(0, char - 24): char]):
        tok = _token_at(doc, char)
        verb = _governing_verb(tok) if tok is not None and _parsed(doc) else None
        simple_past = tense == "past" and verb is not None and verb.lemma_ not in _FUTURE_VERBS and (
            verb.tag_ == "VBD" or any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass")))
        # 'has given them / postponed until Tuesday' looks ahead; 'until Thursday they had not called' does not
        return tense if simple_past else "future"
    return tense


def _clause_tense(doc: Doc, char: int) -> str:
    tok = _token_at(doc, char)
    if tok is None:
        return "present"
    if not _parsed(doc):
        window = [t.lower_ for t in doc[max(0, tok.i - 8): tok.i]]
        if any(w in _FUTURE_AUX for w in window):
            return "future"
        return "past" if any(t.tag_ in ("VBD", "VBN") for t in doc[max(0, tok.i - 8): tok.i]) else "present"
    verb = _governing_verb(tok)
    if verb.lemma_ == "set" and verb.tag_ == "VBN" and verb.head.lemma_ in _RECORDS:
        return "past"  # 'its record high set on Aug. 6': a record is set before it is reported
    for _ in range(3):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBN" and any(a.lower_ == "have" for a in auxes) and any(
                a.lower_ in ("would", "could", "might", "should", "must") for a in auxes):
            return "past"  # 'the levy would have hit savers from Tuesday': a counterfactual past
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or (verb.lower_ == "going" and any(
                c.lower_ == "to" for c in verb.head.children)):
            return "future"
        if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and any(
                (c.dep_ == "acomp" and c.lower_ == "due") or (c.dep_ == "xcomp" and c.tag_ == "VB" and any(
                    a.lower_ == "to" for a in c.children)) for c in verb.children):
            return "future"  # 'he is due in court on Monday', 'on Wednesday the court is to rule'
        if verb.lemma_ in _PLAN_VERBS and verb.tag_ != "VBD" and not any(a.lower_ == "had" for a in auxes):
            return "future"  # 'has scheduled a news conference Thursday': the plan lies ahead
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "relcl"):
            return "past"  # 'the district, carried by Trump in February's primary': a reduced relative clause
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future"
        if verb.lemma_ in _FUTURE_VERBS:
            return "future"
        # an infinitive ("plans to meet on Friday") takes its tense from the verb above
        if verb.dep_ == "ccomp" and verb.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # 'voters expect Clinton to win Monday's debate': an infinitive with its own subject, under a present
            head = verb.head
            if head.lemma_ in _INTENT_VERBS and head.tag_ in ("VBZ", "VBP"):
                return "future"
            break
        if verb.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in verb.children):
            head = verb.head
            frame = head.head if head.dep_ in ("acomp", "attr") else head  # 'had been due to ...'
            head_aux = [c.lower_ for t in (head, frame) for c in t.children if c.dep_ in ("aux", "auxpass")]
            if "had" in head_aux:  # 'had been due to expire Friday': a plan already past
                return "past"
            # 'planned to leave on Thursday' looks ahead; 'extended their offers to acquire ... Friday' does not
            if head.lemma_ in _INTENT_VERBS or (head.tag_ != "VBD" and (
                    head.lemma_ in _FUTURE_VERBS or head.tag_ in ("VBZ", "VBP"))):
                return "future"
            verb = head
            continue
        break
    return "present"


# ---------------------------------------------------------------------------------------------
# Normalizers, one per rule
# ---------------------------------------------------------------------------------------------


def _mod(m: re.Match[str]) -> str | None:
    return _MODS.get(_g(m, "mod").rstrip("- "))


def _n_iso(m: re.Match[str], ctx: _Ctx) -> Result:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        value = date(y, mo, d)
    except ValueError:
        return None
    ctx.anchor = value
    if m["t"]:
        return "TIME", f"{value.isoformat()}T{m['t']}", None
    return "DATE", value.isoformat(), None


def _n_numeric(m: re.Match[str], ctx: _Ctx) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else _two_digit_year(y)
    month, day = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    ctx.anchor = value
    return "DATE", value.isoformat(), None


def _n_month_day(m: re.Match[str], ctx: _Ctx) -> Result:
    month = _MONTHS[_g(m, "mon")[:3]]
    day = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
    if m["y"]:
        year: int | None = _two_digit_year(m["y"]) if m["y"].startswith("'") else int(m["y"])
    elif m["yrel"]:  # 'April 2 last year'
        year = None if ctx.ref is None else ctx.ref.year + _SHIFTS[m["yrel"]]
    elif ctx.ref is None and ctx.anchor is not None:
        year = ctx.anchor.year
    elif m["rel"] and ctx.ref is not None:  # 'last Oct. 23': the latest one before the reference date
        later = (month, day) > (ctx.ref.month, ctx.ref.day)
        year = ctx.ref.year - (m["rel"] == "last" and later) + (m["rel"] == "next" and not later)
    else:
        year = _month_year(month, ctx, m.start(), day)
    try:
        value = date(year or 2000, month, day)
    except ValueError:
        return None
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    ctx.anchor = value
    if m["part"]:
        return "TIME", f"{value.isoformat()}T{_DAY_PARTS[_g(m, 'part')]}", None
    return "DATE", value.isoformat(), None


def _range_days(m: re.Match[str]) -> tuple[int, int] | None:
    """The first and last day numbers of a day range ('21-22', '5 to 7'), if they make one."""
    first, last = (int(re.match(r"\d+", m[g]).group()) for g in ("d", "d2"))  # type: ignore[union-attr]
    return (first, last) if first < last <= 31 else None


def _n_day_range_end(m: re.Match[str], ctx: _Ctx) -> Result:
    """'April 24 and 25', 'March 21-22': the second day of the range is a date of its own (TimeML)."""
    days = _range_days(m)
    if days is None:
        return None
    first, last = days
    month = _MONTHS[_g(m, "mon")[:3]]
    start = ctx.anchor if ctx.anchor is not None and (ctx.anchor.month, ctx.anchor.day) == (month, first) else None
    year = int(m["y"]) if m["y"] else start.year if start is not None else _month_year(month, ctx, m.start(), first)
    try:
        value = date(2000 if year is None else year, month, last)  # 2000: a leap year, so Feb. 29 passes
    except ValueError:
        return None
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{last:02d}", None
    return "DATE", value.isoformat(), None


def _n_day_range_start(m: re.Match[str], ctx: _Ctx) -> Result:
    """'from 5 to 7 March 2024': the first day takes the month (and year) named after the last."""
    days = _range_days(m)
    if days is None:
        return None
    first, last = days
    month = _MONTHS[_g(m, "mon")[:3]]
    year = int(m["y"]) if m["y"] else _month_year(month, ctx, m.start(), last)
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{first:02d}", None
    return "DATE", date(year, month, first).isoformat(), None


def _n_month(m: re.Match[str], ctx: _Ctx) -> Result:
    month = _MONTHS[_g(m, "mon")[:3]]
    mod = _mod(m)
    rel = _g(m, "rel") or _g(m, "rel2")
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.ref is None:
        year = None
    elif m["rel2"]:  # 'May last year', 'August of this year': the month of that year
        year = ctx.ref.year + {"last": -1, "next": 1}.get(rel, 0)
    elif rel == "last":
        year = ctx.ref.year if month < ctx.ref.month else ctx.ref.year - 1
    elif rel == "next":
        year = ctx.ref.year if month > ctx.ref.month else ctx.ref.year + 1
    elif rel == "this":
        year = ctx.ref.year
    else:
        year = _month_year(month, ctx, m.start())
    if year is None:
        return "DATE", f"XXXX-{month:02d}", mod
    ctx.name_month(year, month)
    return "DATE", f"{year:04d}-{month:02d}", mod


def _n_year(m: re.Match[str], ctx: _Ctx) -> Result:
    ctx.name_year(int(m["y"]))
    season = _g(m, "season")
    if season:
        return "DATE", f"{m['y']}-{_SEASONS[season]}", None
    if m.groupdict().get("pp"):  # 'the post-1959 politics'
        return "DATE", m["y"], "AFTER" if _g(m, "pp") == "post" else "BEFORE"
    return "DATE", m["y"], _mod(m)


def _n_year_range_end(m: re.Match[str], ctx: _Ctx) -> Result:
    return "DATE", m["c"] + m["yy"], None


_DECADE_BEFORE = re.compile(r"(?P<c>1[6-9]|20)\d0s\s+(?:and|or|to)\s+\Z")


def _n_decade(m: re.Match[str], ctx: _Ctx) -> Result:
    word = _g(m, "word")
    if m["dd"]:  # 'the 1960s and 70s': the century of the decade just named
        before = _DECADE_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
        return None if before is None else ("DATE", before["c"] + m["dd"][0] + "X", None)
    if word:
        dec = str(1900 + _NUMBER_WORDS[word.removesuffix("ies") + "y"])
    else:
        dec = _g(m, "dec").lstrip("'")
    if len(dec) == 2:
        dec = ("19" if int(dec) >= 30 else "20") + dec
    # TimeML writes 'the 1990s' as 199; TimeBank keeps a bare '1990s' as 199X
    return "DATE", dec[:3] if m["the"] else dec[:3] + "X", _mod(m)


def _spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand one' -> 2001."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (_number(" ".join(rest)) or 0) if rest else 2000  # type: ignore[operator]
    century = _NUMBER_WORDS.get(words[0])
    rest = _number(" ".join(words[1:]))
    if century is None or rest is None or not 10 <= century <= 20 or not 10 <= rest <= 99:
        return None
    return century * 100 + int(rest)


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24), "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31), "new year's day": lambda y: date(y, 1, 1),
    "independence day": lambda y: date(y, 7, 4), "fourth of july": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31), "valentine's day": lambda y: date(y, 2, 14),
    "veterans day": lambda y: date(y, 11, 11), "boxing day": lambda y: date(y, 12, 26),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4), "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1), "martin luther king day": lambda y: _nth_weekday(y, 1, 1, 3),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1), "easter": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2), "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + timedelta(days=1), "palm sunday": lambda y: _easter(y) - timedelta(days=7),
    "holy week": lambda y: _easter(y) - timedelta(days=3), "ash wednesday": lambda y: _easter(y) - timedelta(days=46),
    "pentecost": lambda y: _easter(y) + timedelta(days=49),
    "maundy thursday": lambda y: _easter(y) - timedelta(days=3), "holy thursday": lambda y: _easter(y) - timedelta(days=3),
    "st. patrick's day": lambda y: date(y, 3, 17), "saint patrick's day": lambda y: date(y, 3, 17),
    "may day": lambda y: date(y, 5, 1), "bastille day": lambda y: date(y, 7, 14),
    "mother's day": lambda y: _nth_weekday(y, 5, 7, 2), "father's day": lambda y: _nth_weekday(y, 6, 7, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 1, 3), "columbus day": lambda y: _nth_weekday(y, 10, 1, 2),
    "groundhog day": lambda y: date(y, 2, 2), "armistice day": lambda y: date(y, 11, 11),
    "remembrance day": lambda y: date(y, 11, 11), "flag day": lambda y: date(y, 6, 14),
    "april fools' day": lambda y: date(y, 4, 1), "earth day": lambda y: date(y, 4, 22),
    "juneteenth": lambda y: date(y, 6, 19), "cinco de mayo": lambda y: date(y, 5, 5),
    "canada day": lambda y: date(y, 7, 1), "australia day": lambda y: date(y, 1, 26),
    "anzac day": lambda y: date(y, 4, 25),
    "guy fawkes night": lambda y: date(y, 11, 5), "bonfire night": lambda y: date(y, 11, 5),
}


def _n_holiday(m: re.Match[str], ctx: _Ctx) -> Result:
    name = re.sub(r"^(thanksgiving|christmas|easter) day$", r"\1", _g(m, "h").replace("\u2019", "'"))
    name = name.replace(" jr.", "").replace("veterans'", "veterans").replace("new years", "new year's")
    name = re.sub(r"^st\.? ", "st. ", name).replace("presidents'", "presidents")
    name = re.sub(r"(patrick|mother|father)s day$", r"\1's day", name)
    name = re.sub(r"^april fool'?s'? day$", "april fools' day", name)
    rule = _HOLIDAYS.get(name)
    if rule is None:
        return None
    rel = _g(m, "rel")
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.ref is None:
        year = None
    else:
        ref = ctx.ref
        this_year = rule(ref.year)
        if rel in ("last", "past", "previous"):
            year = ref.year if this_year < ref else ref.year - 1
        elif rel in ("next", "coming", "upcoming"):
            year = ref.year if this_year > ref else ref.year + 1
        elif rel == "this":
            year = ref.year
        elif name == "election day" and ctx.tense(m.start()) != "past":
            year = ref.year if this_year >= ref - timedelta(days=60) else ref.year + 1  # the vote ahead
        else:
            year = _month_year(this_year.month, ctx, m.start(), this_year.day)
    if year is None:
        return "DATE", "XXXX-XX-XX", None
    day = rule(year)
    ctx.anchor = day
    if m["week"] or name == "holy week":
        return "DATE", _week(day), None
    return "DATE", day.isoformat(), None


def _n_spelled_year(m: re.Match[str], ctx: _Ctx) -> Result:
    year = _spelled_year(_g(m, "sy"))
    if year is None:
        return None
    ctx.name_year(year)
    if m["mon"]:
        return "DATE", f"{year:04d}-{_MONTHS[_g(m, 'mon')[:3]]:02d}", None
    if m["season"]:
        return "DATE", f"{year:04d}-{_SEASONS[_g(m, 'season')]}", None
    return "DATE", f"{year:04d}", None


def _n_century(m: re.Match[str], ctx: _Ctx) -> Result:
    n = _ORDINALS.get(_g(m, "ord")) or int(re.match(r"\d+", _g(m, "ord")).group())  # type: ignore[union-attr]
    return "DATE", f"{n - 1:02d}", _mod(m)


def _n_rel_day(m: re.Match[str], ctx: _Ctx) -> Result:
    word = _g(m, "w")
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}[word]
    part = _g(m, "part")
    if ctx.ref is None:
        base = "XXXX-XX-XX"
    else:
        base = (ctx.ref + timedelta(days=shift)).isoformat()
        day = ctx.ref + timedelta(days=shift)
        ctx.deictic_day = (day, m.end())  # 'yesterday ... later in the day' is yesterday
        ctx.weekday_note = (day.isoweekday(), day, False)  # 'tomorrow night' is (this) Monday night
    if part or word == "tonight":
        return "TIME", f"{base}T{_DAY_PARTS[part or 'night']}", None
    return "DATE", base, _mod(m)


def _n_this_part(m: re.Match[str], ctx: _Ctx) -> Result:
    part, rel = _g(m, "part"), _g(m, "rel")
    shift = {"last": -1, "yesterday": -1, "the previous": -1, "the next": 1, "the following": 1}.get(rel, 0)
    anaphoric = rel in ("that", "the", "the next", "the following", "the previous")  # 'that night', 'the next morning'
    day = ctx.anchor if anaphoric and ctx.anchor is not None else ctx.ref
    base = "XXXX-XX-XX" if day is None else (day + timedelta(days=shift)).isoformat()
    return "TIME", f"{base}T{_DAY_PARTS[part]}", None


def _n_part_day(m: re.Match[str], ctx: _Ctx) -> Result:
    """'mid-afternoon yesterday', 'morning Friday': the part of that day."""
    word = _g(m, "day")
    if word in ("yesterday", "today", "tomorrow"):
        day = None if ctx.ref is None else ctx.ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        base = "XXXX-XX-XX" if day is None else day.isoformat()
    else:
        weekday = _WEEKDAYS[word[:2]]
        wd_day = _weekday_date(weekday, ctx, m.start(), "")
        base = f"XXXX-WXX-{weekday}" if wd_day is None else wd_day.isoformat()
    return "TIME", f"{base}T{_DAY_PARTS[_g(m, 'part')]}", None


def _n_hour_of_part(m: re.Match[str], ctx: _Ctx) -> Result:
    """'4 in the morning' -> T04:00, 'eight in the evening' -> T20:00."""
    word = _g(m, "h")
    hour = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    if _g(m, "part") in ("afternoon", "evening") or (_g(m, "part") == "night" and hour >= 6):
        hour = hour % 12 + 12
    day = ctx.anchor if ctx.ref is None else ctx.ref
    return "TIME", f"{'XXXX-XX-XX' if day is None else day.isoformat()}T{hour:02d}:00", None


def _n_ahead(m: re.Match[str], ctx: _Ctx) -> Result:
    return "DURATION", _duration(None, _unit(_g(m, "u"))), None


_DEADLINE_AFTER = re.compile(r"\s+deadline\b", re.IGNORECASE)


_ENDS_WITH_WEEKDAY = re.compile(_WD + r"\Z", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s*(?:through|thru|to|until|till|-|\u2013)\s*(?:on\s+)?")


def _n_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
    weekday = _WEEKDAYS[_g(m, "wd")[:2]]
    rel = _g(m, "rel")
    if not rel and ctx.ref is not None and m.string[max(0, m.start() - 2): m.start()] == "a " and _DEADLINE_AFTER.match(
            m.string, m.end("wd")) and ctx.tense(m.start()) != "past":
        rel = "coming"  # 'races to meet a Monday deadline': a deadline lies ahead unless the clause is past
    if not rel and ctx.anchor is not None and _RANGE_TO.fullmatch(m.string, max(0, ctx.anchor_end), m.start()):
        # 'taken Thursday through Monday': a range of weekdays ends on the first such day after its start;
        # 'from May 13 through Sunday' on the last one before the publication date, if the range began before it
        day: date | None = ctx.anchor + timedelta(days=(weekday - ctx.anchor.isoweekday()) % 7 or 7)
        if ctx.ref is not None and not _ENDS_WITH_WEEKDAY.search(m.string, max(0, ctx.anchor_end - 12),
                                                                 max(0, ctx.anchor_end)):
            last = ctx.ref - timedelta(days=(ctx.ref.isoweekday() - weekday) % 7)
            day = last if ctx.anchor < last else day
    else:
        day = _weekday_date(weekday, ctx, m.start(), rel)
        if not rel and day is not None:  # a day the clause or a cue ('ahead of Monday's caucuses') fixes is firm
            firm = _firm_tense(ctx.doc, m.start()) or _looks_ahead(ctx.text, m.start()) or bool(
                _AHEAD_OF.search(ctx.text, max(0, m.start() - 40), m.start()))
            ctx.weekday_note = (weekday, day, not firm)
    base = f"XXXX-WXX-{weekday}" if day is None else day.isoformat()
    if day is not None:
        ctx.anchor = day
    if m["part"]:  # 'Friday night' is a TIME of that day (TimeML), as 'Friday at 9 p.m.' is
        return "TIME", f"{base}T{_DAY_PARTS[_g(m, 'part')]}", _mod(m)
    return "DATE", base, _mod(m)


def _possessive(doc: Doc, char: int) -> bool:
    """Whether the weekday at ``char`` is a possessive dating a noun ('Monday's debate', 'Monday night's debate')."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc):
        return False
    if tok.dep_ == "compound" and tok.head.i == tok.i + 1:
        tok = tok.head
    return tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "POS"


def _firm_tense(doc: Doc, char: int) -> bool:
    """Whether the verb a weekday hangs on says plainly when ('said Monday', 'will meet Monday', 'a service
    is planned Friday'), unlike a present or progressive ('is raising questions about Monday's debate')."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc):
        return False
    verb = _governing_verb(tok)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or verb.lemma_ in _FUTURE_VERBS or any(
        a.tag_ == "VBD" or a.lower_ in _FUTURE_AUX for a in auxes)


def _past_verb(doc: Doc, char: int) -> bool:
    """Whether the verb the phrase at ``char`` hangs on is itself in the past ('unveiled', 'had met')."""
    tok = _token_at(doc, char)
    if tok is None or not _parsed(doc):
        return False
    verb = _governing_verb(tok)
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _agree_weekdays(timexes: list[Timex], notes: list[tuple[int, int, date, bool]]) -> None:
    """One article's bare 'Monday' is one day: a mention whose clause leaves the week open ('is raising
    questions about Monday's debate') takes the day most mentions of that weekday name agree on, counting
    'yesterday', 'today' and 'tomorrow' as mentions of their weekday."""
    by_weekday: dict[int, list[tuple[int, date, bool]]] = {}
    for i, weekday, day, unclear in notes:
        by_weekday.setdefault(weekday, []).append((i, day, unclear))
    for mentions in by_weekday.values():
        days = [day for _, day, _ in mentions]
        top = max(set(days), key=lambda d: (days.count(d), d))
        if days.count(top) < 2 or 2 * days.count(top) <= len(days):
            continue
        for i, day, unclear in mentions:
            if unclear and day != top and timexes[i].value.startswith(day.isoformat()):
                timexes[i] = timexes[i].model_copy(update={"value": top.isoformat() + timexes[i].value[10:]})


def _n_weekend(m: re.Match[str], ctx: _Ctx) -> Result:
    if ctx.ref is None:
        return "DATE", "XXXX-WXX-WE", None
    rel = _g(m, "rel")
    ref = ctx.ref
    if rel in ("next", "coming", "the coming", "upcoming", "this coming"):
        day = ref + timedelta(days=(6 - ref.isoweekday()) % 7 or 7)
    elif rel == "this" and ref.isoweekday() <= 3 and ctx.tense(m.start()) == "past":
        day = ref - timedelta(days=(ref.isoweekday() + 1) % 7)  # 'told them this weekend', on a Monday: just past
    elif rel == "this" or (rel == "the" and ctx.tense(m.start()) == "future"):
        day = ref + timedelta(days=(6 - ref.isoweekday()) % 7) if ref.isoweekday() < 6 else ref
    else:  # the weekend just past
        day = ref - timedelta(days=(ref.isoweekday() - 6) % 7 or 7) if ref.isoweekday() != 7 else ref
    return "DATE", f"{_week(day)}-WE", None


_SHIFTS = {"last": -1, "past": -1, "previous": -1, "the last": -1, "the past": -1, "the previous": -1,
           "next": 1, "coming": 1, "upcoming": 1, "following": 1, "the next": 1, "the coming": 1,
           "the following": 1, "this": 0, "current": 0, "the current": 0, "this coming": 1,
           "same": 0, "the same": 0, "that": 0, "this past": -1}


def _n_rel_unit(m: re.Match[str], ctx: _Ctx) -> Result:
    rel = _g(m, "rel")
    if rel.startswith("the very "):  # 'the very next year', 'that very day': counted from the story's own time
        rel = {"next": "the following", "following": "the following"}.get(rel.split()[-1], "the same")
    unit = _g(m, "u")
    mod = _mod(m)
    if unit in ("decade", "century") and (rel in ("past", "the past") or rel in ("the next", "the coming") and (
            _OVER_BEFORE.search(m.string, max(0, m.start() - 12), m.start()))):
        return "DURATION", _duration(1, unit), mod  # 'the past decade', 'over the next decade': ten years
    shift = _SHIFTS.get(rel, 0)
    anaphoric = rel in ("same", "the same", "that", "following", "the following") or (
        unit == "day" and rel in ("the next", "the previous")) or (unit == "week" and rel == "the previous") or (
        unit in ("month", "year") and rel in ("the next", "the previous") and _in_past_narrative(m, ctx))
    base = ctx.anchor if anaphoric and ctx.anchor is not None else ctx.ref
    if anaphoric and unit == "year" and ctx.anchor_year is not None:
        base = date(ctx.anchor_year, 7, 1)
    elif anaphoric and unit == "month" and ctx.anchor_month is not None:
        base = ctx.anchor_month
    if anaphoric and base is None:
        return "DATE", _at(unit, None), mod
    # "This quarter's loss includes charges" in an earnings story: the quarter reported
    reported_this = rel == "this" and ctx.financial and (
        m.string.startswith("'s", m.end()) or ctx.tense(m.start()) == "past")
    if unit == "quarter" and rel == "the" and ctx.quarter is None and (ended := _PERIOD_ENDED.match(m.string, m.end())):
        value = _quarter_ending(ended, ctx)  # 'the quarter ended July 31', in a story that named no quarter yet
        if value[:4].isdigit():
            ctx.quarter = (int(value[:4]), int(value[-1]))  # ... is the quarter it reports
        return "DATE", value, mod
    if unit == "quarter" and (rel in ("the", "that", "the same") or reported_this) and ctx.tense(m.start()) != "future":
        reported = ctx.reported_quarter()
        if reported is not None:
            return "DATE", f"{reported[0]:04d}-Q{reported[1]}", mod
    if unit in _SEASONS:
        code = _SEASONS[unit]
        if base is None:
            return "DATE", f"XXXX-{code}", mod
        now = _SEASON_ORDER[(("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[base.month - 1])]
        year = base.year
        if shift < 0 and _SEASON_ORDER[code] >= now:
            year -= 1
        elif shift > 0 and _SEASON_ORDER[code] <= now:
            year += 1
        return "DATE", f"{year:04d}-{code}", mod
    if unit == "day":
        if anaphoric and shift == 0 and ctx.anchor_month is not None and ctx.month_end > ctx.anchor_end and (
                ctx.anchor is None or ctx.anchor.replace(day=1) != ctx.anchor_month):
            return "DATE", f"{ctx.anchor_month.isoformat()[:7]}-XX", mod  # 'last October ... that same day'
        if base is None:
            return "DATE", "XXXX-XX-XX", mod
        value = base + timedelta(days=shift)
        ctx.anchor = value
        return "DATE", value.isoformat(), mod
    if unit in ("quarter", "year") and rel in ("latest", "the latest", "most recent", "the most recent"):
        shift = -1  # 'the latest (fiscal) year': the last one completed
    if unit == "week" and base is not None:
        if anaphoric and ctx.week_anchor is not None and ctx.week_anchor[1] > ctx.anchor_end:
            base = ctx.week_anchor[0]  # 'next week ... and the following week'
        ctx.week_anchor = (base + timedelta(weeks=shift), m.end())
    return "DATE", _at(unit, base, shift), mod


_OVER_BEFORE = re.compile(r"\b(?:over|within|for|during|throughout)\s+$")


def _in_past_narrative(m: re.Match[str], ctx: _Ctx) -> bool:
    """'In 2009 the firm moved; the next year it closed': after a past year the text named, 'the next
    year' counts from that year ('over the next year' still looks ahead from now)."""
    return (ctx.ref is not None and ctx.anchor_year is not None and ctx.anchor_year < ctx.ref.year
            and not _OVER_BEFORE.search(m.string, max(0, m.start() - 12), m.start()))


_PERIOD_ENDED = re.compile(r",?\s+(?:which\s+|that\s+)?end(?:ed|ing|s)\s+(?:on\s+)?(?P<mon>" + _MON_D + r")\s+"
                           r"(?P<d>[0-3]?\d)\b(?:,?\s+(?P<y>" + _YEAR + r"))?", re.IGNORECASE)


def _quarter_ending(ended: re.Match[str], ctx: _Ctx) -> str:
    """The calendar quarter that holds most of the three months up to the end date of 'the quarter
    ended July 31' (May to July: Q2), in the year of that date."""
    month = _MONTHS[ended["mon"].lower()[:3]]
    year = int(ended["y"]) if ended["y"] else _month_year(month, ctx, ended.start("mon"), int(ended["d"]))
    middle = month - 1 if month > 1 else 12
    if year is not None and month == 1:
        year -= 1
    return f"{'XXXX' if year is None else f'{year:04d}'}-Q{(middle - 1) // 3 + 1}"


def _n_quarter(m: re.Match[str], ctx: _Ctx) -> Result:
    word = _g(m, "ord")
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4, "last": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}.get(word)
    if n is None:
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif _g(m, "yrel"):
        year = None if ctx.ref is None else ctx.ref.year + _SHIFTS.get(_g(m, "yrel"), 0)
    elif ctx.ref is None:
        year = None
    else:
        year = ctx.ref.year
        ended = _PERIOD_ENDED.match(m.string, m.end())
        if ended:  # 'its fiscal third quarter, which ended Feb. 28': the fiscal year that date closes
            month = _MONTHS[ended["mon"].lower()[:3]]
            year = int(ended["y"]) if ended["y"] else _month_year(month, ctx, ended.start("mon"), int(ended["d"]))
            year = ctx.ref.year if year is None else year
        elif n > _quarter(ctx.ref) and ctx.tense(m.start()) != "future":
            year -= 1
    if _g(m, "half") and m.groupdict().get("dec"):  # 'the last half of the '80s': the decade, its end
        digits = _g(m, "dec").strip("'s")
        decade = digits if len(digits) == 4 else ("19" if int(digits) >= 30 else "20") + digits
        return "DATE", decade[:3], "START" if n == 1 else "END"
    if _g(m, "half"):
        half = 2 if word in ("last", "final") else n
        return "DATE", f"{'XXXX' if year is None else f'{year:04d}'}-H{half}", None
    if year is not None and ctx.quarter is None and (ctx.ref is None or abs(year - ctx.ref.year) <= 1):
        ctx.quarter = (year, n)  # an earnings story names the quarter it reports first
    return "DATE", f"{'XXXX' if year is None else f'{year:04d}'}-Q{n}", None


def _n_ago(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = _unit(_g(m, "u"))
    n = 1 if _g(m, "n") == "the" else _number(_g(m, "n")) if m["n"] else None  # 'the day before'
    direction = _g(m, "dir")
    back = direction in ("ago", "earlier", "before", "previously", "back")
    if n is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF", None
    anaphoric = direction in ("earlier", "later", "before", "after")
    base = ctx.anchor if anaphoric and ctx.anchor is not None else ctx.ref
    mod = "APPROX" if _g(m, "mod") in ("about", "around", "roughly", "nearly", "almost", "some",
                                         "approximately") or m["approx"] else None
    if unit in ("decade", "century", "fortnight"):
        n, unit = (n * 2, "week") if unit == "fortnight" else (n * (10 if unit == "decade" else 100), "year")
    if base is None:
        return "DATE", _at(unit, None), mod
    sign = -1 if back else 1
    steps = round(n)
    if unit == "year" and steps == 1 and back and ctx.financial:
        return "DATE", _year_before_quarter(ctx, ctx.span_period), mod
    if unit in ("hour", "minute", "second"):
        return "DATE", base.isoformat(), mod
    if unit == "day":
        value = base + timedelta(days=sign * steps)
        ctx.anchor = value
        return "DATE", value.isoformat(), mod
    return "DATE", _at(unit, base, sign * steps), mod


def _year_before_quarter(ctx: _Ctx, span: bool = False) -> str:
    """The reported quarter one year earlier: earnings reports compare with 'the year-ago quarter'.
    With ``span`` (the story last named 'the nine months') the comparison is with that span a year
    before, which TIMEX3 can only write as its year."""
    reported = ctx.reported_quarter()
    if reported is None:
        return "XXXX" if span else "XXXX-QX"
    return f"{reported[0] - 1:04d}" if span else f"{reported[0] - 1:04d}-Q{reported[1]}"


def _n_year_ago_period(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the year-ago quarter' (and any such period in an earnings story) is the reported quarter a year
    before; elsewhere 'the same period last year' is last year."""
    if m["months"]:  # 'the year-earlier nine months' is as long as 'the nine months' it compares with
        return "DURATION", _duration(_number(_g(m, "months")), "month"), None
    if _g(m, "u") == "quarter":
        return "DATE", _year_before_quarter(ctx), None
    if ctx.financial:
        return "DATE", _year_before_quarter(ctx, ctx.span_period), None
    return "DATE", _at("year", ctx.ref, -1), None


def _n_the_year(m: re.Match[str], ctx: _Ctx) -> Result:
    """'for the year' is the current (fiscal) year; 'the year ended June 30' is a year-long period."""
    if m["ended"]:
        return "DURATION", "P1Y", None
    return "DATE", _at("year", ctx.ref), _edge_mod(m)


def _edge_mod(m: re.Match[str]) -> str | None:
    edge = _g(m, "mod")  # 'earlier in' -> 'earlier', 'end of' -> 'the end of'
    return _MODS.get(edge.removesuffix(" in") if edge.endswith(" in") else "the " + edge.removeprefix("the "))


def _n_edge_unit(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the end of the month', 'earlier in the week': the current one."""
    return "DATE", _at(_g(m, "u"), ctx.ref), _edge_mod(m)


def _n_in_the_day(m: re.Match[str], ctx: _Ctx) -> Result:
    """'later in the day': the day the story named last ('spoke Wednesday ... earlier in the day',
    'yesterday ... later in the day'), else the publication day (the day news reports on)."""
    named = [(end, day) for day, end in ((ctx.anchor, ctx.anchor_end), ctx.deictic_day or (None, -1))
             if day is not None and 0 <= m.start() - end <= _NARRATIVE_REACH and (ctx.ref is None or day <= ctx.ref)]
    day = max(named)[1] if named else ctx.ref if ctx.ref is not None else ctx.anchor
    return "DATE", "XXXX-XX-XX" if day is None else day.isoformat(), _edge_mod(m)


_NARRATIVE_REACH = 1500  # characters (a few paragraphs) over which 'later in the day' follows a day just named
_INTO_BEFORE = re.compile(r"(?:\b(?:heading|going|head|headed|moving)\s+"
                          r"|\b(?:could(?!\s+not\b|n['\u2019]t)|may|might|can|will|would)\b[^.;]{0,40}"
                          r"\bwell\s+)into\s+$", re.IGNORECASE)


def _n_the_season(m: re.Match[str], ctx: _Ctx) -> Result:
    """'in the summer': the nearest such season, the coming one when the clause looks ahead."""
    code = _SEASONS[_g(m, "s")]
    if ctx.ref is None:
        return "DATE", f"XXXX-{code}", _MODS.get(_g(m, "mod"))
    ref = ctx.ref
    now = ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[ref.month - 1]
    year = ref.year if not (now == "WI" and ref.month == 12) else ref.year + 1  # December belongs to next year's winter
    tense = ctx.tense(m.start())
    ahead = _names_a_vote(ctx.text, m.start()) or _CAMPAIGN_SEASON.match(ctx.text, m.start()) or _INTO_BEFORE.search(
        ctx.text, max(0, m.start() - 70), m.start())
    if (tense != "past" and ahead) or (tense == "past" and _hypothetical(ctx.doc, m.start())):
        tense = "future"  # 'winning in the fall', 'the fall campaign', 'heading into the fall': the coming one
    if tense == "future" and _SEASON_ORDER[code] < _SEASON_ORDER[now]:
        year += 1
    elif tense != "future" and _SEASON_ORDER[code] > _SEASON_ORDER[now]:
        year -= 1
    return "DATE", f"{year:04d}-{code}", _MODS.get(_g(m, "mod"))


def _n_bare_season(m: re.Match[str], ctx: _Ctx) -> Result:
    """'by spring', 'in late summer': a season of a past or future clause; in the present tense a bare
    season is mostly generic ('in winter the lake freezes'), which TimeML leaves out."""
    if ctx.tense(m.start()) == "present":
        return None
    return _n_the_season(m, ctx)


def _n_week_of(m: re.Match[str], ctx: _Ctx) -> Result:
    month = _MONTHS[_g(m, "mon")[:3]]
    day = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
    year = int(m["y"]) if m["y"] else _month_year(month, ctx, m.start(), day)
    if year is None:
        return None
    return "DATE", _week(date(year, month, day)), None


def _n_nth_week_of(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the first week of April': the ISO week holding that stretch of the month (its middle day)."""
    month = _MONTHS[_g(m, "mon")[:3]]
    year = int(m["y"]) if m["y"] else _month_year(month, ctx, m.start())
    if year is None:
        return "DATE", f"XXXX-{month:02d}", None
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(_g(m, "ord"))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    middle = date(year, month, 7 * n - 3) if n else last - timedelta(days=3)
    ctx.name_month(year, month)
    return "DATE", _week(middle), None


def _n_latest_period(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the latest period' is a results term: the quarter reported (the last one completed if none is named)."""
    reported = ctx.reported_quarter()
    if reported is None:
        return None
    return "DATE", f"{reported[0]:04d}-Q{reported[1]}", None


def _n_year_period(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the 1988 period' in an earnings story: the reported quarter of that year, or after 'the nine
    months' those months of that year (the year)."""
    reported = ctx.reported_quarter()
    if reported is None or not ctx.financial or ctx.span_period:
        return "DATE", m["y"], None
    return "DATE", f"{m['y']}-Q{reported[1]}", None


def _n_in_n(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = _unit(_g(m, "u"))
    n = _number(_g(m, "n"))
    if ctx.tense(m.start()) != "future" or unit in _TIME_UNITS:
        return "DURATION", _duration(n, unit), None  # 'the first time in a decade'
    if n is None:
        return "DATE", "FUTURE_REF", None  # 'will be known in a few weeks' points ahead, like 'in three weeks'
    if unit in ("decade", "century", "fortnight"):
        n, unit = (n * 2, "week") if unit == "fortnight" else (n * (10 if unit == "decade" else 100), "year")
    return "DATE", _at(unit, ctx.ref, round(n)), None


def _n_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = _unit(_g(m, "u"))
    n_text = _g(m, "n")
    n = _number(n_text) if n_text and not re.fullmatch(_VAGUE, n_text) else None
    if n_text and n is None and not re.fullmatch(_VAGUE, n_text):
        return None
    if n is not None and m["half"]:
        n += 0.5  # 'a year and a half'
    qual = _g(m, "qual")
    if n_text == "one" and unit == "day" and m.group().lower() == "one day" and _someday(m, ctx.doc):
        return "DATE", "FUTURE_REF", None  # 'could one day lead the party': some day, not a day long
    if n_text in ("a", "an") and not qual and not m["mod"] and not m["half"] and " single" not in m.group().lower():
        rate = _RATE_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
        if rate:  # '$2 million a year' is a rate, not a time; 'interviews a day' happens each day
            return None if rate["amount"] else ("SET", _duration(1, unit), None)
    if n is None and qual in ("next", "coming", "the next", "the coming") and not _as_span(m):
        return "DATE", "FUTURE_REF", None  # 'the next few days will be decisive'
    if n is None and qual in ("the last", "the past") and not _as_span(m):
        return "DATE", "PAST_REF", None  # 'rates have fallen in the last few months', like 'in recent months'
    mod = "EQUAL_OR_MORE" if m.groupdict().get("plus") else _MODS.get(_g(m, "mod"))  # '15-plus years'
    return "DURATION", _duration(n, unit), mod


def _n_duration_range(m: re.Match[str], ctx: _Ctx) -> Result:
    """'two to three weeks', '12-18 months', 'a day or two': one expression, as TimeBank annotates it.
    TIMEX3 has no range value, so the value is the low end and ``mod`` says 'or more'."""
    unit = _unit(_g(m, "u1") if m["one"] else _g(m, "u"))
    low = 1 if m["one"] else _number(_g(m, "lo"))
    return "DURATION", _duration(low, unit), "EQUAL_OR_MORE"


_SOMEDAY_BEFORE = re.compile(r"\b(?:(?:will|would|could|may|might|can|should|must|hopes?\s+to|hoped\s+to|wants?\s+to)"
                             r"(?:\s+(?:not|also|still|even|perhaps))?|(?:hopes?|hoped|hoping|dreams?|dreamed|wish(?:es)?)"
                             r"(?:\s+(?:that\s+)?[a-z]+)?)\s+$", re.IGNORECASE)


_NOT_SOMEDAY_BEFORE = re.compile(r"\b(?:for|in|within|of|by|after|than|just|only|about|over|under|per|every|each|"
                                 r"last|first|the|a|this)\s+$", re.IGNORECASE)
_NOT_SOMEDAY_AFTER = re.compile(r"\s*(?:-|of\b|later\b|earlier\b|ago\b|after\b|before\b|long\b|in\s+advance\b)",
                                re.IGNORECASE)
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "shall", "'ll", "must"})


def _someday(m: re.Match[str], doc: Doc) -> bool:
    """'could one day lead the party', 'hopes one day to open a clinic', 'I can be like him one day':
    'one day' meaning some day in the future, not a day long ('for one day', 'one day later')."""
    text = m.string
    if _NOT_SOMEDAY_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _NOT_SOMEDAY_AFTER.match(text, m.end()):
        return False
    if _SOMEDAY_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return True
    tok = _token_at(doc, m.start())
    if tok is None or not _parsed(doc) or tok.i + 2 >= len(doc):
        return False
    after = doc[tok.i + 2]  # the word after 'one day'
    if after.tag_ == "VB":
        return True  # 'they one day return home'
    verb = _governing_verb(doc[tok.i + 1])
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


# what a rate's 'a year' follows: an amount ('$2 million', '358,000', '5%') or a plural count ('flights')
_RATE_BEFORE = re.compile(r"(?:(?P<amount>\d|\b(?:million|billion|thousand|hundred|percent|cents|dollars|euros|pounds))"
                          r"|\b(?!(?:times|hours|minutes|days|weeks|months|years|decades|this|its|was|has|is|as)\b)"
                          r"[a-z]{3,}s)[%)]?\s+$")


def _n_ordinal_day(m: re.Match[str], ctx: _Ctx) -> Result:
    """'the second day (of talks)': TimeBank dates the day itself, usually the reporting day, but
    'on March 13, on the second day of the conclave' is the day just named."""
    named = ctx.anchor if ctx.anchor is not None and 0 <= m.start() - ctx.anchor_end <= 12 else None
    day = named or (ctx.ref if ctx.ref is not None else ctx.anchor)
    return "DATE", "XXXX-XX-XX" if day is None else day.isoformat(), None


def _n_ordinal_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    n = _ORDINALS.get(_g(m, "ord"))
    if n is None:
        n = int(re.match(r"\d+", _g(m, "ord")).group())  # type: ignore[union-attr]
    return "DURATION", _duration(n, _unit(_g(m, "u"))), None


def _n_bare_plural(m: re.Match[str], ctx: _Ctx) -> Result:
    return "DURATION", _duration(None, _unit(_g(m, "u"))), None


def _n_vague_duration(m: re.Match[str], ctx: _Ctx) -> Result:
    word = _g(m, "w")
    return "DURATION", "PXX" if "while" in word or "period" in word else "PXY", None


def _n_ref(value: str) -> Callable[[re.Match[str], _Ctx], Result]:
    def normalize(m: re.Match[str], ctx: _Ctx) -> Result:
        return "DATE", value, None

    return normalize


_SPAN_PREPOSITION = re.compile(r"\b(?:over|for|during|throughout|within)\s+$")


def _as_span(m: re.Match[str]) -> bool:
    """Whether a vague 'next few days' is the stretch of time something lasts: 'over the next few days',
    'for the past few weeks', 'in the coming years'."""
    before = m.string[max(0, m.start() - 12): m.start()]
    return bool(_SPAN_PREPOSITION.search(before)) or (before.endswith(("in ", "In ")) and "coming" in m.group().lower())


def _n_vague_span(m: re.Match[str], ctx: _Ctx) -> Result:
    """'over the next few days', 'for the past few weeks', 'in the coming years': a vague span of time (PXD);
    'in recent months' and a bare 'the next few days' point at the recent past or near future."""
    if _as_span(m):
        return "DURATION", _duration(None, _unit(_g(m, "u"))), None
    word = _g(m, "w")
    return "DATE", "PAST_REF" if word.startswith(("recent", "past", "last")) else "FUTURE_REF", None


def _n_ref_pair(m: re.Match[str], ctx: _Ctx) -> Result:
    """'recent weeks and months' is the recent past, 'the coming weeks and months' the near future."""
    return "DATE", "PAST_REF" if _g(m, "w") == "recent" else "FUTURE_REF", None


def _n_year_end(m: re.Match[str], ctx: _Ctx) -> Result:
    """'year-end', 'by year's end': the end of the named year, else of the current one (the last one
    when a past-tense clause early in the year looks back)."""
    if m["y"]:
        return "DATE", m["y"], "END"
    if ctx.ref is None:
        return "DATE", "XXXX", "END"
    year = ctx.ref.year
    if m.string.endswith("since ", 0, m.start()):
        return "DATE", f"{year - 1:04d}-12-31", None  # 'the change since year-end': the last one, a day
    if ctx.ref.month <= 2 and ctx.tense(m.start()) == "past":
        year -= 1
    return "DATE", f"{year:04d}", "END"


def _n_the_week(m: re.Match[str], ctx: _Ctx) -> Result:
    """'(shares fell 2%) for the week': the week being reported."""
    return "DATE", _at("week", ctx.ref), None


def _n_long(m: re.Match[str], ctx: _Ctx) -> Result:
    """'a weeklong strike', 'day-long talks', 'decades-long feud'."""
    word = _g(m, "u")
    unit = _unit(word)
    return "DURATION", _duration(None if word.endswith("s") else 1, unit), None


def _n_month_set(m: re.Match[str], ctx: _Ctx) -> Result:
    return "SET", f"XXXX-{_MONTHS[_g(m, 'mon')[:3]]:02d}", None


def _n_mid_part(m: re.Match[str], ctx: _Ctx) -> Result:
    """'by mid-afternoon': that part of the reported day."""
    part = _DAY_PARTS[_g(m, "part")]
    day = ctx.ref if ctx.ref is not None else ctx.anchor
    return "TIME", f"{'XXXX-XX-XX' if day is None else day.isoformat()}T{part}", None


def _n_current(m: re.Match[str], ctx: _Ctx) -> Result:
    """'current' as TimeML reads it: the present ('current market conditions'); 'then current' is past."""
    return "DATE", "PAST_REF" if m["then"] else "PRESENT_REF", None


def _n_set(m: re.Match[str], ctx: _Ctx) -> Result:
    word = _g(m, "u")
    if word in _DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{_DAY_PARTS[word]}", None
    if word[:2] in _WEEKDAYS and word.rstrip("s").endswith("day") and word[:3] not in ("day",):
        return "SET", f"XXXX-WXX-{_WEEKDAYS[word[:2]]}", None
    if word in _SEASONS:
        return "SET", f"XXXX-{_SEASONS[word]}", None
    if word == "weekend":
        return "SET", "XXXX-WXX-WE", None
    unit = _unit(word)
    if unit not in _UNIT_CODES and unit != "fortnight":
        return None
    if m.group().lower().startswith("per") and _AMOUNT_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # '15 million instructions per second': a rate
    n_text = _g(m, "n") if m.groupdict().get("n") else None
    n = 2 if n_text == "other" else _number(n_text) if n_text else 1  # 'every other week' comes each two weeks
    return "SET", _duration(n or 1, unit), None


def _n_adverb_set(m: re.Match[str], ctx: _Ctx) -> Result:
    unit = {"daily": "day", "nightly": "day", "weekly": "week", "monthly": "month", "yearly": "year",
            "annually": "year", "hourly": "hour", "quarterly": "quarter"}[_g(m, "w")]
    before = m.string[max(0, m.start() - 30): m.start()]
    if _AMOUNT_BEFORE.search(before):
        return None  # 'rise 8.5% annually', '10,000 units annually': a rate
    if before.lower().endswith("average "):
        return None  # 'average daily volume': a rate
    tok = _token_at(ctx.doc, m.start())
    if tok is not None and tok.tag_ in ("NN", "NNP") and _parsed(ctx.doc):
        return None  # 'the party daily Granma': a newspaper
    return "SET", _duration(1, unit), None


_AMOUNT_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|million|billion|thousand)?|%)(?:\s+[a-z]+){0,2}\s+$")


def _n_weekday_set(m: re.Match[str], ctx: _Ctx) -> Result:
    """'every Monday', 'on Sundays', 'Tuesday nights' (each Tuesday night: ``XXXX-WXX-2TNI``)."""
    part = _g(m, "parts").removesuffix("s")
    return "SET", f"XXXX-WXX-{_WEEKDAYS[_g(m, 'wd')[:2]]}" + (f"T{_DAY_PARTS[part]}" if part else ""), None


_DAY_AFTER_CLOCK = re.compile(r"\s*\([^()]{1,24}\)\s*,?\s*(?:on\s+)?(?P<day>" + _WD + r"|today|yesterday|tomorrow)\b",
                              re.IGNORECASE)


_HEADING_CLOCK = re.compile(r"[ \t.]*(?:\n|\Z)")
_LINE_START = re.compile(r"(?:\A|\n)[ \t]*\Z")


def _n_clock(m: re.Match[str], ctx: _Ctx) -> Result:
    if m["noon"]:
        hh, mm = (12, 0) if _g(m, "noon") in ("noon", "midday") else (24, 0)
    else:
        hh, mm = int(m["h"]), int(m["mi"] or 0)
        ampm = _g(m, "ampm").replace(".", "")
        if (ampm == "pm" or (ampm == "o'clock" and _g(m, "day") in ("this afternoon", "this evening", "tonight"))) and (
                hh < 12):
            hh += 12  # '6 o'clock this afternoon' is 18:00
        elif ampm == "am" and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
    day_word = _g(m, "day")
    if not day_word and not m["mon"]:  # '2:30 p.m. ET (1830 GMT) on Thursday': the day after the aside
        later = _DAY_AFTER_CLOCK.match(m.string, m.end())
        day_word = later["day"].lower() if later else ""
    if m["mon"]:
        day_result = _n_month_day(m, ctx)
        if day_result is None or "X" in day_result[1]:
            return None
        base = day_result[1]
        return "TIME", f"{base}T{hh:02d}:{mm:02d}", None
    if day_word[:2] in _WEEKDAYS and day_word.endswith("day") and day_word not in ("today", "yesterday"):
        day = _weekday_date(_WEEKDAYS[day_word[:2]], ctx, m.start(), "")
    elif day_word in ("yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon",
                      "this evening", "last night"):
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(day_word, 0)
        day = None if ctx.ref is None else ctx.ref + timedelta(days=shift)
    elif _HEADING_CLOCK.match(m.string, m.end()) and _LINE_START.search(m.string, max(0, m.start() - 4), m.start()):
        day = ctx.ref  # a live-blog heading ('9:45 p.m.' on a line of its own) is a time of the publication day
    else:
        day = ctx.anchor if ctx.anchor is not None else ctx.ref
    base = "XXXX-XX-XX" if day is None else day.isoformat()
    return "TIME", f"{base}T{hh:02d}:{mm:02d}", None


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------

_RULES: tuple[_Rule, ...] = (
    # the attacks of Sept. 11, 2001 named by their date, in any year's news: '9/11', 'the Sept. 11 attacks'
    _Rule("nine_eleven", _rx(r"9/11(?!/)|sept(?:ember\s+|\.\s*|\s+)11(?:th)?(?=\s+(?:terror\w*|attacks|hijack\w*|commission|"
                             r"memorial|museum|victims|families|era|anniversary|plot|plotters?|mastermind|"
                             r"first\s+responders|conspiracy|"
                             r"conspiracies|truthers?|survivors|widows?|lawsuits?)\b)"),
          lambda m, c: ("DATE", "2001-09-11", None), 0.9, gate=("9/11", "sept")),
    _Rule("iso", _rx(r"(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T(?P<t>\d\d:\d\d(?::\d\d)?))?"),
          _n_iso, 0.97),
    _Rule("numeric", _rx(r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>" + _YEAR + r"|\d\d)"),
          _n_numeric, 0.85),
    _Rule("month_day", _rx(
        r"(?:(?P<wd>" + _WD + r"),?\s+)?(?:(?:(?P<rel>last|next)\s+)?(?P<mon>" + _MON_D + r")(?:\s+|(?<=\.))(?P<d>" + _DAYNUM
        + r")|(?:the\s+)?(?P<d2>"
        + _DAYNUM + r")\s+(?:of\s+)?(?P<mon2>" + _MON + r"))(?:,?\s+(?P<y>" + _YEAR + r"|'\d\d)"
        r"|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"
        r"(?:\s+(?P<part>" + _PART + r"))?"), lambda m, c: _n_month_day(_MonthDay(m), c), 0.95,
          ("mon", "mon2", "wd")),
    _Rule("day_range_end", _rx(
        r"(?P<mon>" + _MON_D + r")\s+(?P<d>" + _DAYNUM + r")\s*(?:-|\u2013|and|to|through|or)\s*(?P<core>(?P<d2>"
        + _DAYNUM + r")(?:,?\s+(?P<y>" + _YEAR + r"))?)(?!\s*(?:%|percent|[ap]\.?m\b))"), _n_day_range_end, 0.85,
          ("mon",), gate=(' and ', '-', '\u2013', ' to ', 'through', ' or ')),
    _Rule("day_range_start", _rx(  # '5 to 7 March 2024', '12-14 June': the first day, before its month
        r"(?P<d>" + _DAYNUM + r")(?=\s*(?:-|\u2013|and|to|through|or)\s*(?P<d2>" + _DAYNUM
        + r")\s+(?:of\s+)?(?P<mon>" + _MON + r")(?:,?\s+(?P<y>" + _YEAR + r"))?)"), _n_day_range_start, 0.85,
          ("mon",), gate=(' and ', '-', '\u2013', ' to ', 'through', ' or ')),
    _Rule("month", _rx(
        r"(?:(?P<mod>" + _EDGE_MOD + r")[- ]\s*)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>" + _MON
        + r")(?:(?:,?\s+|\s+of\s+)(?P<y>" + _YEAR + r")|\s+(?:of\s+)?(?P<rel2>this|last|next)\s+year)?"), _n_month, 0.9,
          ("mon",)),
    _Rule("year", _rx(
        r"(?:(?P<mod>" + _EDGE_MOD + r")[- ]\s*|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?"
        r"|(?P<pp>post|pre)-)?(?:(?:fiscal(?:\s+year)?|FY)\s*)?(?P<y>" + _YEAR
        + r")(?!\s*(?:%|percent|per\s+cent|GMT|UTC|hrs\b|local\s+time))"),
          _n_year, 0.85),
    _Rule("early_year", _rx(r"(?:in|since|from|until)\s+(?P<core>(?P<y>1[0-5]\d\d))(?=\s*[,.;:)]|\s+(?:and|to|when|"
                            r"until|after|before|under|during|as|by|with)\b)(?![.,]\d)"), _n_year, 0.75),
    _Rule("year_range_end", re.compile(r"(?<=(?P<c>1[6-9]|20)\d\d[-–])(?P<yy>\d\d)(?![\w%])"), _n_year_range_end, 0.8),
    _Rule("decade", _rx(r"(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)[- ]?)?(?:(?P<dec>(?:1[6-9]|20)\d0|'\d0"
                        r"|(?:(?<=the\s)|(?<=early\s)|(?<=mid-)|(?<=late\s))[1-9]0(?='s))'?s"
                        r"|(?<=the\s)(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
                        r"|(?:(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s))(?P<dd>[1-9]0)s)"),
          _n_decade, 0.9,
          gate=('0s', "0's", "0\u2019s", 'ties')),
    _Rule("holiday", re.compile(
        r"(?<![\w-])(?:(?P<rel>last|next|this|past|coming|previous|upcoming)\s+)?(?P<h>Christmas(?:\s+(?:Eve|Day))?|"
        r"New\s+Year['\u2019]?s\s+(?:Eve|Day)|Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine['\u2019]?s\s+Day|"
        r"Veterans['\u2019]?\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Memorial\s+Day|Labor\s+Day|"
        r"Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Election\s+Day|Good\s+Friday|Easter(?:\s+(?:Sunday|Monday|Day))?|"
        r"Palm\s+Sunday|Holy\s+Week|Ash\s+Wednesday|Pentecost|(?:Maundy|Holy)\s+Thursday|"
        r"(?:St\.?|Saint)\s+Patrick['\u2019]?s\s+Day|"
        r"May\s+Day|Bastille\s+Day|Mother['\u2019]?s\s+Day|Father['\u2019]?s\s+Day|Presidents['\u2019]?\s+Day|"
        r"Columbus\s+Day|Groundhog\s+Day|Armistice\s+Day|Remembrance\s+Day|Flag\s+Day|April\s+Fools?['\u2019]?\s+Day|"
        r"Earth\s+Day|Juneteenth|Cinco\s+de\s+Mayo|Canada\s+Day|Australia\s+Day|Anzac\s+Day|Guy\s+Fawkes\s+Night|"
        r"Bonfire\s+Night)"
        r"(?:\s+(?P<week>week(?:end)?))?(?:,?\s+(?P<y>" + _YEAR + r"))?(?![\w-])"), _n_holiday, 0.85, ("h",),
          gate=("christmas", "new year", "independence", "fourth of july", "halloween", "valentine", "veterans",
                "boxing", "thanksgiving", "memorial", "labor day", "king", "election day", "good friday", "easter",
                "palm sunday", "holy week", "ash wednesday", "pentecost", " thursday", "patrick", "may day", "bastille",
                "er's day", "presidents", "columbus day", "groundhog", "armistice", "remembrance day", "flag day",
                "april fool", "earth day", "juneteenth", "cinco de mayo", "canada day", "australia day", "anzac day",
                "guy fawkes", "bonfire night")),
    _Rule("spelled_year", _rx(
        r"(?:(?P<mon>" + _MON_FULL + r")\s+|(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+of\s+"
        r"|the\s+year\s+(?=two\s+thousand))?(?P<sy>(?:eighteen|nineteen)\s+(?:" + "|".join(_TENS)
        + r")(?:[- ](?:" + "|".join(_SMALL[1:10]) + r"))?|(?:eighteen|nineteen)\s+(?:" + "|".join(_SMALL[10:])
        + r")|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?(?:" + "|".join(_SMALL[1:10]) + r"))?)"),
          _n_spelled_year, 0.85, ("mon",),
          gate=('eighteen ', 'nineteen ', 'two thousand')),
    _Rule("century", _rx(r"(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?)?(?P<ord>" + _ORD + r"|twenty-first)[- ]century"),
          _n_century, 0.9,
          gate=('centur',)),
    _Rule("rel_day", _rx(
        r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+"
        r"yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>" + _PART + r"))?"), _n_rel_day, 0.95,
          gate=('today', 'tonight', 'yesterday', 'tomorrow')),
    _Rule("this_part", _rx(r"(?:(?:early|late|earlier|later)\s+)?(?P<rel>this|last|yesterday|that|the\s+next|"
                           r"the\s+following|the\s+previous|(?:(?<=\bin\s)|(?<=\bon\s)|(?<=\bduring\s))the)\s+"
                           r"(?P<part>morning|afternoon|"
                           r"evening|night)(?!\s+(?:of|shows?|programs?|news|papers?|newspapers?|editions?|anchors?|"
                           r"hosts?|slots?|line-?ups?|tv|television|radio|briefings?|commute|rush|meetings?|"
                           r"sessions?|calls?|classes)\b)"),
          _n_this_part, 0.9,
          gate=('morning', 'afternoon', 'evening', 'night')),
    _Rule("part_day", _rx(r"(?:(?:early|late)\s+|mid[- ]?(?=morning|afternoon|evening))?(?P<part>morning|afternoon|evening|"
                          r"night)\s+(?P<day>yesterday|today|"
                          r"tomorrow|" + _WD + r")"), _n_part_day, 0.85, ("day",),
          gate=('morning', 'afternoon', 'evening', 'night')),
    _Rule("hour_of_part", _rx(r"(?P<h>[1-9]|1[0-2]|" + "|".join(_SMALL[1:13]) + r")\s+(?:o'clock\s+)?in\s+the\s+"
                              r"(?P<part>morning|afternoon|evening|night)"), _n_hour_of_part, 0.85,
          gate=(' in the ',)),
    _Rule("ahead", _rx(r"the\s+(?P<u>days|weeks|months|years)\s+ahead"), _n_ahead, 0.8,
          gate=(' ahead',)),
    _Rule("weekday_set", _rx(r"(?:every|each)\s+(?:other\s+)?(?P<wd>" + _WD + r")s?|on\s+(?P<wd2>" + _WD + r")s"
                             r"|(?P<wd3>" + _WD + r")(?:\s+(?P<parts>mornings|afternoons|evenings|nights)"
                             r"|(?=\s+(?:and|or)\s+" + _WD + r"\s+(?P<parts2>mornings|afternoons|evenings|nights)\b))"),
          lambda m, c: _n_weekday_set(_WeekdaySet(m), c), 0.85, ("wd", "wd2", "wd3"),
          gate=("every", "each", "days", "mornings", "afternoons", "evenings", "nights")),
    _Rule("weekday", _rx(
        r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<core>(?:(?P<rel>last|next|this|coming|past|previous|this\s+coming|the\s+(?:previous|following))\s+)?"
        r"(?P<wd>" + _WD + r")(?:\s+(?P<part>" + _PART + r"))?)"), _n_weekday, 0.9, ("wd",)),
    _Rule("weekend", _rx(r"(?P<rel>last|this|next|the\s+past|the\s+coming|this\s+coming|this\s+past|the)\s+weekend"),
          _n_weekend, 0.85,
          gate=('weekend',)),
    _Rule("rel_unit", _rx(
        r"(?:(?P<mod>" + _EDGE_MOD + r")[- ]\s*)?(?P<rel>the\s+very\s+(?:next|following|same)|(?:the\s+)?(?:" + _REL
        + r"|latest|most\s+recent)|the(?=\s+quarter))\s+"
        r"(?:(?:fiscal|financial|tax)\s+(?=year|quarter))?(?P<u>day|week|month|year|quarter|decade|century|spring|summer|"
        r"fall|autumn|winter)"
        r"(?!-|\s+(?:of|earlier|later|ago)\b)"), _n_rel_unit, 0.9),
    _Rule("quarter", _rx(
        r"(?:(?:the|its|their)\s+)?(?:(?P<yrel>last|this|next)\s+year's\s+|(?P<y0>" + _YEAR + r")\s+)?(?:fiscal\s+)?(?P<ord>first|second|"
        r"third|fourth|final|1st|2nd|3rd|4th|last(?=[- ]half))[- ](?:fiscal[- ])?(?:(?P<half>half)|quarter)"
        r"(?:\s+of\s+(?:(?<=half\sof\s)(?:the\s+)?(?P<dec>(?:1[6-9]|20)\d0'?s|'\d0s)"
        r"|(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<y>" + _YEAR + r")|(?:the\s+)?(?P<yrel2>"
        r"last|this|next)\s+year|the\s+(?:fiscal\s+|calendar\s+)?year(?![\w-])))?"), lambda m, c: _n_quarter(_Quarter(m), c), 0.9,
          gate=('quarter', 'half')),
    _Rule("two_quarters", _rx(  # 'the first two quarters of 1990' is its first half
        r"(?:the\s+)?(?P<ord>first|second|last|final)\s+(?P<half>two\s+quarters)\s+of\s+(?:(?:the\s+)?(?:fiscal\s+)?"
        r"(?:year\s+)?(?P<y>" + _YEAR + r")|(?:the\s+)?(?P<yrel>last|this|next)\s+year|the\s+(?:fiscal\s+|calendar\s+)?"
        r"year(?![\w-]))"), _n_quarter, 0.85, gate=('two quarters',)),
    _Rule("quarter_q", _rx(r"(?P<ord>Q[1-4])(?:\s+(?P<y>" + _YEAR + r"))?"), _n_quarter, 0.85),
    _Rule("ago", _rx(
        r"(?:(?P<mod>" + _PREMOD + r")\s+)?(?:(?P<n>" + _NUM + r"|" + _VAGUE + r"|the)\s+)?(?P<u>" + _UNIT
        + r")\s+(?:(?P<approx>or\s+so)\s+)?(?P<dir>ago|earlier|before(?=\s*[,.;:!?)\"'\u201d]|\s*$)|after(?=\s*[,.;:!?)\"'\u201d]|\s*$)|from\s+now|hence)"
        r"(?!\s+(?:than|that)\b)"), _n_ago, 0.9),
    _Rule("year_ago_period", _rx(
        r"(?:(?P<the>the)\s+(?:(?:comparable|corresponding|same)\s+)?(?=year-(?:ago|earlier)\s+(?:\w+\s+)?"
        r"(?:quarter|period|months)))?"
        r"year-(?:ago|earlier)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?P<u>quarter|period)"
        r"|\s+(?:first\s+)?(?P<months>six|nine|[1-9]|1[01])\s+months)?"
        r"|(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?P<u2>quarter|period)\s+"
        r"(?:a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year)"
        r"|last\s+year's\s+(?:(?:first|second|third|fourth)\s+)?(?P<u3>quarter|period)"),
          lambda m, c: _n_year_ago_period(_YearAgo(m), c), 0.85,
          gate=('year-', 'year ago', 'year earlier', 'last year')),
    _Rule("the_year", _rx(
        r"(?P<core>(?:(?P<mod>(?:earlier|later|early|late)\s+in|(?:the\s+)?(?:beginning|start|end|middle)\s+of)\s+)?"
        r"the\s+(?:(?:full|fiscal|financial|entire|whole)\s+)?year)(?P<ended>\s+end(?:ed|ing)\b)?"
        r"(?!-|\s+(?:ago|earlier|before|after|later|of|since|to|when|two)\b|\s+(?:1[6-9]|20)\d\d)"), _n_the_year, 0.7,
          gate=('the year', 'full year', 'fiscal year', 'financial year', 'entire year', 'whole year')),
    _Rule("edge_unit", _rx(
        r"(?P<mod>(?:earlier|later|early|late)\s+in|(?:the\s+)?(?:beginning|start|end|middle)\s+of)\s+the\s+"
        r"(?P<u>month|week)(?!-|\s+(?:of|before|after)\b)"), _n_edge_unit, 0.75),
    _Rule("in_the_day", _rx(r"(?P<mod>earlier|later)\s+in\s+the\s+day(?!-|\s+(?:of|before|after)\b)"), _n_in_the_day,
          0.7, gate=("in the day",)),
    _Rule("the_season", _rx(r"the\s+(?:(?P<mod>early|late|mid)[- ]?)?(?P<s>spring|summer|fall|autumn|winter)"
                            r"(?!\s+(?:of|season|olympics|games|session|meeting)\b|-)"), _n_the_season, 0.7,
          gate=("spring", "summer", "fall", "autumn", "winter")),
    # a season without 'the' after a preposition ('by spring', 'in late summer'), not a modifier ('in spring wheat')
    _Rule("bare_season", _rx(r"(?:" + "|".join(rf"(?<=\b{w}\s)" for w in ("in", "by", "until", "till", "since", "during",
                                                                          "through", "before", "after"))
                             + r")(?:(?P<mod>early|late|mid)[- ]?)?(?P<s>spring|summer|autumn|winter"
                             r"|(?<=late\s)fall|(?<=early\s)fall)"
                             r"(?=\s*(?:[,.;:!?)\"'\u201d]|$)|\s+(?:and|or|when|as|to|with|before|after|if|but|because|"
                             r"while|whether|the|a|an|this|that|its|his|her|their|it|he|she|they|we|is|was|will|"
                             r"would|could|has|had|in|on|at|for|amid)\b)"), _n_bare_season, 0.7,
          gate=("spring", "summer", "fall", "autumn", "winter")),
    _Rule("week_of", _rx(r"the\s+week\s+of\s+(?P<mon>" + _MON_D + r")\s+(?P<d>" + _DAYNUM + r")(?:,?\s+(?P<y>" + _YEAR
                         + r"))?"), _n_week_of, 0.85, ("mon",), gate=("week of",)),
    _Rule("nth_week_of", _rx(r"the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<mon>" + _MON
                             + r")(?:,?\s+(?P<y>" + _YEAR + r"))?"), _n_nth_week_of, 0.8, ("mon",), gate=("week of",)),
    _Rule("latest_period", _rx(r"the\s+(?:latest|most\s+recent)\s+period"), _n_latest_period, 0.7,
          gate=('period',)),
    _Rule("year_period", _rx(r"the\s+(?P<y>" + _YEAR + r")\s+(?:quarter|period)"), _n_year_period, 0.8,
          gate=('quarter', 'period')),
    _Rule("in_n", _rx(r"in\s+(?:the\s+next\s+)?(?P<core>(?P<n>" + _NUM + r"|" + _VAGUE + r")\s+(?P<u>" + _UNIT
                      + r"))(?:'?\s+time)?"),
          _n_in_n, 0.8),
    _Rule("duration_range", _rx(
        r"(?:the\s+(?:next|past|last|first|coming)\s+)?(?!(?:1[6-9]|20)\d\d\b)"
        r"(?:(?P<lo>" + _NUM_WORD + r"|\d{1,3})(?:\s*-\s*|\s+(?:to|or)\s+)(?P<n>" + _NUM_WORD + r"|\d{1,3})"
        r"|(?P<one>an?|one)\s+(?P<u1>" + _UNIT_SG + r")\s+or\s+(?:two|three))"
        r"(?(one)|[- ](?P<u>" + _UNIT + r"))(?![- ]old|-|\s+(?:ago|earlier|later|before|after|from\s+now|hence)\b)"),
          _n_duration_range, 0.8, gate=(" to ", " or ", "-")),  # 'two to three years ago': a date (the 'ago' rule)
    _Rule("duration", _rx(
        r"(?:(?P<mod>" + _PREMOD + r")\s+)?(?:(?P<qual>(?:the\s+)?(?:first|" + _LAST_QUAL
        + r"|past|next|coming|final|previous|"
        r"following|full|entire|whole|latest|initial|remaining|same)|the|a\s+mere|another)\s+)?"
        r"(?!(?:1[6-9]|20)\d\d\b)(?P<n>" + _NUM + r"|" + _VAGUE + r")(?:[- ](?:more|additional|extra|straight|consecutive"
        r"|trading|business|working|single)|(?P<plus>-?plus))?"
        r"[- ](?P<u>" + _UNIT + r")(?P<half>\s+and\s+a\s+half)?(?:[- ]long)?(?![- ]old|-)"), _n_duration, 0.85),
    _Rule("ordinal_day", _rx(r"(?:the|its|their|his|her)\s+(?P<ord>" + _ORD + r")\s+day(?!-|s)"), _n_ordinal_day, 0.7,
          gate=("st day", "nd day", "rd day", "th day")),
    _Rule("ordinal_duration", _rx(r"(?P<ord>" + _ORD + r")\s+(?P<u>year|month|week)(?!\s+of\b|-)"),
          _n_ordinal_duration, 0.7,
          gate=('st ', 'nd ', 'rd ', 'th ')),
    _Rule("bare_plural", re.compile(
        r"(?<![\w-])(?:(?P<prep>for|over|in|within|after|take[ns]?|taking|took|last|lasted|lasts|lasting|spen[dt]|"
        r"spends|spending|wait(?:s|ed|ing)?)\s+)?(?P<core>(?P<u>years|decades|months|"
        r"weeks|days|hours|minutes|centuries))(?![\w-])", re.IGNORECASE), _n_bare_plural, 0.7),
    _Rule("over_the_years", _rx(r"(?:over|throughout|in)\s+(?P<core>the\s+(?:early\s+)?(?P<u>years|decades|centuries))"
                                r"(?!\s+(?:of|before|after|since|that|when|to|ahead|following|between)\b)"),
          _n_bare_plural, 0.7, gate=("the years", "the decades", "the centuries", "the early years")),
    _Rule("long_ago", _rx(r"(?:(?<!not\s)(?<!that\s)(?<!how\s)(?<!not\sso\s)(?<!that\sso\s)(?:so\s+)?long"
                          r"|a\s+(?:very\s+)?long\s+time|(?:many,?\s+)+many\s+years)\s+ago"),
          _n_ref("PAST_REF"), 0.75, gate=(' ago',)),
    _Rule("vague_duration", _rx(r"(?P<w>(?:a|some)\s+(?:very\s+)?long\s+(?:time|while|period)|a\s+while"
                                r"|a\s+long\s+period\s+of\s+time)"), _n_vague_duration, 0.75,
          gate=('while', 'long')),
    _Rule("recent_pair", _rx(r"(?:the\s+)?(?P<w>recent|coming|next\s+few)\s+(?:years|months|weeks|days)\s+and\s+"
                             r"(?:years|months|weeks|days)"), _n_ref_pair, 0.8,
          gate=(' and ',)),
    _Rule("recent", _rx(r"(?:the\s+)?(?P<w>recent|past\s+(?:few|several)|last\s+(?:few|several)|coming|coming\s+few"
                        r"|next\s+(?:few|several))\s+(?P<u>years|months|weeks|days|decades|quarters|hours|minutes)"),
          _n_vague_span, 0.8,
          gate=('recent', 'few', 'several', 'coming')),
    # 'now that ... ' is the present (TimeBank 3 of 3); 'Now that's a surprise' is a discourse marker
    _Rule("present_ref", _rx(r"now(?!\s+that['\u2019]s\b)|currently|nowadays|presently|these\s+days|at\s+present"
                             r"|at\s+th(?:e|is)\s+moment|this\s+(?:crucial|critical|pivotal|historic|decisive|difficult|"
                             r"dangerous|important|precarious|perilous|unique|particular)\s+moment"
                             r"|at\s+this\s+time"), _n_ref("PRESENT_REF"), 0.8),
    _Rule("current", _rx(r"(?P<then>then[- ])?current(?!ly|s?\s+(?:account|affairs|events|of)\b)"), _n_current, 0.6,
          gate=('current',)),
    _Rule("past_ref", _rx(r"recently|lately|formerly|the\s+past(?!\s+(?:\d|" + _NUM_WORD
                          + r"|few|several|many|millenni\w*|seasons?|summers?|winters?|generations?|sessions?|terms?"
                          r"|elections?|campaigns?)\b)"
                          r"|(?<=\bat\s)th(?:e|at)\s+time(?!\s+of\b)"
                          r"|once\s+upon\s+a\s+time|(?<=\w\s)of\s+late(?!\s*-|\s+[a-z0-9])"),
          _n_ref("PAST_REF"), 0.75,
          gate=('recently', 'lately', 'formerly', 'the past', 'the time', 'that time', 'upon a time', 'of late')),
    _Rule("future_ref", _rx(r"the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future"
                            r"|as\s+soon\s+as\s+possible|in\s+due\s+course"
                            r"|an?\s+(?:later|future)\s+date"
                            r"|(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bof\s))the\s+(?:near|short|long)\s+term"
                            r"|(?<=\bin\s)(?:the\s+)?(?:coming\s+|next\s+)?future\s+(?:years|months|weeks|quarters|decades)"),
          _n_ref("FUTURE_REF"), 0.75,
          gate=('future', 'as soon', 'due course', 'later date', ' term')),
    _Rule("year_end", _rx(r"(?:(?P<y>" + _YEAR + r")\s+)?year[- ]end(?!\w|-)|(?:the\s+)?year['\u2019]s\s+end"),
          _n_year_end, 0.75, gate=('year-end', 'year end', "year's end", "year\u2019s end")),
    _Rule("the_week", _rx(r"(?:(?<=\bfor\s)|(?<=\bduring\s))the\s+week(?!\s+(?:of|before|after|ended|ending|to|that)\b|-)"),
          _n_the_week, 0.7, gate=('the week',)),
    _Rule("long", _rx(r"(?P<u>(?:hour|day|week|month|year|decade)s?)-?long"), _n_long, 0.8, gate=('long',)),
    _Rule("month_set", _rx(r"(?:every|each)\s+(?P<mon>" + _MON_FULL + r")"), _n_month_set, 0.8, ("mon",),
          gate=('every', 'each')),
    _Rule("mid_part", _rx(r"mid[- ]?(?P<part>morning|afternoon)"), _n_mid_part, 0.7, gate=('mid',)),
    _Rule("set", _rx(
        r"(?:(?P<freq>once|twice|three\s+times|\w+\s+times)\s+(?:a|an|per|each|every)\s+|(?:every|each|per)\s+"
        r"(?:(?P<n>other|" + _NUM_WORD + r"|\d+)\s+)?)(?P<u>" + _UNIT + r"|morning|afternoon|evening|night|spring|"
        r"summer|fall|autumn|winter|season|weekend)"), _n_set, 0.85,
          gate=('every', 'each', 'per ', 'once', 'twice', 'times')),
    _Rule("adverb_set", _rx(r"(?P<w>daily|nightly|weekly|monthly|yearly|annually|hourly)"),
          _n_adverb_set, 0.8,
          gate=('daily', 'nightly', 'weekly', 'monthly', 'yearly', 'annually', 'hourly')),
    _Rule("clock", _rx(
        r"(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm|o'clock)"
        r"|(?P<h24>[01]?\d|2[0-3])"
        r":(?P<mi24>[0-5]\d)(?=\s*(?:GMT|UTC|BST|CET|EST|EDT|PST|PDT|local))|(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)"
        r"(?=\s*(?:GMT|UTC|hrs\b|local\s+time))|(?P<noon>noon|midnight|midday))"
        r"(?:\s*(?P<tz>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|hrs|local\s+time))?"
        r"(?:,?\s+(?:on\s+)?(?P<day>" + _WD + r"|today|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|"
        r"evening)|last\s+night))?(?:,?\s+(?P<mon>" + _MON_D + r")\s+(?P<d>" + _DAYNUM + r"))?"),
          lambda m, c: _n_clock(_Clock(m), c), 0.9, ("day", "mon")),
)


class _Alias:
    """A match viewed through renamed groups, so one normalizer serves two word orders."""

    _names: ClassVar[dict[str, tuple[str, ...]]] = {}

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m
        self._groups = {k: next((m.groupdict().get(a) for a in alts if m.groupdict().get(a)), None)
                        for k, alts in self._names.items()}

    def __getitem__(self, name: str) -> str | None:
        return self._groups[name] if name in self._groups else self._m.groupdict().get(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._m.groupdict() | {k: v for k, v in self._groups.items()}

    def start(self, group: int | str = 0) -> int:
        return self._m.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._m.end(group)

    @property
    def string(self) -> str:
        return self._m.string


class _MonthDay(_Alias):
    _names: ClassVar[dict[str, tuple[str, ...]]] = {"mon": ("mon", "mon2"), "d": ("d", "d2")}


class _Quarter(_Alias):
    _names: ClassVar[dict[str, tuple[str, ...]]] = {"yrel": ("yrel", "yrel2"), "y": ("y", "y0")}


class _YearAgo(_Alias):
    _names: ClassVar[dict[str, tuple[str, ...]]] = {"u": ("u", "u2", "u3")}


class _WeekdaySet(_Alias):
    _names: ClassVar[dict[str, tuple[str, ...]]] = {"wd": ("wd", "wd2", "wd3"), "parts": ("parts", "parts2")}


class _Clock(_Alias):
    _names: ClassVar[dict[str, tuple[str, ...]]] = {"h": ("h", "h24", "h4"), "mi": ("mi", "mi24", "mi4")}


_NAME = re.compile(_WD + "|" + _MON_D, re.IGNORECASE)  # month and day names are written capitalized


_ORDINAL_SECOND = re.compile(r"\s+(?!(?:later|earlier|ago|before|after|or|and|of|to|in|for|the)\b)[a-z]")


_GENERIC_TODAY = re.compile(r"['\u2019]s\s+(?:\w+\s+)?(?:world|youth|society|generation|young|standards|kids|children|"
                            r"teenagers|culture|computers|technology|consumers|families|parents|students|workers|"
                            r"politicians|politics|leaders|voters|electorate|americans|women|men|people|media|"
                            r"journalists|journalism|economy|military|america|europe|climate|environment)\b(?!-)",
                            re.IGNORECASE)
_GENERIC_TOMORROW_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[a-z]+\s+)?$")  # 'a brighter tomorrow', 'a new tomorrow'


_ATTRIBUTIVE_MONTH = re.compile(r"\s+(?:elections?|vote|ballot|poll|referendum|accession|summit|meeting|session|talks|"
                                 r"deadline|agreement|deal|accord|report|figures|data|issue|edition|visit|trip|launch|"
                                 r"release|attacks?|uprising|crash|sales|quarter|comments?|remarks?|speech|statement|interview|"
                                 r"testimony)\b")
_MODAL_BEFORE = re.compile(r"\b(?:could|would|will|may|might|can|to|should|must)\s+$")
_LATER = re.compile(r"\s+later\b", re.IGNORECASE)


_TITLE_WORD = re.compile(r"(?<![.!?:;\"'`])\s[A-Z][\w'\u2019]*\s+$")  # a capitalized word, not sentence-initial
_TITLE_AFTER_WEEKDAY = re.compile(r"(?:\s+Night)?\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Mail|"
                                  r"Independent|Observer|Star|Sport|Live|Morning\s+Post|Magazine|Review)\b")
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Good|Easter|Black|Super|Cyber|Bloody|Holy|Ash|Palm|Maundy|Shrove|Giving)\s+$")
_NAME_AFTER_HOLIDAY = re.compile(r"\s+(?:Agreement|Accord|Island|Offensive|Uprising|Rising|Massacre|Bowl|"
                                 r"(?:trees?|cards?|carols?|lights|decorations?|ornaments?|eggs|costumes?|candy|music"
                                 r"|songs?|spirit)(?![\w-]))")  # ... or a thing of the holiday: 'Christmas trees'
_LABEL_BEFORE_NUMBER = re.compile(r"\b(?:Resolution|Room|Flight|Route|Highway|Interstate|Title|Vision|Agenda|Section|"
                                  r"Article|Rule|Proposition|Prop\.|Suite|Apartment|Gate|Channel|Windows|Model|Expo|"
                                  r"Bus|Train|Platform|Volume|Chapter|Page|Item|Code|Number|No\.)\s+$")
_CAPITALIZED_AFTER = re.compile(r"\s+[A-Z][a-z]")
_FRACTION_AFTER = re.compile(r"\s+(?:and|or|to)\s+(?:a\s+|one[- ])?(?:third|half|fifth|quarter)\b", re.IGNORECASE)
_GENERIC_WHEN = re.compile(r"\s+(?:when|(?:in|on|during)\s+which)\b")
_GENERIC_THAT = re.compile(r"\s+(?:when|that|which|where|(?:in|on|during)\s+which)\b")
_OPEN_QUOTES = ("\"", "'", "`", "\u201c", "\u2018")
# plural nouns a year dates rather than counts: 'the 2016 elections', 'below 2005 levels'
_DATED_PLURALS = frozenset({"elections", "games", "olympics", "levels"})
_YEAR_DETERMINERS = {"the", "its", "their", "his", "her", "our", "fiscal", "in", "of", "since", "for", "by", "from",
                     "until", "through", "during"}


_TITLE_GOES_ON = re.compile(r"(?:\s+(?:(?:with|of|and|in|on|at|for|the)\s+)?[A-Z][\w'\u2019.-]*){1,5}[,.!?]?"
                            r"(?:[\"\u201d\u2019]|'')")
_OPEN_QUOTE = re.compile(r"(?:[\"\u201c\u2018]|'')\Z")
_QUOTED_NAME = re.compile(r"[.,]?(?:[\"\u201d\u2019]|'')(?![sS]\b)")
_OPENS_CLAUSE = re.compile(r"(?:\A|[.!?:;\n][\"'\u201c\u201d)]*|[\"'\u201c(\u2014-])\s*\Z")


def _after_adjective(doc: Doc, char: int) -> bool:
    """Whether the word before ``char`` is an article or adjective ('a brighter tomorrow', not 'a job tomorrow')."""
    tok = _token_at(doc, char)
    return tok is not None and tok.i > 0 and (doc[tok.i - 1].tag_ in ("DT", "JJ", "JJR", "JJS") or bool(
        _HOPEFUL.fullmatch(doc[tok.i - 1].lower_)))


_HOPEFUL = re.compile(r"better|bright\w*|great\w*|new|safer|strong\w*|fair\w*|clean\w*|kind\w*|free\w*|health\w*|"
                      r"happ\w*|prosper\w*|hope\w*|just\w*|peace\w*")  # 'a brighter tomorrow' (often tagged a noun)


def _plausible(rule: _Rule, m: re.Match[str], doc: Doc, original: str) -> bool:
    """Cheap checks that throw out look-alikes (a 4-digit count, 'may' the verb). ``m`` matched the
    lower-cased text; capitalization is read from ``original``."""
    for name in rule.cased:
        if m.groupdict().get(name):
            word = original[m.start(name): m.end(name)]
            if not word[0].isupper() and (rule.name == "holiday" or _NAME.match(word)) and word != "election day":
                return False  # ... but news writes 'election day' in lower case too
    if original[m.start()].isupper() and _TITLE_GOES_ON.match(original, m.end()) and _OPEN_QUOTE.search(
            original, max(0, m.start() - 2), m.start()):
        return False  # '"Sunday Morning Futures"', '"Midday with Charlie Sykes"': the title of a show in quotes
    if rule.name == "duration_range" and not m["one"]:
        low, high = _number(m["lo"]), _number(m["n"])
        if low is None or high is None or not 0 < low < high:
            return False  # 'won 3-2 days later', 'the vote was 52 to 48 days after': a score, not a range
    if rule.name == "present_ref" and m.string.startswith("now,", m.start()) and _OPENS_CLAUSE.search(
            m.string, max(0, m.start() - 6), m.start()):
        return False  # 'Now, you said ...' opening a sentence or quote is a discourse marker (TimeBank 0 of 2)
    if rule.name == "month" and not m["y"] and not m["rel"] and not m["mod"]:
        mon = original[m.start("mon"): m.end("mon")]
        if mon in ("May", "March") or mon.endswith("."):
            # 'May' the modal, 'March' the noun at a sentence start: keep when a preposition precedes
            before = m.string[max(0, m.start() - 12): m.start()].lower().split()
            if not before or before[-1] not in ("in", "of", "since", "until", "by", "last", "next", "this",
                                                "early", "late", "mid", "from", "to", "through", "during",
                                                "till", "before", "after", "and", "or") and not (
                    before[-1] in ("the", "a", "her", "his", "their", "its", "our") and _ATTRIBUTIVE_MONTH.match(
                        m.string, m.end())):
                return False  # ... or 'the March accession', 'a May election' (the month as a modifier)
    if rule.name in ("year", "year_range_end") and not (m.groupdict().get("mod") or m.groupdict().get("season")):
        tok = _token_at(doc, m.start("y") if rule.name == "year" else m.start("yy"))
        prev = m.string[max(0, m.start() - 12): m.start()].split()
        dated = (bool(prev) and (prev[-1] in _YEAR_DETERMINERS or prev[-1].endswith(("'s", "\u2019s")))) or (
            rule.name == "year" and m.start("y") > m.start())  # 'fiscal 1989 sales'
        # 'the 1992 protests', 'fiscal 1989 sales', "the company's 1989 results" are dated
        if tok is not None and _parsed(doc) and not dated:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            # '2000 soldiers' counts soldiers; 'the 1996 Olympic bombing' is dated
            if nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in _DATED_PLURALS:
                return False
            if tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.lower_ not in _DATED_PLURALS:
                return False
        after = doc[tok.i + 2] if tok is not None and _parsed(doc) and tok.i + 2 < len(doc) else None
        if after is not None and (not prev or prev[-1] not in _YEAR_DETERMINERS or prev[-1] == "of") and (
                not prev or not prev[-1].endswith(("'s", "\u2019s"))) and tok.dep_ == "nummod" and tok.head.i == after.i and after.tag_ == "NNS" and (
                doc[tok.i + 1].tag_ in ("JJ", "VBN")) and after.lower_ not in _DATED_PLURALS:
            return False  # 'a poll of 2047 registered voters' counts voters
        if _LABEL_BEFORE_NUMBER.search(original, max(0, m.start() - 16), m.start()):
            return False  # 'Resolution 1973', 'Room 2012', 'Flight 1549', 'Vision 2030': a number in a name
        before = m.string[max(0, m.start() - 3): m.start()]
        if re.search(r"[$£€]\s*$|\d[,.]$", before) or re.match(r"[.,]\d", m.string[m.end(): m.end() + 2]):
            return False  # '$2000', 'closed at 2082.1'
    if rule.name == "century" and original[m.end() - 7].isupper() and _CAPITALIZED_AFTER.match(original, m.end()):
        return False  # '21st Century Fox', 'the 21st Century Cures Act': a name
    if rule.name == "duration" and m["n"] and _g(m, "u") == "quarters" and m.string.startswith("-", m.end("n")):
        return False  # 'three-quarters said so' is a fraction; a span of quarters is 'three quarters'
    if rule.name == "duration" and _g(m, "n") in ("a", "an") and (
            m.string[m.start() - 1: m.start()] == "-" or _FRACTION_AFTER.match(m.string, m.end())):
        return False  # '$15-an-hour' is a rate; 'between a quarter and a third' a fraction
    if rule.name == "duration" and _g(m, "u").startswith("quarter") and re.match(r"\s+of\b", m.string[m.end():]) and (
            _number(_g(m, "n")) is not None):
        return False  # 'three-quarters of the vote' is a fraction; 'several quarters of losses' is not
    if rule.name == "duration" and _g(m, "n") in ("a", "an") and not m["qual"] and not m["mod"] and (
            _GENERIC_WHEN.match(m.string, m.end()) or m.string.endswith("on ", 0, m.start())):
        return False  # 'a day when nobody felt safe', 'on a day rich in symbolism': a kind of day, not a length
    if rule.name in ("in_n", "duration") and _g(m, "n") in ("a", "an") and _GENERIC_THAT.match(m.string, m.end()) and (
            rule.name == "in_n" or m.string.endswith("in ", 0, m.start())):
        return False  # 'minimal in a quarter that produced a loss': a kind of quarter, not one from now
    if rule.name == "duration" and _g(m, "u") == "second" and _g(m, "n") in ("a", "the") and _ORDINAL_SECOND.match(
            m.string, m.end()):
        return False  # 'a second group', 'a second betrayal': the ordinal
    if rule.name in ("duration", "rel_unit") and original[max(0, m.start() - 1): m.start()] in _OPEN_QUOTES and (
            original[m.start("u")].isupper()):
        return False  # 'on CBS's "60 Minutes"', 'ABC's "This Week"': a programme's title
    if rule.name == "the_year" and original[m.end("core") - 4: m.end("core")] == "Year":
        return False  # 'Person of the Year', 'Year in Review': a title
    if rule.name == "clock" and m["noon"] and m.string[max(0, m.start() - 5): m.start()] == "high ":
        return False  # 'High Noon', 'high noon comes today'
    if rule.name == "clock" and m["h4"] and m.string[max(0, m.start() - 1): m.start()] == "(":
        return False  # '10:35 a.m. (0735 GMT)' restates the time just given
    if rule.name == "rel_day" and not m["part"] and (_GENERIC_TODAY.match(m.string, m.end()) or (
            _g(m, "w") == "tomorrow" and (m.string[max(0, m.start() - 3): m.start()] == "of " or (
                _GENERIC_TOMORROW_BEFORE.search(m.string, max(0, m.start() - 20), m.start()) and _after_adjective(
                    doc, m.start()))))):
        return False  # "today's youth", 'the world of tomorrow', 'a brighter tomorrow': now or later in general
    if rule.name == "weekday" and (_TITLE_AFTER_WEEKDAY.match(original, m.end()) or original[
            max(0, m.start() - 5): m.start()] == "News " or _NAMED_DAY_BEFORE.search(original, max(0, m.start() - 8),
                                                                                    m.start())):
        return False  # 'The Sunday Times', 'Fox News Sunday', 'Black Friday', 'Super Tuesday': a name
    if rule.name in ("the_season", "bare_season") and original[m.start("s")].isupper() and _CAPITALIZED_AFTER.match(
            original, m.end()):
        return False  # 'the Summer Paralympics', 'the Summer Palace': a name
    if rule.name == "holiday" and _NAME_AFTER_HOLIDAY.match(original, m.end()):
        return False  # 'the Good Friday Agreement', 'Easter Island': a name
    if rule.name in ("rel_day", "this_part") and original[m.start()].isupper() and (
            _TITLE_WORD.search(original, max(0, m.start() - 30), m.start())
            or original[m.start(): m.end()].istitle() and " " in original[m.start(): m.end()]):
        return False  # 'CBS This Morning', '"The Day After Tomorrow"': a title
    if rule.name == "rel_day" and not m["mod"] and original[m.start("w")].isupper() and _TITLE_WORD.search(
            original, max(0, m.start() - 30), m.start()):
        return False  # 'USA Today', 'This is VOA Today.', 'NBC's Today show': a name, mid-sentence and capitalized
    if rule.name == "rel_day" and original[m.start("w")].isupper() and _QUOTED_NAME.match(original, m.end()) and (
            _OPEN_QUOTE.search(original, max(0, m.start() - 2), m.start())):
        return False  # 'joins the "Today" show', 'a job on "Today."': a show's name in quotes
    if rule.name == "bare_plural" and not m["prep"] and not _LATER.match(m.string, m.end()):
        return False  # bare 'days' is a time only after 'for', 'within'... or in 'days later'
    # 'could last months' is a length; 'the last weeks of the campaign' is not bare
    return not (rule.name == "bare_plural" and _g(m, "prep") == "last" and not _MODAL_BEFORE.search(
        m.string, max(0, m.start() - 8), m.start()))


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------


# Every rule contains one of these words; the rules only run near them, so the text is
# scanned once by this regex instead of once per rule.
_TRIGGER = re.compile(
    r"\d|\b(?:(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|"
    r"(?:day|week|fortnight|month|year|quarter|decade|hour|minute|second)s?\b|centur|now|current|recent|lately|formerly|"
    r"past\b|future|ago\b|of\s+late\b|morning|afternoon|evening|night|noon|midnight|midday|tonight|today|yesterday|tomorrow|"
    r"daily|weekly|monthly|annually|yearly|hourly|nightly|spring|summer|fall\b|autumn|winter|season|weekend|"
    r"time\b|while\b|present|moment\b|due\b|long\b|term\b|q[1-4]\b|half\b|date\b|nineteen\b|eighteen\b|thousand\b|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ties\b|christmas|thanksgiving|easter|halloween|valentine|"
    r"(?:election|labor|memorial|independence|veterans|boxing|king|jr\.|year['\u2019]?s)\s+(?:day|eve)|fourth\s+of\s+july|pentecost|"
    r"juneteenth|mayo\b)",
    re.IGNORECASE)
# the same words without IGNORECASE and without a leading \b (slow in `re`): a few extra hits only widen the windows
_TRIGGER_LOWER = re.compile(_lower_literals(_TRIGGER.pattern).replace(r"\d|\b(?:", "[0-9]|(?:", 1))
_WINDOW = 40  # characters scanned on each side of a trigger word


def _segments(text: str, lowered: bool = False) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged, cut at whitespace."""
    segments: list[list[int]] = []
    n = len(text)
    for m in (_TRIGGER_LOWER if lowered else _TRIGGER).finditer(text):
        start, end = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        if segments and start <= segments[-1][1]:
            segments[-1][1] = end
        else:
            segments.append([start, end])
    out = []
    for start, end in segments:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < n and not text[end].isspace():
            end += 1
        out.append((start, end))
    return out


# typographic apostrophes, hyphens and no-break spaces read as their plain forms (one character each,
# so offsets stay put): "the ’90s", "two‑day", "March\u00a022"
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                       "\u00a0": " "})


def _candidates(doc: Doc, text: str) -> list[tuple[int, int, _Rule, re.Match[str]]]:
    """Every rule's matches, overlaps resolved longest first (ties: the earlier rule)."""
    found: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # a few characters ('İ') grow when lower-cased
    scanned = (lowered if same_length else text).translate(_FOLD)
    segments = _segments(scanned, same_length)
    for order, rule in enumerate(_RULES):
        if rule.gate and not any(word in lowered for word in rule.gate):
            continue
        pattern = rule.fast if same_length else rule.pattern
        for seg_start, seg_end in segments:
            for m in pattern.finditer(scanned, seg_start, seg_end):
                start, end = (m.span("core") if "core" in pattern.groupindex else m.span())
                if end > start and _plausible(rule, m, doc, text):
                    found.append((start, end, order, rule, m))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, _Rule, re.Match[str]]] = []
    for start, end, _, rule, m in found:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            chosen.append((start, end, rule, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


_LEADING_POSSESSIVE = re.compile(r"(?:its|their|his|her|our|my|your)\s+", re.IGNORECASE)
_LEADING_ARTICLE_ADJ = re.compile(
    r"(?:the|a|an)\s+(?=\S+-(?:fiscal-)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?)"
    r"(?:-long)?$|(?:\d{1,3}(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twelve|\w+teen|\w+ty)\s+"
    r"(?:second|minute|hour|day|week|month|quarter|year|decade)$)", re.IGNORECASE)


# reporting periods: 'for the nine months' (then 'a year earlier' is that span a year before) or a quarter
_SPAN_PERIOD = re.compile(r"(?:the\s+)?(?:(?:first|latest)\s+)?(?:six|nine|6|9)\s+months", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_TAIL = re.compile(r"\s+(?:(?P<approx>or\s+so)|(?P<after>or\s+later|and\s+beyond)|or\s+earlier)(?![\w-])",
                   re.IGNORECASE)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """TimeML span edges: no trailing punctuation, no possessive, and no article before a
    modifier ('the [30-day] period', 'the [two day] rally', '[third-quarter] profit')."""
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    for pattern in (_LEADING_POSSESSIVE, _LEADING_ARTICLE_ADJ):
        m = pattern.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return start, end


def _parse_published(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# 'WASHINGTON, Dec. 8 (UPI) --', 'PARIS, Aug 31 (Reuters) -': the date the story itself gives
_DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .'-]{2,40}(?:,\s+[A-Z][a-z]+\.?)?,\s+(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                       r"Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>[0-3]?\d)(?:,\s+\d{4})?\s*(?:\(|--|-|\u2014|\u2013|/)", re.MULTILINE)


def _dateline_date(text: str, published: date | None) -> date | None:
    """The reference date: the story's own dateline when it is a day or two off the publication date
    (a wire story dated the evening before, a page published after midnight), else the publication date."""
    if published is None:
        return None
    m = _DATELINE.search(text, 0, 400)
    if m is None:
        return published
    try:
        days = [date(published.year + k, _MONTHS[m["mon"][:3].lower()], int(m["d"])) for k in (-1, 0, 1)]
    except ValueError:
        return published
    day = min(days, key=lambda d: abs((d - published).days))
    return day if abs((day - published).days) <= 2 else published


def extract_timexes(doc: Doc) -> list[Timex]:
    """All temporal expressions of ``doc``, normalized against ``doc._.published``."""
    text = doc.text  # a spaCy property that joins every token: read it once
    if not text.strip():
        return []
    published = doc._.published if Doc.has_extension("published") else None
    ctx = _Ctx(doc=doc, text=text, ref=_dateline_date(text, _parse_published(published)))
    bounds = sentence_bounds(doc)
    sentence_starts = [b[0] for b in bounds]
    timexes: list[Timex] = []
    for start, end, rule, m in _candidates(doc, text):
        before, month_before = ctx.day_anchor, ctx.anchor_month
        ctx.weekday_note = None
        try:
            result = rule.normalize(m, ctx)
        except (ValueError, KeyError, IndexError, OverflowError, AttributeError, TypeError):
            result = None
        if ctx.day_anchor is not before:
            ctx.anchor_end = end
        if ctx.anchor_month is not month_before:
            ctx.month_end = end
        if result is None:
            continue
        kind, value, mod = result
        start, end = _trim(text, start, end)
        if _SPAN_PERIOD.fullmatch(text, start, end) or _QUARTER_VALUE.fullmatch(value):
            ctx.span_period = kind == "DURATION"
        tail = _TAIL.match(text, end) if kind != "SET" else None
        if tail and (tail["approx"] or kind == "DATE" and value[:1].isdigit()):
            end = tail.end()  # 'the next year or so', '1994 or later': the qualifier is part of the extent
            mod = mod or ("APPROX" if tail["approx"] else "ON_OR_AFTER" if tail["after"] else "ON_OR_BEFORE")
        i = bisect_right(sentence_starts, start) - 1
        sentence = TextSpan(start=bounds[i][0], end=bounds[i][1], text=text[bounds[i][0]:bounds[i][1]]) if i >= 0 else None
        timexes.append(Timex(start=start, end=end, text=text[start:end], type=kind, value=value, mod=mod,
                             sentence=sentence, confidence=rule.confidence))
        if ctx.weekday_note is not None:
            ctx.weekday_days.append((len(timexes) - 1, *ctx.weekday_note))
    _agree_weekdays(timexes, ctx.weekday_days)
    _share_range_years(timexes, text)
    return timexes


_RANGE_JOIN = re.compile(r"\s*(?:-|\u2013|to|through|thru|until|till|and|or)\s*", re.IGNORECASE)
_YEAR_NAMED = re.compile(r"\d{4}|'\d\d|\byear\b", re.IGNORECASE)
_MONTH_OR_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?")


def _share_range_years(timexes: list[Timex], text: str) -> None:
    """The two ends of 'from March to May 2024', 'between December and February 2024' or 'from
    October 2023 to March' share the year that only one of them names: the end without a year
    was placed by the publication date alone ('March' -> 2025-03), or left unknown (XXXX-03) without
    one, and the other end overrules that.
    The earlier end lies before the later one, so 'December to February 2024' starts in 2023."""
    for a, b in pairwise(timexes):
        if a.type != "DATE" or b.type != "DATE" or not _RANGE_JOIN.fullmatch(text, a.end, b.start):
            continue
        ma, mb = _MONTH_OR_DAY.fullmatch(a.value), _MONTH_OR_DAY.fullmatch(b.value)
        named_a, named_b = bool(_YEAR_NAMED.search(a.text)), bool(_YEAR_NAMED.search(b.text))
        if ma is None or mb is None or named_a == named_b or not (ma if named_a else mb)[1].isdigit():
            continue
        start = (int(ma[2]), int(ma[3] or 0))
        end = (int(mb[2]), int(mb[3] or 0))
        if named_b:
            year = int(mb[1]) - (start > end)
            a.value = f"{year:04d}{a.value[4:]}"
        else:
            year = int(ma[1]) + (end < start)
            b.value = f"{year:04d}{b.value[4:]}"


def governing_date(doc: Doc, start: int, end: int) -> str | None:
    """The TIMEX3 DATE value that dates the clause or event at characters [start, end).

    Among the date expressions of the same sentence, the one attached (in the dependency
    tree) to the same verb as the span wins; otherwise the nearest one in the sentence.
    TIME values give their day. None when the sentence has no date.
    """
    timexes = doc._.timexes if Doc.has_extension("timexes") and doc._.timexes is not None else extract_timexes(doc)
    if not timexes:
        return None
    bounds = sentence_bounds(doc)
    i = bisect_right([b[0] for b in bounds], start) - 1
    s_start, s_end = bounds[max(i, 0)]
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and s_start <= t.start < s_end]
    if not dated:
        return None
    best = None
    if _parsed(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verb = _governing_verb(span.root)
            same = [t for t in dated if (tok := _token_at(doc, t.start)) is not None
                    and _governing_verb(doc.char_span(t.start, t.end, alignment_mode="expand").root
                                        if doc.char_span(t.start, t.end, alignment_mode="expand") else tok) == verb]
            if same:
                best = min(same, key=lambda t: _distance(t, start, end))
    if best is None:
        best = min(dated, key=lambda t: _distance(t, start, end))
    value = best.value
    return value.split("T")[0] if best.type == "TIME" and "T" in value and value[0] != "P" else value


def _distance(t: Timex, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0


@Language.component("newsgraph_timex", assigns=["doc._.timexes"])
def timex_component(doc: Doc) -> Doc:
    doc._.timexes = extract_timexes(doc)
    return doc
