"""目录.pdf's table cells and the sign-off's lines are plain strings broken beforehand
(``plain_cells.cell``) and print exactly as the Paragraphs they replace, wrapped, escaped and
empty cells included."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from lowcarbon_desk.reports import package_index
from lowcarbon_desk.reports.package_index import IndexRecord, PackageIndex, index_pdf_bytes
from lowcarbon_desk.reports.pdf_common import esc


def _index(records: int) -> PackageIndex:
    rows = [IndexRecord(f"{n:08d}-be95-4436-9595-22f8dfcb04ec", "能源购进、消费与库存（205-1 表，月报）" * (1 + n % 2),
                        f"2025-{n % 12 + 1:02d}", 1 + n % 3, "已提交", "综合能源消费量 1,234.50 吨标准煤；二氧化碳排放 "
                        "3,456.78 吨" + "；<b>&amp; 标记</b>" * (n % 3), f"reports/2025-{n:02d}-能源购进消费与库存-r1.pdf")
            for n in range(records)]
    return PackageIndex("示范企业 <有限> & 公司" * 3, "91410199AA3QLY7YUR", "enterprise", "张三 & 李四",
                        "2025", "2026-12-07T23:20:00+08:00", rows,
                        [("submission.xlsx", "汇总工作簿（本包全部记录，标准工作簿格式）" * 4), ("a&b <c>.json", "")])


def _pages(tmp_path: Path, name: str, content: bytes) -> list[bytes]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(pdf), str(tmp_path / name)], check=True)
    return [page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-*.pgm"))]


@pytest.mark.parametrize("records", [0, 30])
def test_plain_cells_print_as_paragraphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: int) -> None:
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    index = _index(records)
    plain = index_pdf_bytes(index)
    monkeypatch.setattr(package_index, "cell", lambda text, style, width: Paragraph(esc(text), style))
    paragraphs = index_pdf_bytes(index)
    pages = _pages(tmp_path, "plain", plain)
    assert len(pages) == (1 if records == 0 else 4)  # the records table breaks across pages
    assert pages == _pages(tmp_path, "paragraphs", paragraphs)


@pytest.mark.parametrize("phone", ["", "0371-1234 5678 & <转 8>"])
def test_signoff_lines_are_plain_and_print_as_paragraphs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          phone: str) -> None:
    from lowcarbon_desk.reports import plain_cells
    from lowcarbon_desk.reports.pdf_common import Styles, build_pdf, record_signoff, signoff_block

    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    signoff = record_signoff({"contact_phone": phone}, "2026年11月30日")

    def page() -> bytes:
        return build_pdf([signoff_block(Styles(), signoff)], title="t", subject="s",
                         stamp="2025-01-01T00:00:00+00:00", footer="f")

    inner = signoff_block(Styles(), signoff)._cellvalues[0][0]
    assert all(isinstance(row[0], str) for row in inner._cellvalues)
    plain = page()
    monkeypatch.setattr(plain_cells, "cell", lambda text, style, width, padding=6: Paragraph(esc(text), style))
    assert _pages(tmp_path, "plain", plain) == _pages(tmp_path, "paragraphs", page())
