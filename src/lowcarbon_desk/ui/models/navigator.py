"""The navigator tree: county → parks / enterprises → organisation → record types.

Each node says what it selects (``KIND_ROLE``): a county (all its organisations), a kind of
organisation within a county, one organisation, or one record type of one organisation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...domain.forms import RECORD_FORMS, get_form
from .roles import FORM_ROLE, ID_ROLE, KIND_ROLE

SCOPE_ROLE = int(Qt.ItemDataRole.UserRole) + 10  # key of the org ids a node covers


class NavigatorModel(QStandardItemModel):
    """Built from the organisation list; record-type nodes are added under each organisation."""

    def __init__(self, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._scopes: dict[str, tuple[str, ...]] = {}
        self.setHorizontalHeaderLabels([QCoreApplication.translate("NavigatorModel", "单位")])

    def _item(self, text: str, kind: str, ident: str = "", form: str = "",
              org_ids: tuple[str, ...] = (), sub: str = "") -> QStandardItem:
        """A node; only strings go into Qt (the org ids stay in a Python dict)."""
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(kind, KIND_ROLE)
        # Only non-empty strings: PySide6 6.12 mis-counts references of None when many
        # items get an empty value, and the interpreter aborts.
        if ident:
            item.setData(ident, ID_ROLE)
        if form:
            item.setData(form, FORM_ROLE)
        # unique per node: a county's park and enterprise groups differ by ``sub``
        key = f"{kind}:{ident}:{form}:{sub}"
        self._scopes[key] = org_ids
        item.setData(key, SCOPE_ROLE)
        return item

    def org_ids(self, index) -> tuple[str, ...]:
        """The organisations a node covers."""
        return self._scopes.get(index.data(SCOPE_ROLE) or "", ())

    def set_orgs(self, orgs: list[dict]) -> None:
        self.clear()
        self._scopes = {}
        self.setHorizontalHeaderLabels([QCoreApplication.translate("NavigatorModel", "单位")])
        root = self.invisibleRootItem()
        all_ids = tuple(o["org_id"] for o in orgs)
        everything = self._item(QCoreApplication.translate("NavigatorModel", "全部单位（%1）").replace(
            "%1", str(len(orgs))), "all", org_ids=all_ids)
        root.appendRow(everything)
        forms = {f: get_form(f) for f in RECORD_FORMS}
        counties: dict[str, list[dict]] = {}
        for org in orgs:
            counties.setdefault(org["admin_code"], []).append(org)
        county_orgs = {o["org_id"]: o for o in orgs if o["kind"] == "county"}
        parks_label = QCoreApplication.translate("NavigatorModel", "园区")
        enterprises_label = QCoreApplication.translate("NavigatorModel", "企业")
        counted = QCoreApplication.translate("NavigatorModel", "%1（%2）")  # full-width brackets in Chinese only
        for admin_code in sorted(counties):
            members = counties[admin_code]
            county = county_orgs.get(admin_code)
            name = counted.replace("%1", county["name"]).replace("%2", admin_code) if county else admin_code
            county_item = self._item(name, "county", admin_code,
                                org_ids=tuple(o["org_id"] for o in members))
            root.appendRow(county_item)
            if county:
                self._add_org(county_item, county, forms)
            for kind, label in (("park", parks_label), ("enterprise", enterprises_label)):
                of_kind = [o for o in members if o["kind"] == kind]
                if not of_kind:
                    continue
                group = self._item(counted.replace("%1", label).replace("%2", str(len(of_kind))), "kind", admin_code,
                                   org_ids=tuple(o["org_id"] for o in of_kind), sub=kind)
                county_item.appendRow(group)
                for org in of_kind:
                    self._add_org(group, org, forms)

    def _add_org(self, parent: QStandardItem, org: dict, forms: dict) -> None:
        node = self._item(org["name"], "org", org["org_id"], org_ids=(org["org_id"],))
        node.setToolTip(f"{org['name']}\n{org['org_id']}")
        for form_id, form in forms.items():
            if org["kind"] in form.org_kinds:
                node.appendRow(self._item(form.title(self.lang), "form", org["org_id"], form_id,
                                     (org["org_id"],)))
        parent.appendRow(node)

    def node_key(self, index) -> str:
        """What a node stands for, the same across rebuilds (``find_node`` finds it again)."""
        return str(index.data(SCOPE_ROLE) or "") if index is not None and index.isValid() else ""

    def find_node(self, key: str):
        """The node with ``node_key`` ``key``, or None."""
        if not key:
            return None
        matches = self.match(self.index(0, 0), SCOPE_ROLE, key, 1,
                             Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        return matches[0] if matches else None

    def find_org(self, org_id: str):
        """The index of an organisation's node, or an invalid index."""
        matches = self.match(self.index(0, 0), ID_ROLE, org_id, -1,
                             Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly)
        for index in matches:
            if index.data(KIND_ROLE) == "org":
                return index
        return None
