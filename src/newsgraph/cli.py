"""The ``newsgraph`` command: a thin Typer layer over the Python API.

Errors a user can cause (bad path, bad file, bad option) print one line naming the input
and the problem, and set the exit code; they never show a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable
from rich.text import Text

from .ingest import IngestProblem, read_inputs
from .ingest.clean import normalize_published
from .model import Analysis, dump_json_schema

app = typer.Typer(
    help="newsgraph: who said what, who did what to whom, when, and according to whom — from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

EXIT_INPUT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store file.")]


def _problem(p: IngestProblem) -> None:
    err.print(Text(f"error: {p}", style="red"))


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err.print(Text(f"error: {message}", style="red"))
    return typer.Exit(code)


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) or folders.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides metadata).")] = None,
    title: Annotated[str | None, typer.Option(help="Article title (overrides metadata).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (overrides metadata).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text (a readable report), json, or jsonl.")] = "text",
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Analyze articles and print the result.

    Examples:
      newsgraph analyze article.txt --published 2025-04-26
      newsgraph analyze article.txt --published 2025-04-26 --format json > analysis.json
      newsgraph analyze corpus/ --format jsonl > analyses.jsonl
    """
    from .batch import analyze_stream
    from .report import render

    if fmt not in ("text", "json", "jsonl"):
        raise _fail(f"--format must be text, json or jsonl, not {fmt!r}")
    try:
        published = normalize_published(published)
    except ValueError as exc:
        raise _fail(f"--published: {exc}") from None
    overrides = {k: v for k, v in {"published": published, "title": title, "outlet": outlet}.items() if v}

    def articles():
        for item in read_inputs(paths):
            yield item.model_copy(update=overrides) if overrides and not isinstance(item, IngestProblem) else item

    failed = 0
    results: list[Analysis] = []
    for item in analyze_stream(articles(), workers=workers):
        if isinstance(item, IngestProblem):
            failed += 1
            _problem(item)
        elif fmt == "text":
            render(item, out)
        elif fmt == "jsonl":
            sys.stdout.write(item.to_json() + "\n")
        else:
            results.append(item)
    if fmt == "json" and results:
        doc = results[0].to_dict() if len(results) == 1 else [r.to_dict() for r in results]
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(EXIT_INPUT_PROBLEMS)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .jsonl; .parquet with --engine dask) or folders.")],
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store file (default news.db; with --engine dask and --parquet, none unless given).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default 1; with --engine dask, one per core).")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch and per transaction (per partition with dask).")] = 32,
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster).")] = None,
    parquet: Annotated[Path | None, typer.Option(help="With --engine dask: also write Parquet tables into this folder.")] = None,
) -> None:
    """Analyze articles into a store; resumable: run again to finish an interrupted ingest.

    Examples:
      newsgraph ingest corpus/ --db news.db --workers 2
      newsgraph ingest corpus/ --engine dask --parquet out/ --db news.db
      newsgraph ingest corpus/ --engine dask --scheduler tcp://host:8786 --parquet out/
    """
    from .batch import ingest as run_ingest
    from .store import Store, StoreError

    if engine not in ("local", "dask"):
        raise _fail(f"--engine must be local or dask, not {engine!r}")
    if engine == "local" and (scheduler or parquet):
        raise _fail("--scheduler and --parquet need --engine dask")
    if db is None and not (engine == "dask" and parquet):
        db = Path("news.db")
    try:
        store = Store(db) if db is not None else None
    except StoreError as exc:
        raise _fail(str(exc)) from None
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(), console=err, transient=False,
    )
    with progress:
        task = progress.add_task("ingest", total=None, note="")

        def tick(item: object) -> None:
            if isinstance(item, IngestProblem):
                progress.console.print(Text(f"error: {item}", style="red"))
            progress.update(task, advance=1, note=getattr(getattr(item, "article", None), "source", "") or "")

        try:
            if engine == "dask":
                from .scale import ingest_dask

                report = ingest_dask(
                    [str(p) for p in paths], scheduler=scheduler, workers=workers or os.cpu_count() or 1,
                    parquet=parquet, store=store, partition_size=batch_size, on_item=tick,
                )
            else:
                report = run_ingest(
                    [str(p) for p in paths], store, workers=workers or 1, batch_size=batch_size, on_item=tick
                )
        except KeyboardInterrupt:
            progress.stop()
            err.print("interrupted: what was stored is complete; run the same command again to finish")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:  # e.g. a Dask scheduler that cannot be reached
            raise _fail(f"{scheduler or 'dask'}: {exc}") from None
        finally:
            if store is not None:
                store.close()
    done = f"stored {report.stored} new article(s), {report.skipped} already in {db}" if store is not None else (
        f"analyzed {report.analyzed} article(s)"
    )
    also = f"; Parquet tables in {parquet}" if parquet else ""
    err.print(f"{done}, {len(report.problems)} problem(s){also}")
    if report.problems:
        raise typer.Exit(EXIT_INPUT_PROBLEMS)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = Path("news.db"),
    quotes: Annotated[bool, typer.Option("--quotes", help="Search quotations instead of articles.")] = False,
    limit: Annotated[int, typer.Option(help="Rows per page.")] = 20,
    offset: Annotated[int, typer.Option(help="Rows to skip.")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Full-text search over the store's articles (or quotations).

    Example:
      newsgraph search "Crimea" --db news.db
    """
    store = _open_readonly(db)
    with store:
        rows = (store.search_quotes if quotes else store.search)(query, limit=limit, offset=offset)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("no matches")
        return
    columns = ["published", "speaker_name", "text"] if quotes else ["id", "published", "title", "snippet"]
    table = RichTable(*columns, show_lines=True)
    for r in rows:
        table.add_row(*(Text("" if r[c] is None else str(r[c])) for c in columns))
    out.print(table)


@app.command()
def export(
    db: DbOption = Path("news.db"),
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("export"),
) -> None:
    """Export the store: JSONL (one analysis per line), or CSV/Parquet (one file per table).

    Example:
      newsgraph export --db news.db --format parquet --out export/
    """
    from .store.export import export as run_export

    store = _open_readonly(db)
    with store:
        try:
            files = run_export(store, fmt, out_dir)
        except ValueError as exc:
            raise _fail(str(exc)) from None
    for f in files:
        out.print(str(f))


@app.command()
def evaluate(
    name: Annotated[str, typer.Argument(help="Benchmark: seed, conll2003, tempeval3, polnear, plover, framing.")],
    split: Annotated[str, typer.Option(help="Data split to score (test, dev, train).")] = "test",
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    shared: Annotated[Path | None, typer.Option(help="The shared data folder (default ../shared).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Score newsgraph against a benchmark and print precision, recall and F1.

    Example:
      newsgraph evaluate seed
    """
    from .evaluate import EvalOptions, run_benchmark, shared_dir

    base = shared or shared_dir()
    if base is None or not base.is_dir():
        raise _fail("shared data folder not found: pass --shared or set NEWSGRAPH_SHARED")
    try:
        tables = run_benchmark(name, EvalOptions(shared=base, split=split, limit=limit))
    except (KeyError, FileNotFoundError) as exc:
        raise _fail(str(exc).strip("'\"")) from None
    if fmt == "json":
        sys.stdout.write(json.dumps([t.to_dict() for t in tables], indent=2) + "\n")
        return
    for t in tables:
        table = RichTable(title=t.title, title_justify="left", title_style="bold cyan")
        columns = list(dict.fromkeys(k for r in t.rows for k in r))
        for c in columns:
            table.add_column(c, justify="left" if c == "metric" else "right")
        for r in t.rows:
            table.add_row(*(_fmt(r.get(c)) for c in columns))
        out.print(table)
        for n in t.notes:
            out.print(Text(n, style="dim"))


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.3f}" if not v.is_integer() else str(int(v))
    return "" if v is None else str(v)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an analysis document."""
    sys.stdout.write(dump_json_schema())


@app.command()
def serve(
    db: DbOption = Path("news.db"),
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1 keeps it on this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    rate_limit: Annotated[bool, typer.Option(
        help="Per-client limits: 120 API requests per 10 s, 10 analyze calls per 60 s (429 beyond).")] = True,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI docs at /docs) over a store.

    Example:
      newsgraph serve --db news.db        # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .api import create_app
    from .api.ratelimit import DEFAULT_RULES
    from .store import StoreError

    try:
        application = create_app(db, rate_limit=DEFAULT_RULES if rate_limit else None)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    uvicorn.run(application, host=host, port=port, log_level="info")


def _emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Print view rows as JSON or as a table of ``columns``."""
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("nothing found")
        return
    table = RichTable(*columns, show_lines=True)
    for r in rows:
        table.add_row(*(Text(_fmt(r.get(c)) if not isinstance(r.get(c), list) else ", ".join(map(str, r[c])))
                        for c in columns))
    out.print(table)


FormatOption = Annotated[str, typer.Option("--format", help="table or json.")]


@app.command()
def stories(
    db: DbOption = Path("news.db"),
    story: Annotated[str | None, typer.Option(help="Show one story (any of its article ids) with its disagreements.")] = None,
    min_size: Annotated[int, typer.Option(help="Only stories with at least this many articles.")] = 1,
    fmt: FormatOption = "table",
) -> None:
    """Articles about the same happening, grouped; with --story, where their sources disagree.

    Example:
      newsgraph stories --db news.db --min-size 2
    """
    from .corpus import group_stories, story_detail

    with _open_readonly(db) as store:
        found = [s for s in group_stories(store) if len(s["articles"]) >= min_size]
        if story is not None:
            one = next((s for s in found if story in s["articles"]), None)
            if one is None:
                raise _fail(f"no story holds article {story}")
            detail = story_detail(store, one)
            if fmt == "json":
                sys.stdout.write(json.dumps(detail, indent=2, ensure_ascii=False) + "\n")
                return
            _emit(detail["articles"], ["id", "published", "outlet", "title"], "table")
            for d in detail["disagreements"]:
                claims = "; ".join(f"{c.get('text') or c.get('stance')} ({c.get('holder_name') or c['article_id']})"
                                   for c in d["claims"])
                out.print(Text(f"disagree on {d['about']}: {claims}"))
            return
    for s in found:
        s["size"] = len(s["articles"])
    _emit(found, ["id", "size", "first", "last", "title"], fmt)


@app.command()
def timeline(
    db: DbOption = Path("news.db"),
    story: Annotated[str | None, typer.Option(help="Any article id of the story.")] = None,
    entity: Annotated[int | None, typer.Option(help="Corpus entity id (see `newsgraph entity NAME`).")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Articles matching these words.")] = None,
    limit: Annotated[int, typer.Option(help="Rows per page.")] = 50,
    offset: Annotated[int, typer.Option(help="Rows to skip.")] = 0,
    fmt: FormatOption = "table",
) -> None:
    """Dated events and statements of a story, an entity or a search, earliest first.

    Example:
      newsgraph timeline --db news.db -q Crimea
    """
    from .corpus import group_stories
    from .corpus import timeline as run_timeline

    if story is None and entity is None and not query:
        raise _fail("give --story, --entity or --query")
    with _open_readonly(db) as store:
        ids = None
        if story is not None:
            one = next((s for s in group_stories(store) if story in s["articles"]), None)
            if one is None:
                raise _fail(f"no story holds article {story}")
            ids = one["articles"]
        items = run_timeline(store, story=ids, entity=entity, query=query, limit=limit, offset=offset)
    for i in items:
        i["who"] = i["speaker_name"] or ", ".join(a["name"] for a in i.get("actors", []))
    _emit(items, ["date", "kind", "type", "who", "sentence"], fmt)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity id, or words of its name.")],
    db: DbOption = Path("news.db"),
    limit: Annotated[int, typer.Option(help="Rows per list.")] = 20,
    fmt: FormatOption = "table",
) -> None:
    """An entity's page: names, roles, quotations, events, positions and co-occurring actors.

    Example:
      newsgraph entity "Putin" --db news.db
    """
    from .corpus import entity_page
    from .store.queries import find_entities

    with _open_readonly(db) as store:
        if name.isdigit():
            entity_id = int(name)
        else:
            hits = find_entities(store, name, limit=1)
            if not hits:
                raise _fail(f"no entity named like {name!r}")
            entity_id = hits[0]["id"]
        page = entity_page(store, entity_id, limit=limit)
    if page is None:
        raise _fail(f"no entity {name}")
    if fmt == "json":
        sys.stdout.write(json.dumps(page, indent=2, ensure_ascii=False) + "\n")
        return
    out.print(Text(f"{page['name']} ({page['type']}{', ' + page['kb_id'] if page['kb_id'] else ''})"
                   f" — {page['articles']} article(s)", style="bold"))
    out.print(Text("variants: " + ", ".join(v["text"] for v in page["variants"])))
    out.print(Text("roles: " + ", ".join(r["role"] for r in page["roles"])))
    _emit(page["quotes"], ["date", "kind", "text"], "table")
    _emit(page["events"], ["date", "type", "as_role", "sentence"], "table")
    _emit(page["positions"], ["published", "issue", "stance", "evidence"], "table")
    out.print(Text("with: " + ", ".join(f"{c['name']} ({c['articles']})" for c in page["co_occurring"])))


@app.command()
def matrix(
    db: DbOption = Path("news.db"),
    issue: Annotated[str | None, typer.Option(help="Only this issue.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """The position matrix: each issue × holder with the latest stance (and history in JSON).

    Example:
      newsgraph matrix --db news.db
    """
    from .corpus import position_matrix

    with _open_readonly(db) as store:
        result = position_matrix(store, issue=issue)
    if fmt == "json":
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    names = {h["key"]: h["name"] for h in result["holders"]}
    _emit([{"issue": c["issue"], "holder": names[c["holder"]], "stance": c["latest"]["stance"],
            "since": c["latest"]["published"], "positions": c["count"], "evidence": c["latest"]["evidence"]}
           for c in result["cells"]], ["issue", "holder", "stance", "since", "positions", "evidence"], "table")


@app.command("merge-entities")
def merge_entities(
    keep: Annotated[int, typer.Argument(help="Corpus entity id to keep.")],
    other: Annotated[int, typer.Argument(help="Corpus entity id that is the same actor.")],
    db: DbOption = Path("news.db"),
) -> None:
    """Correct the corpus: two entities are one actor. Kept for articles ingested later.

    Example:
      newsgraph merge-entities 12 31 --db news.db
    """
    from .store import StoreError

    with _open_readonly(db) as store:
        try:
            store.merge_entities(keep, other)
        except StoreError as exc:
            raise _fail(str(exc)) from None
    err.print(f"merged entity {other} into {keep}")


@app.command("split-entity")
def split_entity(
    entity_id: Annotated[int, typer.Argument(help="Corpus entity id that wrongly joins two actors.")],
    name: Annotated[str, typer.Argument(help="The name under which articles mean the other actor.")],
    db: DbOption = Path("news.db"),
) -> None:
    """Correct the corpus: articles naming NAME are a different actor. Kept for later articles.

    Example:
      newsgraph split-entity 12 "Hunter Biden" --db news.db
    """
    from .store import StoreError

    with _open_readonly(db) as store:
        try:
            new = store.split_entity(entity_id, name)
        except StoreError as exc:
            raise _fail(str(exc)) from None
    err.print(f"articles naming {name!r} now belong to new entity {new}")


def _open_readonly(db: Path):
    from .store import Store, StoreError

    if not db.exists():
        raise _fail(f"{db}: no such database (create it with `newsgraph ingest ... --db {db}`)")
    try:
        return Store(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None


def main() -> None:
    app()
