"""Fuzzing the readers: any bytes in any kind of file become Articles or named problems,
never an exception; cleaning never moves an offset; JSONL accounts for every line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import strategies as gen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest import IngestProblem, clean_text, read_inputs
from newsgraph.ingest.readers import BadInput, decode_text
from newsgraph.model import Article

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

# Bytes that look like text in some encoding more often than uniform random bytes would.
raw_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.tuples(gen.texts, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1", "utf-8-sig"]))
    .map(lambda p: p[0].encode(p[1], errors="replace")),
    st.tuples(gen.news_texts, st.integers(0, 400)).map(lambda p: p[0].encode("utf-8")[: p[1]]),  # truncated UTF-8
)


def _assert_items(items: list, path: Path) -> None:
    for item in items:
        assert isinstance(item, (Article, IngestProblem)), item
        if isinstance(item, IngestProblem):
            assert item.source.startswith(str(path)) and item.message
        else:
            assert item.text.strip() and item.source.startswith(str(path))
            assert item.id == Article.make_id(item.text)


@FAST
@given(raw_bytes)
def test_decode_text_returns_text_or_says_why(raw: bytes) -> None:
    try:
        text = decode_text(raw)
    except BadInput as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)


@SLOW
@given(raw_bytes, st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".text"]))
def test_any_bytes_in_any_file_kind(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(raw)
    items = list(read_inputs([path]))
    assert items, "every input yields an article or a problem"
    _assert_items(items, path)


@FAST
@given(gen.texts)
def test_cleaning_never_moves_offsets(raw: str) -> None:
    text, removed = clean_text(raw)
    kept = raw.replace("\x00", " ")
    assert kept.startswith(text)
    for span in removed:
        assert span.start >= len(text) and kept[span.start:span.end] == span.text


@SLOW
@given(st.integers(0, 2**32 - 1))
def test_jsonl_accounts_for_every_line(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines = [gen.jsonl_line(rng) for _ in range(rng.randint(1, 12))]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_inputs([path]))
    _assert_items(items, path)
    counted = [ln for ln in lines if ln.strip()]
    assert len(items) == len(counted)  # one article or one problem per non-blank line
    for item in items:
        if isinstance(item, IngestProblem):
            assert item.source.rsplit(":", 1)[1].isdigit(), "a bad line is named by its line number"


@pytest.mark.parametrize("depth", [1, 50, 300, 3000])
def test_deeply_nested_html(tmp_path: Path, depth: int) -> None:
    rng = random.Random(depth)
    body = " ".join(gen.news_text(rng, 1) for _ in range(6))
    path = tmp_path / "deep.html"
    path.write_text(gen.nested_html(rng, depth, body), "utf-8")
    items = list(read_inputs([path]))
    _assert_items(items, path)
    assert len(items) == 1
    if depth <= 50:
        assert isinstance(items[0], Article) and "." in items[0].text
    # deeper than libxml2's default limit (256) the parser drops the text: a named problem, no crash


@SLOW
@given(st.integers(0, 2**32 - 1), st.integers(0, 80))
def test_random_html(tmp_path: Path, seed: int, depth: int) -> None:
    rng = random.Random(seed)
    page = gen.nested_html(rng, depth, gen.mangle(rng, gen.news_text(rng, 5)))
    cut = rng.randint(len(page) // 2, len(page))  # sometimes truncated mid-tag
    path = tmp_path / "page.html"
    path.write_text(page[:cut], "utf-8")
    items = list(read_inputs([path]))
    _assert_items(items, path)
    assert len(items) == 1


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory):
    from newsgraph.store import Store

    store = Store(tmp_path_factory.mktemp("store") / "fuzz.db")
    yield store
    store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(gen.texts.filter(str.strip), min_size=1, max_size=4), st.text(max_size=60))
def test_store_round_trip_and_any_search_query(fuzz_store, texts: list[str], query: str) -> None:
    """Hostile text stores and reads back unchanged, records point at their text in the
    tables too, and any query string is a safe search (no FTS syntax error, no injection)."""
    from newsgraph.analysis import analyze_articles
    from newsgraph.ingest import article_from_text

    analyses = list(analyze_articles([article_from_text(t) for t in texts]))
    fuzz_store.add_many(analyses)
    for analysis in analyses:
        assert fuzz_store.analysis(analysis.article.id) == analysis
    rows = fuzz_store.db.execute(
        "SELECT a.text, q.start, q.end, q.text FROM quotes q JOIN articles a ON a.id = q.article_id"
    ).fetchall()
    assert all(text[start:end] == quote for text, start, end, quote in rows)
    for search in (fuzz_store.search, fuzz_store.search_quotes):
        assert isinstance(search(query), list)
        assert isinstance(search(texts[0][:40], limit=3, offset=1), list)
    assert fuzz_store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
