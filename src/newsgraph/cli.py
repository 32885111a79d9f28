"""The ``newsgraph`` command: a thin Typer layer over the Python API.

Errors a user can cause (bad path, bad file, bad option) print one line naming the input
and the problem, and set the exit code; they never show a traceback.
"""

from __future__ import annotations

import json
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
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .html, .jsonl) or folders.")],
    db: DbOption = Path("news.db"),
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Articles per spaCy batch and per transaction.")] = 32,
) -> None:
    """Analyze articles into a store; resumable: run again to finish an interrupted ingest.

    Example:
      newsgraph ingest corpus/ --db news.db
    """
    from .batch import ingest as run_ingest
    from .store import Store, StoreError

    try:
        store = Store(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(), console=err, transient=False,
    )
    with store, progress:
        task = progress.add_task("ingest", total=None, note="")

        def tick(item: object) -> None:
            if isinstance(item, IngestProblem):
                progress.console.print(Text(f"error: {item}", style="red"))
            progress.update(task, advance=1, note=getattr(getattr(item, "article", None), "source", "") or "")

        try:
            report = run_ingest([str(p) for p in paths], store, workers=workers, batch_size=batch_size, on_item=tick)
        except KeyboardInterrupt:
            progress.stop()
            err.print("interrupted: what was stored is complete; run the same command again to finish")
            raise typer.Exit(EXIT_INTERRUPTED) from None
    err.print(
        f"stored {report.stored} new article(s), {report.skipped} already in {db}, {len(report.problems)} problem(s)"
    )
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
