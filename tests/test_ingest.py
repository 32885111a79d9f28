"""Reading inputs: every supported kind, and one clear problem per bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsgraph.ingest import IngestProblem, article_from_text, clean_text, read_inputs
from newsgraph.model import Article

STORY = (
    "Foreign ministers of the Group of Seven met in Rome on Tuesday. "
    "Italy's foreign minister said the talks had been useful."
)


def read_all(*paths: Path) -> tuple[list[Article], list[IngestProblem]]:
    items = list(read_inputs(paths))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestProblem)]


def test_txt_with_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2025-03-04", "title": "G7 meets", "outlet": "Wire"}))
    articles, problems = read_all(tmp_path)
    assert problems == []
    [a] = articles
    assert (a.published, a.title, a.outlet, a.language) == ("2025-03-04", "G7 meets", "Wire", "en")
    assert a.id == Article.make_id(STORY)


def test_trailing_boilerplate_is_cut_without_moving_offsets() -> None:
    raw = STORY + "\nRead more\nShare this article\nBonus video:\n"
    text, removed = clean_text(raw)
    assert text == STORY
    assert [r.text for r in removed] == ["Read more", "Share this article", "Bonus video:"]
    assert all(raw[r.start:r.end] == r.text for r in removed)


def test_a_sentence_that_starts_like_boilerplate_is_kept() -> None:
    raw = STORY + "\nShare prices fell sharply in Moscow after the announcement, traders said on Tuesday."
    assert clean_text(raw)[0] == raw


def test_same_text_gives_same_id() -> None:
    assert article_from_text(STORY).id == article_from_text(STORY + "\nRead more").id


def test_legacy_encodings_are_decoded(tmp_path: Path) -> None:
    russian = "Министр иностранных дел России Сергей Лавров заявил во вторник, что переговоры продолжатся."
    (tmp_path / "ru.txt").write_bytes(russian.encode("cp1251"))
    french = "Le président a déclaré mardi que les négociations reprendraient à Genève la semaine prochaine."
    (tmp_path / "fr.txt").write_bytes(french.encode("latin-1"))
    (tmp_path / "u16.txt").write_bytes(STORY.encode("utf-16"))
    articles, problems = read_all(tmp_path)
    texts = {Path(a.source).name: a for a in articles}
    assert problems == []
    assert texts["ru.txt"].text == russian and texts["ru.txt"].language == "ru"
    assert texts["fr.txt"].text == french and texts["fr.txt"].language == "fr"
    assert texts["u16.txt"].text == STORY


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("blank.jsonl", b"\t\n\n", "no records"),
        ("binary.txt", bytes(range(256)) * 20, "binary file"),
        ("broken.json", b"{not json", "not valid JSON"),
        ("meta-only.json", b'{"published": "2025-01-01"}', 'string "text"'),
        ("no-article.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_files_are_named_problems(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, problems = read_all(path)
    assert articles == []
    [p] = problems
    assert p.source == str(path) and message in p.message


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse 200 MB file: cheap to make, refused by its size
        fh.truncate(200 * 1024 * 1024)
    [p] = list(read_inputs([path]))
    assert isinstance(p, IngestProblem) and "200 MB" in p.message and "limit" in p.message


def test_missing_path_and_bad_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "a.json").write_text('{"published": "next Tuesday"}')
    articles, problems = read_all(tmp_path / "nope.txt", tmp_path / "a.txt")
    assert articles == []
    assert problems[0].message == "no such file or folder"
    assert "not an ISO date" in problems[1].message


def test_jsonl_goes_on_past_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": STORY, "published": "2025-01-02"}) + "\n"
        + "{broken\n"
        + json.dumps({"text": 42}) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"text": STORY + " More followed on Wednesday.", "title": "Second"}) + "\n"
    )
    articles, problems = read_all(path)
    assert [a.title for a in articles] == [None, "Second"]
    assert [p.source for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_malformed_html_still_yields_the_article(tmp_path: Path) -> None:
    body = " ".join([STORY] * 3)
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>G7 in Rome</title><body><div><article><p>{body}<p><b>unclosed</div>")
    [a] = list(read_inputs([path]))
    assert isinstance(a, Article), a
    assert "Group of Seven" in a.text and a.title == "G7 in Rome"


def test_non_english_is_read_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Der Bundeskanzler sagte am Dienstag in Berlin, die Gespräche seien konstruktiv gewesen.")
    [a] = list(read_inputs([path]))
    assert a.language == "de"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_loop_ends(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text(STORY)
    os.symlink(tmp_path, sub / "loop")
    articles, problems = read_all(tmp_path)
    assert len(articles) == 1
    assert any("symlink loop" in p.message for p in problems)


def test_examples_are_all_readable(examples_dir: Path) -> None:
    articles, problems = read_all(examples_dir)
    assert problems == []
    assert len(articles) >= 6
    assert all(a.published and a.language == "en" for a in articles)
