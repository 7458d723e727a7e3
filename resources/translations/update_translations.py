"""Regenerate the English translation of the window: lupdate, fill, lrelease.

Run with the project's Python: ``python resources/translations/update_translations.py``.
The source strings in the code are Chinese (the default language); ``EN`` gives the English.
A source string missing from ``EN`` stops the script, so no text ships untranslated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent
TS = HERE / "lowcarbon_desk_en.ts"
QM = HERE / "lowcarbon_desk_en.qm"

EN = {
    "%1 / %2 条": "%1 / %2 records",
    "%1 — %2（%3） 期间 %4 · 第 %5 版 · %6": "%1 — %2 (%3), period %4 · revision %5 · %6",
    "%1 年；能耗取年报，无年报时取月报合计。":
        "%1; energy from the annual report, else the sum of the monthly reports.",
    "%1月": "M%1",
    "80% 预警线": "80 % alert level",
    "SHA-256": "SHA-256",
    "上移": "Move up",
    "下移": "Move down",
    "不能修订": "Cannot revise",
    "不能填写说明": "Cannot justify",
    "不能提交": "Cannot submit",
    "不能汇总": "Cannot pull",
    "不能添加附件": "Cannot add the attachment",
    "不能移除附件": "Cannot remove the attachment",
    "二氧化碳（吨）": "CO2 (t)",
    "仅最新版本": "Latest revisions only",
    "从月报汇总实际用能": "Pull actuals from monthly reports",
    "从本年度月度能源报表汇总实际用能": "Pull this year's actuals from the monthly energy reports",
    "代码": "Code",
    "企业": "Enterprises",
    "位置": "Where",
    "低碳填报助手 — %1": "lowcarbon-desk — %1",
    "低碳填报助手：离线填报能源报表、用能预算、清洁生产审核和低碳试点申报。":
        "lowcarbon-desk: offline energy reports, energy-use budgets, cleaner-production audits "
        "and low-carbon pilot applications.",
    "保存草稿": "Save draft",
    "修订": "Revise",
    "修订历史": "Revisions",
    "修订历史与审计日志": "Revisions and audit log",
    "修订历史与审计日志…": "Revisions and audit log…",
    "修订（生成新版本）": "Revise (new revision)",
    "允许的类型：%1；每个文件不超过 %2 MB。附件须先保存草稿后添加。":
        "Allowed types: %1; at most %2 MB each. The draft is saved before a file is added.",
    "全县概览": "County overview",
    "全年预计": "Projected year",
    "全部单位（%1）": "All organisations (%1)",
    "全部状态": "All states",
    "全部表单": "All forms",
    "共 %1 条记录": "%1 records",
    "关于": "About",
    "创建": "Created",
    "删除所选行": "Remove selected rows",
    "删除草稿": "Delete draft",
    "刷新": "Refresh",
    "单位": "Organisation",
    "单位：吨标准煤": "Unit: tce",
    "原值": "Old value",
    "取消": "Cancel",
    "口径": "Source",
    "否": "No",
    "园区": "Parks",
    "填报记录": "Records",
    "大小": "Size",
    "字段": "Field",
    "审核": "Decided",
    "审核意见": "Decision comment",
    "审核意见：": "Decision comment: ",
    "审计日志": "Audit log",
    "导入": "Import",
    "导入完成": "Import finished",
    "导入工作簿": "Import workbook",
    "导入工作簿…": "Import workbook…",
    "导出": "Export",
    "导出 PDF": "Export PDF",
    "导出列表中记录的工作簿…": "Export the listed records as a workbook…",
    "导出工作簿": "Export workbook",
    "导出当前记录 PDF…": "Export this record as PDF…",
    "已导出 %1 条记录": "Exported %1 records",
    "已导出：%1": "Exported: %1",
    "已提交": "Submitted",
    "已生成新版本（草稿）": "New revision created (draft)",
    "帮助(&H)": "&Help",
    "常用": "Main",
    "年度": "Year",
    "年报": "Annual report",
    "情况说明（警告须填写）": "Justification (needed for warnings)",
    "打开": "Open",
    "提交": "Submit",
    "操作": "Action",
    "操作人": "Operator",
    "操作人：%1": "Operator: %1",
    "操作失败": "Operation failed",
    "数据库 %1 已在另一个窗口中打开。请切换到那个窗口，或先关闭它再打开。":
        "Database %1 is already open in another window. Switch to that window, or close it first.",
    "数据库中还没有记录。": "The database has no records yet.",
    "数据库已打开": "Database already open",
    "文件(&F)": "&File",
    "文件名": "File name",
    "新值": "New value",
    "新建单位": "New organisation",
    "新建单位…": "New organisation…",
    "新建记录": "New record",
    "新建记录…": "New record…",
    "无数据": "no data",
    "无法打开数据库": "Cannot open the database",
    "旧版本": "old revision",
    "时间": "Time",
    "是": "Yes",
    "更新时间": "Updated",
    "月度实际": "Monthly actual",
    "月报合计": "Sum of monthly reports",
    "有效预算": "Effective budget",
    "有效预算 %1 吨标准煤；累计实际 %2（%3%，%4）；全年预计 %5（%6%，%7）":
        "Effective budget %1 tce; year to date %2 (%3 %, %4); projected year %5 (%6 %, %7)",
    "期间": "Period",
    "期间 / 年度": "Period / year",
    "期间，如 2025 或 2025-03": "Period, e.g. 2025 or 2025-03",
    "本记录已提交或已处理。": "This record is already submitted or decided.",
    "本记录状态为“%1”，只读。如需修改，请点击“修订”生成新的草稿版本。":
        "This record is \u201c%1\u201d and read-only. To change it, click \u201cRevise\u201d to make a new draft revision.",
    "查找": "Find",
    "查找：单位名称、代码、期间、表单、状态…（Ctrl+F）":
        "Find: organisation, code, period, form, state… (Ctrl+F)",
    "检查": "Check",
    "检查完成：%1 项须处理后才能提交": "Checked: %1 issues must be resolved before submitting",
    "检查完成：可以提交": "Checked: ready to submit",
    "正在导入工作簿…": "Importing the workbook…",
    "正在生成 PDF…": "Writing the PDF…",
    "正在生成工作簿…": "Writing the workbook…",
    "正在生成示范县数据，请稍候…": "Building the demo county, please wait…",
    "正在统计…": "Counting…",
    "正在读取记录列表…": "Reading the record list…",
    "正常": "OK",
    "添加%1": "Add %1",
    "添加附件…": "Add attachment…",
    "清除筛选": "Clear filters",
    "点击查看相关记录": "Click to see the records behind this figure",
    "版本": "Rev.",
    "状态": "State",
    "用能前 %1 位单位（双击查看记录）": "Top %1 energy users (double-click for their records)",
    "确定删除这份从未提交的草稿吗？": "Delete this never-submitted draft?",
    "示范数据": "Demo data",
    "移除": "Remove",
    "类型": "Type",
    "累计实际": "Cumulative actual",
    "级别": "Severity",
    "综合能耗（吨标准煤）": "Energy (tce)",
    "草稿已保存；有 %1 处格式错误的值未保存，请更正。":
        "Draft saved; %1 malformed values were not saved, please correct them.",
    "草稿已自动保存": "Draft saved automatically",
    "草稿未能保存：": "The draft could not be saved: ",
    "表单": "Form",
    "视图(&V)": "&View",
    "计算结果（自动，只读）": "Computed values (automatic, read-only)",
    "计量单位": "Unit",
    "记录(&R)": "&Record",
    "记录类型": "Record type",
    "记录编号": "Record id",
    "证明材料 (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx)":
        "Supporting documents (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx)",
    "语言 / Language": "语言 / Language",
    "说明已保存": "Justification saved",
    "请先填写预算年度。": "Enter the budget year first.",
    "请先打开一条记录": "Open a record first",
    "请在左侧列表中选择一条记录，或新建记录（Ctrl+N）。":
        "Choose a record in the list, or create one (Ctrl+N).",
    "请选择单位（先在“文件 → 新建单位”中添加）":
        "Choose an organisation (add one with File → New organisation first)",
    "超出": "Exceeded",
    "退出": "Quit",
    "选择附件": "Choose an attachment",
    "错误 %1 项，警告 %2 项（未说明 %3 项），提示 %4 项":
        "%1 errors, %2 warnings (%3 not justified), %4 infos",
    "问题": "Issue",
    "预算执行图": "Budget chart",
    "预算状态": "Budget status",
    "预警": "Alert",
    "（双击填写说明）": "(double-click to justify)",
}


def main() -> int:
    sources = sorted(str(p) for p in (REPO / "src" / "lowcarbon_desk" / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS), "-no-obsolete",
                    "-source-language", "zh_CN", "-target-language", "en_US"], check=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if source not in EN:
            missing.append(source)
            continue
        translation.text = EN[source]
        translation.attrib.pop("type", None)
    if missing:
        print("no English for:\n" + "\n".join(sorted(set(missing))), file=sys.stderr)
        return 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
