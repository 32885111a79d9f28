"""Fuzzing every extractor at once: on any text, the pipeline never raises, every span it
reports sits inside the article and on the right characters, and every analysis validates
against the published JSON Schema.

One Doc runs all seven components, so each generated document exercises every extractor.
Two layers: hypothesis tests that shrink a failure to a minimal input, and a seeded volume
loop through ``nlp.pipe`` (NEWSGRAPH_FUZZ_N documents: 10,000 when CI=true, 500 otherwise)
that prints how many documents it checked. A failure prints the seed and the document.
"""

from __future__ import annotations

import json
import os
import random
import time
from functools import lru_cache
from importlib import resources

import jsonschema
import pytest
import strategies as gen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from newsgraph.analysis import analyze_articles
from newsgraph.model import Analysis, Article


def fuzz_settings(max_examples: int) -> settings:
    return settings(max_examples=max_examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def fuzz_n() -> int:
    """How many documents the volume loop runs: NEWSGRAPH_FUZZ_N, else 10,000 in CI, 500 locally."""
    default = 10_000 if os.environ.get("CI", "").lower() in ("1", "true", "yes") else 500
    return int(os.environ.get("NEWSGRAPH_FUZZ_N", default))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(resources.files("newsgraph").joinpath("schema/analysis-v1.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _spans(node: object, path: str) -> list[tuple[str, BaseModel]]:
    """Every record under ``node`` that carries start/end/text, with where it was found."""
    found: list[tuple[str, BaseModel]] = []
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if {"start", "end", "text"} <= fields.keys() and node.start is not None:
            found.append((path, node))
        for name in fields:
            if path == "article" and name == "boilerplate":
                continue  # offsets into the raw input, not into article.text
            found += _spans(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _spans(item, f"{path}[{i}]")
    return found


def check_analysis(analysis: Analysis) -> int:
    """Assert every invariant of one analysis; returns how many spans were checked."""
    text = analysis.article.text
    spans = _spans(analysis, "")
    for where, span in spans:
        start, end = span.start, span.end  # type: ignore[attr-defined]
        assert 0 <= start <= end <= len(text), f"{where}: [{start}:{end}] outside a text of {len(text)} characters"
        assert text[start:end] == span.text, f"{where}: [{start}:{end}] is {text[start:end]!r}, record says {span.text!r}"  # type: ignore[attr-defined]
    errors = sorted(_validator().iter_errors(json.loads(analysis.to_json())), key=str)
    assert not errors, f"schema: {errors[0].message} at {list(errors[0].absolute_path)}"
    ids = {e.id for e in analysis.entities}
    assert len(ids) == len(analysis.entities), "entity ids are not unique"
    return len(spans)


def run_docs(texts: list[str], dates: list[str | None], batch_size: int = 64) -> list[Analysis]:
    """Analyze documents as the batch path does (``nlp.pipe``); the raw text reaches the
    extractors unchanged (no cleaning), so NULs and controls are exercised too."""
    articles = [Article(id=Article.make_id(t), text=t, published=d) for t, d in zip(texts, dates)]
    return list(analyze_articles(articles, batch_size=batch_size))


def _check_one(text: str, published: str | None) -> None:
    [analysis] = run_docs([text], [published])
    check_analysis(analysis)


@fuzz_settings(150)
@given(gen.texts, gen.publication_dates)
def test_any_text_any_date(text: str, published: str | None) -> None:
    _check_one(text, published)


@fuzz_settings(60)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120), gen.publication_dates)
def test_any_unicode(text: str, published: str | None) -> None:
    _check_one(text, published)


@fuzz_settings(40)
@given(st.lists(st.sampled_from(gen.QUOTE_MARKS + [" ", "said", "\n", "Peskov", ","]), min_size=1, max_size=400).map("".join))
def test_quote_mark_soup(text: str) -> None:
    _check_one(text, "2025-04-26")


def test_thousands_of_quote_marks() -> None:
    rng = random.Random(7)
    texts = [gen.quote_storm(rng, 3000), '"' * 5000, "“" * 2000 + "”" * 2000, "«" * 3000, "'" * 4000 + " said Peskov."]
    for analysis in run_docs(texts, ["2025-04-26"] * len(texts), batch_size=8):
        check_analysis(analysis)


def test_huge_paragraphs() -> None:
    """A single 60,000-character paragraph of news sentences, one of unpunctuated words,
    and one of noise: analyzed whole, in bounded time."""
    rng = random.Random(11)
    news = " ".join(gen.news_text(rng, 1) for _ in range(400))[:60_000]
    words = " ".join(rng.choice(gen.WORDS) for _ in range(8000))
    noise = "".join(gen.noise_text(rng) for _ in range(300))
    started = time.monotonic()
    for analysis in run_docs([news, words, noise], ["2025-04-26", None, "2025-04-26"], batch_size=3):
        check_analysis(analysis)
    assert time.monotonic() - started < 240


@pytest.mark.parametrize("published", gen.PUBLISHED)
def test_relative_dates_against_extreme_publication_dates(published: str | None) -> None:
    """Publication dates at the ends of the calendar: relative times must not overflow."""
    text = " ".join(f"Officials met {d}." for d in gen.DATES)
    _check_one(text, published)


def test_volume(capsys: pytest.CaptureFixture[str]) -> None:
    """NEWSGRAPH_FUZZ_N seeded documents through nlp.pipe; every one checked."""
    n = fuzz_n()
    seed = int(os.environ.get("NEWSGRAPH_FUZZ_SEED", "20250426"))
    rng = random.Random(seed)
    texts = [gen.document(rng) for _ in range(n)]
    dates = [gen.published(rng) for _ in range(n)]
    started = time.monotonic()
    checked = spans = 0
    failures: list[str] = []
    step = 256
    for lo in range(0, n, step):
        chunk, chunk_dates = texts[lo:lo + step], dates[lo:lo + step]
        try:
            analyses = run_docs(chunk, chunk_dates)
        except Exception:  # noqa: BLE001 - find the document that raised, one at a time
            analyses = []
            for t, d in zip(chunk, chunk_dates):
                try:
                    analyses += run_docs([t], [d])
                except Exception as exc:  # noqa: BLE001
                    failures.append(f"raised {type(exc).__name__}: {exc} on {t!r} (published {d})")
        for a in analyses:
            checked += 1
            try:
                spans += check_analysis(a)
            except AssertionError as exc:
                failures.append(f"{exc} on {a.article.text!r} (published {a.article.published})")
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nfuzz volume: {checked}/{n} documents analyzed by every extractor, {spans} spans checked, "
              f"{len(failures)} failures, {elapsed:.0f}s (seed {seed})")
    assert not failures, f"{len(failures)} of {n} documents failed (seed {seed}); first:\n" + "\n".join(failures[:5])
