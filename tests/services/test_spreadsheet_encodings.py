"""CSV files as offices save them: the encoding recognised (UTF-8 with or without BOM,
UTF-16, GB18030/GBK, Big5, Western), named when the file is not all in one, and read as a
stream, so memory stays flat up to the row cap."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from sales_desk.domain.customers.importing import MAX_ROWS
from sales_desk.services.common.spreadsheets import UnreadableFile, read_table

ROWS = [("客户编码", "客户名称", "地址"), ("C001", "上海华东贸易有限公司", "上海市浦东新区世纪大道100号"),
        ("C002", "北京京北商贸有限公司", "北京市朝阳区建国路88号")]
WESTERN = [("code", "name", "city"), ("C001", "Müller & Söhne GmbH", "München"),
           ("C002", "Société Générale", "Paris")]


def _csv(path: Path, rows, encoding: str) -> Path:  # noqa: ANN001
    path.write_bytes("".join(",".join(r) + "\r\n" for r in rows).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_a_chinese_csv_reads_in_the_encoding_it_was_saved_in(tmp_path: Path, encoding: str) -> None:
    table = read_table(_csv(tmp_path / "customers.csv", ROWS, encoding))
    assert [cells for _n, cells in table.rows] == ROWS


def test_a_big5_csv_from_taiwan_or_hong_kong_reads(tmp_path: Path) -> None:
    rows = [("客戶編碼", "客戶名稱"), ("C001", "台北華通貿易有限公司"), ("C002", "香港九龍灣商貿")]
    assert [cells for _n, cells in read_table(_csv(tmp_path / "tw.csv", rows, "big5")).rows] == rows


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_western_csv_reads_with_its_accents(tmp_path: Path, encoding: str) -> None:
    table = read_table(_csv(tmp_path / "west.csv", WESTERN, encoding))
    assert [cells for _n, cells in table.rows] == WESTERN


def test_a_file_in_two_encodings_is_refused_naming_the_one_it_began_in(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    head = "".join(f"C{n:05d},Customer {n},City\r\n" for n in range(20_000)).encode("utf-8")  # > the sample
    path.write_bytes(head + "C99999,华东贸易,上海\r\n".encode("gb18030"))
    with pytest.raises(UnreadableFile, match="utf-8") as refused:
        read_table(path)
    assert "CSV UTF-8" in str(refused.value)


def test_a_binary_file_named_csv_is_not_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(UnreadableFile):
        read_table(path)


@pytest.mark.slow
def test_a_49_mib_csv_over_the_row_cap_is_refused_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    line = ("C0000001,上海华东贸易有限公司第一分公司," + "浦东新区世纪大道一百号" * 4 + "\r\n").encode("utf-8")
    path.write_bytes(line * (49 * 1024 * 1024 // len(line)))
    assert path.stat().st_size > 48 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match=f"{MAX_ROWS:,}|{MAX_ROWS}"):
            read_table(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024  # the rows kept up to the cap, not the file
