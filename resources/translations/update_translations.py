"""Regenerate the window's translations: lupdate, fill, lrelease.

Run with the project's Python: ``python resources/translations/update_translations.py``.
The source strings in the code are Chinese (the default language); ``EN`` gives the English.
A source string missing from ``EN`` stops the script, so no text ships untranslated.

``QT_ZH`` is the Chinese of Qt's own strings the window shows (its file dialog, standard
buttons, message boxes, the edit menu of text fields), written to ``qt_zh_CN.ts`` and
``qt_zh_CN.qm``: Qt's ``qtbase_zh_CN.qm`` lacks some of them ("&Look in:", "Files of &type:")
and a trimmed installation may lack the file altogether. ``ui/i18n.py`` installs ours after
Qt's, so ours wins where both have a string.
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
QT_TS = HERE / "qt_zh_CN.ts"
QT_QM = HERE / "qt_zh_CN.qm"

# (context, source, disambiguation) → Chinese
QT_ZH = {
    ("QFileDialog", "&Look in:", ""): "查找范围(&L)：",
    ("QFileDialog", "Look in:", ""): "查找范围：",
    ("QFileDialog", "Files of &type:", ""): "文件类型(&T)：",
    ("QFileDialog", "Files of type:", ""): "文件类型：",
    ("QFileDialog", "File &name:", ""): "文件名(&N)：",
    ("QFileDialog", "Directory:", ""): "目录：",
    ("QFileDialog", "&Open", ""): "打开(&O)",
    ("QFileDialog", "&Save", ""): "保存(&S)",
    ("QFileDialog", "&Choose", ""): "选择(&C)",
    ("QFileDialog", "Open", ""): "打开",
    ("QFileDialog", "Save As", ""): "另存为",
    ("QFileDialog", "Find Directory", ""): "选择文件夹",
    ("QFileDialog", "Back", ""): "后退",
    ("QFileDialog", "Forward", ""): "前进",
    ("QFileDialog", "Parent Directory", ""): "上级文件夹",
    ("QFileDialog", "Create New Folder", ""): "新建文件夹",
    ("QFileDialog", "List View", ""): "列表视图",
    ("QFileDialog", "Detail View", ""): "详细信息视图",
    ("QFileDialog", "&Rename", ""): "重命名(&R)",
    ("QFileDialog", "&Delete", ""): "删除(&D)",
    ("QFileDialog", "Show &hidden files", ""): "显示隐藏文件(&H)",
    ("QFileDialog", "&New Folder", ""): "新建文件夹(&N)",
    ("QFileDialog", "New Folder", ""): "新建文件夹",
    ("QFileDialog", "All Files (*)", ""): "所有文件 (*)",
    ("QFileDialog", "Directories", ""): "文件夹",
    ("QFileDialog", "Recent Places", ""): "最近访问的位置",
    ("QFileDialog", "%1 already exists.\nDo you want to replace it?", ""): "%1 已存在。\n要替换它吗？",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given.", ""):
        "%1\n找不到文件。\n请检查文件名是否正确。",
    ("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given.", ""):
        "%1\n找不到文件夹。\n请检查文件夹名是否正确。",
    ("QFileDialog", "Are you sure you want to delete '%1'?", ""): "确定要删除“%1”吗？",
    ("QFileDialog", "Could not delete directory.", ""): "无法删除文件夹。",
    ("QFileSystemModel", "Name", ""): "名称",
    ("QFileSystemModel", "Size", ""): "大小",
    ("QFileSystemModel", "Type", "All other platforms"): "类型",
    ("QFileSystemModel", "Date Modified", ""): "修改日期",
    ("QFileSystemModel", "Computer", ""): "计算机",
    ("QFileSystemModel", "My Computer", ""): "我的电脑",
    ("QFileSystemModel", "Drive", ""): "驱动器",
    ("QFileSystemModel", "File Folder", "Match Windows Explorer"): "文件夹",
    ("QFileSystemModel", "Folder", "All other platforms"): "文件夹",
    ("QPlatformTheme", "OK", ""): "确定",
    ("QPlatformTheme", "Save", ""): "保存",
    ("QPlatformTheme", "Save All", ""): "全部保存",
    ("QPlatformTheme", "Open", ""): "打开",
    ("QPlatformTheme", "&Yes", ""): "是(&Y)",
    ("QPlatformTheme", "Yes to &All", ""): "全部是(&A)",
    ("QPlatformTheme", "&No", ""): "否(&N)",
    ("QPlatformTheme", "N&o to All", ""): "全部否(&O)",
    ("QPlatformTheme", "Abort", ""): "中止",
    ("QPlatformTheme", "Retry", ""): "重试",
    ("QPlatformTheme", "Ignore", ""): "忽略",
    ("QPlatformTheme", "Close", ""): "关闭",
    ("QPlatformTheme", "Cancel", ""): "取消",
    ("QPlatformTheme", "Discard", ""): "放弃",
    ("QPlatformTheme", "Help", ""): "帮助",
    ("QPlatformTheme", "Apply", ""): "应用",
    ("QPlatformTheme", "Reset", ""): "重置",
    ("QPlatformTheme", "Restore Defaults", ""): "恢复默认值",
    ("QMessageBox", "Show Details...", ""): "显示详细信息…",
    ("QMessageBox", "Hide Details...", ""): "隐藏详细信息…",
    ("QLineEdit", "&Undo", ""): "撤销(&U)",
    ("QLineEdit", "&Redo", ""): "重做(&R)",
    ("QLineEdit", "Cu&t", ""): "剪切(&T)",
    ("QLineEdit", "&Copy", ""): "复制(&C)",
    ("QLineEdit", "&Paste", ""): "粘贴(&P)",
    ("QLineEdit", "Delete", ""): "删除",
    ("QLineEdit", "Select All", ""): "全选",
    ("QWidgetTextControl", "&Undo", ""): "撤销(&U)",
    ("QWidgetTextControl", "&Redo", ""): "重做(&R)",
    ("QWidgetTextControl", "Cu&t", ""): "剪切(&T)",
    ("QWidgetTextControl", "&Copy", ""): "复制(&C)",
    ("QWidgetTextControl", "Copy &Link Location", ""): "复制链接地址(&L)",
    ("QWidgetTextControl", "&Paste", ""): "粘贴(&P)",
    ("QWidgetTextControl", "Delete", ""): "删除",
    ("QWidgetTextControl", "Select All", ""): "全选",
}

EN = {
    "%1 / %2 条": "%1 / %2 records",
    "%1 年；能耗取年报，无年报时取月报合计。":
        "%1; energy from the annual report, else the sum of the monthly reports.",
    "%1月": "M%1",
    "%1（%2）": "%1 (%2)",
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
    "共 %1 条记录": "Records: %1",
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
    "导出当前记录 PDF（附计算说明）…": "Export this record as PDF with calculation notes…",
    "已导出 %1 条记录": "Records exported: %1",
    "已导出：%1": "Exported: %1",
    "已提交": "Submitted",
    "已生成新版本（草稿）": "New revision created (draft)",
    "帮助(&H)": "&Help",
    "常用": "Main",
    "年度": "Year",
    "年报": "Annual report",
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
    "查找": "Find",
    "查找：单位名称、代码、期间、表单、状态…（Ctrl+F）":
        "Find: organisation, code, period, form, state… (Ctrl+F)",
    "检查": "Check",
    "检查完成：%1 项须处理后才能提交": "Checked: to resolve before submitting: %1",
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
    "未填": "Not filled",
    "展开或收起（空格键或回车键）": "Unfold or fold (Space or Enter)",
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
        "Errors: %1, warnings: %2 (not justified: %3), notes: %4",
    "问题": "Issue",
    "预算执行图": "Budget chart",
    "预算状态": "Budget status",
    "预警": "Alert",
    "（双击填写说明）": "(double-click to justify)",
    "首次收到该单位的数据包，已登记密钥指纹（请与对方核对）":
        "First package from this organisation: its key fingerprint is pinned (check it with the sender)",
    "由另一把密钥签名，未做任何改动。已登记的指纹：%1；本数据包的指纹：%2":
        "Signed by another key; nothing was changed. Pinned fingerprint: %1; this package's fingerprint: %2",
    "%1 条审核结论生效，%2 条此前已生效": "%1 decision(s) took effect, %2 already in effect",
    "%1 条记录尚未接收，未转报": "%1 record(s) not accepted yet; not forwarded",
    "、": ", ",
    "上报数据包 (%1)": "Submission packages (%1)",
    "不接受": "Do not accept",
    "从数据包导入、等待审核的记录。接收后县级可将其随本县数据包上报；退回须填写意见，企业导入审核结论包后可修订重报。":
        "Records imported from packages, awaiting review. Accepted records travel upward in the "
        "county's package; a return needs a comment, and the enterprise can revise and resubmit once "
        "it imports the decision package.",
    "以下数据包由与此前登记不同的密钥签名，已拒绝，未做任何改动。对方重装电脑或更换电脑时会出现这种情况，也可能是他人冒充。请打电话给发送方，请对方在“帮助 → 本机密钥”中念出新指纹，逐组核对。":
        "These packages are signed by a key other than the one pinned for their sender; they were "
        "refused and nothing was changed. This happens when the sender reinstalls or replaces a "
        "computer, but it may also be someone else. Phone the sender, ask them to read out the new "
        "fingerprint from “Help → This installation's key”, and compare it group by group.",
    "企业数据包": "Enterprise packages",
    "保存位置": "Saved in",
    "公钥": "Public key",
    "共 %1 个文件：导入 %2 个，此前已导入 %3 个，拒绝 %4 个": "Files: %1 (imported: %2, imported before: %3, refused: %4)",
    "发送方": "Sender",
    "发送方密钥已更换": "The sender's key has changed",
    "只打包已提交或已接收的记录（每条记录的最新此类版本），附每条记录的 PDF 和汇总工作簿，并用本机密钥签名。确定后选择保存的文件夹或 U 盘。":
        "Only submitted or accepted records are packaged (the newest such revision of each), with "
        "each record's PDF and the summary workbook, signed with this installation's key. After OK, "
        "choose the folder or USB stick to save to.",
    "同时写出给企业的审核结论包（选择文件夹或 U 盘）":
        "Also write the decision package for the enterprise (choose a folder or USB stick)",
    "复制指纹": "Copy fingerprint",
    "首次收到这些单位的数据包，已登记其密钥指纹（请与对方电话核对）":
        "First packages from these organisations: their key fingerprints were registered (check them with the "
        "sender by phone)",
    "修订并改用最新表单版本…": "Revise onto the newest form version…",
    "改用最新表单版本": "Newest form version",
    "为这条记录生成新的草稿版本，表单由“%1”第 %2 版改用第 %3 版。填写的值按字段带入新版本；原记录保持不变。":
        "A new draft revision of this record is made, moving “%1” from version %2 to version %3. The values "
        "carry over field by field; the record as it is stays unchanged.",
    "修订为第 %1 版": "Revise onto version %1",
    "两个版本的字段相同。": "Both versions have the same fields.",
    "新增字段：%1": "New fields: %1",
    "删除的字段（值不再带入）：%1": "Removed fields (their values are not carried over): %1",
    "名称改变的字段：%1": "Renamed fields: %1",
    "以下值新版本没有对应的字段，未带入（原版本中仍保留）：":
        "These values have no field in the new version and were not carried over (the earlier revision keeps them):",
    "已生成新版本（草稿），改用表单第 %1 版": "New revision (draft) made, on form version %1",
    "已导出 %1 条记录：%2": "Records exported: %1, to %2",
    "正在检查并导入工作簿…": "Checking and importing the workbook…",
    "导入完成：新增 %1 条记录，更新 %2 条，%3 条未变；新增单位 %4 个":
        "Import finished. Records added: %1, updated: %2, unchanged: %3; organisations added: %4",
    "%1（%2 条警告）": "%1 (%2 warning(s))",
    "。%1 条草稿有警告须说明理由后才能提交（在问题列表中按 Ctrl+J）：%2":
        ". %1 draft(s) have warnings to justify before they can be submitted (Ctrl+J in the issues list): %2",
    "如 2025（含各月）或 2025-03；留空为全部": "e.g. 2025 (with its months) or 2025-03; empty for all",
    "审核结论包": "decision package",
    "审核结论包保存到": "Save the decision package to",
    "密钥指纹": "Key fingerprint",
    "导入完成：%1 个数据包已导入": "Import finished: %1 package(s) imported",
    "导入数据包": "Import packages",
    "导入数据包…": "Import packages…",
    "导入数据包（可多选）": "Import packages (choose one or more)",
    "导入时间": "Imported",
    "导出上报数据包": "Export submission package",
    "导出上报数据包…": "Export submission package…",
    "已于 %1 导入过，未做任何改动": "Imported before, on %1; nothing changed",
    "已全部接收，原样转报": "All accepted; forwarded unchanged",
    "已写出数据包：%1": "Package written: %1",
    "已取消，未处理": "Cancelled, not processed",
    "已导入": "Imported",
    "已导入过": "Already imported",
    "已打包 %1 条记录": "%1 record(s) packaged",
    "已拒绝": "Refused",
    "已拒绝：密钥已更换": "Refused: the key has changed",
    "已接受新密钥（已记入修改日志）": "New key accepted (written to the audit log)",
    "已接收 %1 条记录": "%1 record(s) accepted",
    "已登记的指纹": "Pinned fingerprint",
    "已退回 %1 条记录": "%1 record(s) returned",
    "待审核": "Review",
    "待审核 %1 条": "%1 awaiting review",
    "正在读取待审核记录…": "Reading the records awaiting review…",
    "待审核记录": "Records awaiting review",
    "我已与发送方电话核对，新指纹无误": "I checked the new fingerprint with the sender by phone; it is right",
    "报送包": "submission package",
    "接受新密钥并导入": "Accept the new key and import",
    "接收所选": "Accept selected",
    "提交时间": "Submitted",
    "数据包": "Package",
    "数据指纹（SHA-256，与 PDF 二维码对照）": "Content fingerprint (SHA-256, as under the PDF's QR code)",
    "数据包(&P)": "&Packages",
    "数据包的新指纹": "The package's new fingerprint",
    "文件": "File",
    "新增 %1 条记录，已有 %2 条": "%1 record(s) added, %2 already here",
    "显示 %1 / %2 条": "Showing %1 / %2",
    "未打包 %1 条记录（草稿或已退回的记录须提交后才能上报）":
        "%1 record(s) not packaged (drafts and returned records must be submitted first)",
    "未生成数据包：%1": "No package written: %1",
    "未通过校验：%1": "Verification failed: %1",
    "本机密钥": "This installation's key",
    "本机密钥…": "This installation's key…",
    "本机签发的每个数据包都带有这把密钥的签名。上级单位第一次收到本单位的数据包时会登记这个指纹；请在电话中与对方核对。私钥只保存在本机，请勿复制给他人；重装电脑会生成新密钥，上级须确认后才接收。":
        "Every package made here is signed with this key. The upper level pins this fingerprint when "
        "it first receives a package from you; compare it with them by phone. The private key stays "
        "on this computer: never copy it to anyone. A reinstalled computer makes a new key, which the "
        "upper level must accept before it takes your packages.",
    "查找：单位、代码、期间、数据包…": "Find: organisation, code, period, package…",
    "查看记录": "Open record",
    "校验数据包": "Verify package",
    "校验数据包 — %1": "Verify package — %1",
    "校验数据包…": "Verify package…",
    "校验通过：签名有效，文件完整，记录通过校验": "Verified: signature valid, files intact, records validate",
    "正在校验 %1…": "Verifying %1…",
    "正在校验并导入 %1 个数据包…": "Verifying and importing %1 package(s)…",
    "正在生成数据包（PDF、工作簿、签名）…": "Writing the package (PDFs, workbook, signature)…",
    "生成时间": "Created",
    "私钥文件": "Private key file",
    "结果": "Result",
    "记录数": "Records",
    "记录（%1 条）": "Records (%1)",
    "说明": "Details",
    "请先在“填报记录”中检查并提交记录，然后再导出。": "Check and submit records under “Records” first, then export.",
    "请勿导入这个文件；请对方重新导出并发送。": "Do not import this file; ask the sender to export and send it again.",
    "退回": "Return",
    "退回原因和修改要求（必填），企业会看到这段意见":
        "Why it is returned and what to change (required); the enterprise will see this comment",
    "退回必须填写意见": "A return needs a comment",
    "退回所选 %1 条记录，意见：": "Return the %1 selected record(s), with this comment:",
    "退回所选…": "Return selected…",
    "退回记录": "Return records",
    "选择保存数据包的文件夹或 U 盘": "Choose the folder or USB stick for the package",
    "；": "; ",
    "；审核结论包：%1": "; decision package: %1",
    # the county menu (ui/county/, ui/operations/)
    "Excel 工作簿（再加工）": "Excel workbook (for further work)",
    "PDF（打印、盖章）": "PDF (to print and stamp)",
    "从数据包收到、已接收或退回的记录。每家企业写出一个签名的审核结论包，企业导入后即可看到结论和退回意见；同一结论可以重复发送。":
        "Records received in packages that were accepted or returned. One signed decision package is "
        "written per enterprise; once imported there, it shows the decision and the return comment. "
        "A decision may be sent again.",
    "保存到": "Save to",
    "全不选": "Select none",
    "全选": "Select all",
    "写出结论包": "Write packages",
    "县（区）": "County",
    "审核时间": "Decided",
    "导出全县汇总": "Export county roll-up",
    "导出全县汇总…": "Export county roll-up…",
    "导出审核结论包": "Export decision packages",
    "导出审核结论包…": "Export decision packages…",
    "目标…": "Targets…",
    "导出空白模板": "Export blank template",
    "导出空白模板…": "Export blank template…",
    "已写出 %1 个审核结论包：%2": "%1 decision package(s) written: %2",
    "已导出全县汇总：%1（%2 个单位，缺报 %3 个）":
        "County roll-up exported: %1 (organisations: %2, without a report: %3)",
    "已导出空白模板：%1": "Blank template exported: %1",
    "已选 %1 / %2 条": "%1 / %2 selected",
    "意见": "Comment",
    "数据库中没有县级单位，无法汇总": "The database holds no county, so there is nothing to roll up",
    "数据库中还没有任何记录，无法汇总": "The database holds no records yet, so there is nothing to roll up",
    "格式": "Formats",
    "正在汇总 %1 年的数据并生成文件…": "Rolling up %1 and writing the files…",
    "正在生成空白模板…": "Writing the blank template…",
    "正在签名并写出审核结论包…": "Signing and writing the decision packages…",
    "正在读取…": "Reading…",
    "每个单位取该年度最新的非草稿版本，没有时取最新草稿并标注；与命令 export rollup 的结果相同。生成时可以取消，取消后不留下文件。":
        "Each organisation counts with its newest revision of the year that is not a draft, else its "
        "newest draft (flagged); the same as the command export rollup. You can cancel while the files "
        "are made; a cancel leaves no file.",
    "汇总(&C)": "&County",
    "汇总年度": "Year",
    "浏览…": "Browse…",
    "空白的标准工作簿：每种填报表一个工作表，带下拉选项和填写说明。企业在 Excel 中填写后，用“文件 → 导入工作簿…”读入。":
        "The empty standard workbook: one sheet per form, with drop-down choices and notes. Enterprises "
        "fill it in Excel; read it back with “File → Import workbook…”.",
    "结论": "Decision",
    "请填写保存的文件夹和文件名": "Give the folder and the file name",
    "请至少选择一种格式和保存的文件夹": "Choose at least one format and the folder",
    "请选择一个已有的文件夹或 U 盘": "Choose an existing folder or USB stick",
    "还没有审核过的记录：先在“待审核”中接收或退回": "No decided records yet: accept or return them under “Review” first",
    "选择保存的文件夹或 U 盘": "Choose the folder or USB stick to save to",
    # the editor: full-width tables, computed strip (issue 10)
    "自动计算": "Computed",
    "展开或收起计算结果": "Show or hide the computed values",
    "%1 %2 · %3 · 第 %4 版 · %5": "%1 %2 · %3 · revision %4 · %5",
    "情况说明": "Justification",
    "显示/隐藏导航栏": "Show/hide the navigator",
    "本记录“%1”，只读；如需修改，请点“修订”生成新的草稿版本。":
        "This record is \u201c%1\u201d: read-only. To change it, click \u201cRevise\u201d for a new draft revision.",
    "警告须填写情况说明（双击填写）": "A warning needs a justification (double-click to write one)",
    "错误须更正；警告须填写情况说明；提示仅供参考":
        "Errors must be corrected; warnings need a justification; infos are for information",
    "问题所在的字段（单击跳转）": "The field the issue is about (click to go there)",
    # confirmations before submitting and accepting; received records (issue 10)
    "%1：%2\n说明：%3": "%1: %2\nJustification: %3",
    "不能审核": "Cannot decide",
    "已接收": "Accepted",
    "已说明的警告（%1 项）：": "Justified warnings (%1):",
    "已退回": "Returned",
    "接收": "Accept",
    "接收…": "Accept…",
    "接收后，记录可随本县数据包上报。请核对：":
        "Once accepted, the record can travel upward in the county's package. Please check:",
    "接收所选 %1 条记录；接收后可随本县数据包上报。请核对：":
        "Accept the %1 selected record(s); accepted records can travel upward in the county's package. "
        "Please check:",
    "接收记录": "Accept records",
    "提交后记录只读，可随上报数据包报送；如需修改，须“修订”生成新的版本。请核对：":
        "Once submitted, the record is read-only and can be sent in a submission package; to change it "
        "you will need to revise it into a new revision. Please check:",
    "提交记录": "Submit the record",
    "收到的数据包中的记录，“%1”，只读。": "A record received in a package, \u201c%1\u201d, read-only.",
    "收到的数据包中的记录，待审核：请核对后接收或退回。":
        "A record received in a package, awaiting review: check it, then accept or return it.",
    "未说明的警告：": "unjustified warning: ",
    "没有警告。": "No warnings.",
    "警告": "Warnings",
    "综合能耗\n（吨标准煤）": "Energy\n(tce)",
    "二氧化碳\n（吨）": "CO2\n(t)",
    "警告数（均已由报送单位说明）": "Number of warnings (each justified by the sender)",
    "退回…": "Return…",
    "错误：": "error: ",
    # --- database safety: welcome page, File menu, backups, recovery (dbsafety) ---
    "欢迎使用低碳填报助手": "Welcome to lowcarbon-desk",
    "新建数据库": "New database",
    "数据库 %1 还不存在。请选择如何开始（选择之前不会写入任何内容）：":
        "The database %1 does not exist yet. Choose how to start (nothing is written before you choose):",
    "新数据库的用途：": "What the new database is for:",
    "为本企业新建空数据库": "A new empty database for my enterprise",
    "为本县新建空数据库": "A new empty database for my county",
    "为本省新建数据库（导入各县的数据包）": "A new database for my province (imports the counties' packages)",
    "省行政区划代码（如 410000）": "Province division code (e.g. 410000)",
    "省名称": "Province name",
    "省行政区划代码 %1 应为 6 位数字并以 0000 结尾（如 410000）":
        "province division code %1 must be 6 digits ending in 0000 (e.g. 410000)",
    "%1 是省的行政区划代码：请选择“为本省新建数据库”": "%1 is a province's division code: choose a new database for my province",
    "全省汇总（%1）": "Province roll-up (%1)",
    "打开已有的数据库文件…": "Open an existing database file…",
    "%1 不是已有的数据库文件": "%1 is not an existing database file",
    "打开示范县（虚构的示范数据，单独的文件，不影响您的数据库）":
        "Open the demo county (fictional demo data in its own file; your database is not touched)",
    "开始": "Start",
    "统一社会信用代码": "Unified social credit code",
    "企业名称": "Enterprise name",
    "所在县（区）行政区划代码": "County division code",
    "县（区）行政区划代码": "County division code",
    "县（区）名称": "County name",
    "国民经济行业代码（如 C3011）": "Industry code (e.g. C3011)",
    "联系人": "Contact person",
    "联系电话": "Contact phone",
    "打开数据库": "Open database",
    "数据库 (*.db *.sqlite);;所有文件 (*)": "Databases (*.db *.sqlite);;All files (*)",
    "数据库 (*.db)": "Databases (*.db)",
    "从备份恢复": "Restore from a backup",
    "选择一个备份替换数据库 %1。当前数据库会另存一份，不会丢失。":
        "Choose a copy to replace the database %1 with. The current database is kept as well; nothing is lost.",
    "数据库 %1 还没有备份。": "The database %1 has no copies yet.",
    "恢复": "Restore",
    "数据库无法使用": "The database cannot be used",
    "最新的完好备份：%1（%2，已通过完整性检查）。恢复时，当前文件会原样另存，不会被修改。":
        "Newest intact copy: %1 (%2, passed the integrity check). The current file is kept as it is, unchanged.",
    "没有找到完好的备份。": "No intact copy was found.",
    "打开其他数据库…": "Open another database…",
    "新建数据库…": "New database…",
    "打开数据库…": "Open database…",
    "备份…": "Back up…",
    "恢复…": "Restore…",
    "最近打开的数据库": "Recent databases",
    "【示范数据】": "[DEMO DATA]",
    "文件 %1 已存在；请用“打开数据库…”打开它。": "The file %1 exists; open it with “Open database…”.",
    "备份": "Back up",
    "正在备份数据库…": "Backing up the database…",
    "已备份到 %1": "Backed up to %1",
    "用 %1 的备份替换当前数据库？当前数据库会另存一份。":
        "Replace the current database with the copy of %1? The current database is kept as well.",
    "恢复未保存的修改": "Restore unsaved changes",
    "上次关闭前，记录 %1 有未保存的修改（%2）。要恢复到编辑区吗？":
        "Record %1 had unsaved changes when the program last stopped (%2). Put them back into the editor?",
    # explain this number (ui/explain_dialog.py, the computed panel and tables)
    "计算说明：%1": "How it is computed: %1",
    "点击带下划线的填报值，可跳到该字段。": "Click an underlined entered value to go to its field.",
    "复制文字": "Copy text",
    "复制与命令行 record explain 相同的文字": "Copy the same text as the command record explain prints",
    "这里没有计算值：%1": "No computed value here: %1",
    "公式": "Formula",
    "计算": "Working",
    "计算结果保留全部位数，显示时四舍五入为 %1。": "The computation keeps every digit; the window shows it rounded to %1.",
    "中间结果": "Intermediate results",
    "填报值": "Entered values",
    "参考数据（版本 %1）": "Reference data (version %1)",
    "参考数据版本：%1": "Reference data version: %1",
    "点击数值，或选中后按 %1，查看计算过程": "Click a value, or press %1 on it, to see how it was computed",
    "点击数值可查看计算过程": "Click a value to see how it was computed",
    "点击或按 %1 查看计算过程": "Click, or press %1, to see how it was computed",
    "有 %1 处填报值无法读取，按空值计算（见问题列表）。":
        "%1 entered values could not be read and count as empty (see the issues list).",
    # the organisation's trend page and the review queue's intensity columns
    "%1 年\n综合能耗 %2 吨标准煤%3\n二氧化碳 %4 吨\n能耗强度 %5 吨标准煤/万元":
        "%1\nTotal energy %2 tce%3\nCO2 %4 t\nEnergy intensity %5 tce per 10⁴ yuan",
    "%1 年至 %2 年：%3": "%1 to %2: %3",
    "%1 年：没有年度能源报表（草稿除外）": "%1: no annual energy report (drafts aside)",
    "不比较：仅年度能源报表与本县同行业（行业代码前几位相同）足够多的企业比较":
        "Not compared: only annual energy reports are compared, and only with enough peers of the "
        "same industry class (leading characters of the industry code) in the county",
    "二氧化碳 %1": "CO2 %1",
    "偏低 %1σ": "low %1σ",
    "偏高 %1σ": "high %1σ",
    "单位历年趋势": "Organisation trend",
    "单位历年趋势…": "Organisation trend…",
    "单位趋势 — %1": "Trend — %1",
    "双击打开该年度的能源报表": "Double-click to open the year's energy report",
    "只有草稿、未画出的年度：%1。": " Years with drafts only, not drawn: %1.",
    "右轴：吨标准煤/万元": "Right axis: tce per 10⁴ yuan",
    "同行中位数\n（吨标准煤/万元）": "Peer median\n(tce per 10⁴ yuan)",
    "左轴：吨": "Left axis: t",
    "数据库中还没有该单位的年度能源报表（草稿除外）":
        "No annual energy report of this organisation in the database yet (drafts aside)",
    "每年取该单位最新的非草稿年度能源报表（已提交、已接收或已退回）；月报不计入。悬停图表查看数值，双击表格中的年度打开报表。":
        "Each year is the organisation's newest annual energy report that is not a draft (submitted, "
        "accepted or returned); monthly reports are left out. Hover over the chart for the figures; "
        "double-click a year in the table to open its report.",
    "比上年\n（%）": "On the year\nbefore (%)",
    "综合能耗 %1": "total energy %1",
    "综合能耗比上一年度的变化；上一年度无年报时为空":
        "Change of the total energy on the year before; empty when that year has no annual report",
    "能耗强度\n与同行比较": "Intensity\nagainst peers",
    "能耗强度\n（吨标准煤/万元）": "Energy intensity\n(tce per 10⁴ yuan)",
    "能耗强度 %1": "energy intensity %1",
    "能耗强度 %1 吨标准煤/万元；本县 %2 类 %3 家同行的中位数 %4，稳健标准差 %5（中位数绝对偏差 × 1.4826）；偏离 %6 个稳健标准差":
        "Energy intensity %1 tce per 10⁴ yuan; median of %3 %2 peers in the county %4, robust SD %5 "
        "(median absolute deviation × 1.4826); %6 robust SDs away",
    "能耗强度（吨标准煤/万元，右轴）": "Energy intensity (tce per 10⁴ yuan, right axis)",
    "请先打开一条记录或在导航栏选择单位": "Open a record or choose an organisation in the navigator first",
    "（比上年 %1%）": " (%1 % on the year before)",
    "，": ", ",
    # issue 17: packages from outside this database's division
    "辖区以外的数据包": "Packages from outside this division",
    ("以下数据包的发送方不属于本库的辖区，已拒绝，未做任何改动。可能是别的县的企业误投，也可能是"
     "转来代管的材料。确认确实要接收时再导入：这些单位只出现在审核队列和记录列表中，不计入本辖区的"
     "总览和汇总。"):
        ("The senders of the packages below do not belong to this database's division; they were refused and "
         "nothing was changed. An enterprise of another county may have sent them here by mistake, or they were "
         "passed on for safekeeping. Import them only if they are really wanted: their organisations then appear "
         "in the review queue and the record list only, never in this division's overview or roll-up."),
    "发送方所属行政区划": "Sender's division",
    "本库辖区": "This database's division",
    "仍然导入这些数据包": "Import them anyway",
    "不导入": "Do not import",
    "已拒绝：辖区以外": "Refused: outside this division",
    "意见已保留。改正后可再次退回，或取消勾选写出审核结论包，只退回记录。":
        "The comment is kept. Return again once this is put right, or untick the decision package to return the "
        "record only.",
    # issue 20: keyboard and accessibility
    "说明理由…": "Justify…",
    "下一个窗格": "Next pane",
    "上一个窗格": "Previous pane",
    "快捷键…": "Keyboard shortcuts…",
    "快捷键": "Keyboard shortcuts",
    "没有需要说明理由的警告": "No warning left to justify",
    "菜单中的命令也可用 Alt 加菜单名后的字母打开。焦点所在的控件有醒目的边框。":
        "Menus also open with Alt and the letter underlined in their name. The control with the keyboard focus "
        "has a highlighted frame.",
    "命令": "Command",
    "按键": "Keys",
    "表格与字段中": "In tables and fields",
    "导航栏": "Navigator",
    "问题列表": "Issues",
    "下一个 / 上一个控件；在表格中即离开表格": "Next / previous control; leaves a table",
    "在导航栏、记录列表、编辑区、问题列表间切换": "Navigator, record list, editor, issues in turn",
    "同 F6 / Shift+F6": "As F6 / Shift+F6",
    "表格中移动到相邻的单元格": "To the neighbouring cell in a table",
    "编辑单元格（直接输入也可）": "Edit the cell (or just type)",
    "确认单元格的输入并移到下一行": "Commit the cell and move down a row",
    "放弃单元格中正在输入的内容": "Discard what is being typed in the cell",
    "打开下拉列表（如能源品种）": "Open a drop-down list (e.g. the energy type)",
    "表格中在当前行后添加一行": "Add a row after the current one",
    "删除所选的行": "Remove the selected rows",
    "当前行上移 / 下移": "Move the current row up / down",
    "清空所选的单元格": "Empty the selected cells",
    "说明当前计算值的来历": "Explain the current computed value",
    # issue 20 (screen): small screens, labels instead of ids, smaller things
    "版本 %1": "Version %1",
    "待审核：核对后接收或退回。": "To review: check it, then accept or return it.",
    "收到的记录，%1，只读。": "Received, %1, read-only.",
    "%1，只读；修改请点“修订”。": "%1, read-only; to change it, click Revise.",
    "计算结果": "Computed",
    "退回“%1”，意见：": "Return \u201c%1\u201d; comment:",
    "…… 另有 %1 条": "… and %1 more",
    "确定删除这份从未提交的草稿吗？\n%1": "Delete this draft? It was never submitted.\n%1",
    "已写出：": "Written:",
    "文件夹：%1": "Folder: %1",
    "打开文件夹": "Open folder",
    "已有同名文件：%1。再点“覆盖”将替换它，或改用别的文件名或文件夹。":
        "A file of this name exists: %1. Click Replace again to replace it, or choose another name or folder.",
    "覆盖": "Replace",
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
    write_qt_chinese()
    return 0


def write_qt_chinese() -> None:
    """``qt_zh_CN.ts`` from ``QT_ZH``, then ``qt_zh_CN.qm``."""
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    for context_name in sorted({c for c, _s, _d in QT_ZH}):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
        for (c, source, disambiguation), text in QT_ZH.items():
            if c != context_name:
                continue
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            if disambiguation:
                ET.SubElement(message, "comment").text = disambiguation
            ET.SubElement(message, "translation").text = text
    ET.indent(root)
    ET.ElementTree(root).write(QT_TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(QT_TS), "-qm", str(QT_QM)], check=True)


if __name__ == "__main__":
    sys.exit(main())
