<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AttachmentsWidget</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="33" />
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="34" />
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="35" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="36" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="49" />
        <source>允许的类型：%1；每个文件不超过 %2 MB。附件须先保存草稿后添加。</source>
        <translation>Allowed types: %1; at most %2 MB each. The draft is saved before a file is added.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="52" />
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="53" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/attachments.py" line="54" />
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>BudgetView</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="29" />
        <source>月度实际</source>
        <translation>Monthly actual</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="29" />
        <source>累计实际</source>
        <translation>Cumulative actual</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="30" />
        <source>全年预计</source>
        <translation>Projected year</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="30" />
        <source>有效预算</source>
        <translation>Effective budget</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="31" />
        <source>80% 预警线</source>
        <translation>80 % alert level</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="31" />
        <source>%1月</source>
        <translation>M%1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="32" />
        <source>单位：吨标准煤</source>
        <translation>Unit: tce</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="33" />
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="33" />
        <source>预警</source>
        <translation>Alert</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="34" />
        <source>超出</source>
        <translation>Exceeded</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="34" />
        <source>无数据</source>
        <translation>no data</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="43" />
        <source>从本年度月度能源报表汇总实际用能</source>
        <translation>Pull this year's actuals from the monthly energy reports</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/budget/budget_view.py" line="66" />
        <source>有效预算 %1 吨标准煤；累计实际 %2（%3%，%4）；全年预计 %5（%6%，%7）</source>
        <translation>Effective budget %1 tce; year to date %2 (%3 %, %4); projected year %5 (%6 %, %7)</translation>
    </message>
</context>
<context>
    <name>ComputedPanel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="100" />
        <source>计算结果（自动，只读）</source>
        <translation>Computed values (automatic, read-only)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="100" />
        <source>计算结果</source>
        <translation>Computed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="108" />
        <source>展开或收起计算结果</source>
        <translation>Show or hide the computed values</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="120" />
        <source>点击数值，或选中后按 %1，查看计算过程</source>
        <translation>Click a value, or press %1 on it, to see how it was computed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="121" />
        <source>点击数值可查看计算过程</source>
        <translation>Click a value to see how it was computed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="164" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/computed_panel.py" line="164" />
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ConfirmRecordsDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/confirm_dialog.py" line="77" />
        <source>已说明的警告（%1 项）：</source>
        <translation>Justified warnings (%1):</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/confirm_dialog.py" line="80" />
        <source>%1：%2
说明：%3</source>
        <translation>%1: %2
Justification: %3</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/confirm_dialog.py" line="86" />
        <source>没有警告。</source>
        <translation>No warnings.</translation>
    </message>
</context>
<context>
    <name>CountyActions</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="78" />
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="88" />
        <source>导出全县汇总</source>
        <translation>Export county roll-up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="79" />
        <source>正在汇总 %1 年的数据并生成文件…</source>
        <translation>Rolling up %1 and writing the files…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="84" />
        <source>已导出全县汇总：%1（%2 个单位，缺报 %3 个）</source>
        <translation>County roll-up exported: %1 (organisations: %2, without a report: %3)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="85" />
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="135" />
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="103" />
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="109" />
        <source>导出空白模板</source>
        <translation>Export blank template</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="104" />
        <source>正在生成空白模板…</source>
        <translation>Writing the blank template…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="108" />
        <source>已导出空白模板：%1</source>
        <translation>Blank template exported: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="129" />
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="137" />
        <source>导出审核结论包</source>
        <translation>Export decision packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="129" />
        <source>正在签名并写出审核结论包…</source>
        <translation>Signing and writing the decision packages…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/actions.py" line="134" />
        <source>已写出 %1 个审核结论包：%2</source>
        <translation>%1 decision package(s) written: %2</translation>
    </message>
</context>
<context>
    <name>DatabaseMenu</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="66" />
        <source>新建数据库…</source>
        <translation>New database…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="67" />
        <source>打开数据库…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="68" />
        <source>备份…</source>
        <translation>Back up…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="69" />
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="72" />
        <source>最近打开的数据库</source>
        <translation>Recent databases</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="86" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="155" />
        <source>【示范数据】</source>
        <translation>[DEMO DATA]</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="99" />
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="105" />
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="100" />
        <source>数据库 (*.db)</source>
        <translation>Databases (*.db)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="106" />
        <source>文件 %1 已存在；请用“打开数据库…”打开它。</source>
        <translation>The file %1 exists; open it with “Open database…”.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="124" />
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="125" />
        <source>数据库 (*.db *.sqlite);;所有文件 (*)</source>
        <translation>Databases (*.db *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="148" />
        <source>备份</source>
        <translation>Back up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="148" />
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="150" />
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="164" />
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/database_menu.py" line="165" />
        <source>用 %1 的备份替换当前数据库？当前数据库会另存一份。</source>
        <translation>Replace the current database with the copy of %1? The current database is kept as well.</translation>
    </message>
</context>
<context>
    <name>DecisionsDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="43" />
        <source>导出审核结论包</source>
        <translation>Export decision packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="47" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="47" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="47" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="48" />
        <source>结论</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="48" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="48" />
        <source>审核时间</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="55" />
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="57" />
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="59" />
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="67" />
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="68" />
        <source>从数据包收到、已接收或退回的记录。每家企业写出一个签名的审核结论包，企业导入后即可看到结论和退回意见；同一结论可以重复发送。</source>
        <translation>Records received in packages that were accepted or returned. One signed decision package is written per enterprise; once imported there, it shows the decision and the return comment. A decision may be sent again.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="76" />
        <source>写出结论包</source>
        <translation>Write packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="136" />
        <source>还没有审核过的记录：先在“待审核”中接收或退回</source>
        <translation>No decided records yet: accept or return them under “Review” first</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="138" />
        <source>已选 %1 / %2 条</source>
        <translation>%1 / %2 selected</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/decisions_dialog.py" line="144" />
        <source>请选择一个已有的文件夹或 U 盘</source>
        <translation>Choose an existing folder or USB stick</translation>
    </message>
</context>
<context>
    <name>ExplainDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="125" />
        <source>计算说明：%1</source>
        <translation>How it is computed: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="132" />
        <source>点击带下划线的填报值，可跳到该字段。</source>
        <translation>Click an underlined entered value to go to its field.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="139" />
        <source>复制文字</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="141" />
        <source>复制与命令行 record explain 相同的文字</source>
        <translation>Copy the same text as the command record explain prints</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="167" />
        <source>这里没有计算值：%1</source>
        <translation>No computed value here: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="176" />
        <source>公式</source>
        <translation>Formula</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="176" />
        <source>计算</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="176" />
        <source>中间结果</source>
        <translation>Intermediate results</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="177" />
        <source>填报值</source>
        <translation>Entered values</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="179" />
        <source>计算结果保留全部位数，显示时四舍五入为 %1。</source>
        <translation>The computation keeps every digit; the window shows it rounded to %1.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="189" />
        <source>有 %1 处填报值无法读取，按空值计算（见问题列表）。</source>
        <translation>%1 entered values could not be read and count as empty (see the issues list).</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="177" />
        <source>参考数据（版本 %1）</source>
        <translation>Reference data (version %1)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/explain_dialog.py" line="178" />
        <source>参考数据版本：%1</source>
        <translation>Reference data version: %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="126" />
        <source>导出上报数据包</source>
        <translation>Export submission package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="135" />
        <source>如 2025（含各月）或 2025-03；留空为全部</source>
        <translation>e.g. 2025 (with its months) or 2025-03; empty for all</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="137" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="138" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="139" />
        <source>只打包已提交或已接收的记录（每条记录的最新此类版本），附每条记录的 PDF 和汇总工作簿，并用本机密钥签名。确定后选择保存的文件夹或 U 盘。</source>
        <translation>Only submitted or accepted records are packaged (the newest such revision of each), with each record's PDF and the summary workbook, signed with this installation's key. After OK, choose the folder or USB stick to save to.</translation>
    </message>
</context>
<context>
    <name>ExportResultDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="187" />
        <source>导出上报数据包</source>
        <translation>Export submission package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="192" />
        <source>未生成数据包：%1</source>
        <translation>No package written: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="195" />
        <source>请先在“填报记录”中检查并提交记录，然后再导出。</source>
        <translation>Check and submit records under “Records” first, then export.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="200" />
        <source>已写出数据包：%1</source>
        <translation>Package written: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="205" />
        <source>保存位置</source>
        <translation>Saved in</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="206" />
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="216" />
        <source>已打包 %1 条记录</source>
        <translation>%1 record(s) packaged</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="220" />
        <source>已全部接收，原样转报</source>
        <translation>All accepted; forwarded unchanged</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="225" />
        <source>企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="225" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="226" />
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="226" />
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="228" />
        <source>企业数据包</source>
        <translation>Enterprise packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="234" />
        <source>未打包 %1 条记录（草稿或已退回的记录须提交后才能上报）</source>
        <translation>%1 record(s) not packaged (drafts and returned records must be submitted first)</translation>
    </message>
</context>
<context>
    <name>FoldBox</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/fold_box.py" line="106" />
        <source>展开或收起（空格键或回车键）</source>
        <translation>Unfold or fold (Space or Enter)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/fold_box.py" line="138" />
        <source>未填</source>
        <translation>Not filled</translation>
    </message>
</context>
<context>
    <name>FolderRow</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/target_row.py" line="49" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/target_row.py" line="58" />
        <source>选择保存的文件夹或 U 盘</source>
        <translation>Choose the folder or USB stick to save to</translation>
    </message>
</context>
<context>
    <name>ForeignDivisionDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="23" />
        <source>辖区以外的数据包</source>
        <translation>Packages from outside this division</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="27" />
        <source>以下数据包的发送方不属于本库的辖区，已拒绝，未做任何改动。可能是别的县的企业误投，也可能是转来代管的材料。确认确实要接收时再导入：这些单位只出现在审核队列和记录列表中，不计入本辖区的总览和汇总。</source>
        <translation>The senders of the packages below do not belong to this database's division; they were refused and nothing was changed. An enterprise of another county may have sent them here by mistake, or they were passed on for safekeeping. Import them only if they are really wanted: their organisations then appear in the review queue and the record list only, never in this division's overview or roll-up.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="39" />
        <source>发送方所属行政区划</source>
        <translation>Sender's division</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="40" />
        <source>本库辖区</source>
        <translation>This database's division</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="44" />
        <source>仍然导入这些数据包</source>
        <translation>Import them anyway</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/foreign_dialog.py" line="47" />
        <source>不导入</source>
        <translation>Do not import</translation>
    </message>
</context>
<context>
    <name>GroupTableWidget</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="55" />
        <source>计量单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="56" />
        <source>自动计算</source>
        <translation>Computed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="57" />
        <source>点击或按 %1 查看计算过程</source>
        <translation>Click, or press %1, to see how it was computed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="92" />
        <source>添加%1</source>
        <translation>Add %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="93" />
        <source>删除所选行</source>
        <translation>Remove selected rows</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="94" />
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/group_table.py" line="95" />
        <source>下移</source>
        <translation>Move down</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="36" />
        <source>修订历史与审计日志</source>
        <translation>Revisions and audit log</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="42" />
        <source>版本</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="43" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="44" />
        <source>创建</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="45" />
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="46" />
        <source>审核</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="47" />
        <source>审核意见</source>
        <translation>Decision comment</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="48" />
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="68" />
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="50" />
        <source>记录编号</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="67" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="69" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="70" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="71" />
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="72" />
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="79" />
        <source>修订历史</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/history_dialog.py" line="80" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>ImportResultsDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="312" />
        <source>导入数据包</source>
        <translation>Import packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="327" />
        <source>首次收到这些单位的数据包，已登记其密钥指纹（请与对方电话核对）</source>
        <translation>First packages from these organisations: their key fingerprints were registered (check them with the sender by phone)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="347" />
        <source>共 %1 个文件：导入 %2 个，此前已导入 %3 个，拒绝 %4 个</source>
        <translation>Files: %1 (imported: %2, imported before: %3, refused: %4)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="362" />
        <source>复制指纹</source>
        <translation>Copy fingerprint</translation>
    </message>
</context>
<context>
    <name>ImportResultsModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="25" />
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="26" />
        <source>已导入过</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="27" />
        <source>已拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="28" />
        <source>已拒绝：密钥已更换</source>
        <translation>Refused: the key has changed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="29" />
        <source>已拒绝：辖区以外</source>
        <translation>Refused: outside this division</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="30" />
        <source>已取消，未处理</source>
        <translation>Cancelled, not processed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="37" />
        <source>由另一把密钥签名，未做任何改动。已登记的指纹：%1；本数据包的指纹：%2</source>
        <translation>Signed by another key; nothing was changed. Pinned fingerprint: %1; this package's fingerprint: %2</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="43" />
        <source>已于 %1 导入过，未做任何改动</source>
        <translation>Imported before, on %1; nothing changed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="48" />
        <source>%1 条审核结论生效，%2 条此前已生效</source>
        <translation>%1 decision(s) took effect, %2 already in effect</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="53" />
        <source>新增 %1 条记录，已有 %2 条</source>
        <translation>%1 record(s) added, %2 already here</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="55" />
        <source>首次收到该单位的数据包，已登记密钥指纹（请与对方核对）</source>
        <translation>First package from this organisation: its key fingerprint is pinned (check it with the sender)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="57" />
        <source>已接受新密钥（已记入修改日志）</source>
        <translation>New key accepted (written to the audit log)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="58" />
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="67" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="67" />
        <source>发送方</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="68" />
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="68" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/import_results.py" line="69" />
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>IssuesModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="44" />
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="45" />
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="46" />
        <source>问题</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="47" />
        <source>情况说明</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="48" />
        <source>错误须更正；警告须填写情况说明；提示仅供参考</source>
        <translation>Errors must be corrected; warnings need a justification; infos are for information</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="49" />
        <source>问题所在的字段（单击跳转）</source>
        <translation>The field the issue is about (click to go there)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="50" />
        <source>警告须填写情况说明（双击填写）</source>
        <translation>A warning needs a justification (double-click to write one)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/issues_model.py" line="108" />
        <source>（双击填写说明）</source>
        <translation>(double-click to justify)</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/issues_panel.py" line="40" />
        <source>问题列表</source>
        <translation>Issues</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/issues_panel.py" line="123" />
        <source>错误 %1 项，警告 %2 项（未说明 %3 项），提示 %4 项</source>
        <translation>Errors: %1, warnings: %2 (not justified: %3), notes: %4</translation>
    </message>
</context>
<context>
    <name>KeyChangeDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="386" />
        <source>发送方密钥已更换</source>
        <translation>The sender's key has changed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="390" />
        <source>以下数据包由与此前登记不同的密钥签名，已拒绝，未做任何改动。对方重装电脑或更换电脑时会出现这种情况，也可能是他人冒充。请打电话给发送方，请对方在“帮助 → 本机密钥”中念出新指纹，逐组核对。</source>
        <translation>These packages are signed by a key other than the one pinned for their sender; they were refused and nothing was changed. This happens when the sender reinstalls or replaces a computer, but it may also be someone else. Phone the sender, ask them to read out the new fingerprint from “Help → This installation's key”, and compare it group by group.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="401" />
        <source>已登记的指纹</source>
        <translation>Pinned fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="402" />
        <source>数据包的新指纹</source>
        <translation>The package's new fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="405" />
        <source>我已与发送方电话核对，新指纹无误</source>
        <translation>I checked the new fingerprint with the sender by phone; it is right</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="409" />
        <source>接受新密钥并导入</source>
        <translation>Accept the new key and import</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="411" />
        <source>不接受</source>
        <translation>Do not accept</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="93" />
        <source>本机密钥</source>
        <translation>This installation's key</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="100" />
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="101" />
        <source>公钥</source>
        <translation>Public key</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="102" />
        <source>私钥文件</source>
        <translation>Private key file</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="104" />
        <source>本机签发的每个数据包都带有这把密钥的签名。上级单位第一次收到本单位的数据包时会登记这个指纹；请在电话中与对方核对。私钥只保存在本机，请勿复制给他人；重装电脑会生成新密钥，上级须确认后才接收。</source>
        <translation>Every package made here is signed with this key. The upper level pins this fingerprint when it first receives a package from you; compare it with them by phone. The private key stays on this computer: never copy it to anyone. A reinstalled computer makes a new key, which the upper level must accept before it takes your packages.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="108" />
        <source>复制指纹</source>
        <translation>Copy fingerprint</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="141" />
        <source>低碳填报助手 — %1</source>
        <translation>lowcarbon-desk — %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="111" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="201" />
        <source>填报记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="113" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="202" />
        <source>全县概览</source>
        <translation>County overview</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="208" />
        <source>待审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="239" />
        <source>操作人：%1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="73" />
        <source>新建单位…</source>
        <translation>New organisation…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="75" />
        <source>新建记录…</source>
        <translation>New record…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="77" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="79" />
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="81" />
        <source>说明理由…</source>
        <translation>Justify…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="83" />
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="85" />
        <source>修订</source>
        <translation>Revise</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="87" />
        <source>修订并改用最新表单版本…</source>
        <translation>Revise onto the newest form version…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="89" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="528" />
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="93" />
        <source>修订历史与审计日志…</source>
        <translation>Revisions and audit log…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="95" />
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="97" />
        <source>单位历年趋势…</source>
        <translation>Organisation trend…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="101" />
        <source>导出当前记录 PDF…</source>
        <translation>Export this record as PDF…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="103" />
        <source>导出当前记录 PDF（附计算说明）…</source>
        <translation>Export this record as PDF with calculation notes…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="105" />
        <source>导出列表中记录的工作簿…</source>
        <translation>Export the listed records as a workbook…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="107" />
        <source>导入工作簿…</source>
        <translation>Import workbook…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="99" />
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="91" />
        <source>从月报汇总实际用能</source>
        <translation>Pull actuals from monthly reports</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="115" />
        <source>导出上报数据包…</source>
        <translation>Export submission package…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="117" />
        <source>校验数据包…</source>
        <translation>Verify package…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="119" />
        <source>导入数据包…</source>
        <translation>Import packages…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="121" />
        <source>待审核记录</source>
        <translation>Records awaiting review</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="123" />
        <source>本机密钥…</source>
        <translation>This installation's key…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="125" />
        <source>显示/隐藏导航栏</source>
        <translation>Show/hide the navigator</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="127" />
        <source>下一个窗格</source>
        <translation>Next pane</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="129" />
        <source>上一个窗格</source>
        <translation>Previous pane</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="131" />
        <source>导出全县汇总…</source>
        <translation>Export county roll-up…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="133" />
        <source>导出空白模板…</source>
        <translation>Export blank template…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="135" />
        <source>导出审核结论包…</source>
        <translation>Export decision packages…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="109" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="137" />
        <source>目标…</source>
        <translation>Targets…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="139" />
        <source>快捷键…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="141" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="663" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="60" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="61" />
        <source>记录(&amp;R)</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="62" />
        <source>数据包(&amp;P)</source>
        <translation>&amp;Packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="63" />
        <source>汇总(&amp;C)</source>
        <translation>&amp;County</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="64" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="68" />
        <source>语言 / Language</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="65" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/action_table.py" line="70" />
        <source>常用</source>
        <translation>Main</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="160" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="338" />
        <source>正在读取记录列表…</source>
        <translation>Reading the record list…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="344" />
        <source>共 %1 条记录</source>
        <translation>Records: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="439" />
        <source>请先打开一条记录或在导航栏选择单位</source>
        <translation>Open a record or choose an organisation in the navigator first</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="561" />
        <source>请先打开一条记录</source>
        <translation>Open a record first</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="564" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="572" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="574" />
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="599" />
        <source>已导出 %1 条记录：%2</source>
        <translation>Records exported: %1, to %2</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="621" />
        <source>正在检查并导入工作簿…</source>
        <translation>Checking and importing the workbook…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="625" />
        <source>导入完成：新增 %1 条记录，更新 %2 条，%3 条未变；新增单位 %4 个</source>
        <translation>Import finished. Records added: %1, updated: %2, unchanged: %3; organisations added: %4</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="629" />
        <source>%1（%2 条警告）</source>
        <translation>%1 (%2 warning(s))</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="631" />
        <source>。%1 条草稿有警告须说明理由后才能提交（在问题列表中按 Ctrl+J）：%2</source>
        <translation>. %1 draft(s) have warnings to justify before they can be submitted (Ctrl+J in the issues list): %2</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="632" />
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="665" />
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="573" />
        <source>正在生成 PDF…</source>
        <translation>Writing the PDF…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="529" />
        <source>确定删除这份从未提交的草稿吗？
%1</source>
        <translation>Delete this draft? It was never submitted.
%1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="575" />
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="590" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="596" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="598" />
        <source>导出工作簿</source>
        <translation>Export workbook</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="597" />
        <source>正在生成工作簿…</source>
        <translation>Writing the workbook…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="612" />
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="621" />
        <source>导入工作簿</source>
        <translation>Import workbook</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="645" />
        <source>操作失败</source>
        <translation>Operation failed</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/main_window.py" line="664" />
        <source>低碳填报助手：离线填报能源报表、用能预算、清洁生产审核和低碳试点申报。</source>
        <translation>lowcarbon-desk: offline energy reports, energy-use budgets, cleaner-production audits and low-carbon pilot applications.</translation>
    </message>
</context>
<context>
    <name>MonthsWidget</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/editor/months_table.py" line="18" />
        <source>%1月</source>
        <translation>M%1</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="25" />
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="52" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="55" />
        <source>全部单位（%1）</source>
        <translation>All organisations (%1)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="63" />
        <source>园区</source>
        <translation>Parks</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="64" />
        <source>企业</source>
        <translation>Enterprises</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/navigator.py" line="65" />
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>NavigatorView</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/navigator_view.py" line="30" />
        <source>导航栏</source>
        <translation>Navigator</translation>
    </message>
</context>
<context>
    <name>NewRecordDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/new_record_dialog.py" line="37" />
        <source>新建记录</source>
        <translation>New record</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/new_record_dialog.py" line="65" />
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/new_record_dialog.py" line="66" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/new_record_dialog.py" line="67" />
        <source>期间 / 年度</source>
        <translation>Period / year</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/new_record_dialog.py" line="111" />
        <source>请选择单位（先在“文件 → 新建单位”中添加）</source>
        <translation>Choose an organisation (add one with File → New organisation first)</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/operations/base.py" line="225" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OperationHub</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/operations/base.py" line="134" />
        <source>操作失败</source>
        <translation>Operation failed</translation>
    </message>
</context>
<context>
    <name>OrgDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/org_dialog.py" line="31" />
        <source>新建单位</source>
        <translation>New organisation</translation>
    </message>
</context>
<context>
    <name>OrgTrendDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="53" />
        <source>单位趋势 — %1</source>
        <translation>Trend — %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="61" />
        <source>综合能耗（吨标准煤）</source>
        <translation>Energy (tce)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="61" />
        <source>二氧化碳（吨）</source>
        <translation>CO2 (t)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="62" />
        <source>能耗强度（吨标准煤/万元，右轴）</source>
        <translation>Energy intensity (tce per 10⁴ yuan, right axis)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="63" />
        <source>左轴：吨</source>
        <translation>Left axis: t</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="63" />
        <source>右轴：吨标准煤/万元</source>
        <translation>Right axis: tce per 10⁴ yuan</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="64" />
        <source>数据库中还没有该单位的年度能源报表（草稿除外）</source>
        <translation>No annual energy report of this organisation in the database yet (drafts aside)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="65" />
        <source>%1 年
综合能耗 %2 吨标准煤%3
二氧化碳 %4 吨
能耗强度 %5 吨标准煤/万元</source>
        <translation>%1
Total energy %2 tce%3
CO2 %4 t
Energy intensity %5 tce per 10⁴ yuan</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="66" />
        <source>%1 年：没有年度能源报表（草稿除外）</source>
        <translation>%1: no annual energy report (drafts aside)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="67" />
        <source>（比上年 %1%）</source>
        <translation> (%1 % on the year before)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="109" />
        <source>每年取该单位最新的非草稿年度能源报表（已提交、已接收或已退回）；月报不计入。悬停图表查看数值，双击表格中的年度打开报表。</source>
        <translation>Each year is the organisation's newest annual energy report that is not a draft (submitted, accepted or returned); monthly reports are left out. Hover over the chart for the figures; double-click a year in the table to open its report.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="112" />
        <source>只有草稿、未画出的年度：%1。</source>
        <translation> Years with drafts only, not drawn: %1.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="113" />
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="122" />
        <source>综合能耗 %1</source>
        <translation>total energy %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="123" />
        <source>二氧化碳 %1</source>
        <translation>CO2 %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="124" />
        <source>能耗强度 %1</source>
        <translation>energy intensity %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="130" />
        <source>%1 年至 %2 年：%3</source>
        <translation>%1 to %2: %3</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/trends/org_page.py" line="131" />
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="72" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="71" />
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="77" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="84" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="85" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="86" />
        <source>综合能耗（吨标准煤）</source>
        <translation>Energy (tce)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="87" />
        <source>二氧化碳（吨）</source>
        <translation>CO2 (t)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="88" />
        <source>口径</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="96" />
        <source>用能前 %1 位单位（双击查看记录）</source>
        <translation>Top %1 energy users (double-click for their records)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="126" />
        <source>年报</source>
        <translation>Annual report</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="126" />
        <source>月报合计</source>
        <translation>Sum of monthly reports</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="161" />
        <source>数据库中还没有记录。</source>
        <translation>The database has no records yet.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="163" />
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="212" />
        <source>%1 年；能耗取年报，无年报时取月报合计。</source>
        <translation>%1; energy from the annual report, else the sum of the monthly reports.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/overview_view.py" line="252" />
        <source>点击查看相关记录</source>
        <translation>Click to see the records behind this figure</translation>
    </message>
</context>
<context>
    <name>PackageActions</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="77" />
        <source>选择保存数据包的文件夹或 U 盘</source>
        <translation>Choose the folder or USB stick for the package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="82" />
        <source>导出上报数据包</source>
        <translation>Export submission package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="82" />
        <source>正在生成数据包（PDF、工作簿、签名）…</source>
        <translation>Writing the package (PDFs, workbook, signature)…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="89" />
        <source>已写出数据包：%1</source>
        <translation>Package written: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="98" />
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="101" />
        <source>校验数据包</source>
        <translation>Verify package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="98" />
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="114" />
        <source>上报数据包 (%1)</source>
        <translation>Submission packages (%1)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="102" />
        <source>正在校验 %1…</source>
        <translation>Verifying %1…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="114" />
        <source>导入数据包（可多选）</source>
        <translation>Import packages (choose one or more)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="120" />
        <source>正在校验并导入 %1 个数据包…</source>
        <translation>Verifying and importing %1 package(s)…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="123" />
        <source>导入数据包</source>
        <translation>Import packages</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/controller.py" line="140" />
        <source>导入完成：%1 个数据包已导入</source>
        <translation>Import finished: %1 package(s) imported</translation>
    </message>
</context>
<context>
    <name>PackageDialogs</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="162" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="163" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="164" />
        <source>版本</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="165" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="166" />
        <source>记录编号</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="173" />
        <source>数据指纹（SHA-256，与 PDF 二维码对照）</source>
        <translation>Content fingerprint (SHA-256, as under the PDF's QR code)</translation>
    </message>
</context>
<context>
    <name>RecordListModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="74" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="75" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="72" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="71" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="73" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="76" />
        <source>版本</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="77" />
        <source>综合能耗（吨标准煤）</source>
        <translation>Energy (tce)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="78" />
        <source>二氧化碳（吨）</source>
        <translation>CO2 (t)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="79" />
        <source>预算状态</source>
        <translation>Budget status</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="80" />
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/record_list.py" line="118" />
        <source>旧版本</source>
        <translation>old revision</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="86" />
        <source>查找：单位名称、代码、期间、表单、状态…（Ctrl+F）</source>
        <translation>Find: organisation, code, period, form, state… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="91" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="95" />
        <source>全部表单</source>
        <translation>All forms</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="102" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="105" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="112" />
        <source>期间，如 2025 或 2025-03</source>
        <translation>Period, e.g. 2025 or 2025-03</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="116" />
        <source>仅最新版本</source>
        <translation>Latest revisions only</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="121" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="127" />
        <source>填报记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_list_view.py" line="196" />
        <source>%1 / %2 条</source>
        <translation>%1 / %2 records</translation>
    </message>
</context>
<context>
    <name>RecordPane</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="77" />
        <source>请在左侧列表中选择一条记录，或新建记录（Ctrl+N）。</source>
        <translation>Choose a record in the list, or create one (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="90" />
        <source>修订（生成新版本）</source>
        <translation>Revise (new revision)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="93" />
        <source>修订并改用最新表单版本…</source>
        <translation>Revise onto the newest form version…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="97" />
        <source>接收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="100" />
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="180" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="185" />
        <source>预算执行图</source>
        <translation>Budget chart</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="230" />
        <source>%1 %2 · %3 · 第 %4 版 · %5</source>
        <translation>%1 %2 · %3 · revision %4 · %5</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="239" />
        <source>待审核：核对后接收或退回。</source>
        <translation>To review: check it, then accept or return it.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="240" />
        <source>收到的数据包中的记录，待审核：请核对后接收或退回。</source>
        <translation>A record received in a package, awaiting review: check it, then accept or return it.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="242" />
        <source>收到的记录，%1，只读。</source>
        <translation>Received, %1, read-only.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="243" />
        <source>收到的数据包中的记录，“%1”，只读。</source>
        <translation>A record received in a package, “%1”, read-only.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="245" />
        <source>%1，只读；修改请点“修订”。</source>
        <translation>%1, read-only; to change it, click Revise.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="246" />
        <source>本记录“%1”，只读；如需修改，请点“修订”生成新的草稿版本。</source>
        <translation>This record is “%1”: read-only. To change it, click “Revise” for a new draft revision.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="248" />
        <source>审核意见：</source>
        <translation>Decision comment: </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="306" />
        <source>草稿未能保存：</source>
        <translation>The draft could not be saved: </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="310" />
        <source>草稿已保存；有 %1 处格式错误的值未保存，请更正。</source>
        <translation>Draft saved; %1 malformed values were not saved, please correct them.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="313" />
        <source>草稿已自动保存</source>
        <translation>Draft saved automatically</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="331" />
        <source>检查完成：%1 项须处理后才能提交</source>
        <translation>Checked: to resolve before submitting: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="333" />
        <source>检查完成：可以提交</source>
        <translation>Checked: ready to submit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="342" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="347" />
        <source>不能填写说明</source>
        <translation>Cannot justify</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="351" />
        <source>说明已保存</source>
        <translation>Justification saved</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="360" />
        <source>没有需要说明理由的警告</source>
        <translation>No warning left to justify</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="377" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="380" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="387" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="405" />
        <source>不能提交</source>
        <translation>Cannot submit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="377" />
        <source>本记录已提交或已处理。</source>
        <translation>This record is already submitted or decided.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="385" />
        <source>错误：</source>
        <translation>error: </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="385" />
        <source>未说明的警告：</source>
        <translation>unjustified warning: </translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="391" />
        <source>提交记录</source>
        <translation>Submit the record</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="392" />
        <source>提交后记录只读，可随上报数据包报送；如需修改，须“修订”生成新的版本。请核对：</source>
        <translation>Once submitted, the record is read-only and can be sent in a submission package; to change it you will need to revise it into a new revision. Please check:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="393" />
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="408" />
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="437" />
        <source>接收记录</source>
        <translation>Accept records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="437" />
        <source>接收后，记录可随本县数据包上报。请核对：</source>
        <translation>Once accepted, the record can travel upward in the county's package. Please check:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="437" />
        <source>接收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="463" />
        <source>审核结论包保存到</source>
        <translation>Save the decision package to</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="469" />
        <source>不能审核</source>
        <translation>Cannot decide</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="472" />
        <source>已接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="472" />
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="474" />
        <source>；审核结论包：%1</source>
        <translation>; decision package: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="485" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="533" />
        <source>不能修订</source>
        <translation>Cannot revise</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="488" />
        <source>已生成新版本（草稿）</source>
        <translation>New revision created (draft)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="508" />
        <source>改用最新表单版本</source>
        <translation>Newest form version</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="509" />
        <source>为这条记录生成新的草稿版本，表单由“%1”第 %2 版改用第 %3 版。填写的值按字段带入新版本；原记录保持不变。</source>
        <translation>A new draft revision of this record is made, moving “%1” from version %2 to version %3. The values carry over field by field; the record as it is stays unchanged.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="514" />
        <source>修订为第 %1 版</source>
        <translation>Revise onto version %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="519" />
        <source>两个版本的字段相同。</source>
        <translation>Both versions have the same fields.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="538" />
        <source>已生成新版本（草稿），改用表单第 %1 版</source>
        <translation>New revision (draft) made, on form version %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="540" />
        <source>以下值新版本没有对应的字段，未带入（原版本中仍保留）：</source>
        <translation>These values have no field in the new version and were not carried over (the earlier revision keeps them):</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="552" />
        <source>新增字段：%1</source>
        <translation>New fields: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="555" />
        <source>删除的字段（值不再带入）：%1</source>
        <translation>Removed fields (their values are not carried over): %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="558" />
        <source>名称改变的字段：%1</source>
        <translation>Renamed fields: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="572" />
        <source>不能汇总</source>
        <translation>Cannot pull</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="572" />
        <source>请先填写预算年度。</source>
        <translation>Enter the budget year first.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="589" />
        <source>选择附件</source>
        <translation>Choose an attachment</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="590" />
        <source>证明材料 (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx)</source>
        <translation>Supporting documents (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="595" />
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="601" />
        <source>不能添加附件</source>
        <translation>Cannot add the attachment</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/record_pane.py" line="624" />
        <source>不能移除附件</source>
        <translation>Cannot remove the attachment</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="50" />
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="54" />
        <source>选择一个备份替换数据库 %1。当前数据库会另存一份，不会丢失。</source>
        <translation>Choose a copy to replace the database %1 with. The current database is kept as well; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="55" />
        <source>数据库 %1 还没有备份。</source>
        <translation>The database %1 has no copies yet.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/backup_copies.py" line="27" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/backup_copies.py" line="28" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/backup_copies.py" line="29" />
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="72" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="73" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="433" />
        <source>退回记录</source>
        <translation>Return records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="436" />
        <source>退回原因和修改要求（必填），企业会看到这段意见</source>
        <translation>Why it is returned and what to change (required); the enterprise will see this comment</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="442" />
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="449" />
        <source>同时写出给企业的审核结论包（选择文件夹或 U 盘）</source>
        <translation>Also write the decision package for the enterprise (choose a folder or USB stick)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="455" />
        <source>退回“%1”，意见：</source>
        <translation>Return “%1”; comment:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="457" />
        <source>退回所选 %1 条记录，意见：</source>
        <translation>Return the %1 selected record(s), with this comment:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="462" />
        <source>…… 另有 %1 条</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="481" />
        <source>退回必须填写意见</source>
        <translation>A return needs a comment</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="46" />
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="47" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="45" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="44" />
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="48" />
        <source>版本</source>
        <translation>Rev.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="49" />
        <source>综合能耗
（吨标准煤）</source>
        <translation>Energy
(tce)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="50" />
        <source>二氧化碳
（吨）</source>
        <translation>CO2
(t)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="51" />
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="52" />
        <source>能耗强度
与同行比较</source>
        <translation>Intensity
against peers</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="53" />
        <source>同行中位数
（吨标准煤/万元）</source>
        <translation>Peer median
(tce per 10⁴ yuan)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="54" />
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="55" />
        <source>数据包</source>
        <translation>Package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="56" />
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="67" />
        <source>偏高 %1σ</source>
        <translation>high %1σ</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="68" />
        <source>偏低 %1σ</source>
        <translation>low %1σ</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="75" />
        <source>能耗强度 %1 吨标准煤/万元；本县 %2 类 %3 家同行的中位数 %4，稳健标准差 %5（中位数绝对偏差 × 1.4826）；偏离 %6 个稳健标准差</source>
        <translation>Energy intensity %1 tce per 10⁴ yuan; median of %3 %2 peers in the county %4, robust SD %5 (median absolute deviation × 1.4826); %6 robust SDs away</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="153" />
        <source>警告数（均已由报送单位说明）</source>
        <translation>Number of warnings (each justified by the sender)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/review_queue.py" line="171" />
        <source>不比较：仅年度能源报表与本县同行业（行业代码前几位相同）足够多的企业比较</source>
        <translation>Not compared: only annual energy reports are compared, and only with enough peers of the same industry class (leading characters of the industry code) in the county</translation>
    </message>
</context>
<context>
    <name>ReviewQueueView</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="71" />
        <source>查找：单位、代码、期间、数据包…</source>
        <translation>Find: organisation, code, period, package…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="74" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="77" />
        <source>单位历年趋势</source>
        <translation>Organisation trend</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="97" />
        <source>接收所选</source>
        <translation>Accept selected</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="100" />
        <source>退回所选…</source>
        <translation>Return selected…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="103" />
        <source>查看记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="105" />
        <source>同时写出给企业的审核结论包（选择文件夹或 U 盘）</source>
        <translation>Also write the decision package for the enterprise (choose a folder or USB stick)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="114" />
        <source>从数据包导入、等待审核的记录。接收后县级可将其随本县数据包上报；退回须填写意见，企业导入审核结论包后可修订重报。</source>
        <translation>Records imported from packages, awaiting review. Accepted records travel upward in the county's package; a return needs a comment, and the enterprise can revise and resubmit once it imports the decision package.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="141" />
        <source>正在读取待审核记录…</source>
        <translation>Reading the records awaiting review…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="178" />
        <source>待审核 %1 条</source>
        <translation>%1 awaiting review</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="180" />
        <source>显示 %1 / %2 条</source>
        <translation>Showing %1 / %2</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="223" />
        <source>接收记录</source>
        <translation>Accept records</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="224" />
        <source>接收所选 %1 条记录；接收后可随本县数据包上报。请核对：</source>
        <translation>Accept the %1 selected record(s); accepted records can travel upward in the county's package. Please check:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="225" />
        <source>接收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="257" />
        <source>意见已保留。改正后可再次退回，或取消勾选写出审核结论包，只退回记录。</source>
        <translation>The comment is kept. Return again once this is put right, or untick the decision package to return the record only.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="268" />
        <source>审核结论包保存到</source>
        <translation>Save the decision package to</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="282" />
        <source>已接收 %1 条记录</source>
        <translation>%1 record(s) accepted</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="282" />
        <source>已退回 %1 条记录</source>
        <translation>%1 record(s) returned</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="285" />
        <source>；审核结论包：%1</source>
        <translation>; decision package: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/review_view.py" line="285" />
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RollupDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="38" />
        <source>导出全县汇总</source>
        <translation>Export county roll-up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="45" />
        <source>全省汇总（%1）</source>
        <translation>Province roll-up (%1)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="52" />
        <source>PDF（打印、盖章）</source>
        <translation>PDF (to print and stamp)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="55" />
        <source>Excel 工作簿（再加工）</source>
        <translation>Excel workbook (for further work)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="71" />
        <source>县（区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="72" />
        <source>汇总年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="73" />
        <source>格式</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="74" />
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="75" />
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="76" />
        <source>每个单位取该年度最新的非草稿版本，没有时取最新草稿并标注；与命令 export rollup 的结果相同。生成时可以取消，取消后不留下文件。</source>
        <translation>Each organisation counts with its newest revision of the year that is not a draft, else its newest draft (flagged); the same as the command export rollup. You can cancel while the files are made; a cancel leaves no file.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="79" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="84" />
        <source>数据库中没有县级单位，无法汇总</source>
        <translation>The database holds no county, so there is nothing to roll up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="86" />
        <source>数据库中还没有任何记录，无法汇总</source>
        <translation>The database holds no records yet, so there is nothing to roll up</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/rollup_dialog.py" line="117" />
        <source>请至少选择一种格式和保存的文件夹</source>
        <translation>Choose at least one format and the folder</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="66" />
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="69" />
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="67" />
        <source>菜单中的命令也可用 Alt 加菜单名后的字母打开。焦点所在的控件有醒目的边框。</source>
        <translation>Menus also open with Alt and the letter underlined in their name. The control with the keyboard focus has a highlighted frame.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="73" />
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="76" />
        <source>表格与字段中</source>
        <translation>In tables and fields</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="98" />
        <source>命令</source>
        <translation>Command</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/shortcuts_dialog.py" line="98" />
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="27" />
        <source>下一个 / 上一个控件；在表格中即离开表格</source>
        <translation>Next / previous control; leaves a table</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="28" />
        <source>在导航栏、记录列表、编辑区、问题列表间切换</source>
        <translation>Navigator, record list, editor, issues in turn</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="29" />
        <source>同 F6 / Shift+F6</source>
        <translation>As F6 / Shift+F6</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="30" />
        <source>表格中移动到相邻的单元格</source>
        <translation>To the neighbouring cell in a table</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="31" />
        <source>编辑单元格（直接输入也可）</source>
        <translation>Edit the cell (or just type)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="32" />
        <source>确认单元格的输入并移到下一行</source>
        <translation>Commit the cell and move down a row</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="33" />
        <source>放弃单元格中正在输入的内容</source>
        <translation>Discard what is being typed in the cell</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="34" />
        <source>打开下拉列表（如能源品种）</source>
        <translation>Open a drop-down list (e.g. the energy type)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="35" />
        <source>表格中在当前行后添加一行</source>
        <translation>Add a row after the current one</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="36" />
        <source>删除所选的行</source>
        <translation>Remove the selected rows</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="37" />
        <source>当前行上移 / 下移</source>
        <translation>Move the current row up / down</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="38" />
        <source>清空所选的单元格</source>
        <translation>Empty the selected cells</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/table_keys.py" line="39" />
        <source>说明当前计算值的来历</source>
        <translation>Explain the current computed value</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="25" />
        <source>导出空白模板</source>
        <translation>Export blank template</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="31" />
        <source>空白的标准工作簿：每种填报表一个工作表，带下拉选项和填写说明。企业在 Excel 中填写后，用“文件 → 导入工作簿…”读入。</source>
        <translation>The empty standard workbook: one sheet per form, with drop-down choices and notes. Enterprises fill it in Excel; read it back with “File → Import workbook…”.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="35" />
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="36" />
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="37" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/county/template_dialog.py" line="49" />
        <source>请填写保存的文件夹和文件名</source>
        <translation>Give the folder and the file name</translation>
    </message>
</context>
<context>
    <name>TrendModel</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="25" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="26" />
        <source>综合能耗
（吨标准煤）</source>
        <translation>Energy
(tce)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="27" />
        <source>比上年
（%）</source>
        <translation>On the year
before (%)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="28" />
        <source>二氧化碳
（吨）</source>
        <translation>CO2
(t)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="29" />
        <source>能耗强度
（吨标准煤/万元）</source>
        <translation>Energy intensity
(tce per 10⁴ yuan)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="30" />
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="90" />
        <source>综合能耗比上一年度的变化；上一年度无年报时为空</source>
        <translation>Change of the total energy on the year before; empty when that year has no annual report</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/models/trend.py" line="91" />
        <source>双击打开该年度的能源报表</source>
        <translation>Double-click to open the year's energy report</translation>
    </message>
</context>
<context>
    <name>UnusableDatabaseDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="98" />
        <source>数据库无法使用</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="101" />
        <source>最新的完好备份：%1（%2，已通过完整性检查）。恢复时，当前文件会原样另存，不会被修改。</source>
        <translation>Newest intact copy: %1 (%2, passed the integrity check). The current file is kept as it is, unchanged.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="103" />
        <source>没有找到完好的备份。</source>
        <translation>No intact copy was found.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="108" />
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="109" />
        <source>打开其他数据库…</source>
        <translation>Open another database…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/backup_dialogs.py" line="110" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="250" />
        <source>校验数据包 — %1</source>
        <translation>Verify package — %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="256" />
        <source>未通过校验：%1</source>
        <translation>Verification failed: %1</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="259" />
        <source>请勿导入这个文件；请对方重新导出并发送。</source>
        <translation>Do not import this file; ask the sender to export and send it again.</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="261" />
        <source>校验通过：签名有效，文件完整，记录通过校验</source>
        <translation>Verified: signature valid, files intact, records validate</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="265" />
        <source>审核结论包</source>
        <translation>decision package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="265" />
        <source>报送包</source>
        <translation>submission package</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="269" />
        <source>发送方</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="272" />
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="273" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="276" />
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="279" />
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/submissions/dialogs.py" line="283" />
        <source>记录（%1 条）</source>
        <translation>Records (%1)</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="61" />
        <source>%1 不是已有的数据库文件</source>
        <translation>%1 is not an existing database file</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="88" />
        <source>欢迎使用低碳填报助手</source>
        <translation>Welcome to lowcarbon-desk</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="88" />
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="90" />
        <source>数据库 %1 还不存在。请选择如何开始（选择之前不会写入任何内容）：</source>
        <translation>The database %1 does not exist yet. Choose how to start (nothing is written before you choose):</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="91" />
        <source>新数据库的用途：</source>
        <translation>What the new database is for:</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="97" />
        <source>为本企业新建空数据库</source>
        <translation>A new empty database for my enterprise</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="98" />
        <source>为本县新建空数据库</source>
        <translation>A new empty database for my county</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="99" />
        <source>为本省新建数据库（导入各县的数据包）</source>
        <translation>A new database for my province (imports the counties' packages)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="101" />
        <source>打开已有的数据库文件…</source>
        <translation>Open an existing database file…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="102" />
        <source>打开示范县（虚构的示范数据，单独的文件，不影响您的数据库）</source>
        <translation>Open the demo county (fictional demo data in its own file; your database is not touched)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="119" />
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="120" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="121" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="132" />
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="132" />
        <source>企业名称</source>
        <translation>Enterprise name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="133" />
        <source>所在县（区）行政区划代码</source>
        <translation>County division code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="134" />
        <source>国民经济行业代码（如 C3011）</source>
        <translation>Industry code (e.g. C3011)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="135" />
        <source>县（区）行政区划代码</source>
        <translation>County division code</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="135" />
        <source>县（区）名称</source>
        <translation>County name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="136" />
        <source>省行政区划代码（如 410000）</source>
        <translation>Province division code (e.g. 410000)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="136" />
        <source>省名称</source>
        <translation>Province name</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="137" />
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="137" />
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="221" />
        <source>省行政区划代码 %1 应为 6 位数字并以 0000 结尾（如 410000）</source>
        <translation>province division code %1 must be 6 digits ending in 0000 (e.g. 410000)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="223" />
        <source>%1 是省的行政区划代码：请选择“为本省新建数据库”</source>
        <translation>%1 is a province's division code: choose a new database for my province</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="246" />
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/welcome.py" line="247" />
        <source>数据库 (*.db *.sqlite);;所有文件 (*)</source>
        <translation>Databases (*.db *.sqlite);;All files (*)</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="128" />
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="135" />
        <source>示范数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="129" />
        <source>正在生成示范县数据，请稍候…</source>
        <translation>Building the demo county, please wait…</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="131" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="190" />
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="191" />
        <source>数据库 (*.db *.sqlite);;所有文件 (*)</source>
        <translation>Databases (*.db *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="223" />
        <source>数据库已打开</source>
        <translation>Database already open</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="224" />
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="355" />
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="406" />
        <source>恢复未保存的修改</source>
        <translation>Restore unsaved changes</translation>
    </message>
    <message>
        <location filename="../../src/lowcarbon_desk/ui/launch.py" line="407" />
        <source>上次关闭前，记录 %1 有未保存的修改（%2）。要恢复到编辑区吗？</source>
        <translation>Record %1 had unsaved changes when the program last stopped (%2). Put them back into the editor?</translation>
    </message>
</context>
</TS>