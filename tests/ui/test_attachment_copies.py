"""The copies of attachments written for the system viewer are the program's temporaries: it
removes them when the service goes, and when the program ends."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui.service import DeskService

SRC = Path(__file__).resolve().parents[2] / "src"
TESTS = Path(__file__).resolve().parents[1]
CONTENT = b"%PDF-1.4 attachment"


def attached(db: Path) -> tuple[Store, dict]:
    from domain.samples import COUNTY, ENTERPRISE, ENTERPRISE_ID, sample

    store = Store.open(db)
    store.add_orgs([COUNTY, ENTERPRISE], "tester")
    record_id = store.add_record("pilot_application", ENTERPRISE_ID, sample("pilot_application"), "tester")
    return store, store.add_attachment(record_id, "方案.pdf", CONTENT, "tester")


def test_the_copies_go_with_the_service(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "temp"))
    monkeypatch.setattr("tempfile.tempdir", None)
    (tmp_path / "temp").mkdir()
    store, meta = attached(tmp_path / "office.db")
    try:
        service = DeskService(store, "tester")
        first, second = service.attachment_file(meta), service.attachment_file(meta)
        assert first != second and first.name == second.name == "方案.pdf"
        assert first.read_bytes() == second.read_bytes() == CONTENT
        assert first.is_relative_to(tmp_path / "temp")
        del service
        gc.collect()
        assert list((tmp_path / "temp").iterdir()) == []
    finally:
        store.close()


def test_the_copies_go_when_the_program_ends(tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(SRC)!r}, {str(TESTS)!r}]
        from pathlib import Path
        from lowcarbon_desk.ui.service import DeskService
        from ui.test_attachment_copies import attached

        store, meta = attached(Path({str(tmp_path / "office.db")!r}))
        service = DeskService(store, "tester")
        print(service.attachment_file(meta), flush=True)
        store.close()
        KEEP = service  # still there when the interpreter exits
    """)
    env = {**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip())
    assert copy.is_relative_to(temp) and copy.name == "方案.pdf"
    assert list(temp.iterdir()) == []
