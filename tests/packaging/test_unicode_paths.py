"""Folders and files named in Chinese with spaces (as on an office PC: ``D:\\县 发改局\\…``),
through the real command line: database, data folder, exports, packages, import, backup."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from .conftest import checkout_program, run


@pytest.mark.slow
def test_database_exports_and_packages_in_chinese_paths_with_spaces(tmp_path):
    office = tmp_path / "县 发改局"
    office.mkdir()
    command, env = checkout_program(tmp_path / "用户 数据 home")

    def county(*args: str):
        return run([*command, "--db", str(office / "低碳 数据库.db"), *args], env, tmp_path)

    def province(*args: str):
        return run([*command, "--db", str(tmp_path / "省 级 接收.db"), *args], env, tmp_path)

    assert county("demo", "--enterprises", "2").code == 0
    record = county("record", "list", "--form", "energy_report").out.splitlines()[0].split("\t")[0]
    org = county("org", "list", "--kind", "enterprise").out.splitlines()[0].split("\t")[0]
    out = tmp_path / "报表 输出"
    out.mkdir()

    pdf = out / "记录 2025 年.pdf"
    result = county("export", "pdf", record, "-o", str(pdf))
    assert result.code == 0, result.err
    assert "单位" in PdfReader(pdf).pages[0].extract_text()

    workbook = out / "全部 记录.xlsx"
    result = county("export", "xlsx", "--all", "-o", str(workbook))
    assert result.code == 0, result.err
    assert len(openpyxl.load_workbook(workbook, read_only=True).sheetnames) >= 2

    rollup = out / "全县 汇总 2025.xlsx"
    assert county("export", "rollup", "--year", "2025", "-o", str(rollup)).code == 0
    assert rollup.stat().st_size > 0

    usb = tmp_path / "U盘 备份"
    result = county("package", "create", "--org", org, "--period", "2025", "-o", f"{usb}/")
    assert result.code == 0, result.err
    package = usb / result.out.splitlines()[0].split("/")[-1]
    assert package.is_file()
    verified = county("package", "verify", str(package))
    assert verified.code == 0, verified.err
    assert package.name in verified.out

    imported = province("package", "import", str(package))
    assert imported.code == 0, imported.err
    assert f"{package.name}：已导入" in imported.out
    carried = int(result.out.splitlines()[1].split(" ")[0])  # "14 条记录，密钥指纹 …"
    assert len(province("record", "list").out.splitlines()) == carried

    backup = tmp_path / "备份 文件" / "副本 1.db"
    assert county("backup", "-o", str(backup)).code == 0
    assert backup.stat().st_size > 0
    # the key lives in the data folder whose name has Chinese characters and a space
    assert (tmp_path / "用户 数据 home" / "keys" / "installation_ed25519.pem").is_file()
