"""The benchmark corpus: real news texts, repeated with a unique line for volume.

Real texts: the demo corpus (examples/articles), the seed article, and, where
../shared is present, the SemEval-2025 task 10 English news documents and the
TempEval-3 TimeML texts. Repeats get a unique closing line, so every article id
differs and nothing is skipped as already stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

from newsgraph.evaluate import shared_dir
from newsgraph.ingest import read_inputs
from newsgraph.ingest.clean import article_from_text
from newsgraph.model import Article

ROOT = Path(__file__).resolve().parents[1]


def real_articles(*, small: bool = False) -> list[Article]:
    """The real texts; ``small``: the demo corpus and the seed only."""
    articles = [a for a in read_inputs([ROOT / "examples" / "articles"]) if isinstance(a, Article)]
    shared = shared_dir()
    if shared is None:
        return articles
    seed = shared / "examples" / "seed" / "article.txt"
    articles.append(article_from_text(seed.read_text("utf-8"), published="2025-04-26", source=str(seed)))
    if small:
        return articles
    semeval = shared / "data" / "framing" / "semeval2025t10" / "EN" / "train" / "raw-documents"
    for path in sorted(semeval.glob("*.txt")):
        articles.append(article_from_text(path.read_text("utf-8"), source=str(path)))
    from newsgraph.evaluate.tempeval3 import parse_timeml

    for path in sorted((shared / "data" / "tempeval3").glob("**/*.tml")):
        doc = parse_timeml(path)
        if doc.text.strip():
            articles.append(article_from_text(doc.text, published=doc.dct or None, source=str(path)))
    return articles


def corpus(n: int, *, small: bool = False) -> Iterator[Article]:
    """``n`` articles: the real ones, then repeats of them, each with a unique line appended."""
    real = real_articles(small=small)
    for i, article in enumerate(islice(cycle(real), n)):
        if i < len(real):
            yield article
        else:
            text = f"{article.text}\n\nBenchmark copy {i // len(real)}."
            yield article_from_text(text, published=article.published, source=f"{article.source}#copy{i}")


def write_jsonl(articles: Iterator[Article], path: Path) -> int:
    """Write articles as ingestible JSONL; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"text": a.text, "published": a.published, "title": a.title}) + "\n")
            count += 1
    return count
