"""The command line, end to end on real text: report, JSON, JSONL, ingest, search, export, evaluate."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

TEXT = (
    "Kremlin spokesman Dmitry Peskov said on Friday that the talks had been useful. "
    '"We are ready to continue," he told reporters in Moscow.'
)


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_analyze_prints_a_readable_report(tmp_path: Path) -> None:
    path = tmp_path / "peskov.txt"
    path.write_text(TEXT)
    result = run("analyze", str(path), "--published", "2025-04-26")
    assert result.exit_code == 0, result.output
    for heading in ("Entities", "Quotations", "Time", "Events", "Positions", "Framing"):
        assert heading in result.output
    assert "Dmitry Peskov" in result.output
    assert "published 2025-04-26" in result.output


def test_analyze_json_and_jsonl(tmp_path: Path, examples_dir: Path) -> None:
    path = tmp_path / "peskov.txt"
    path.write_text(TEXT)
    one = run("analyze", str(path), "--published", "2025-04-26", "--format", "json")
    doc = json.loads(one.stdout)
    assert doc["schema_version"] == 1 and doc["article"]["published"] == "2025-04-26"
    many = run("analyze", str(examples_dir), "--format", "jsonl")
    lines = many.stdout.splitlines()
    assert many.exit_code == 0 and len(lines) == 6
    assert {json.loads(line)["article"]["outlet"] for line in lines} == {"Newsgraph Demo Wire"}


def test_bad_inputs_are_reported_and_the_rest_analyzed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("analyze", str(tmp_path / "missing.txt"), str(empty), str(good), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert f"error: {empty}: empty file" in result.stderr
    assert "Traceback" not in result.output


def test_bad_option_values_are_one_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    result = run("analyze", str(path), "--published", "26/04/2025")
    assert result.exit_code == 2 and "not an ISO date" in result.stderr
    result = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2 and "no such database" in result.stderr
    result = run("export", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2


def test_ingest_search_export(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "news.db"
    result = run("ingest", str(examples_dir), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "stored 6 new article(s)" in result.stderr
    again = run("ingest", str(examples_dir), "--db", str(db))
    assert "stored 0 new article(s), 6 already in" in again.stderr
    hits = json.loads(run("search", "sanctions", "--db", str(db), "--format", "json").stdout)
    assert hits and hits[0]["title"] == "EU ministers move toward new Russia sanctions"
    table = run("search", "Istanbul", "--db", str(db))
    assert "Turkey" in table.stdout and "2025-04-27" in table.stdout
    out = tmp_path / "export"
    exported = run("export", "--db", str(db), "--format", "csv", "--out", str(out))
    assert exported.exit_code == 0 and (out / "articles.csv").exists()


def test_evaluate_seed_prints_its_table(shared) -> None:
    result = run("evaluate", "seed", "--shared", str(shared), "--format", "json")
    assert result.exit_code == 0, result.output
    [table] = json.loads(result.stdout)
    metrics = {row["metric"] for row in table["rows"]}
    assert {"entity mentions (exact span)", "quotes with the right speaker", "timex values right"} <= metrics


def test_evaluate_unknown_benchmark(shared) -> None:
    result = run("evaluate", "nope", "--shared", str(shared))
    assert result.exit_code == 2 and "unknown benchmark" in result.stderr


def test_non_english_article_is_analyzed_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Bundeskanzler Friedrich Merz sagte am Dienstag in Berlin, die Gespräche mit Paris seien konstruktiv gewesen."
    )
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["article"]["language"] == "de"
    assert any("language detected as 'de'" in w for w in doc["warnings"])


def test_without_a_date_relative_times_stay_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The minister met his Polish counterpart in Warsaw yesterday, officials said.")
    doc = json.loads(run("analyze", str(path), "--format", "json").stdout)
    assert doc["article"]["published"] is None
    assert any("no publication date" in w for w in doc["warnings"])
    [yesterday] = [t for t in doc["timex"] if t["text"] == "yesterday"]
    assert not yesterday["value"][:1].isdigit()  # no invented absolute date


def test_python_api_warns_about_a_future_publication_date() -> None:
    from newsgraph import analyze

    analysis = analyze("The summit opened in Geneva yesterday.", published="2999-01-01")
    assert any("in the future" in w for w in analysis.warnings)
    assert analysis.timex and analysis.timex[0].value == "2998-12-31"  # resolved against the date as given
