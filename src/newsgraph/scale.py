"""Beyond one machine: the same per-article analysis mapped over a Dask cluster.

The input is cut into small partitions (a group of files, a range of JSONL lines, a row
group of a Parquet file with a ``text`` column) that the workers read themselves, so the
client never holds the corpus; each worker runs ``batch.analyze_batch`` — exactly what
the local path runs — and sends back the analyses plus one Arrow table per record kind.
The client writes those as Parquet (one folder per table, one part file per partition)
and, optionally, into the SQLite store. Only a bounded number of partitions is in flight.

Paths must be readable by the workers (same machine, or a shared filesystem).
"""

from __future__ import annotations

import json
import logging
import os
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import IngestProblem
from .ingest.readers import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_BYTES,
    TEXT_SUFFIXES,
    BadInput,
    _article_from_json_record,
    input_files,
    read_file,
)
from .model import (
    Analysis,
    Article,
    Entity,
    Event,
    Framing,
    Position,
    Quote,
    SourceAttribution,
    Timex,
)
from .store.db import Store

PARQUET_SUFFIXES = {".parquet"}
FILE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PARQUET_SUFFIXES | {".json"}

# Parquet tables written per record kind: name -> (record class, how to get the records).
RECORD_TABLES: dict[str, type] = {
    "entities": Entity,
    "quotes": Quote,
    "sources": SourceAttribution,
    "timex": Timex,
    "events": Event,
    "positions": Position,
    "framing": Framing,
}
TABLES = ("articles", *RECORD_TABLES, "mentions", "problems")


@dataclass(frozen=True)
class Partition:
    """A unit of work a worker reads and analyzes on its own.

    kind ``files``: ``paths`` are whole files (txt/html/json); ``jsonl``: lines
    ``start``..``stop`` (1-based, inclusive start) of ``paths[0]`` beginning at byte
    ``offset``; ``parquet``: row group ``start`` of ``paths[0]``.
    """

    index: int
    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    offset: int = 0


@dataclass
class DaskReport:
    analyzed: int = 0
    stored: int = 0
    skipped: int = 0
    partitions: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    parquet_files: list[Path] = field(default_factory=list)


# -- planning (client side: cheap, streaming) -----------------------------------------------


def plan_partitions(paths: Iterable[str | os.PathLike], size: int = 64) -> Iterator[Partition | IngestProblem]:
    """Partitions of at most ``size`` articles, in the order the local reader would see them."""
    index = 0
    group: list[str] = []

    def flush() -> Iterator[Partition]:
        nonlocal index
        if group:
            yield Partition(index, "files", tuple(group))
            index += 1
            group.clear()

    for path in input_files(paths, FILE_SUFFIXES - {".json"}):
        if isinstance(path, IngestProblem):
            yield from flush()
            yield path
            continue
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES or suffix in PARQUET_SUFFIXES:
            yield from flush()
            chunks = _jsonl_chunks(path, size) if suffix in JSONL_SUFFIXES else _parquet_chunks(path)
            for chunk in chunks:
                if isinstance(chunk, IngestProblem):
                    yield chunk
                    continue
                kind, start, stop, offset = chunk
                yield Partition(index, kind, (str(path),), start, stop, offset)
                index += 1
            continue
        group.append(str(path))
        if len(group) >= size:
            yield from flush()
    yield from flush()


def _jsonl_chunks(path: Path, size: int) -> Iterator[tuple[str, int, int, int] | IngestProblem]:
    """(kind, first line, line after the last, byte offset) for every ``size`` lines."""
    try:
        with path.open("rb") as fh:
            start, offset, lineno = 1, 0, 0
            pos = 0
            for lineno, line in enumerate(fh, 1):
                pos += len(line)
                if lineno - start + 1 >= size:
                    yield ("jsonl", start, lineno + 1, offset)
                    start, offset = lineno + 1, pos
            if lineno >= start:
                yield ("jsonl", start, lineno + 1, offset)
            elif lineno == 0:
                yield IngestProblem(str(path), "empty file")
    except OSError as exc:
        yield IngestProblem(str(path), f"cannot read: {exc.strerror or exc}")


def _parquet_chunks(path: Path) -> Iterator[tuple[str, int, int, int] | IngestProblem]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # noqa: BLE001 - any unreadable file is a named problem
        yield IngestProblem(str(path), f"not a readable Parquet file ({exc})")
        return
    if "text" not in meta.schema.names:
        yield IngestProblem(str(path), 'Parquet file has no "text" column')
        return
    row = 0
    for group in range(meta.num_row_groups):
        yield ("parquet", group, row, 0)
        row += meta.row_group(group).num_rows


# -- reading and analysis (worker side) -----------------------------------------------------


def read_partition(part: Partition) -> Iterator[Article | IngestProblem]:
    """The articles (and problems) of one partition, named as the local reader names them."""
    if part.kind == "files":
        for path in part.paths:
            yield from read_file(Path(path))
    elif part.kind == "jsonl":
        yield from _read_jsonl_range(Path(part.paths[0]), part.start, part.stop, part.offset)
    elif part.kind == "parquet":
        yield from _read_parquet_group(Path(part.paths[0]), part.start, part.stop)


def _read_jsonl_range(path: Path, start: int, stop: int, offset: int) -> Iterator[Article | IngestProblem]:
    with path.open("rb") as fh:
        fh.seek(offset)
        for lineno in range(start, stop):
            line = fh.readline()
            where = f"{path}:{lineno}"
            if not line.strip():
                continue
            if len(line) > MAX_BYTES:
                yield IngestProblem(where, "line is over the size limit for one article")
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
                yield _article_from_json_record(record, where)
            except (ValueError, UnicodeDecodeError) as exc:
                yield IngestProblem(where, str(exc) if isinstance(exc, BadInput) else f"not valid JSON ({exc})")


def _read_parquet_group(path: Path, group: int, first_row: int) -> Iterator[Article | IngestProblem]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path).read_row_group(group)
    for i, record in enumerate(table.to_pylist()):
        where = f"{path}:{first_row + i}"
        record = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in record.items()}
        try:
            yield _article_from_json_record(record, where)
        except BadInput as exc:
            yield IngestProblem(where, str(exc))


def analyze_partition(part: Partition, with_tables: bool = True) -> dict:
    """Worker task: read, analyze (``batch.analyze_batch``) and tabulate one partition."""
    from .batch import analyze_batch

    items = list(read_partition(part))
    articles = [a for a in items if isinstance(a, Article)]
    problems = [(p.source, p.message) for p in items if isinstance(p, IngestProblem)]
    analyses: list[Analysis] = []
    for item in analyze_batch(articles) if articles else []:
        if isinstance(item, IngestProblem):
            problems.append((item.source, item.message))
        else:
            analyses.append(item)
    documents = [a.to_json() for a in analyses]
    return {
        "index": part.index,
        "analyses": documents,
        "problems": problems,
        "tables": analyses_to_tables(analyses, problems, documents) if with_tables else None,
    }


# -- tables ---------------------------------------------------------------------------------


def analyses_to_tables(
    analyses: list[Analysis], problems: list[tuple[str, str]] = (), documents: list[str] | None = None
) -> dict:
    """One Arrow table per record kind (nested fields as JSON text), plus articles and problems;
    ``documents``: the analyses' JSON when already serialized."""
    import pyarrow as pa

    out = {}
    documents = documents or [a.to_json() for a in analyses]
    article_rows = [
        {**a.article.model_dump(exclude={"boilerplate"}), "analysis": doc} for a, doc in zip(analyses, documents)
    ]
    out["articles"] = pa.Table.from_pylist(article_rows, schema=_articles_schema())
    for name, cls in RECORD_TABLES.items():
        rows = [
            {"article_id": a.article.id, "index": i, **_flat(r.model_dump(mode="json"))}
            for a in analyses
            for i, r in enumerate(getattr(a, name))
        ]
        out[name] = pa.Table.from_pylist(rows, schema=_record_schema(cls))
    mention_rows = [
        {"article_id": a.article.id, "entity_id": e.id, "start": m.start, "end": m.end, "text": m.text, "label": m.label}
        for a in analyses
        for e in a.entities
        for m in e.mentions
    ]
    out["mentions"] = pa.Table.from_pylist(mention_rows, schema=_mentions_schema())
    out["problems"] = pa.Table.from_pylist(
        [{"source": s, "message": m} for s, m in problems],
        schema=pa.schema([("source", pa.string()), ("message", pa.string())]),
    )
    return out


def _flat(row: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in row.items()}


def _arrow_type(annotation: object):
    """Arrow type for a pydantic field: scalars as themselves, anything nested as JSON text."""
    import pyarrow as pa

    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    return pa.string()  # str, Literal[...] and nested records (JSON)


def _record_schema(cls: type):
    import pyarrow as pa

    fields = [("article_id", pa.string()), ("index", pa.int64())]
    fields += [(name, _arrow_type(f.annotation)) for name, f in cls.model_fields.items()]
    return pa.schema(fields)


def _articles_schema():
    import pyarrow as pa

    names = [n for n in Article.model_fields if n != "boilerplate"]
    return pa.schema([(n, pa.string()) for n in names] + [("analysis", pa.string())])


def _mentions_schema():
    import pyarrow as pa

    return pa.schema([
        ("article_id", pa.string()), ("entity_id", pa.string()), ("start", pa.int64()),
        ("end", pa.int64()), ("text", pa.string()), ("label", pa.string()),
    ])


def write_tables(tables: dict, out: Path, index: int) -> list[Path]:
    """Write one partition's tables as ``out/TABLE/part-INDEX.parquet``."""
    import pyarrow.parquet as pq

    written = []
    for name, table in tables.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{index:06d}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


# -- orchestration (client side) ------------------------------------------------------------


def local_worker_config() -> dict:
    """Worker environment for a local cluster without the nanny's MALLOC_TRIM_THRESHOLD_=65536:
    with it glibc hands memory back after every spaCy batch and takes it again, which cost
    ~13% more worker CPU and wall time on news articles (300-article runs, 2 workers)."""
    import dask
    import distributed  # noqa: F401  (registers the distributed.* config defaults)

    env = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    env.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {"distributed.nanny.pre-spawn-environ": env}


def ingest_dask(
    paths: Iterable[str | os.PathLike],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    parquet: Path | None = None,
    store: Store | None = None,
    partition_size: int = 64,
    on_item: Callable[[Analysis | IngestProblem], None] | None = None,
) -> DaskReport:
    """Analyze everything under ``paths`` on a Dask cluster (``scheduler`` address, or a
    local cluster of ``workers`` processes) into Parquet and/or the store."""
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            return _run(client, paths, parquet, store, partition_size, on_item)
    with dask.config.set(local_worker_config()), LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster, Client(cluster) as client:
        return _run(client, paths, parquet, store, partition_size, on_item)


def _run(client, paths, parquet: Path | None, store: Store | None, partition_size: int, on_item) -> DaskReport:
    from dask.distributed import as_completed

    report = DaskReport()
    if parquet is not None:
        parquet.mkdir(parents=True, exist_ok=True)
    cores = max(1, sum(client.nthreads().values()))
    max_in_flight = 2 * cores
    planned = plan_partitions(paths, partition_size)
    queue = as_completed()
    in_flight = 0

    def submit_more() -> None:
        nonlocal in_flight
        while in_flight < max_in_flight:
            item = next(planned, None)
            if item is None:
                return
            if isinstance(item, IngestProblem):
                _problem(report, store, item, on_item)
                continue
            report.partitions += 1
            queue.add(client.submit(analyze_partition, item, parquet is not None, pure=False))
            in_flight += 1

    submit_more()
    while in_flight:
        future = next(queue)
        in_flight -= 1
        result = future.result()
        future.release()
        submit_more()
        for source, message in result["problems"]:
            _problem(report, store, IngestProblem(source, message), on_item)
        analyses = [Analysis.model_validate_json(a) for a in result["analyses"]]
        report.analyzed += len(analyses)
        if parquet is not None:
            report.parquet_files += write_tables(result["tables"], parquet, result["index"])
        if store is not None and analyses:
            new = store.add_many(analyses)
            report.stored += new
            report.skipped += len(analyses) - new
        if on_item:
            for a in analyses:
                on_item(a)
    return report


def _problem(report: DaskReport, store: Store | None, problem: IngestProblem, on_item) -> None:
    report.problems.append(problem)
    if store is not None:
        store.record_problem(problem.source, problem.message)
    if on_item:
        on_item(problem)
