"""reportlab's settings for every PDF (``pdf_common``): page streams Flate-compressed in binary,
without the ASCII85 layer, printing exactly as the same PDF with it; chart shapes unchecked,
the same bytes as checked."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab import rl_config

from lowcarbon_desk.reports.record_pdf import record_pdf
from lowcarbon_desk.storage import Store

from .pdfa_checks import problems

FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")


def test_page_streams_are_flate_only_and_binary(store: Store, ids: dict[str, str]) -> None:
    content = record_pdf(store, ids["annual"], "zh")
    filters = FILTERS.findall(content)
    assert filters and b"ASCII85" not in content
    assert {re.sub(rb"[\[\]\s]", b"", f) for f in filters} == {b"/FlateDecode"}
    # the header's comment line of bytes over 127 that marks a binary file (PDF/A 6.1.2)
    second_line = content.split(b"\n")[1]
    assert second_line.startswith(b"%") and all(byte > 127 for byte in second_line[1:5])
    assert problems(content) == []


def _pages(tmp_path: Path, name: str, content: bytes) -> list[bytes]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "60", "-gray", str(pdf), str(tmp_path / name)], check=True)
    return [page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-*.pgm"))]


def test_binary_streams_print_as_ascii85_ones(store: Store, ids: dict[str, str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: scripts/setup.sh installs poppler-utils")
    binary = record_pdf(store, ids["audit"], "zh")
    monkeypatch.setattr(rl_config, "useA85", 1)
    ascii85 = record_pdf(store, ids["audit"], "zh")
    assert b"ASCII85Decode" in ascii85 and len(binary) < len(ascii85)
    pages = _pages(tmp_path, "binary", binary)
    assert len(pages) > 1 and pages == _pages(tmp_path, "ascii85", ascii85)


def test_shapes_are_not_checked_and_the_charts_are_the_same_bytes(store: Store, ids: dict[str, str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """reportlab's attribute checking of chart shapes is off; with it on, every chart (and so
    every PDF with one) is the same bytes."""
    assert rl_config.shapeChecking == 0
    names = ("annual", "budget", "audit", "month1")
    unchecked = [record_pdf(store, ids[name]) for name in names]
    monkeypatch.setattr(rl_config, "shapeChecking", 1)
    assert [record_pdf(store, ids[name]) for name in names] == unchecked
