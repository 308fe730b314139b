import os
from pathlib import Path

import pytest

from kg.sources import (
    InputError,
    date_from_name,
    decode_bytes,
    document_from_text,
    find_text_files,
    iso_date,
    read_document,
    read_sidecar_index,
    real_date_prefix,
    scan_paths,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = Path(__file__).parent.parent.parent / "data" / "samples"


def test_gb18030_original_decodes_to_the_same_text_as_the_utf8_copy() -> None:
    gb = read_document(FIXTURES / "encodings" / "hailar-2018-gb18030.txt", max_bytes=10**7)
    utf8 = read_document(SAMPLES / "2018-03-07_海拉尔区政府工作报告.txt", max_bytes=10**7)
    assert "海拉尔区" in gb.text
    assert "\r" not in gb.text
    # the shared UTF-8 copy was re-flowed; the characters are the same
    assert "".join(gb.text.split()) == "".join(utf8.text.split())


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes("\ufeff全过程人民民主".encode(), "x") == "全过程人民民主"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_decodes(encoding: str) -> None:
    text = "人民代表大会制度是实现我国全过程人民民主的重要制度载体。\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec writes its own BOM; the others need one
        data = "\ufeff".encode(encoding) + data
    assert decode_bytes(data, "x") == text


def test_utf16_bom_before_invalid_text_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(b"\xff\xfe\x00\xd8\x41", "x")  # a lone high surrogate


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_as_such(encoding: str) -> None:
    data = "人民代表大会制度是实现我国全过程人民民主的重要制度载体。\n2023年\n".encode(encoding)
    with pytest.raises(InputError, match="looks like UTF-16 text without a byte-order mark; re-save"):
        decode_bytes(data, "x")


@pytest.mark.parametrize("data", [b"\x00\x01binary", bytes(range(256)) * 4])
def test_short_or_arbitrary_binary_data_is_not_taken_for_utf16(data: bytes) -> None:
    # any even run of bytes reads as UTF-16, often as Han characters
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_bytes(data, "x")


def test_a_text_in_another_encoding_is_told_to_be_resaved() -> None:
    # Big5 (traditional characters) is no UTF-8, and as GB18030 it gives control characters
    data = "人民代表大會制度是實現全過程人民民主的重要制度載體。".encode("big5")
    with pytest.raises(InputError, match="control characters; re-save the file as UTF-8"):
        decode_bytes(data, "x")


def test_binary_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_document(f, max_bytes=10**6)


def test_empty_and_blank_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n  ", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_document(tmp_path / "empty.txt", max_bytes=100)
    with pytest.raises(InputError, match="white space"):
        read_document(tmp_path / "blank.txt", max_bytes=100)


def test_a_documents_source_is_the_files_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("人民", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "texts")
    for typed in (Path("a.txt"), Path("../texts/./a.txt"), tmp_path / "texts" / "a.txt"):
        assert read_document(typed, max_bytes=100).source == str((tmp_path / "texts" / "a.txt").resolve())


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("人民" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit"):
        read_document(f, max_bytes=100)


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes(b"caf\xe9 \xff\xfe\xfd\x81\x30")
    with pytest.raises(InputError, match="UTF-8"):
        read_document(f, max_bytes=100)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_text_files([tmp_path / "nope"])


def test_scan_paths_accounts_for_every_path(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("人民", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "table.csv").write_text("a,b", encoding="utf-8")
    scan = scan_paths([tmp_path / "nope", tmp_path / "texts", tmp_path / "empty", tmp_path / "table.csv"])
    assert scan.files == [tmp_path / "texts" / "a.txt"]
    assert scan.missing == [f"{tmp_path / 'nope'}: no such file or folder"]
    assert scan.ignored == [
        f"{tmp_path / 'empty'}: no .txt or .md files in this folder",
        f"{tmp_path / 'table.csv'}: not a .txt or .md file (only those are read)",
    ]


def test_a_folder_scan_leaves_out_hidden_files_and_folders(tmp_path: Path) -> None:
    for name in ("a.txt", ".hidden.txt", ".git/x.txt", "sub/.cache/y.md", "sub/b.md", ".notes/c.txt"):
        (tmp_path / "texts" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "texts" / name).write_text("人民", encoding="utf-8")
    texts = tmp_path / "texts"
    assert scan_paths([texts]).files == [texts / "a.txt", texts / "sub" / "b.md"]
    # a hidden folder or file named itself is read
    assert scan_paths([texts / ".notes", texts / ".hidden.txt"]).files == [
        texts / ".notes" / "c.txt",
        texts / ".hidden.txt",
    ]
    via_parent = scan_paths([texts / ".git" / ".."])  # the folder named is texts: nothing above it counts
    assert via_parent.files == [texts / ".git" / ".." / "a.txt", texts / ".git" / ".." / "sub" / "b.md"]


def test_a_device_or_fifo_is_not_a_regular_file_nor_missing(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    scan = scan_paths([Path("/dev/null"), fifo])
    assert scan.files == [] and scan.missing == []
    assert scan.ignored == [
        "/dev/null: not a regular file or folder",
        f"{fifo}: not a regular file or folder",
    ]


def test_sidecar_index_gives_titles_and_dates() -> None:
    from kg.ingest import IngestReport, read_documents

    files = find_text_files([SAMPLES])
    docs = list(read_documents(files, max_bytes=10**7, report=IngestReport()))
    assert len(docs) == len(files) >= 10
    by_name = {Path(d.source).name: d for d in docs}
    cpc20 = next(d for n, d in by_name.items() if "cpc20" in n)
    assert cpc20.date == "2022-10-16"
    assert "全面建设社会主义现代化国家" in cpc20.title


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2018-03-07_海拉尔区政府工作报告.txt", "2018-03-07"),
        ("gov_report_2023.txt", "2023"),
        ("立法法(2023-03-13).md", "2023-03-13"),
        ("notes.txt", None),
        ("report_2023-02-31.txt", "2023-02"),  # no such day: the month is still right
        ("report_2023-13-05.txt", "2023"),
    ],
)
def test_date_from_file_name(name: str, date: str | None) -> None:
    assert date_from_name(name) == date


@pytest.mark.parametrize("date", ["2023", "2023-12", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_real_iso_dates_pass(date: str) -> None:
    assert iso_date(date) == date


@pytest.mark.parametrize(
    ("date", "why"),
    [
        ("2023-13-45", "month must be in 1..12"),
        ("0000", "year 0 is out of range"),
        ("2023-00", "month must be in 1..12"),
        ("2023-02-30", "day is out of range for month"),
        ("2023-02-29", "day is out of range for month"),
        ("23-01-01", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023-1-1", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("２０２３", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2023-01-01\n", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_input_errors(date: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        iso_date(date)
    with pytest.raises(InputError, match=why):
        document_from_text("全过程人民民主。", title="", date=date)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-02-28", "2023-02-28"),
        ("2023-02-31", "2023-02"),
        ("2023-13-45", "2023"),
        ("0000", None),
        ("", None),
    ],
)
def test_real_date_prefix(text: str, date: str | None) -> None:
    assert real_date_prefix(text) == date


def test_index_dates_are_kept_only_as_far_as_they_are_real(tmp_path: Path) -> None:
    (tmp_path / "index.csv").write_text(
        "file,title,date\na.txt,A,2023-02-30\nb.txt,B,0000\nc.txt,C,2021-07-01\n", encoding="utf-8"
    )
    meta = read_sidecar_index(tmp_path)
    assert [meta[str((tmp_path / f).resolve())].date for f in ("a.txt", "b.txt", "c.txt")] == [
        "2023-02",
        None,
        "2021-07-01",
    ]


def test_a_zero_width_line_is_not_taken_for_the_title(tmp_path: Path) -> None:
    # gov_report_2021.txt opens with a line holding only a zero-width space (U+200B)
    path = tmp_path / "report.txt"
    path.write_text(
        "\u200b\n政府工作报告\n\n各位代表：现在，我代表国务院，向大会报告政府工作。\n", encoding="utf-8"
    )
    doc = read_document(path, max_bytes=10**6)
    assert doc.title == "政府工作报告"
    assert "\u200b" not in doc.text
