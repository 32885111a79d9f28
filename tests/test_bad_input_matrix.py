"""Every kind of bad input, through the command line, in one table.

Each row puts one hostile input in front of a good article and runs
``newsgraph analyze BAD GOOD --format jsonl``. The promise checked on every row: one clear
``error: <input>: <what is wrong>`` line per failed input, the good article still analyzed,
exit code 1 only when something failed (0 when the odd input was analyzable, with a warning
where it deserves one), and never a traceback.
"""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

GOOD = (
    "Kremlin spokesman Dmitry Peskov said on Friday that the talks had been useful. "
    '"We are ready to continue," he told reporters in Moscow.'
)
STORY = (
    "Foreign ministers of the Group of Seven met in Rome on Tuesday. "
    "Italy's foreign minister said the talks had been useful and would continue next week."
)


@dataclass
class Row:
    """What one bad input must produce: problems (source suffix, message fragment) and
    analyses (source suffix, warning fragment or None)."""

    make: Callable[[Path, pytest.MonkeyPatch], list[Path]]
    problems: list[tuple[str, str]] = field(default_factory=list)
    analyzed: list[tuple[str, str | None]] = field(default_factory=list)


def _file(name: str, content: bytes | str, meta: dict | str | None = None) -> Callable[[Path, pytest.MonkeyPatch], list[Path]]:
    def make(tmp: Path, _: pytest.MonkeyPatch) -> list[Path]:
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if meta is not None:
            path.with_suffix(".json").write_text(meta if isinstance(meta, str) else json.dumps(meta))
        return [path]
    return make


def _sparse(tmp: Path, _: pytest.MonkeyPatch) -> list[Path]:
    path = tmp / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    return [path]


def _unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    path = tmp / "secret.txt"
    path.write_text(STORY)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads through chmod 000: make the read fail the way it does for a user
        real = pathlib.Path.read_bytes

        def read_bytes(self: pathlib.Path) -> bytes:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return [path]


def _unreadable_folder(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    folder = tmp / "feed"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(STORY)
    (folder / "story.txt").write_text(STORY)
    (folder / "locked").chmod(0)
    if os.geteuid() == 0:  # as above: listing the folder fails the way it does for a user
        real = os.scandir

        def scandir(p: object = ".") -> object:
            if str(p) == str(folder / "locked"):
                raise PermissionError(13, "Permission denied", str(p))
            return real(p)

        monkeypatch.setattr(os, "scandir", scandir)
    return [folder]


def _symlink_loop_file(tmp: Path, _: pytest.MonkeyPatch) -> list[Path]:
    a, b = tmp / "a.txt", tmp / "b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    return [a]


def _symlink_loop_folder(tmp: Path, _: pytest.MonkeyPatch) -> list[Path]:
    folder = tmp / "feed"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    os.symlink(folder, folder / "loop")
    return [folder]


def _fifo(tmp: Path, _: pytest.MonkeyPatch) -> list[Path]:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return [path]


def _jsonl_mixed() -> bytes:
    lines = [
        json.dumps({"text": STORY, "published": "2025-03-04", "title": "G7"}),
        "{broken",
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": STORY + " Talks resume.", "published": "tomorrow"}),
        json.dumps({"text": STORY + " Talks end.", "title": ["wrong", "type"], "outlet": 7}),
    ]
    return ("\n".join(lines) + "\n").encode()


RU = "Министр иностранных дел России Сергей Лавров заявил во вторник, что переговоры продолжатся в Стамбуле."
FR = "Le ministre français des Affaires étrangères a déclaré mardi que les négociations reprendraient à Genève."
DE = "Der Bundeskanzler sagte am Dienstag in Berlin, die Gespräche mit Paris seien konstruktiv gewesen."
TRUNCATED = (STORY + " — “a good sign”, he said 🙂").encode("utf-8")[:-2]
LINE_1MB = " ".join([STORY] * 7000)[: 1024 * 1024]
HTML_BROKEN = f"<html><head><title>G7 in Rome</title><body><div><article><p>{STORY} {STORY}<p><b>unclosed</div>"
HTML_EMPTY = "<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav><footer>© 2025</footer></body></html>"

ROWS: dict[str, Row] = {
    "empty": Row(_file("empty.txt", b""), problems=[("empty.txt", "empty file")]),
    "whitespace only": Row(_file("blank.txt", b" \n\t \r\n"), problems=[("blank.txt", "empty file")]),
    "binary": Row(_file("photo.txt", bytes(range(256)) * 40), problems=[("photo.txt", "binary file")]),
    "truncated UTF-8": Row(_file("cut.txt", TRUNCATED), analyzed=[("cut.txt", None)]),
    "cp1251": Row(_file("ru.txt", RU.encode("cp1251")), analyzed=[("ru.txt", "language detected as 'ru'")]),
    "latin-1": Row(_file("fr.txt", FR.encode("latin-1")), analyzed=[("fr.txt", "language detected as 'fr'")]),
    "UTF-16 with BOM": Row(_file("u16.txt", STORY.encode("utf-16")), analyzed=[("u16.txt", None)]),
    "200 MB sparse": Row(_sparse, problems=[("huge.txt", "200 MB, over the 20 MB limit")]),
    "1 MB single line": Row(_file("line.txt", LINE_1MB), problems=[("line.txt", "1,000,000-character limit")]),
    "malformed HTML": Row(_file("page.html", HTML_BROKEN), analyzed=[("page.html", None)]),
    "HTML with no article": Row(_file("nav.html", HTML_EMPTY), problems=[("nav.html", "no article text")]),
    "JSONL broken lines, wrong types": Row(
        _file("feed.jsonl", _jsonl_mixed()),
        problems=[("feed.jsonl:2", "not valid JSON"), ("feed.jsonl:3", 'string "text"'),
                  ("feed.jsonl:4", 'string "text"'), ("feed.jsonl:6", "not an ISO date")],
        analyzed=[("feed.jsonl:1", None), ("feed.jsonl:7", None)],
    ),
    "empty JSONL": Row(_file("none.jsonl", b""), problems=[("none.jsonl", "empty file")]),
    "JSON of the wrong shape": Row(_file("one.json", '{"text": ["a"]}'), problems=[("one.json", 'string "text"')]),
    "missing path": Row(lambda tmp, _: [tmp / "missing.txt"], problems=[("missing.txt", "no such file or folder")]),
    "unreadable path": Row(_unreadable, problems=[("secret.txt", "cannot read: Permission denied")]),
    "unreadable folder": Row(_unreadable_folder, problems=[("locked", "cannot read folder: Permission denied")],
                             analyzed=[("story.txt", None)]),
    "symlink loop (file)": Row(_symlink_loop_file, problems=[("a.txt", "Too many levels of symbolic links")]),
    "symlink loop (folder)": Row(_symlink_loop_folder, problems=[("loop", "symlink loop")],
                                 analyzed=[("story.txt", None)]),
    "named pipe": Row(_fifo, problems=[("pipe.txt", "not a regular file")]),
    "non-English": Row(_file("de.txt", DE), analyzed=[("de.txt", "language detected as 'de'")]),
    "future published date": Row(_file("future.txt", STORY, {"published": "2999-01-01"}),
                                 analyzed=[("future.txt", "in the future")]),
    "malformed published date": Row(_file("baddate.txt", STORY, {"published": "31/02/2025"}),
                                    problems=[("baddate.txt", "not an ISO date")]),
    "impossible published date": Row(_file("feb30.txt", STORY, {"published": "2025-02-30"}),
                                     problems=[("feb30.txt", "not a real date")]),
    "broken metadata sidecar": Row(_file("meta.txt", STORY, "{oops"), problems=[("meta.txt", "metadata file meta.json")]),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_bad_input(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row = ROWS[name]
    bad = tmp_path / "in"
    bad.mkdir()
    inputs = row.make(bad, monkeypatch)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = CliRunner().invoke(app, ["analyze", *map(str, inputs), str(good), "--format", "jsonl"])

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(row.problems), result.stderr
    for (source, fragment), line in zip(row.problems, errors):
        where, _, message = line[len("error: "):].partition(": ")
        assert where.startswith(str(bad)) and where.endswith(source), line
        assert fragment in message, line
    analyses = [json.loads(line) for line in result.stdout.splitlines()]
    by_source = {a["article"]["source"]: a for a in analyses}
    assert str(good) in by_source, "the rest of the batch is processed"
    assert len(analyses) == len(row.analyzed) + 1
    for source, warning in row.analyzed:
        [a] = [a for s, a in by_source.items() if s.endswith(source)]
        if warning:
            assert any(warning in w for w in a["warnings"]), a["warnings"]
    assert result.exit_code == (1 if row.problems else 0), result.stderr
