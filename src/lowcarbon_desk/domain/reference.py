"""Versioned reference data: energy codes, coefficients, CO2 factors and policy thresholds.

Shipped sets live under ``resources/reference/<version>/``; sets a user adds from a file
(next year's grid factor, say) live in the user data folder as one TOML file each, based on
a shipped set. Every computed record stores the version it used.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ..paths import resources_dir, user_reference_dir
from .errors import ReferenceDataError
from .jsontypes import JsonObject

T = TypeVar("T")

CO2_PER_C = 44 / 12
_SAFE_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")


class _Sourced:
    """A row that names its source: ``source`` as the set gives it, ``source_zh`` in Chinese."""

    source: str
    source_zh: str

    def source_text(self, lang: str = "zh") -> str:
        """The source in ``lang``; the Chinese name falls back to ``source`` when a row has none."""
        return (self.source_zh or self.source) if lang == "zh" else self.source


@dataclass(frozen=True)
class EnergyType(_Sourced):
    """One energy code of reference-data.md §1."""

    code: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    tce_per_unit: float
    kind: str  # fuel | electricity | heat | other
    note: str
    source: str
    source_zh: str = ""

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    def unit(self, lang: str = "zh") -> str:
        return self.unit_en if lang == "en" else self.unit_zh


@dataclass(frozen=True)
class CombustionFactor(_Sourced):
    """A default CO2 factor for burning one unit of a fuel (reference-data.md §2)."""

    code: str
    guideline: str
    ncv: float
    ncv_unit: str
    carbon_content_tc_per_tj: float
    oxidation_pct: float
    tco2_per_unit: float
    source: str
    source_zh: str = ""

    def derived(self) -> float:
        """The factor from its parameters: NCV x carbon content x oxidation x 44/12."""
        return self.ncv * self.carbon_content_tc_per_tj / 1000 * self.oxidation_pct / 100 * CO2_PER_C


@dataclass(frozen=True)
class GridFactor(_Sourced):
    """An electricity emission factor set (tCO2/MWh)."""

    id: str
    label_zh: str
    label_en: str
    tco2_per_mwh: float
    year: int
    source: str
    source_zh: str = ""

    @property
    def tco2_per_10k_kwh(self) -> float:
        return self.tco2_per_mwh * 10

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class HeatFactor(_Sourced):
    id: str
    label_zh: str
    label_en: str
    tco2_per_gj: float
    source: str
    source_zh: str = ""


@dataclass(frozen=True)
class Threshold(_Sourced):
    id: str
    value: float
    unit: str
    label_zh: str
    label_en: str
    source: str
    source_zh: str = ""


@dataclass(frozen=True)
class RenewableEnergy(_Sourced):
    """A renewable or non-fossil energy code (reference-data.md, energy report v2): what it
    stands for (``electricity`` or ``fuel``), its CO2 factor (zero, with the reason as source)
    and whether its lines count green certificates."""

    code: str
    carrier: str  # electricity | fuel
    tco2_per_unit: float
    certificates: bool
    source: str
    source_zh: str = ""


@dataclass(frozen=True)
class GridNonFossilShare(_Sourced):
    """The non-fossil share of grid electricity in one year (percent)."""

    year: str
    share_pct: float
    source: str
    source_zh: str = ""


@dataclass(frozen=True)
class PollutantEquivalent(_Sourced):
    """The pollutant equivalent value of an air pollutant (kg per equivalent); ``None`` when the
    law gives none and the pollutant is totalled in tonnes, not converted (VOCs)."""

    id: str
    name_zh: str
    name_en: str
    kg_per_equivalent: float | None
    source: str
    source_zh: str = ""

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class GhgSector(_Sourced):
    """A sector that must report greenhouse gases: the industry-code prefixes that belong to it."""

    id: str
    name_zh: str
    name_en: str
    prefixes: tuple[str, ...]
    source: str
    source_zh: str = ""

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    def covers(self, industry_code: str | None) -> bool:
        """Whether an organisation's industry code (GB/T 4754-2017) falls in this sector."""
        code = (industry_code or "").strip().upper()
        return bool(code) and any(code.startswith(prefix) for prefix in self.prefixes)


@dataclass(frozen=True)
class ReferenceData:
    """One complete, immutable reference-data version."""

    version: str
    title_zh: str
    title_en: str
    default_grid_factor: str
    energy: dict[str, EnergyType]
    combustion: dict[str, CombustionFactor]
    grid: dict[str, GridFactor]
    heat: dict[str, HeatFactor]
    thresholds: dict[str, Threshold]
    based_on: str = ""
    # tables added with set 2026.1; an older set has them empty
    renewables: dict[str, RenewableEnergy] = field(default_factory=dict)
    grid_non_fossil: dict[str, GridNonFossilShare] = field(default_factory=dict)
    pollutants: dict[str, PollutantEquivalent] = field(default_factory=dict)
    pollutant_factors: dict[str, Threshold] = field(default_factory=dict)
    ghg_sectors: dict[str, GhgSector] = field(default_factory=dict)
    origin: str = field(default="", compare=False)
    # industry code → its sector (or None): the sectors are scanned once per code
    _sector_of: dict[str, GhgSector | None] = field(default_factory=dict, init=False, repr=False,
                                                    compare=False, hash=False)
    # what other modules derive from this set, made once (``derived``)
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def derived(self, key: str, make: Callable[[ReferenceData], T]) -> T:
        """``make(self)``, made once per set and ``key`` (the set never changes): the forms'
        lists of energy types and grid factors, read for every value a record names."""
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = make(self)
        return found

    def energy_type(self, code: str) -> EnergyType:
        try:
            return self.energy[code]
        except KeyError:
            raise ReferenceDataError(
                f"未知的能源品种代码：{code}", f"unknown energy code: {code}", subject=code
            ) from None

    def co2_factor(self, code: str) -> float | None:
        """Default tCO2 per unit for a fuel; ``None`` when the standard gives none."""
        factor = self.combustion.get(code)
        return factor.tco2_per_unit if factor else None

    def grid_factor(self, factor_id: str | None = None) -> GridFactor:
        key = factor_id or self.default_grid_factor
        try:
            return self.grid[key]
        except KeyError:
            raise ReferenceDataError(
                f"未知的电力排放因子：{key}", f"unknown grid factor: {key}", subject=key
            ) from None

    @property
    def heat_factor(self) -> HeatFactor:
        return next(iter(self.heat.values()))

    def threshold(self, key: str) -> float:
        return self.thresholds[key].value

    def grid_non_fossil_share(self, year: int | str | None) -> GridNonFossilShare | None:
        """The non-fossil share of grid electricity in ``year``; ``None`` when the set has none."""
        return self.grid_non_fossil.get(str(year)) if year is not None else None

    def ghg_sector(self, industry_code: str | None) -> GhgSector | None:
        """The sector (must report greenhouse gases) an industry code falls in, if any."""
        key = industry_code or ""
        try:
            return self._sector_of[key]
        except KeyError:
            found = next((s for s in self.ghg_sectors.values() if s.covers(key)), None)
            self._sector_of[key] = found
            return found


# --- loading ---------------------------------------------------------------------------

def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ReferenceDataError(f"参考数据文件缺失：{path}", f"reference data file missing: {path}",
                                 subject=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(value: object, where: str) -> float:
    try:
        if not isinstance(value, str | int | float):
            raise TypeError(value)
        number = float(value)
    except (TypeError, ValueError):
        raise ReferenceDataError(f"参考数据 {where} 不是数字：{value!r}",
                                 f"reference data {where} is not a number: {value!r}",
                                 subject=where) from None
    if not math.isfinite(number) or number < 0:
        raise ReferenceDataError(f"参考数据 {where} 不是有效的非负数：{value!r}",
                                 f"reference data {where} is not a valid non-negative number: {value!r}",
                                 subject=where)
    return number


def _energy(row: JsonObject, where: str) -> EnergyType:
    return EnergyType(row["code"], row["name_zh"], row["name_en"], row["unit_zh"], row["unit_en"],
                      _number(row["tce_per_unit"], f"{where}:{row['code']}.tce_per_unit"),
                      row.get("kind") or "fuel", row.get("note", ""), row["source"],
                      row.get("source_zh") or "")


def _combustion(row: JsonObject, where: str) -> CombustionFactor:
    code = row["code"]
    return CombustionFactor(code, row.get("guideline") or "provincial_ghg_inventory",
                            _number(row["ncv"], f"{where}:{code}.ncv"), row["ncv_unit"],
                            _number(row["carbon_content_tc_per_tj"], f"{where}:{code}.carbon"),
                            _number(row["oxidation_pct"], f"{where}:{code}.oxidation"),
                            _number(row["tco2_per_unit"], f"{where}:{code}.tco2_per_unit"),
                            row["source"], row.get("source_zh") or "")


def _grid(row: JsonObject, where: str) -> GridFactor:
    return GridFactor(row["id"], row["label_zh"], row["label_en"],
                      _number(row["tco2_per_mwh"], f"{where}:{row['id']}.tco2_per_mwh"),
                      int(row["year"]), row["source"], row.get("source_zh") or "")


def _heat(row: JsonObject, where: str) -> HeatFactor:
    return HeatFactor(row["id"], row["label_zh"], row["label_en"],
                      _number(row["tco2_per_gj"], f"{where}:{row['id']}.tco2_per_gj"), row["source"],
                      row.get("source_zh") or "")


def _threshold(row: JsonObject, where: str) -> Threshold:
    return Threshold(row["id"], _number(row["value"], f"{where}:{row['id']}"), row.get("unit", ""),
                     row["label_zh"], row["label_en"], row["source"], row.get("source_zh") or "")


_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}


def _flag(value: object, where: str) -> bool:
    text = str(value).strip().lower()
    if text not in _YES:
        raise ReferenceDataError(f"参考数据 {where} 应为 yes 或 no：{value!r}",
                                 f"reference data {where} must be yes or no: {value!r}", subject=where)
    return _YES[text]


def _renewable(row: JsonObject, where: str) -> RenewableEnergy:
    code = row["code"]
    carrier = (row.get("carrier") or "").strip()
    if carrier not in ("electricity", "fuel"):
        raise ReferenceDataError(f"参考数据 {where}:{code}.carrier 应为 electricity 或 fuel：{carrier!r}",
                                 f"reference data {where}:{code}.carrier must be electricity or fuel: {carrier!r}",
                                 subject=where)
    return RenewableEnergy(code, carrier, _number(row["tco2_per_unit"], f"{where}:{code}.tco2_per_unit"),
                           _flag(row.get("certificates", ""), f"{where}:{code}.certificates"),
                           row["source"], row.get("source_zh") or "")


def _share(row: JsonObject, where: str) -> GridNonFossilShare:
    year = str(row["year"]).strip()
    if not (year.isdigit() and len(year) == 4):
        raise ReferenceDataError(f"参考数据 {where} 的年份不是四位数字：{year!r}",
                                 f"reference data {where}: year {year!r} is not four digits", subject=where)
    share = _number(row["share_pct"], f"{where}:{year}.share_pct")
    if share > 100:
        raise ReferenceDataError(f"参考数据 {where}:{year}.share_pct 超过 100：{share}",
                                 f"reference data {where}:{year}.share_pct is above 100: {share}", subject=where)
    return GridNonFossilShare(year, share, row["source"], row.get("source_zh") or "")


def _pollutant(row: JsonObject, where: str) -> PollutantEquivalent:
    raw = str(row.get("kg_per_equivalent") or "").strip()
    value = None if raw == "" else _number(raw, f"{where}:{row['id']}.kg_per_equivalent")
    if value == 0:
        raise ReferenceDataError(f"参考数据 {where}:{row['id']}.kg_per_equivalent 不能为 0",
                                 f"reference data {where}:{row['id']}.kg_per_equivalent must not be 0",
                                 subject=where)
    return PollutantEquivalent(row["id"], row["name_zh"], row["name_en"], value, row["source"],
                               row.get("source_zh") or "")


_PREFIX = re.compile(r"[A-T][0-9]{0,4}")


def _ghg_sector(row: JsonObject, where: str) -> GhgSector:
    prefixes = tuple(p.strip().upper() for p in re.split(r"[\s;,]+", str(row.get("prefixes") or ""))
                     if p.strip())
    bad = [p for p in prefixes if not _PREFIX.fullmatch(p)]
    if not prefixes or bad:
        raise ReferenceDataError(
            f"参考数据 {where}:{row['id']}.prefixes 应为国民经济行业代码前缀（如 C26 D441）：{row.get('prefixes')!r}",
            f"reference data {where}:{row['id']}.prefixes must be industry-code prefixes (e.g. C26 D441): "
            f"{row.get('prefixes')!r}", subject=where)
    return GhgSector(row["id"], row["name_zh"], row["name_en"], prefixes, row["source"],
                     row.get("source_zh") or "")


_TABLES = {
    "energy_coefficients": ("energy", "code", _energy),
    "combustion_factors": ("combustion", "code", _combustion),
    "grid_factors": ("grid", "id", _grid),
    "heat_factors": ("heat", "id", _heat),
    "thresholds": ("thresholds", "id", _threshold),
    "renewable_energy": ("renewables", "code", _renewable),
    "grid_non_fossil_share": ("grid_non_fossil", "year", _share),
    "pollutant_equivalents": ("pollutants", "id", _pollutant),
    "pollutant_factors": ("pollutant_factors", "id", _threshold),
    "ghg_sectors": ("ghg_sectors", "id", _ghg_sector),
}
# tables a shipped set may lack (added with 2026.1): an older set loads them empty
_OPTIONAL_TABLES = frozenset({"renewable_energy", "grid_non_fossil_share", "pollutant_equivalents",
                              "pollutant_factors", "ghg_sectors"})


def _load_shipped(folder: Path) -> ReferenceData:
    manifest_path = folder / "manifest.toml"
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReferenceDataError(f"参考数据清单无法读取：{manifest_path}（{exc}）",
                                 f"cannot read reference manifest {manifest_path}: {exc}",
                                 subject=str(manifest_path)) from None
    tables: dict[str, dict[str, Any]] = {}  # each table's own row type, by attribute name
    for table, (attr, key, build) in _TABLES.items():
        path = folder / f"{table}.csv"
        rows = [] if table in _OPTIONAL_TABLES and not path.exists() else _read_csv(path)
        tables[attr] = {str(row[key]).strip(): build(row, f"{folder.name}/{table}") for row in rows}
    data = ReferenceData(version=str(manifest["version"]), title_zh=manifest.get("title_zh", ""),
                         title_en=manifest.get("title_en", ""),
                         default_grid_factor=manifest["default_grid_factor"],
                         based_on=manifest.get("based_on", ""), origin=str(folder), **tables)
    _check_consistency(data, str(folder))
    return data


def _check_consistency(data: ReferenceData, where: str) -> None:
    if data.default_grid_factor not in data.grid:
        raise ReferenceDataError(f"{where}：默认电力排放因子 {data.default_grid_factor} 不存在",
                                 f"{where}: default grid factor {data.default_grid_factor} missing",
                                 subject=where)
    for code in data.combustion:
        if code not in data.energy:
            raise ReferenceDataError(f"{where}：排放因子对应的能源代码 {code} 不存在",
                                     f"{where}: combustion factor for unknown energy code {code}",
                                     subject=where)
    if not data.heat:
        raise ReferenceDataError(f"{where}：缺少热力排放因子", f"{where}: no heat factor",
                                 subject=where)
    for code, energy in data.energy.items():
        if (energy.kind == "renewable") != (code in data.renewables):
            raise ReferenceDataError(
                f"{where}：能源代码 {code} 的类别为 {energy.kind}，与可再生能源表 renewable_energy 不一致",
                f"{where}: energy code {code} of kind {energy.kind} disagrees with the renewable_energy table",
                subject=where)
    for code in data.renewables:
        if code not in data.energy:
            raise ReferenceDataError(f"{where}：可再生能源表中的能源代码 {code} 不存在",
                                     f"{where}: renewable_energy names unknown energy code {code}",
                                     subject=where)
    seen: dict[str, str] = {}
    for sector in data.ghg_sectors.values():
        for prefix in sector.prefixes:
            for other, owner in seen.items():
                if owner != sector.id and (prefix.startswith(other) or other.startswith(prefix)):
                    raise ReferenceDataError(
                        f"{where}：行业代码前缀 {prefix}（{sector.id}）与 {other}（{owner}）重叠",
                        f"{where}: industry-code prefix {prefix} ({sector.id}) overlaps {other} ({owner})",
                        subject=where)
            seen[prefix] = sector.id
    if data.pollutants and "so2_sulfur_conversion" not in data.pollutant_factors:
        raise ReferenceDataError(f"{where}：有污染当量值但缺少二氧化硫转化率 so2_sulfur_conversion",
                                 f"{where}: pollutant equivalents without the SO2 conversion factor "
                                 "so2_sulfur_conversion", subject=where)


def parse_supplement(text: str, base: ReferenceData, origin: str) -> ReferenceData:
    """Apply a user's factor-set file (TOML) on top of ``base``: a new, complete version."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(f"因子集文件 {origin} 不是有效的 TOML：{exc}",
                                 f"factor-set file {origin} is not valid TOML: {exc}",
                                 subject=origin) from None
    version = str(doc.get("version", "")).strip()
    if not version:
        raise ReferenceDataError(f"因子集文件 {origin} 缺少 version", f"factor-set file {origin} has no version",
                                 subject=origin)
    tables = {attr: dict(getattr(base, attr)) for _, (attr, _, _) in _TABLES.items()}
    for table, (attr, key, build) in _TABLES.items():
        for row in doc.get(table, []):
            if key not in row:
                raise ReferenceDataError(f"因子集文件 {origin} 的 {table} 行缺少 {key}",
                                         f"factor-set file {origin}: a {table} row has no {key}",
                                         subject=origin)
            if "source" not in row or not str(row["source"]).strip():
                raise ReferenceDataError(f"因子集文件 {origin} 的 {table}.{row[key]} 缺少来源 source",
                                         f"factor-set file {origin}: {table}.{row[key]} has no source",
                                         subject=origin)
            row_key = str(row[key]).strip()
            merged = _merge_row(getattr(base, attr).get(row_key), row)
            try:
                tables[attr][row_key] = build(merged, f"{origin}:{table}")
            except (KeyError, TypeError, ValueError) as exc:  # a missing column, a bad year
                raise ReferenceDataError(f"因子集文件 {origin} 的 {table}.{row[key]} 不完整或有误：{exc!r}",
                                         f"factor-set file {origin}: {table}.{row[key]} is incomplete or wrong: {exc!r}",
                                         subject=origin) from None
    data = replace(base, version=version, based_on=base.version, origin=origin,
                   title_zh=doc.get("title_zh", base.title_zh), title_en=doc.get("title_en", base.title_en),
                   default_grid_factor=doc.get("default_grid_factor", base.default_grid_factor),
                   **tables)
    _check_consistency(data, origin)
    return data


def _merge_row(existing: object | None, row: JsonObject) -> JsonObject:
    merged = {k: _as_cell(v) for k, v in vars(existing).items()} if existing is not None else {}
    if "source_zh" not in row:
        # a row that names its own source must not keep the Chinese name of the one it replaces
        merged.pop("source_zh", None)
    merged.update({k: v if isinstance(v, str) else " ".join(map(str, v)) if isinstance(v, list) else str(v)
                   for k, v in row.items()})
    return merged


def _as_cell(value: object) -> object:
    """A stored row's value as the CSV cell it came from (so a merged row builds again)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return " ".join(value)
    if value is None:
        return ""
    return value


class ReferenceCatalog:
    """Every reference-data version known to this installation."""

    def __init__(self, shipped_root: Path | None = None, user_root: Path | None = None):
        self._shipped_root = shipped_root or resources_dir() / "reference"
        self._user_root = user_root
        self._sets: dict[str, ReferenceData] = {}
        self.skipped: dict[str, str] = {}
        self._load()

    def _load(self) -> None:
        for folder in sorted(p for p in self._shipped_root.iterdir() if p.is_dir()):
            data = _load_shipped(folder)
            self._sets[data.version] = data
        if not self._sets:
            raise ReferenceDataError("没有可用的参考数据", "no reference data shipped")
        user_root = self._user_root
        if user_root is not None and user_root.exists():
            for path in sorted(user_root.glob("*.toml")):
                # a damaged file in the user folder must not stop the program from starting:
                # skip it and say so (the CLI's `reference list` and the window show these)
                try:
                    self._add_text(path.read_text(encoding="utf-8"), str(path))
                except (ReferenceDataError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                    self.skipped[str(path)] = str(exc)

    def _add_text(self, text: str, origin: str, shown: str | None = None) -> ReferenceData:
        """Add a set; ``origin`` is where it is kept, ``shown`` the file messages name."""
        shown = shown or origin
        try:
            doc = tomllib.loads(text) if text.strip() else {}
        except tomllib.TOMLDecodeError as exc:
            raise ReferenceDataError(f"因子集文件 {shown} 不是有效的 TOML：{exc}",
                                     f"factor-set file {shown} is not valid TOML: {exc}",
                                     subject=shown) from None
        base_version = str(doc.get("based_on") or self.latest_shipped().version)
        if base_version not in self._sets:
            raise ReferenceDataError(f"因子集文件 {shown} 的基础版本 {base_version} 不存在",
                                     f"factor-set file {shown}: base version {base_version} unknown",
                                     subject=shown)
        data = replace(parse_supplement(text, self._sets[base_version], shown), origin=origin)
        if data.version in self._sets and self._sets[data.version].origin != origin:
            raise ReferenceDataError(f"因子集文件 {shown}：参考数据版本 {data.version} 已存在",
                                     f"factor-set file {shown}: reference data version {data.version} already exists",
                                     subject=shown)
        self._sets[data.version] = data
        return data

    def add_file(self, path: Path) -> ReferenceData:
        """Validate a factor-set file and keep a copy in the user folder; return the new set."""
        if self._user_root is None:
            raise ReferenceDataError("未设置用户参考数据目录", "no user reference folder")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReferenceDataError(f"无法读取因子集文件 {path}：{exc}",
                                     f"cannot read factor-set file {path}: {exc}",
                                     subject=str(path)) from None
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ReferenceDataError(f"因子集文件 {path} 不是有效的 TOML：{exc}",
                                     f"factor-set file {path} is not valid TOML: {exc}",
                                     subject=str(path)) from None
        version = str(doc.get("version", "")).strip()
        if version and not _SAFE_VERSION.fullmatch(version):  # it names the kept copy
            raise ReferenceDataError(f"因子集文件 {path} 的 version “{version}”只能含字母、数字、点、横线和下划线",
                                     f"factor-set file {path}: version {version!r} may only hold letters, digits, '.', '-' and '_'",
                                     subject=str(path))
        target = self._user_root / f"{version or 'unnamed'}.toml"
        data = self._add_text(text, str(target), shown=str(path))
        tmp = target.with_suffix(".toml.tmp")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tmp)
        tmp.replace(target)
        return data

    def versions(self) -> list[str]:
        return list(self._sets)

    def get(self, version: str | None = None) -> ReferenceData:
        if version is None:
            return self.latest()
        try:
            return self._sets[version]
        except KeyError:
            raise ReferenceDataError(f"参考数据版本 {version} 不存在",
                                     f"reference data version {version} is not known here",
                                     subject=version) from None

    def latest_shipped(self) -> ReferenceData:
        shipped = [d for d in self._sets.values() if not d.based_on]
        return max(shipped, key=lambda d: _version_key(d.version))

    def latest(self) -> ReferenceData:
        return max(self._sets.values(), key=lambda d: _version_key(d.version))


def _version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    parts = []
    for part in version.replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


@lru_cache(maxsize=1)
def shipped_reference() -> ReferenceData:
    """The newest shipped set (no user additions): the default for headless computations."""
    return ReferenceCatalog().latest()


def catalog(user: bool = True) -> ReferenceCatalog:
    """The shipped sets plus, when ``user`` is true, the sets the user added."""
    return ReferenceCatalog(user_root=user_reference_dir() if user else None)
