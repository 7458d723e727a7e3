"""``paths.data_root()``: forms and resources found in a checkout and from a ZIP import."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from lowcarbon_desk import paths

from .conftest import REPO, SRC, program_env, run


def test_checkout_finds_the_top_level_folders():
    assert paths.data_root() == REPO
    assert paths.forms_dir() == REPO / "forms"
    assert paths.font_path().is_file()
    assert paths.icon_path("ico").is_file()
    assert paths.icon_path("png", 32).is_file()
    assert (paths.resources_dir() / "fonts" / "LICENSE-Apache-2.0.txt").is_file()


@pytest.mark.slow
def test_package_imported_from_a_zip_extracts_its_data_to_real_files(tmp_path):
    """A package that is not plain files on disk (zipimport): the data is copied to a temporary
    folder once, so reportlab and Qt still get real file paths."""
    archive = tmp_path / "lowcarbon_desk.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((SRC / "lowcarbon_desk").rglob("*.py")):
            zf.write(path, path.relative_to(SRC).as_posix())
        for folder in ("forms", "resources"):
            for path in sorted((REPO / folder).rglob("*")):
                if path.is_file():
                    zf.write(path, f"lowcarbon_desk/{path.relative_to(REPO).as_posix()}")
    script = """
import sys
import lowcarbon_desk, lowcarbon_desk.paths as p
from lowcarbon_desk.app import main
from lowcarbon_desk.storage import open_store
print(lowcarbon_desk.__file__)
print(p.data_root())
db, pdf = sys.argv[1:]
assert main(["--db", db, "demo", "--enterprises", "1"]) == 0
store = open_store(db)
record = store.list_records()[0]["record_id"]
store.close()
sys.exit(main(["--db", db, "export", "pdf", record, "-o", pdf]))
"""
    env = program_env(tmp_path / "home", PYTHONPATH=str(archive))
    pdf = tmp_path / "record.pdf"
    result = run([sys.executable, "-c", script, str(tmp_path / "zip.db"), str(pdf)], env, tmp_path)
    assert result.code == 0, result.err
    module_file, root = result.out.splitlines()[:2]
    assert module_file.startswith(str(archive))
    assert Path(root).name.startswith("lowcarbon-desk-data-")
    assert not Path(root).exists()  # removed when the program ended
    reader = PdfReader(pdf)
    fonts = {font["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("WenQuanYiMicroHei" in str(name) for name in fonts), fonts  # read from the extracted copy
    assert "单位" in reader.pages[0].extract_text()
