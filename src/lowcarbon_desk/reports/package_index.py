"""The index of a package for people without the program: ``目录.pdf`` and ``index.html``.

Both list the sender, the period, when the package was made, and each record with its form,
period, revision, status, totals and the file that holds its PDF (plus the record id the
manifest keeps), then the package's other files. The HTML is static (no script, no link
outside the package, every text escaped); the program itself never opens either file. The
HTML's record rows carry ``data-record-id`` and ``data-file`` so a check can read them back.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ..domain.records import state_label
from .display import fmt_number
from .pdf_common import LANDSCAPE_WIDTH, Styles, build_pdf, esc, grid_table, spacer
from .plain_cells import cell

TITLE = "数据包目录"
KIND_NAMES = {"enterprise": "企业", "park": "园区", "county": "县（市、区）"}
# (computed key, label, unit, decimals): the totals a reader looks for first
TOTALS = (("total_tce", "综合能源消费量", "吨标准煤", 2), ("total_co2_t", "二氧化碳排放", "吨", 2),
          ("effective_budget_tce", "有效预算", "吨标准煤", 2), ("ytd_actual_tce", "累计实际", "吨标准煤", 2),
          ("implemented_energy_saving_tce", "已实施方案节能", "吨标准煤", 2),
          ("implemented_co2_reduction_t", "已实施方案减排二氧化碳", "吨", 2),
          ("total_investment_10k_yuan", "总投资", "万元", 2), ("total_co2_cut_t_per_year", "年减排二氧化碳", "吨", 2))


@dataclass(frozen=True)
class IndexRecord:
    """One record as the index lists it."""

    record_id: str
    form: str  # the form's title
    period: str
    revision: int
    state: str
    totals: str
    file: str  # its PDF's member name


@dataclass
class PackageIndex:
    """What the index says about a package."""

    sender_name: str
    sender_id: str
    sender_kind: str
    operator: str
    period: str  # the period asked for, or 全部
    created_at: str  # the manifest's stamp
    records: list[IndexRecord] = field(default_factory=list)
    other_files: list[tuple[str, str]] = field(default_factory=list)  # (member, what it is)


def totals_text(computed: dict) -> str:
    """The record's headline totals, ``综合能源消费量 1,234.50 吨标准煤；…`` (— when none)."""
    parts = [f"{label} {fmt_number(computed[key], decimals)} {unit}"
             for key, label, unit, decimals in TOTALS if isinstance(computed.get(key), (int, float))]
    return "；".join(parts) or "—"


def index_record(doc: dict, form_title: str, file: str) -> IndexRecord:
    """The index row of a stored record ``doc`` whose PDF is the member ``file``."""
    return IndexRecord(doc["record_id"], form_title, doc.get("period") or "—", int(doc["revision"]),
                       state_label(doc["state"]), totals_text(doc.get("computed") or {}), file)


def _made(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _header_rows(index: PackageIndex) -> list[tuple[str, str]]:
    return [("发送单位", f"{index.sender_name}（{KIND_NAMES.get(index.sender_kind, index.sender_kind)}）"),
            ("单位代码", index.sender_id), ("报告期", index.period), ("打包时间", _made(index.created_at)),
            ("经办人", index.operator), ("记录数", str(len(index.records)))]


CHECK_NOTE = ("manifest.json 列出包内每个文件的 SHA-256 并由发送方签名（manifest.sig）；"
              "本目录只为阅读方便，核对以 manifest.json 为准。")
RECORD_HEAD = ("报表", "报告期", "版本", "状态", "主要数值", "文件", "记录编号")


def index_pdf_bytes(index: PackageIndex) -> bytes:
    """``目录.pdf``: an A4 landscape PDF/A like the program's other PDFs."""
    styles = Styles()
    story: list[Flowable] = [Paragraph(TITLE, styles.title)]
    # every cell a plain string broken as its Paragraph would be (plain_cells): the same page
    head_widths = [30 * mm, LANDSCAPE_WIDTH - 30 * mm]
    head = [[cell(k, styles.cell, head_widths[0]), cell(v, styles.cell, head_widths[1])] for k, v in _header_rows(index)]
    story += [grid_table(head, head_widths, key_value=True, plain=True), spacer(4)]
    story.append(Paragraph("记录", styles.h1))
    widths = [44 * mm, 18 * mm, 12 * mm, 16 * mm, 70 * mm, 62 * mm]
    widths.append(LANDSCAPE_WIDTH - sum(widths))
    rows: list[list[object]] = [[cell(h, styles.head, w) for h, w in zip(RECORD_HEAD, widths, strict=True)]]
    for r in index.records:
        values = (r.form, r.period, f"第 {r.revision} 版", r.state, r.totals, r.file, r.record_id)
        rows.append([cell(v, styles.cell, w) for v, w in zip(values, widths, strict=True)])
    if not index.records:
        rows.append([cell("（本包没有本单位自己的记录）", styles.cell, widths[0]), *[""] * (len(RECORD_HEAD) - 1)])
    story.append(grid_table(rows, widths, plain=True))
    if index.other_files:
        story.append(Paragraph("其他文件", styles.h1))
        file_widths = [90 * mm, LANDSCAPE_WIDTH - 90 * mm]
        files = [[cell("文件", styles.head, file_widths[0]), cell("内容", styles.head, file_widths[1])]]
        files += [[cell(name, styles.cell, file_widths[0]), cell(what, styles.cell, file_widths[1])]
                  for name, what in index.other_files]
        story.append(grid_table(files, file_widths, plain=True))
    story += [spacer(4), Paragraph(esc(CHECK_NOTE), styles.small)]
    return build_pdf(story, title=f"{TITLE} {index.sender_name} {index.period}",
                     subject=f"index {index.sender_id} {index.period}", stamp=index.created_at,
                     footer=f"{TITLE} · {index.sender_id} · {index.period}", pagesize=landscape(A4))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def index_html_bytes(index: PackageIndex) -> bytes:
    """``index.html``: the same as a static page (UTF-8, no script, nothing fetched)."""
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
           f"<title>{_e(TITLE)} {_e(index.sender_name)} {_e(index.period)}</title>",
           "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
           "td,th{border:1px solid #9aa5b1;padding:4px 8px;text-align:left}th{background:#e8eef4}</style>",
           "</head>", "<body>", f"<h1>{_e(TITLE)}</h1>", '<table class="package">']
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _header_rows(index)]
    out += ["</table>", "<h2>记录</h2>", '<table class="records">',
            "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in RECORD_HEAD) + "</tr>"]
    for r in index.records:
        cells = (r.form, r.period, f"第 {r.revision} 版", r.state, r.totals)
        out.append(f'<tr data-record-id="{_e(r.record_id)}" data-file="{_e(r.file)}">'
                   + "".join(f"<td>{_e(c)}</td>" for c in cells)
                   + f'<td><a href="{_e(r.file)}">{_e(r.file)}</a></td><td>{_e(r.record_id)}</td></tr>')
    out.append("</table>")
    if index.other_files:
        out += ["<h2>其他文件</h2>", '<table class="files">', "<tr><th>文件</th><th>内容</th></tr>"]
        out += [f'<tr data-file="{_e(name)}"><td>{_e(name)}</td><td>{_e(what)}</td></tr>'
                for name, what in index.other_files]
        out.append("</table>")
    out += [f"<p>{_e(CHECK_NOTE)}</p>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")
