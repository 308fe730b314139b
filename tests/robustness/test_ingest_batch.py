"""A batch of good and bad files through `kg ingest` (a real subprocess): every bad file gets a
clear per-file message, the good ones are stored, GBK/GB18030 texts are decoded to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import document_id
from kg.normalize import normalize_text
from tests.robustness.helpers import SAMPLES, kg, stored_extractions, summary

SPEECH = (SAMPLES / "2021_zhangqiu-npc-study-speech.txt").read_text(encoding="utf-8")
STATE_COUNCIL = (SAMPLES / "2019-02-15_国发〔2019〕5号.txt").read_text(encoding="utf-8")
#: GB18030-only characters (4-byte sequences, not in GBK): a CJK Extension B ideograph and the euro sign
GB18030_ONLY = "𠀀€"


def gbk_safe(text: str) -> str:
    """`text` without the characters GBK cannot encode."""
    return "".join(ch for ch in text if ch.encode("gbk", errors="ignore") or ch in "\n")


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of files whose names sort good and bad ones into each other; returns (folder, texts)."""
    folder = tmp_path / "in"
    folder.mkdir()
    gbk_text = "《关于GBK的测试通知》\n" + gbk_safe(STATE_COUNCIL)
    gb_text = f"关于GB18030的测试讲话{GB18030_ONLY}\n" + SPEECH[len(SPEECH) // 2 :]
    texts = {"a_utf8.txt": SPEECH, "c_gbk.txt": gbk_text, "e_gb18030.md": gb_text}
    (folder / "a_utf8.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_gbk.txt").write_bytes(gbk_text.encode("gbk"))
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "e_gb18030.md").write_bytes(gb_text.encode("gb18030"))
    (folder / "f_blank.txt").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    with (folder / "g_huge.txt").open("wb") as fh:  # sparse: 25 MB on paper, nothing on disk
        fh.truncate(25_000_000)
    (folder / "h_undecodable.txt").write_bytes(b"\x80\xff\xfe" * 200)
    # the UTF-8 speech again, saved as GB18030: same text, so the same document
    (folder / "i_twin_gb18030.txt").write_bytes(SPEECH.encode("gb18030"))
    (folder / "notes.csv").write_text("not a text file\n", encoding="utf-8")
    return folder, texts


@pytest.mark.slow
def test_bad_files_are_reported_one_by_one_and_the_good_ones_are_stored(
    batch: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, texts = batch
    data = tmp_path / "kg"
    done = kg("--data-dir", str(data), "ingest", str(folder))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout) == {"files": 9, "added": 3, "unchanged": 0, "duplicates": 1, "failed": 5}

    messages = {line for line in done.stderr.splitlines() if line.startswith("skipped")}
    expected = {
        "b_empty.txt": "empty file",
        "d_binary.txt": "binary file",
        "f_blank.txt": "only white space",
        "g_huge.txt": "over the limit of 20,000,000 (setting KG_MAX_FILE_BYTES)",
        "h_undecodable.txt": "not valid UTF-8",
    }
    for name, reason in expected.items():
        hits = [m for m in messages if name in m]
        assert len(hits) == 1, f"{name}: {sorted(messages)}"
        assert reason in hits[0], hits[0]
    assert "GB18030" in next(m for m in messages if "h_undecodable" in m)
    assert not any(name in done.stderr for name in ("a_utf8", "c_gbk", "e_gb18030", "notes.csv"))

    stored = stored_extractions(data)
    assert len(stored) == 3
    by_source = {Path(x.document.source).name: x for x in stored.values()}
    assert set(by_source) == set(texts)
    for name, text in texts.items():
        doc = by_source[name].document
        assert doc.text == normalize_text(text), f"{name} was not decoded to its text"
        assert doc.id == document_id(doc.text)
    assert GB18030_ONLY in by_source["e_gb18030.md"].document.text


@pytest.mark.slow
def test_gb18030_original_of_the_samples_is_the_same_document_as_its_utf8_copy(tmp_path: Path) -> None:
    """A real GB18030 file with CRLF line ends (the fixture) next to the sample it was converted to."""
    fixture = Path(__file__).parents[1] / "fixtures" / "encodings" / "hailar-2018-gb18030.txt"
    assert fixture.is_file(), "the GB18030 fixture must be committed"
    data = tmp_path / "kg"
    done = kg("--data-dir", str(data), "ingest", str(fixture))
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout)["added"] == 1
    (doc,) = (x.document for x in stored_extractions(data).values())
    assert "海拉尔区" in doc.text and "\r" not in doc.text and "\ufffd" not in doc.text


def test_a_batch_of_only_bad_files_fails_with_every_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    data = tmp_path / "kg"
    done = kg("--data-dir", str(data), "ingest", str(folder), KG_MAX_FILE_BYTES="1000")
    assert done.returncode == 1
    assert summary(done.stdout) == {"files": 2, "added": 0, "unchanged": 0, "duplicates": 0, "failed": 2}
    assert "empty.txt: empty file" in done.stderr
    assert "binary.txt: looks like a binary file" in done.stderr
    assert "Traceback" not in done.stderr


def test_size_limit_comes_from_the_setting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "small.txt").write_text(SPEECH[:200], encoding="utf-8")
    (folder / "large.txt").write_text(SPEECH, encoding="utf-8")
    data = tmp_path / "kg"
    done = kg("--data-dir", str(data), "ingest", str(folder), KG_MAX_FILE_BYTES="5000")
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout)["added"] == 1
    assert "large.txt" in done.stderr and "over the limit of 5,000" in done.stderr


def test_a_missing_path_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    done = kg("--data-dir", str(tmp_path / "kg"), "ingest", str(tmp_path / "nope"))
    assert done.returncode != 0
    assert "no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr
