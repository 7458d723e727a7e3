"""Generate ``docs/bad-input.md``: every kind of bad input with the exact messages it gets.

Run ``PYTHONPATH=src:tests python -m domain.bad_inputs`` from the repository root to rewrite
the document; ``test_bad_input_doc.py`` checks that the domain rows still match the code.
The command-line rows run the real program in a temporary folder (relative file names keep
the messages stable).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lowcarbon_desk.domain.errors import LowcarbonError
from lowcarbon_desk.domain.evaluate import evaluate, evaluate_org
from lowcarbon_desk.domain.issues import Issue

from .samples import COUNTY, ENTERPRISE, SAMPLE_ORG, coal_line, sample

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Row:
    what: str
    given: str
    rule: str
    zh: str
    en: str
    field: str = ""


def _issue(form: str, change: Callable[[dict], None], rule: str, org: dict | None = None) -> Issue:
    data = sample(form)
    change(data)
    result = evaluate(form, data, org=org if org is not None else SAMPLE_ORG[form])
    found = [i for i in result.issues if i.rule == rule]
    assert found, (rule, [(i.rule, i.field) for i in result.issues])
    return found[0]


def _line(**changes) -> Callable[[dict], None]:
    return lambda d: d.update(lines=[coal_line(**changes)])


def _set(**changes) -> Callable[[dict], None]:
    return lambda d: d.update(changes)


# (what, given, form, change, rule[, org])
DOMAIN_CASES = [
    ("非数字 / non-numeric", '`lines[0].consumption_total = "一千"`', "energy_report",
     _line(consumption_total="一千"), "field.number"),
    ("非数字 / non-numeric", '`value_added_10k_yuan = "abc"`', "energy_report",
     _set(value_added_10k_yuan="abc"), "field.number"),
    ("负数 / negative", "`value_added_10k_yuan = -1`", "energy_report",
     _set(value_added_10k_yuan=-1), "field.negative"),
    ("NaN", "`lines[0].consumption_total = NaN` (number or text)", "energy_report",
     _line(consumption_total=float("nan")), "field.finite"),
    ("无穷大 / infinity", '`value_added_10k_yuan = "Infinity"`', "energy_report",
     _set(value_added_10k_yuan="Infinity"), "field.finite"),
    ("过大 / huge number", "`value_added_10k_yuan = 1e13`", "energy_report",
     _set(value_added_10k_yuan=1e13), "field.too_large"),
    ("超出范围 / out of range", "`baseline_non_fossil_pct = 120`", "pilot_application",
     _set(baseline_non_fossil_pct=120), "field.range"),
    ("超出范围 / out of range", "`power_coal_gce_per_kwh = 150`", "energy_budget",
     _set(power_coal_gce_per_kwh=150), "field.range"),
    ("须大于 0 / must be > 0", "`budget_tce = 0`", "energy_budget", _set(budget_tce=0),
     "field.range"),
    ("未知能源代码 / unknown energy code", '`lines[0].energy = "coal"`', "energy_report",
     _line(energy="coal"), "field.enum"),
    ("未知电网因子 / unknown grid factor", '`grid_factor_id = "mars"`', "energy_report",
     _set(grid_factor_id="mars"), "field.enum"),
    ("重复能源行 / duplicate line", "two `raw_coal` lines", "energy_report",
     lambda d: d.update(lines=[coal_line(), coal_line()]), "lines.duplicate"),
    ("重复方案编号 / duplicate option code", "two options with code `F1`", "cp_audit",
     lambda d: d["options"].append(dict(d["options"][0])), "options.duplicate"),
    ("重复阶段 / duplicate stage", "two `preparation` stages", "cp_audit",
     lambda d: d["stages"].append(dict(d["stages"][0])), "stages.duplicate"),
    ("没有能源行 / no line", "`lines = []`", "energy_report", _set(lines=[]), "field.required"),
    ("列表类型错 / not a list", '`lines = "raw_coal"`', "energy_report",
     _set(lines="raw_coal"), "field.list"),
    ("月度数据个数 / not 12 months", "`monthly_actual_tce` with 11 values", "energy_budget",
     _set(monthly_actual_tce=[1] * 11), "field.months"),
    ("报告期格式 / wrong period", '`period = "2025-13"`', "energy_report",
     _set(period="2025-13"), "field.period"),
    ("报告期格式 / wrong period", '`period = "2025Q1"`', "energy_report",
     _set(period="2025Q1"), "field.period"),
    ("报告期年份 / period year", '`period = "1999"`', "energy_report", _set(period="1999"),
     "field.period"),
    ("年份 / year out of range", "`audit_year = 1999`", "cp_audit", _set(audit_year=1999),
     "field.year"),
    ("年份非整数 / fractional year", "`audit_year = 2025.5`", "cp_audit",
     _set(audit_year=2025.5), "field.integer"),
    ("日期 / wrong date", '`evaluation_date = "2025-02-30"`', "cp_audit",
     _set(evaluation_date="2025-02-30"), "field.date"),
    ("日期格式 / date format", '`evaluation_date = "10/11/2025"`', "cp_audit",
     _set(evaluation_date="10/11/2025"), "field.date"),
    ("阶段日期倒置 / stage ends before it starts", "`stages[1].end` before its start", "cp_audit",
     lambda d: d["stages"][1].update(end="2025-01-31"), "cp_audit.stage_dates"),
    ("验收早于评估 / acceptance before evaluation", "`acceptance_date < evaluation_date`",
     "cp_audit", _set(acceptance_date="2025-11-01"), "cp_audit.acceptance_after_evaluation"),
    ("强制性审核无原因 / mandatory audit without reasons", '`kind = "mandatory"`, no reasons',
     "cp_audit", _set(kind="mandatory", mandatory_reasons=[]), "cp_audit.mandatory_reasons"),
    ("未知字段 / unknown field", '`colour = "red"`', "energy_report", _set(colour="red"),
     "field.unknown"),
    ("未知栏目 / unknown column", '`lines[0].colour = "red"`', "energy_report",
     _line(colour="red"), "field.unknown"),
    ("文本过长 / text too long", "`consultancy` of 2,001 characters", "cp_audit",
     _set(consultancy="长" * 2001), "field.length"),
    ("控制字符 / control character", '`focus = "锅炉\\u0007空压"` (also NUL, ESC, DEL, C1)', "cp_audit",
     _set(focus="锅炉\x07空压"), "field.control_char"),
    ("单行栏目中的换行 / line break in a one-line field", '`focus = "锅炉\\n空压"` (only `measures` is multi-line)',
     "cp_audit", _set(focus="锅炉\n空压"), "field.single_line"),
    ("不成对代理项 / lone surrogate", '`consultancy = "\\ud800"`', "cp_audit",
     _set(consultancy="\ud800"), "field.surrogate"),
    ("超大整数 / huge integer", "`value_added_10k_yuan` = 1 followed by 400 zeros", "energy_report",
     _set(value_added_10k_yuan=10**400), "field.too_large"),
    ("非对象 / record data not an object", "`data = [1, 2]`", "energy_report",
     lambda d: None, "record.data"),
    ("缺少排放因子 / no default CO2 factor", "`washed_coal` line without `co2_factor`",
     "energy_report", _line(energy="washed_coal"), "energy_report.missing_co2_factor"),
    ("消费量不平衡 / consumption does not add up", "`consumption_total 1000 ≠ 900 + 0`",
     "energy_report", _line(industrial_use=900), "energy_report.consumption_balance"),
    ("原材料大于工业消费 / feedstock above industrial use", "`feedstock_use 1200 > 1000`",
     "energy_report", _line(feedstock_use=1200), "energy_report.feedstock_within_industrial"),
    ("年报无增加值 / annual report without value added", "`value_added_10k_yuan` empty",
     "energy_report", _set(value_added_10k_yuan=None), "energy_report.value_added_required"),
    ("单位类型不符 / wrong organisation kind", "energy report filed by a county",
     "energy_report", lambda d: None, "record.org_kind", COUNTY),
    ("得分超过满分 / score above maximum", "`self_assessment[0].score 25 > 20`",
     "pilot_application", lambda d: d["self_assessment"][0].update(score=25),
     "pilot_application.score_within_max"),
    ("附件类型 / attachment type", "`attachments[0].name = setup.exe`", "pilot_application",
     _set(attachments=[{"name": "setup.exe", "size": 1, "sha256": "0" * 64}]),
     "pilot_application.attachment"),
]

ORG_CASES = [
    ("错误信用代码 / bad credit code", "`org_id = 91350100M000100Y44` (last character changed)",
     {"org_id": "91350100M000100Y44"}, "org.credit_code"),
    ("信用代码含非法字符 / credit code with I, O, S, V, Z",
     "`org_id = 91350100M000100I43`", {"org_id": "91350100M000100I43"}, "org.credit_code"),
    ("信用代码含全角字符 / credit code with full-width digits",
     "`org_id = ９１350100M000100Y43`", {"org_id": "９１350100M000100Y43"}, "org.credit_code"),
    ("县代码 / county code not 6 digits", '`kind = "county"`, `org_id = "35010"`',
     {"kind": "county", "org_id": "35010", "industry_code": None, "admin_code": "350100"},
     "org.credit_code"),
    ("错误电话 / bad phone", '`contact_phone = "12345"`', {"contact_phone": "12345"},
     "field.pattern"),
    ("错误电话 / bad landline", '`contact_phone = "0591-123456"`',
     {"contact_phone": "0591-123456"}, "field.pattern"),
    ("行政区划代码 / admin code", '`admin_code = "35010"`', {"admin_code": "35010"},
     "field.pattern"),
    ("行业代码 / industry code", '`industry_code = "c3011"`', {"industry_code": "c3011"},
     "field.pattern"),
    ("企业无行业代码 / enterprise without industry code", "`industry_code` empty",
     {"industry_code": None}, "org.industry_code_required"),
    ("未知单位类型 / unknown kind", '`kind = "factory"`', {"kind": "factory"}, "field.enum"),
]


def domain_rows() -> list[Row]:
    rows = []
    for what, given, form, change, rule, *org in DOMAIN_CASES:
        if rule == "record.data":
            issue = evaluate(form, [1, 2]).issues[0]
        else:
            issue = _issue(form, change, rule, org[0] if org else None)
        rows.append(Row(what, f"{form}: {given}", issue.rule, issue.message_zh, issue.message_en,
                        issue.field))
    for what, given, change, rule in ORG_CASES:
        result = evaluate_org({**ENTERPRISE, **change})
        issue = next(i for i in result.issues if i.rule == rule)
        rows.append(Row(what, f"org: {given}", issue.rule, issue.message_zh, issue.message_en,
                        issue.field))
    from lowcarbon_desk.domain.forms import get_form
    for what, given, call in [
        ("未知表单 / unknown form", '`form = "water_report"`', lambda: get_form("water_report")),
    ]:
        try:
            call()
        except LowcarbonError as exc:
            rows.append(Row(what, given, type(exc).__name__, exc.message_zh, exc.message_en))
    return rows


# --- command line -----------------------------------------------------------------------

def _run(cwd: Path, *args: str, lang: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "LOWCARBON_DESK_HOME": str(cwd / "home"),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LOWCARBON_DESK_DB", None)
    return subprocess.run([sys.executable, "-m", "lowcarbon_desk", "--lang", lang, *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def _cli(cwd: Path, *args: str, lang: str) -> tuple[int, str]:
    done = _run(cwd, *args, lang=lang)
    return done.returncode, done.stderr.strip()


def cli_rows() -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)

        def write(name: str, content: str | bytes) -> str:
            path = cwd / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
            return name

        def run(what: str, given: str, *args: str, db: str = "office.db") -> None:
            out = {}
            for lang in ("zh", "en"):
                status, err = _cli(cwd, "--db", db, *args, lang=lang)
                out[lang] = err
            rows.append(Row(what, given, f"exit {status}", out["zh"], out["en"]))

        write("orgs.json", json.dumps([COUNTY, ENTERPRISE], ensure_ascii=False))
        _cli(cwd, "--db", "office.db", "org", "add", "--json", "orgs.json", lang="en")
        record = {"form": "energy_report", "org_id": ENTERPRISE["org_id"],
                  "data": sample("energy_report")}
        write("broken.json", '{"form": "energy_report", "org_id": ')
        run("JSON 格式错误 / malformed JSON", "`record add --json broken.json`",
            "record", "add", "--json", "broken.json")
        bare = json.dumps(record).replace('"value_added_10k_yuan": 52000', '"value_added_10k_yuan": %s')
        assert "%s" in bare
        write("nan.json", bare % "NaN")
        run("JSON 中的 NaN / NaN in JSON", "`record add --json nan.json` (bare `NaN`)",
            "record", "add", "--json", "nan.json")
        write("huge.json", bare % ("7" * 5000))
        run("5000 位整数 / 5,000-digit integer", "`record add --json huge.json` (also `1e400`)",
            "record", "add", "--json", "huge.json")
        write("surrogate.json", json.dumps(record).replace('"period": "2025"', '"period": "2025\\ud800"'))
        run("不成对代理项 / lone surrogate", '`record add --json surrogate.json` (`"\\ud800"`)',
            "record", "add", "--json", "surrogate.json")
        write("deep.json", '{"form": "energy_report", "data": ' + "[" * 100_000 + "]" * 100_000 + "}")
        run("嵌套过深 / nested 100,000 deep", "`record add --json deep.json`",
            "record", "add", "--json", "deep.json")
        run("文件不存在 / missing file", "`record add --json absent.json`",
            "record", "add", "--json", "absent.json")
        write("unknown-org.json", json.dumps({**record, "org_id": "91110000802100433B"}))
        run("未知单位 / unknown organisation", "`record add` with an `org_id` not in the database",
            "record", "add", "--json", "unknown-org.json")
        write("full-width-org.json", json.dumps({**record, "org_id": "９１350100M000100Y43"}, ensure_ascii=False))
        run("全角单位代码 / full-width org_id", "`record add` with `org_id` `９１350100M000100Y43`",
            "record", "add", "--json", "full-width-org.json")
        write("unknown-form.json", json.dumps({**record, "form": "water_report"}))
        run("未知表单 / unknown form", '`record add` with `"form": "water_report"`',
            "record", "add", "--json", "unknown-form.json")
        bad = json.loads(json.dumps(record))
        bad["data"]["lines"][0]["consumption_total"] = -5
        bad["data"]["lines"][0]["energy"] = "coal"
        write("bad-values.json", json.dumps(bad))
        run("记录中的错误值 / bad values in a record", "`record add`: negative quantity and unknown energy code",
            "record", "add", "--json", "bad-values.json")
        write("bad-org.json", json.dumps({**ENTERPRISE, "org_id": "91350100M000100Y44",
                                          "contact_phone": "12345"}, ensure_ascii=False))
        run("错误单位资料 / bad organisation", "`org add`: bad credit code and phone",
            "org", "add", "--json", "bad-org.json")
        write("notes.db", "这不是数据库\n")
        run("不是 SQLite 的数据库文件 / database file that is not SQLite",
            "`--db notes.db record list` (a text file)", "record", "list", db="notes.db")
        conn = sqlite3.connect(cwd / "newer.db")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
        run("更新版本的数据库 / database from a newer version", "`--db newer.db record list` (schema 99)",
            "record", "list", db="newer.db")
        conn = sqlite3.connect(cwd / "other.db")
        conn.execute("CREATE TABLE contacts (name)")
        conn.commit()
        conn.close()
        run("其他程序的 SQLite / another program's SQLite file", "`--db other.db record list`",
            "record", "list", db="other.db")
        run("未知能源代码 / unknown energy code", "`convert peat 10`", "convert", "peat", "10")
        run("非数字数量 / non-numeric quantity", "`convert raw_coal lots`",
            "convert", "raw_coal", "lots")
        run("未知记录 / unknown record", "`record show 0000`", "record", "show", "0000")
        _workbook_rows(cwd, run, record)
        _package_rows(cwd, run, write, record)
        write("bad-set.toml", 'version = "2026.9"\n[[grid_factors]]\nid = "g"\ntco2_per_mwh = 0.5\n')
        run("因子集文件错误 / malformed factor-set file", "`reference add bad-set.toml` (row without source)",
            "reference", "add", "bad-set.toml")
    return rows


def _package_rows(cwd: Path, run, write, record: dict) -> None:
    """``package create`` with an operator no manifest may carry, and ``package verify`` of a
    package whose manifest was edited and signed again with the sender's own key."""
    from lowcarbon_desk.packages.keys import load_or_create_key
    from packages import tamper  # tests/packages

    org_id = ENTERPRISE["org_id"]
    run("操作员含控制字符 / control character in the operator", "`--operator $'\\e[2J' package create …`",
        "--operator", "\x1b[2J", "package", "create", "--org", org_id, "-o", "out.lcpkg")
    run("操作员姓名过长 / operator name too long", "`--operator` of 2,001 characters, `package create …`",
        "--operator", "x" * 2001, "package", "create", "--org", org_id, "-o", "out.lcpkg")
    write("record.json", json.dumps(record, ensure_ascii=False))
    record_id = _run(cwd, "--db", "office.db", "record", "add", "--json", "record.json", lang="en").stdout.strip()
    _run(cwd, "--db", "office.db", "record", "submit", record_id, lang="en")
    _run(cwd, "--db", "office.db", "package", "create", "--org", org_id, "--period", "2025", "-o", "pkg.lcpkg",
         lang="en")
    content = (cwd / "pkg.lcpkg").read_bytes()
    key = load_or_create_key(cwd / "home" / "keys")
    sender = {**tamper.manifest(content)["sender"], "name": "\x1b[2K\rverified: signature valid, sender 省财政厅"}
    write("forged.lcpkg", tamper.resign(content, key, manifest_changes={"sender": sender}))
    run("伪造的一行 / forged line in the sender name",
        "`package verify forged.lcpkg` (sender name `\\e[2K\\rverified: …`, signed again)",
        "package", "verify", "forged.lcpkg")
    write("when.lcpkg", tamper.resign(content, key, manifest_changes={"created_at": "2026-13-01T00:00:00+08:00"}))
    run("生成时间格式 / created_at not ISO 8601 with offset",
        "`package verify when.lcpkg` (`created_at` month 13, signed again; also `yesterday`, no offset)",
        "package", "verify", "when.lcpkg")


def _workbook_rows(cwd: Path, run, record: dict) -> None:
    """``import xlsx`` of an exported workbook edited as a user (or an attacker) would."""
    import re
    import zipfile

    import openpyxl

    (cwd / "draft.json").write_text(json.dumps(record), encoding="utf-8")
    _cli(cwd, "--db", "office.db", "record", "add", "--json", "draft.json", lang="en")
    _cli(cwd, "--db", "office.db", "export", "xlsx", "--all", "-o", "export.xlsx", lang="en")

    def edited(name: str, edit) -> str:
        wb = openpyxl.load_workbook(cwd / "export.xlsx")
        edit(wb)
        wb.save(cwd / name)
        return name

    def put_formula(wb) -> None:
        ws = wb["能源消费明细"]
        column = next(c.column for c in ws[3] if c.value == "consumption_total")
        ws.cell(4, column, "=100000+50000")
    run("工作簿中的公式 / formula in a workbook", "`import xlsx formula.xlsx` (`=100000+50000` in a number cell)",
        "import", "xlsx", edited("formula.xlsx", put_formula))
    run("改动过的 _meta / edited _meta sheet", "`import xlsx meta.xlsx` (`_meta!B5` = `first`)",
        "import", "xlsx", edited("meta.xlsx", lambda wb: wb["_meta"].__setitem__("B5", "first")))
    dtd = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n')
    with zipfile.ZipFile(cwd / "export.xlsx") as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(cwd / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            if name == "xl/worksheets/sheet2.xml":
                data = dtd + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data)
            archive.writestr(name, data)
    run("XML 实体炸弹 / XML entity bomb", "`import xlsx bomb.xlsx` (a DTD in a sheet; also external entities)",
        "import", "xlsx", "bomb.xlsx")


# --- the document ------------------------------------------------------------------------

HEADER = """\
# Bad input and the messages it gets / 错误输入及提示

Generated from the code by `tests/domain/bad_inputs.py` (run
`PYTHONPATH=src:tests python -m domain.bad_inputs` from the repository root); the domain rows
are checked by `tests/domain/test_bad_input_doc.py`. Every message names the field (its id
or path, e.g. `lines[0].consumption_total`) or the file, and the reason. Input problems and
rule errors are **errors**: a record with one cannot be submitted, and an import or `record
add` with a malformed value stores nothing. Dates are ISO `YYYY-MM-DD` (also read:
`2025/3/1`, `2025.3.1`, `2025年3月1日`); periods are `YYYY` or `YYYY-MM`; years 2000..2100;
numbers are finite and at most 1e12 in size, checked by their exact value before any
conversion (a 5,000-digit integer or `1e400` is "beyond the limit", never an overflow);
full-width digits and letters in codes and phone numbers are read as ASCII, except in the
organisation code `org_id` (credit code or division code): it is an organisation's key, so
full-width characters there are refused with a message naming the field, wherever the code
comes from (`org add`, a workbook, a record file, a package). Texts hold no control
characters (C0, DEL, C1), lone surrogates or U+FFFE/U+FFFF; multi-line texts (`measures`,
justifications, review comments) may hold line feeds and tabs (CR LF is read as LF). A
message names such a character by its code point and never echoes it.

Packages: a manifest text (sender name, operator, versions, record entries) holding such a
character is refused naming the field (`sender.name`), and `created_at` must be an ISO 8601
time with its offset (`2026-03-01T09:30:00+08:00`); `package create` refuses such an operator
name, or one over 2,000 characters, before writing anything. Whatever comes from a package
and is shown anyway (a bidirectional override in a name, a file name) is printed with control
characters, line and paragraph separators and bidirectional formatting characters as escapes
(`\\x1b`, `\\u202e`), on the command line (text and `--json`) and in the window alike.

Workbooks: every text is written as a text cell, never a formula (`=1+1` stays `=1+1`);
an imported workbook is checked before it is parsed (at most 100 MB, 2,000 parts, 64 MB
per unpacked part, 256 MB in all, 250,000 rows and 16,384 cells per row in a sheet; no
DTD in any part) and a formula or error cell in a column the import reads is refused by
sheet and cell.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def table(rows: list[Row], rule_title: str) -> str:
    lines = [f"| bad input | given | {rule_title} | 中文提示 | English message |",
             "| --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {_cell(row.what)} | {_cell(row.given)} | `{row.rule}` | "
                     f"{_cell(row.zh)} | {_cell(row.en)} |")
    return "\n".join(lines) + "\n"


def document(domain: list[Row], cli: list[Row]) -> str:
    return (HEADER + "\n## Records and organisations (forms engine and rules)\n\n"
            + table(domain, "rule") + "\n## Command line and files\n\n"
            "Run with `lowcarbon-desk --lang zh|en --db FILE …` in a folder holding the files "
            "named (exit status 1: the message goes to stderr; nothing is changed).\n\n"
            + table(cli, "exit"))


def main() -> None:
    text = document(domain_rows(), cli_rows())
    (REPO / "docs" / "bad-input.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
