"""Fictional names and sector energy profiles for the demo county."""

from __future__ import annotations

from dataclasses import dataclass

COUNTY_NAME = "青溪县"
PARK_NAMES = ("青溪经济开发区管理委员会", "青溪循环经济产业园管理委员会")
NAME_PREFIXES = ("青溪", "华泰", "永兴", "瑞丰", "恒达", "鑫源", "宏远", "金鹰", "东方", "润泽",
                 "天成", "博源", "中禾", "嘉盛", "远航", "新丰", "正阳", "同益", "明德", "昌隆")
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
