"""Read articles from paths: .txt (+ sidecar .json), .html, .jsonl, folders recursively.

Every bad input becomes an ``IngestProblem`` naming the input and what is wrong, yielded
in the stream beside the good articles, so a batch never stops on one bad file.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..model import Article
from .clean import article_from_text

_MB = 1024 * 1024
MAX_BYTES = 20 * _MB  # a news article is kilobytes; anything this big is not one
MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: longer texts are refused by the parser
MIN_WORDS = 5  # main text shorter than this is page furniture (menus, cookie notes), not an article
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = frozenset(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES)  # what folders are searched for


@dataclass(frozen=True)
class IngestProblem:
    """One input that could not be read, said in words a user can act on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class BadInput(ValueError):
    """Raised inside a reader; turned into an IngestProblem for the named input."""


def read_inputs(paths: Iterable[str | os.PathLike], *, max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestProblem]:
    """Yield an Article or an IngestProblem for every article found under ``paths``."""
    for item in input_files(paths):
        if isinstance(item, IngestProblem):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def input_files(
    paths: Iterable[str | os.PathLike], suffixes: frozenset[str] | set[str] = ARTICLE_SUFFIXES
) -> Iterator[Path | IngestProblem]:
    """Every file named in ``paths`` or found in its folders (with one of ``suffixes``), in the
    order ``read_inputs`` reads them; hidden files and metadata sidecars are skipped."""
    for path in paths:
        p = Path(path)
        if not os.path.lexists(p):
            yield IngestProblem(str(p), "no such file or folder")
        elif p.is_dir():
            yield from _folder_files(p, suffixes)
        else:
            yield p


def _folder_files(folder: Path, suffixes: frozenset[str] | set[str]) -> Iterator[Path | IngestProblem]:
    seen: set[tuple[int, int]] = set()  # (device, inode) of folders walked: symlink loops end here
    unreadable: list[OSError] = []  # folders os.walk could not list: named, never silently skipped
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable.append):
        yield from _folder_problems(unreadable)
        try:
            st = os.stat(root)
        except OSError as exc:  # removed or replaced while we walk
            unreadable.append(exc)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            yield IngestProblem(root, "folder already visited (symlink loop); skipped")
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or _is_sidecar(path):
                continue
            if path.suffix.lower() in suffixes:
                yield path
    yield from _folder_problems(unreadable)


def _folder_problems(errors: list[OSError]) -> Iterator[IngestProblem]:
    while errors:
        exc = errors.pop(0)
        yield IngestProblem(str(exc.filename), f"cannot read folder: {exc.strerror or exc}")


def _is_sidecar(path: Path) -> bool:
    """NAME.json beside NAME.txt / NAME.html holds metadata, not an article."""
    return path.suffix.lower() == ".json" and any(
        path.with_suffix(s).exists() for s in TEXT_SUFFIXES | HTML_SUFFIXES
    )


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Article | IngestProblem]:
    """Read one file of any supported kind; problems are yielded, never raised."""
    source = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or device would block the batch or never end
            raise BadInput("not a regular file (a pipe, device or socket); nothing read")
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
            return
        raw = _read_bytes(path, max_bytes)
        if suffix == ".json":
            yield _article_from_json(decode_text(raw), source)
        elif suffix in HTML_SUFFIXES:
            yield _article_from_html(raw, source)
        else:
            meta = _sidecar_metadata(path)
            yield _article(decode_text(raw), source, meta)
    except BadInput as exc:
        yield IngestProblem(source, str(exc))
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise BadInput(f"file is {size / _MB:.0f} MB, over the {max_bytes / _MB:.0f} MB limit for one article")
    return path.read_bytes()


def decode_text(raw: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected legacy codepage."""
    if not raw.strip():
        raise BadInput("empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096] or _looks_binary(raw[:4096]):
        raise BadInput("binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        if exc.reason == "unexpected end of data" and not head.isascii():
            return head.decode("utf-8-sig")  # UTF-8 text cut off inside its last character
    matches = list(from_bytes(raw[:200_000]))
    if not matches:
        raise BadInput("text encoding not recognised (tried UTF-8, UTF-16 and legacy codepages)")
    # Short Western text decodes equally cleanly as cp1250 and cp1252; of the cleanest
    # candidates prefer cp1252 (latin-1's superset), the codepage most news in Latin script used.
    cleanest = min(m.chaos for m in matches)
    candidates = [m.encoding for m in matches if m.chaos == cleanest]
    encoding = "cp1252" if "cp1252" in candidates else candidates[0]
    return raw.decode(encoding, errors="replace")


def _looks_binary(head: bytes) -> bool:
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    return controls > max(8, len(head) // 20)


def _sidecar_metadata(path: Path) -> dict:
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput(f"metadata file {sidecar.name} is not valid JSON: {exc}") from None
    if not isinstance(meta, dict):
        raise BadInput(f"metadata file {sidecar.name} must hold a JSON object")
    return meta


def _article(text: str, source: str, meta: dict) -> Article:
    if not text.strip():
        raise BadInput("no text (only whitespace)")
    if len(text) > MAX_CHARS:
        raise BadInput(f"text is {len(text):,} characters, over the {MAX_CHARS:,}-character limit for one article")
    try:
        return article_from_text(
            text,
            published=meta.get("published") or meta.get("date"),
            title=_opt_str(meta.get("title")),
            outlet=_opt_str(meta.get("outlet")),
            url=_opt_str(meta.get("url")),
            source=source,
        )
    except ValueError as exc:
        raise BadInput(str(exc)) from None


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _article_from_html(raw: bytes, source: str) -> Article:
    """Main text and metadata through trafilatura; the date through htmldate when missing."""
    import trafilatura  # heavy import: only when HTML is read
    from htmldate import find_date

    html = decode_text(raw)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    doc = extracted.as_dict() if extracted is not None else {}
    text = doc.get("text") or ""
    if len(text.split()) < MIN_WORDS:
        raise BadInput(f"no article text found in the HTML (under {MIN_WORDS} words of main text)")
    published = doc.get("date")
    if not published:
        try:
            published = find_date(html, original_date=True)
        except (ValueError, TypeError):
            published = None
    meta = {
        "published": published,
        "title": doc.get("title"),
        "outlet": doc.get("sitename"),
        "url": doc.get("url"),
    }
    return _article(text, source, meta)


def _article_from_json(text: str, source: str) -> Article:
    """A .json file named on the command line holds one article object."""
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise BadInput(f"not valid JSON ({exc})") from None
    return _article_from_json_record(record, source)


def _article_from_json_record(record: object, source: str) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise BadInput('expected a JSON object with a string "text" (and optional published, title, outlet, url)')
    return _article(record["text"], source, record)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | IngestProblem]:
    """One article per line: {"text": ..., "published": ..., "title": ..., "outlet": ..., "url": ...}."""
    if path.stat().st_size == 0:
        yield IngestProblem(str(path), "empty file")
        return
    records = 0
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            if not line.strip():
                continue
            records += 1
            if len(line) > max_bytes:
                yield IngestProblem(where, "line is over the size limit for one article")
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except (ValueError, UnicodeDecodeError) as exc:
                yield IngestProblem(where, f"not valid JSON ({exc})")
                continue
            try:
                yield _article_from_json_record(record, where)
            except BadInput as exc:
                yield IngestProblem(where, str(exc))
    if not records:  # only blank lines: say so, as for an empty file
        yield IngestProblem(str(path), "no records (only blank lines)")
