"""历年趋势 in an annual energy report's PDF: the organisation's energy, CO2 and intensity per
year up to the report's own year, when there are at least two years.

The years before come from ``storage.history.org_trend`` (each year's counting non-draft annual
report); the report's own year is the report being printed, whatever its state, since the PDF
is about it. Later years are left out: a 2023 report shows its history, not what came after.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from ..domain.records import state_label
from ..storage import Store
from ..storage.history import OrgTrend, TrendPoint, org_trend
from .charts import trend_chart
from .display import fmt_number
from .pdf_common import FRAME_WIDTH, Styles, esc, grid_table

REPORT = "energy_report"
MIN_YEARS = 2


def record_trend(store: Store, doc: dict) -> OrgTrend | None:
    """The organisation's years for the PDF of ``doc`` (None for anything but an annual energy
    report)."""
    if not _annual_report(doc):
        return None
    return org_trend(store, doc["org_id"])


def _annual_report(doc: dict) -> bool:
    period = str(doc.get("period") or "")
    return doc.get("form") == REPORT and len(period) == 4 and period.isdigit()


def trend_points(doc: dict, trend: OrgTrend | None) -> list[TrendPoint]:
    """The years the PDF of ``doc`` shows: the counting reports of the years before its own,
    then ``doc`` itself."""
    if trend is None or not _annual_report(doc):
        return []
    year = int(doc["period"])
    computed = doc.get("computed") or {}
    own = TrendPoint(year, doc["record_id"], doc.get("state") or "", computed.get("total_tce"),
                     computed.get("total_co2_t"), computed.get("energy_intensity"))
    return [p for p in trend.points if p.year < year] + [own]


def trend_flowables(doc: dict, trend: OrgTrend | None, styles: Styles) -> list[Flowable]:
    """The heading, chart and figures, or nothing with fewer than two years."""
    points = trend_points(doc, trend)
    if len(points) < MIN_YEARS:
        return []
    by_year = {p.year: p for p in points}
    years = list(range(points[0].year, points[-1].year + 1))

    def series(attribute: str) -> list[float | None]:
        return [getattr(by_year[y], attribute) if y in by_year else None for y in years]

    chart = trend_chart("综合能耗、二氧化碳排放与能耗强度", years, series("total_tce"),
                        series("total_co2_t"), series("energy_intensity"),
                        ["综合能耗（吨标准煤）", "二氧化碳（吨）", "能耗强度（吨标准煤/万元，右轴）"],
                        FRAME_WIDTH, left_label="吨", right_label="吨标准煤/万元")
    header = [Paragraph(t, styles.head) for t in ("年度", "综合能耗（吨标准煤）", "二氧化碳（吨）",
                                                    "能耗强度（吨标准煤/万元）", "状态")]
    body = [[Paragraph(str(p.year), styles.cell),
             Paragraph(fmt_number(p.total_tce, 2), styles.cell_right),
             Paragraph(fmt_number(p.total_co2_t, 2), styles.cell_right),
             Paragraph(fmt_number(p.energy_intensity, 4), styles.cell_right),
             Paragraph(esc(state_label(p.state) + ("（本报表）" if p.record_id == doc["record_id"] else "")),
                       styles.cell)] for p in points]
    table = grid_table([header, *body], [18 * mm] + [(FRAME_WIDTH - 48 * mm) / 3] * 3 + [30 * mm])
    note = Paragraph("各年度取本单位最新的非草稿年度能源报表（已提交、已接收或已退回），本年度为本报表；"
                     "草稿和月报不计入，本报告期以后的年度不列出。", styles.small)
    return [KeepTogether([Paragraph("历年趋势", styles.h1), chart, note]), table]
