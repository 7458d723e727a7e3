"""What ``package create`` imports before its PDFs start: nothing it does not use (every module
imported there is on the command's path before the helper process can share the work)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape

from lowcarbon_desk.reports.pdfa import escape

SRC = Path(__file__).resolve().parents[2] / "src"
# the XMP packet's escaping once imported xml.sax.saxutils, and with it these (12 ms a start)
UNUSED = ("urllib.request", "http.client", "ssl", "email.parser", "xml.sax")

PACKAGE_CREATE_PATH = """
import json, sys
import lowcarbon_desk.cli.main
from lowcarbon_desk.packages import create
from lowcarbon_desk.reports import package_index, pdf_pool, record_pdf
print(json.dumps(sorted(sys.modules)))
"""


def test_package_create_does_not_import_the_network_and_mail_modules() -> None:
    done = subprocess.run([sys.executable, "-c", PACKAGE_CREATE_PATH], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1"},
                          timeout=120)
    loaded = set(json.loads(done.stdout))
    assert "lowcarbon_desk.reports.pdfa" in loaded
    assert [name for name in UNUSED if name in loaded] == []


def test_xmp_text_is_escaped_as_by_saxutils() -> None:
    for text in ("", "能源购进、消费与库存 2025", "A & B <c> d>e &amp; 'q' \"qq\"", "<<&&>>"):
        assert escape(text) == sax_escape(text)
