"""Dask engine: partitions read what the local reader reads, and a real 2-process
LocalCluster produces the same records as the local path, in Parquet and in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsgraph.batch import analyze_stream, ingest
from newsgraph.ingest import IngestProblem, read_inputs
from newsgraph.model import Analysis, Article
from newsgraph.scale import TABLES, analyses_to_tables, ingest_dask, plan_partitions, read_partition
from newsgraph.store import Store


def _read_all(paths: list[str], size: int) -> list[Article | IngestProblem]:
    items: list[Article | IngestProblem] = []
    for part in plan_partitions(paths, size):
        items.extend([part] if isinstance(part, IngestProblem) else read_partition(part))
    return items


def _key(item: Article | IngestProblem) -> tuple:
    return ("a", item.id, item.source) if isinstance(item, Article) else ("p", item.source, item.message)


@pytest.mark.parametrize("size", [1, 2, 64])
def test_partitions_read_exactly_what_the_local_reader_reads(tmp_path: Path, examples_dir: Path, size: int) -> None:
    wire = tmp_path / "wire.jsonl"
    lines = (examples_dir / "wire.jsonl").read_text("utf-8").splitlines()
    wire.write_text("\n".join([lines[0], "", "{not json", lines[1], '{"title": "no text"}', lines[0]]) + "\n", "utf-8")
    paths = [str(examples_dir), str(wire), str(tmp_path / "missing.txt")]
    local = list(read_inputs(paths))
    partitioned = _read_all(paths, size)
    assert sorted(map(_key, partitioned)) == sorted(map(_key, local))
    assert any(isinstance(p, IngestProblem) and p.source == f"{wire}:3" for p in partitioned)


def test_parquet_input_with_a_text_column(tmp_path: Path) -> None:
    texts = [
        "The mayor of Springfield said on Monday that the bridge would reopen in May.",
        "Officials in Lyon announced new rail services, according to the regional council.",
        "",
    ]
    path = tmp_path / "news.parquet"
    pq.write_table(
        pa.table({"text": texts, "published": ["2024-03-04", None, None], "title": ["Bridge", "Rail", "Empty"]}),
        path,
        row_group_size=2,
    )
    parts = list(plan_partitions([str(path)], 64))
    assert [p.kind for p in parts] == ["parquet", "parquet"]
    items = [i for p in parts for i in read_partition(p)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["Bridge", "Rail"]
    assert articles[0].published == "2024-03-04" and articles[0].source == f"{path}:0"
    assert [i.source for i in items if isinstance(i, IngestProblem)] == [f"{path}:2"]

    no_text = tmp_path / "other.parquet"
    pq.write_table(pa.table({"body": ["x"]}), no_text)
    (problem,) = plan_partitions([str(no_text)], 64)
    assert isinstance(problem, IngestProblem) and "text" in problem.message


def test_tables_keep_their_schema_when_empty() -> None:
    empty = analyses_to_tables([], [])
    assert set(empty) == set(TABLES)
    assert empty["timex"].schema.field("start").type == pa.int64()
    assert empty["quotes"].schema.field("confidence").type == pa.float64()
    assert empty["events"].schema.field("negated").type == pa.bool_()


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


def test_dask_cluster_matches_the_local_path(tmp_path: Path, examples_dir: Path, cluster) -> None:
    paths = [str(examples_dir)]
    local = {a.article.id: a for a in analyze_stream(read_inputs(paths)) if isinstance(a, Analysis)}

    with Store(tmp_path / "dask.db") as store:
        report = ingest_dask(
            paths, scheduler=cluster.scheduler_address, parquet=tmp_path / "pq", store=store, partition_size=2
        )
        dask_counts = store.counts()
        stored = {
            r["id"]: Analysis.model_validate_json(r["analysis"])
            for r in store.db.execute("SELECT id, analysis FROM articles")
        }
    assert report.problems == [] and report.partitions == 3
    assert report.analyzed == report.stored == len(local) == 6
    assert {k: v.to_dict() for k, v in stored.items()} == {k: v.to_dict() for k, v in local.items()}

    with Store(tmp_path / "local.db") as store:
        ingest(paths, store)
        assert store.counts() == dask_counts

    articles = ds.dataset(tmp_path / "pq" / "articles").to_table().to_pylist()
    assert {r["id"]: json.loads(r["analysis"]) for r in articles} == {k: v.to_dict() for k, v in local.items()}
    for name in ("entities", "quotes", "sources", "timex", "events", "positions", "framing"):
        table = ds.dataset(tmp_path / "pq" / name).to_table()
        assert table.num_rows == sum(len(getattr(a, name)) for a in local.values()), name
    timex = ds.dataset(tmp_path / "pq" / "timex").to_table().to_pylist()
    texts = {a.article.id: a.article.text for a in local.values()}
    assert timex and all(texts[t["article_id"]][t["start"]:t["end"]] == t["text"] for t in timex)
    mentions = ds.dataset(tmp_path / "pq" / "mentions").to_table()
    assert mentions.num_rows == sum(len(e.mentions) for a in local.values() for e in a.entities)
