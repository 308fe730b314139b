"""Reading policy texts from disk: file discovery, decoding, metadata.

Every problem with one file is an `InputError` with a message a user can act
on; callers report it and go on with the rest of the batch.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Document, document_id
from kg.normalize import normalize_text

TEXT_SUFFIXES = (".txt", ".md")
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_.年]?(\d{2}))?(?:[-_.月]?(\d{2}))?(?!\d)")


class InputError(ValueError):
    """One input file cannot be used; the message says why and what to do."""


ISO_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
ISO_DATE_SHAPES = "YYYY, YYYY-MM or YYYY-MM-DD"


def iso_date(text: str) -> str:
    """`text` when it is a real date in one of the ISO shapes YYYY, YYYY-MM, YYYY-MM-DD (year
    0001 to 9999); InputError otherwise (2023-13-45, 0000, 2023-02-30)."""
    if not re.fullmatch(ISO_DATE_PATTERN, text):
        raise InputError(f"date {text!r} is not {ISO_DATE_SHAPES}")
    parts = [int(p) for p in text.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    try:
        datetime.date(year, month, day)
    except ValueError as e:
        raise InputError(f"date {text!r} is not a real date ({e})") from None
    return text


def real_date_prefix(text: str | None) -> str | None:
    """The longest real ISO date that `text` starts with, for dates read from file names and
    index files: 2023-02-31 -> 2023-02, 2023-13-45 -> 2023, 0000 -> None."""
    parts = (text or "").strip().split("-")
    for n in range(min(len(parts), 3), 0, -1):
        try:
            return iso_date("-".join(parts[:n]))
        except InputError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class SourceMeta:
    title: str | None = None
    date: str | None = None


@dataclass(slots=True)
class PathScan:
    """The text files under some paths, and what was wrong with the paths that gave none."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # messages: paths that do not exist
    # messages: files of another type, devices and FIFOs, folders without texts
    ignored: list[str] = field(default_factory=list)


def is_text_file(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def _text_files_in(folder: Path) -> list[Path]:
    """The .txt/.md files under `folder`, recursively and sorted, leaving out hidden files and
    everything in hidden folders (.git, .venv, …): a name starting with '.' below `folder`."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # not entered
        for name in names:
            f = Path(root, name)
            if not name.startswith(".") and is_text_file(f) and f.is_file():
                out.append(f)
    return sorted(out)


def scan_paths(paths: Iterable[Path]) -> PathScan:
    """The .txt/.md files named or found (recursively) under the given paths, sorted, unique;
    a missing path, a named file of another type, a path that is neither a regular file nor a
    folder (a device, a FIFO) or a folder without text files is recorded with a message
    instead. In a folder, hidden files and folders are left out; a hidden folder or file named
    itself is read."""
    scan = PathScan()
    found: dict[Path, None] = {}
    kinds = " or ".join(TEXT_SUFFIXES)
    for p in paths:
        if p.is_dir():
            inside = _text_files_in(p)
            found.update(dict.fromkeys(inside))
            if not inside:
                scan.ignored.append(f"{p}: no {kinds} files in this folder")
        elif p.is_file():
            if is_text_file(p):
                found[p] = None
            else:
                scan.ignored.append(f"{p}: not a {kinds} file (only those are read)")
        elif p.exists():  # a device, a FIFO, a socket: nothing to read as a document
            scan.ignored.append(f"{p}: not a regular file or folder")
        else:
            scan.missing.append(f"{p}: no such file or folder")
    scan.files = list(found)
    return scan


def find_text_files(paths: Iterable[Path]) -> list[Path]:
    """The .txt/.md files named or found (recursively) under the given paths, sorted, unique;
    InputError on the first path that does not exist."""
    scan = scan_paths(paths)
    if scan.missing:
        raise InputError(scan.missing[0])
    return scan.files


def _looks_like_text(text: str) -> bool:
    """True when a decoded text is plausible prose (not mis-decoded binary)."""
    if not text:
        return True
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t")
    return bad / len(text) < 0.001


def _decode_utf16(data: bytes, name: str) -> str:
    """A text saved as UTF-16 with its byte-order mark (Windows Notepad's "Unicode")."""
    try:
        text = data.decode("utf-16")  # the BOM picks the byte order and is dropped
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16 "
            f"(byte {error.start}); re-save the file as UTF-8"
        ) from None
    if not _looks_like_text(text):
        raise InputError(f"{name}: starts with a UTF-16 byte-order mark but decodes to control characters")
    return text


#: what Chinese text is mostly made of: Han, CJK and full-width marks, printable ASCII, white space
_COMMON_TEXT = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\n\r\t]")


def _utf16_without_bom(data: bytes) -> bool:
    """Whether `data` (holding NUL bytes) reads as Chinese or ASCII text saved as UTF-16 without
    its byte-order mark: the NUL bytes (the high bytes of ASCII characters) nearly all on one side
    of the byte pairs, which gives the byte order, and the text so read has line breaks or spaces
    and is mostly Han, CJK marks and ASCII (any bytes read as UTF-16 give some characters, often
    Han: short binary data must not pass)."""
    sample = data[: 1 << 16]
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 0.95 * (even + odd):
        return False
    try:
        text = sample.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return False
    if "\x00" in text or not _looks_like_text(text) or not any(ch in text for ch in "\n "):
        return False
    return len(_COMMON_TEXT.findall(text)) >= 0.9 * len(text)


def decode_bytes(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM); UTF-16 with its BOM; else GB18030 (GBK, GB2312) when that
    yields plausible text."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _decode_utf16(data, name)
    if b"\x00" in data[:65536]:
        if _utf16_without_bom(data):
            raise InputError(
                f"{name}: looks like UTF-16 text without a byte-order mark; re-save the file as UTF-8 "
                "(or as UTF-16 with a BOM)"
            )
        raise InputError(
            f"{name}: looks like a binary file (NUL bytes); expected UTF-8, UTF-16 with a BOM or GB18030 text"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not valid UTF-8 (byte {utf8_error.start}) nor GB18030; re-save the file as UTF-8"
            ) from None
        if not _looks_like_text(text):
            raise InputError(
                f"{name}: not valid UTF-8, and as GB18030 it decodes to control characters; "
                "re-save the file as UTF-8 (other encodings, Big5 among them, are not read)"
            ) from None
        return text


def read_sidecar_index(folder: Path) -> dict[str, SourceMeta]:
    """Titles and dates from an `index.csv` (columns file, title, date) beside or above the files."""
    out: dict[str, SourceMeta] = {}
    for candidate in (folder / "index.csv", folder.parent / "index.csv"):
        if not candidate.is_file():
            continue
        base = candidate.parent
        with candidate.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                file = row.get("file")
                if not file:
                    continue
                date = row.get("date") or row.get("gov_cn_pub_date") or row.get("year")
                out[str((base / file).resolve())] = SourceMeta(
                    row.get("title") or None, real_date_prefix(date)
                )
        break
    return out


def date_from_name(name: str) -> str | None:
    m = _DATE_IN_NAME.search(name)
    if not m:
        return None
    year, month, day = m.groups()
    return real_date_prefix("-".join(x for x in (year, month, day if month else None) if x))


def title_from(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 4 <= len(first) <= 60 and not first.endswith(("。", "；", "，")):
        return first.lstrip("#").strip()
    return path.stem


def read_document(path: Path, *, max_bytes: int, meta: SourceMeta | None = None) -> Document:
    """Read, decode, normalise and identify one document; InputError on any problem. The
    document's `source` is the file's resolved absolute path, so one file is one source whatever
    the working directory or the spelling of the path (messages keep the path as given)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if size == 0:
        raise InputError(f"{path}: empty file")
    if size > max_bytes:
        raise InputError(
            f"{path}: {size:,} bytes is over the limit of {max_bytes:,} (setting KG_MAX_FILE_BYTES)"
        )
    text = normalize_text(decode_bytes(path.read_bytes(), str(path)))
    if not text.strip():
        raise InputError(f"{path}: only white space")
    meta = meta or SourceMeta()
    return Document(
        id=document_id(text),
        title=meta.title or title_from(text, path),
        text=text,
        date=meta.date or date_from_name(path.name),
        source=str(path.resolve()),
    )


def document_from_text(text: str, *, title: str, date: str | None = None, source: str = "") -> Document:
    """A document from text given directly (e.g. over HTTP); InputError when there is nothing to
    read or the date is not a real ISO date."""
    if "\x00" in text:
        raise InputError("text contains NUL characters; expected plain text")
    normalized = normalize_text(text)
    if not normalized.strip():
        raise InputError("text is empty")
    if date is not None:
        iso_date(date)
    return Document(
        id=document_id(normalized),
        title=title.strip() or normalized.splitlines()[0][:60],
        text=normalized,
        date=date,
        source=source,
    )
