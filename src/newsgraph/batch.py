"""Many articles at once: stream inputs through the pipeline, in one or several processes,
and into the store, reporting bad inputs by name and never holding the corpus in memory.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from .analysis import analyze_articles
from .ingest import IngestProblem, read_inputs
from .model import Analysis, Article
from .store.db import Store

Item = Analysis | IngestProblem


def analyze_stream(
    items: Iterable[Article | IngestProblem], *, workers: int = 1, batch_size: int = 32
) -> Iterator[Item]:
    """Analyses in input order (problems pass straight through); at most a few batches in flight."""
    if workers <= 1:
        yield from _analyze_serial(items, batch_size)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        pending: deque[Future] = deque()
        for batch, problems in _batches(items, batch_size):
            yield from problems
            if batch:
                pending.append(pool.submit(_worker_analyze, [a.model_dump_json() for a in batch]))
            while len(pending) > 2 * workers:
                yield from _decode(pending.popleft().result())
        while pending:
            yield from _decode(pending.popleft().result())


def _analyze_serial(items: Iterable[Article | IngestProblem], batch_size: int) -> Iterator[Item]:
    for batch, problems in _batches(items, batch_size):
        yield from problems
        yield from analyze_batch(batch)


def analyze_batch(batch: list[Article]) -> list[Item]:
    """Analyze a batch with nlp.pipe; if it fails, redo it one article at a time so that one
    article that breaks an extractor is reported by name and the others still get through."""
    try:
        results: list[Item] = list(analyze_articles(batch))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        results = []
        for article in batch:
            try:
                results.extend(analyze_articles([article]))
            except Exception as exc:  # noqa: BLE001 - reported as a problem naming the input
                results.append(
                    IngestProblem(article.source or article.id, f"analysis failed: {type(exc).__name__}: {exc}")
                )
    return results


def _batches(
    items: Iterable[Article | IngestProblem], size: int
) -> Iterator[tuple[list[Article], list[IngestProblem]]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield [a for a in chunk if isinstance(a, Article)], [p for p in chunk if isinstance(p, IngestProblem)]


def _worker_init() -> None:
    from .nlp import load_pipeline

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    load_pipeline()


def _worker_analyze(articles_json: list[str]) -> list[tuple[str, str, str]]:
    articles = [Article.model_validate_json(a) for a in articles_json]
    return [
        ("analysis", item.to_json(), "") if isinstance(item, Analysis) else ("problem", item.source, item.message)
        for item in analyze_batch(articles)
    ]


def _decode(results: list[tuple[str, str, str]]) -> Iterator[Item]:
    for kind, a, b in results:
        yield Analysis.model_validate_json(a) if kind == "analysis" else IngestProblem(a, b)


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0
    problems: list[IngestProblem] = field(default_factory=list)


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    on_item: Callable[[Item | None], None] | None = None,
) -> IngestReport:
    """Read, analyze and store everything under ``paths``; articles already stored are skipped
    before analysis, so an interrupted run picks up where it stopped."""
    report = IngestReport()

    def fresh() -> Iterator[Article | IngestProblem]:
        for item in read_inputs(paths):
            if isinstance(item, Article) and store.has_article(item.id):
                report.skipped += 1
                if on_item:
                    on_item(None)
                continue
            yield item

    pending: list[Analysis] = []
    for item in analyze_stream(fresh(), workers=workers, batch_size=batch_size):
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            store.record_problem(item.source, item.message)
        else:
            pending.append(item)
            if len(pending) >= batch_size:
                report.stored += store.add_many(pending)
                pending.clear()
        if on_item:
            on_item(item)
    if pending:
        report.stored += store.add_many(pending)
    return report
