"""汇总 ▸ 目标…: enter or change a target of this database's division.

The division is chosen among those this database may set (a county its own, the province its
own and its counties'); choosing a division and target year fills in what is stored. OK checks
the entries as ``target set`` does and names the wrong field in the error line (the dialog
stays open); the target is then stored on a worker (``Operation``) and ``saved`` is emitted.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit

from ...domain.errors import InputError
from ...domain.targets import FIELD_NAMES, Target, check_target
from ...storage.targets import get_target, list_targets, require_settable, set_target, settable_divisions
from ..dialog_buttons import export_layout
from ..operations import Done, Operation, OperationHub
from ..service import DeskService

NUMBER_FIELDS = ("co2_intensity_cut_pct", "energy_intensity_cut_pct", "energy_cap_tce", "non_fossil_share_pct")
UNITS = {"co2_intensity_cut_pct": "%", "energy_intensity_cut_pct": "%", "non_fossil_share_pct": "%",
         "energy_cap_tce": ("吨标准煤", "tce")}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TargetDialog(QDialog):
    """Emits ``saved(Target)`` once the target is stored."""

    saved = Signal(object)

    def __init__(self, service: DeskService, hub: OperationHub | None, year: int | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("target_dialog")
        self.service, self.hub, self.lang = service, hub, service.lang
        en = self.lang == "en"
        self.setWindowTitle("Targets" if en else "目标")
        self.pending: Operation | None = None
        self.division = QComboBox()
        self.division.setObjectName("target_division")
        names = {o["org_id"]: o["name"] for o in service.orgs() if o["kind"] == "county"}
        allowed = settable_divisions(service.store)
        codes = list(allowed) if allowed is not None else sorted(
            {*(t.division for t in list_targets(service.store)), *names})
        for code in codes:
            self.division.addItem(f"{code} {names.get(code, '')}".strip(), code)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self._label("division"), self.division)
        for key in ("year", "base_year", *NUMBER_FIELDS):
            edit = QLineEdit()
            edit.setObjectName(f"target_{key}")
            self.fields[key] = edit
            form.addRow(self._label(key), edit)
        self.fields["year"].setText(str(year or ""))
        self.error = QLabel()
        self.error.setObjectName("target_error")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        note = QLabel("A county sets its own targets, the province its own and its counties'. Percentages are "
                      "cuts below the base year by the target year; leave a field empty for no target."
                      if en else "县设定本县的目标，省设定本省及所辖县的目标。百分比为目标年比基准年下降的幅度；不设的项目留空。")
        note.setWordWrap(True)
        self.ok = export_layout(self, note, form, self.error, "Save" if en else "保存")
        self.division.currentIndexChanged.connect(lambda _i: self.load())
        self.fields["year"].editingFinished.connect(self.load)
        self.load()

    def _label(self, key: str) -> str:
        zh, en = FIELD_NAMES[key]
        unit = UNITS.get(key)
        if isinstance(unit, tuple):
            unit = unit[1] if self.lang == "en" else unit[0]
        name = en[:1].upper() + en[1:] if self.lang == "en" else zh
        return f"{name} ({unit})" if unit and self.lang == "en" else (f"{name}（{unit}）" if unit else name)

    def values(self) -> dict:
        """What is entered, by field."""
        out: dict = {k: e.text().strip() or None for k, e in self.fields.items()}
        out["division"] = self.division.currentData()
        return out

    def load(self) -> None:
        """Fill in the stored target of the chosen division and target year, if any."""
        year = self.fields["year"].text().strip()
        code = self.division.currentData()
        if not code or not year.isdigit():
            return
        stored = get_target(self.service.store, code, int(year))
        if stored is None:
            return
        for key in ("base_year", *NUMBER_FIELDS):
            self.fields[key].setText(_text(getattr(stored, key)))

    def checked(self) -> Target | None:
        """The entered target, or None after showing why not (naming the field)."""
        try:
            target = check_target(self.values())
            require_settable(self.service.store, target.division, FIELD_NAMES["division"])
        except InputError as exc:
            self.error.setText(exc.message(self.lang))
            widget = self.fields.get(exc.subject) or (self.division if exc.subject == "division" else None)
            if widget is not None:
                widget.setFocus()
            return None
        self.error.clear()
        return target

    def accept(self) -> None:
        target = self.checked()
        if target is None:
            return
        operator = self.service.operator
        if self.hub is None or self.service.db_path is None:
            self._stored(set_target(self.service.store, target, operator))
            return
        self.ok.setEnabled(False)
        op = Operation(self.hub, lambda store, _progress: Done(set_target(store, target, operator)), show_progress=False)
        self.pending = op

        def failed(message: str) -> None:
            self.ok.setEnabled(True)
            self.error.setText(message)

        op.success(self._stored).failure(failed).run_in_background()

    def _stored(self, target: object) -> None:
        self.saved.emit(target)
        super().accept()


__all__ = ["TargetDialog"]
