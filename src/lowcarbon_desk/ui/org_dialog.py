"""New organisation dialog, generated from the ``org`` form definition."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from ..domain.errors import LowcarbonError
from ..domain.forms import get_form
from ..domain.labels import without_field_ids
from .dialog_buttons import ok_cancel
from .editor.fields import FieldBinding, make_binding
from .screen_fit import FitsScreen
from .service import DeskService


class OrgDialog(FitsScreen, QDialog):
    """Every field of the org form; OK stores through the service or shows why not."""

    def __init__(self, service: DeskService, admin_code: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("org_dialog")
        self.service = service
        self.org_id: str | None = None
        form = get_form("org")
        ref = service.reference()
        self.setWindowTitle(self.tr("新建单位"))
        self.bindings: dict[str, FieldBinding] = {}
        layout = QFormLayout()
        for spec in form.fields:
            binding = make_binding(form, spec, ref, service.lang, lambda: None)
            self.bindings[spec.id] = binding
            layout.addRow(QLabel(spec.label(service.lang) + ("*" if spec.required else "")),
                          binding.widget)
        if admin_code:
            self.bindings["admin_code"].set_value(admin_code)
        self.error = QLabel()
        self.error.setObjectName("org_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        buttons = ok_cancel(self)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.error)
        outer.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def set_values(self, values: dict) -> None:
        for key, value in values.items():
            self.bindings[key].set_value(value)

    def values(self) -> dict:
        return {k: b.value() for k, b in self.bindings.items() if b.value() is not None}

    def accept(self) -> None:
        try:
            self.org_id = self.service.add_org(self.values())
        except LowcarbonError as exc:
            # the fields' labels are beside them: no "(org_id)" in what the dialog says
            self.error.setText(without_field_ids(exc.message(self.service.lang), [*self.bindings, "kind"]))
            return
        super().accept()
