"""Clean raw article text and wrap it in an Article.

Cleaning only cuts trailing boilerplate ("Bonus video:", "Read more", share and
subscribe footers) and trailing whitespace: the kept text is never shifted, so
character offsets stay valid against the original file.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import py3langid

from ..model import Article, TextSpan

# A line that is only site furniture, not reporting. Matched against whole lines at the end.
_BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
        bonus\ video|watch\ (?:the\ )?video|video:|photo:|photos:|gallery:
      | read\ (?:more|also|next)|related(?:\ (?:articles?|stories|coverage))?|see\ also|more\ on\ this(?:\ story)?
      | share\ (?:this|on)|share|tweet|email|print|copy\ link
      | subscribe|sign\ up|newsletter|follow\ us|like\ us\ on|join\ our
      | advertisement|sponsored(?:\ content)?|comments?|leave\ a\ comment|\d+\ comments?
      | all\ rights\ reserved|©.*|copyright\b.*|tags?:
    )\b[^\n]{0,40}$""",
    re.IGNORECASE | re.VERBOSE,
)

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def clean_text(raw: str) -> tuple[str, list[TextSpan]]:
    """Strip trailing boilerplate lines; return the kept text and what was removed.

    Removed spans carry offsets into ``raw`` (they lie after the end of the kept text).
    """
    text = raw.replace("\x00", " ")  # NUL breaks SQLite FTS and terminals; same length keeps offsets
    removed: list[TextSpan] = []
    end = len(text.rstrip())
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if not _BOILERPLATE_LINE.match(line) or line_start == 0:
            break
        lead = len(line) - len(line.lstrip())
        removed.insert(0, TextSpan(start=line_start + lead, end=end, text=line.strip()))
        end = len(text[:line_start].rstrip())
    return text[:end], removed


def normalize_published(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) or None; raises ValueError naming what is wrong."""
    if value in (None, ""):
        return None
    m = _DATE.match(str(value).strip())
    if not m:
        raise ValueError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as exc:
        raise ValueError(f"published date {value!r} is not a real date: {exc}") from None


def published_warnings(published: str | None, today: date | None = None) -> list[str]:
    """Warnings for a publication date that is well formed but cannot be right: in the future
    (a day of slack for time zones). The article is still analyzed against the date given."""
    if not published:
        return []
    try:
        day = date.fromisoformat(published)
    except ValueError:
        return [f"published date {published!r} is not an ISO date: relative times may be wrong"]
    if day > (today or date.today()) + timedelta(days=1):
        return [f"published date {published} is in the future: relative times are resolved against it as given"]
    return []


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid ships its model), None for too little text."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    lang, _ = py3langid.classify(sample)
    return lang


def article_from_text(
    raw: str,
    *,
    published: object = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """Clean ``raw`` and build the Article; its id is the hash of the cleaned text."""
    text, removed = clean_text(raw)
    return Article(
        id=Article.make_id(text),
        text=text,
        published=normalize_published(published),
        title=title,
        outlet=outlet,
        url=url,
        language=detect_language(text),
        source=source,
        boilerplate=removed,
    )
