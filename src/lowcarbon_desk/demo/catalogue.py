"""Fictional names (Henan counties) and sector energy profiles for the demo."""

from __future__ import annotations

from dataclasses import dataclass

COMMON_PREFIXES = ("中原", "华豫", "永兴", "瑞丰", "恒达", "鑫源", "宏远", "金鹰", "东方", "润泽",
                   "天成", "博源", "中禾", "嘉盛", "远航", "新丰", "正阳", "同益", "明德")


@dataclass(frozen=True)
class CountyProfile:
    """The fictional names of one demo county: its name, telephone area code, two parks and
    the place word first among its companies' name prefixes (the same number of choices for
    every county, so a seed draws the same numbers whatever the county)."""

    code: str
    name: str
    area_code: str
    parks: tuple[str, str]
    place: str

    @property
    def prefixes(self) -> tuple[str, ...]:
        return (self.place, *COMMON_PREFIXES)


PROVINCE_CODE, PROVINCE_NAME = "410000", "河南省"
# fictional county codes under real Henan prefixes (4101 郑州, 4103 洛阳, 4107 新乡); no real
# county has the serial 99
COUNTIES = (
    CountyProfile("410199", "嵩川县", "0371", ("嵩川经济技术开发区管理委员会", "嵩川循环经济产业园管理委员会"), "嵩川"),
    CountyProfile("410399", "伊岭县", "0379", ("伊岭产业集聚区管理委员会", "伊岭新材料产业园管理委员会"), "伊岭"),
    CountyProfile("410799", "卫源县", "0373", ("卫源经济开发区管理委员会", "卫源绿色化工园管理委员会"), "卫源"),
)
DEFAULT_COUNTY = COUNTIES[0].code


def county_profile(code: str) -> CountyProfile:
    """The names of the demo county ``code`` (another code gets the default county's names)."""
    for profile in COUNTIES:
        if profile.code == code:
            return profile
    return CountyProfile(code, *(getattr(COUNTIES[0], f) for f in ("name", "area_code", "parks", "place")))


NAME_MIDDLES = ("", "新材料", "实业", "科技", "集团", "股份", "绿色", "环保")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("伟", "芳", "敏", "静", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平")


@dataclass(frozen=True)
class Sector:
    """An industry with its typical yearly energy mix (quantities in each code's own unit)."""

    key: str
    industry_code: str
    label: str
    mix: dict[str, float]
    value_added: float  # 10k yuan a year at scale 1
    feedstock_share: dict[str, float]


SECTORS = (
    Sector("steel", "C3110", "钢铁", {"coke": 9000, "raw_coal": 4000, "electricity": 6000,
                                       "natural_gas": 120, "diesel": 150}, 60000, {"coke": 0.0}),
    Sector("cement", "C3011", "水泥", {"raw_coal": 12000, "electricity": 4500, "diesel": 120}, 25000, {}),
    Sector("chemicals", "C2614", "化工", {"raw_coal": 6000, "natural_gas": 900, "electricity": 3500,
                                           "heat": 80000, "fuel_oil": 300}, 42000,
           {"natural_gas": 0.35, "raw_coal": 0.1}),
    Sector("textiles", "C1713", "纺织印染", {"electricity": 1800, "heat": 60000, "natural_gas": 90,
                                             "lpg": 20}, 18000, {}),
    Sector("paper", "C2221", "造纸", {"raw_coal": 5000, "electricity": 2500, "heat": 40000}, 15000, {}),
    Sector("data_centre", "I6450", "数据中心", {"electricity": 9000, "diesel": 30}, 30000, {}),
    Sector("machinery", "C3420", "机械制造", {"electricity": 900, "natural_gas": 40, "diesel": 60,
                                              "gasoline": 25}, 22000, {}),
    Sector("food", "C1361", "食品加工", {"electricity": 500, "natural_gas": 60, "heat": 15000,
                                          "lpg": 15}, 9000, {}),
)
SEASONAL = (1.08, 0.86, 1.02, 0.98, 1.0, 1.03, 1.07, 1.09, 1.0, 0.97, 0.94, 0.96)
