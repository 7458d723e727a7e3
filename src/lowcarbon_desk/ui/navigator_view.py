"""The navigator: all organisations, by county and kind, each with its record forms.

It follows the service's ``OperationHub``: a write that added or changed organisations (a new
organisation, an import) rebuilds the tree in place, keeping the current node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTreeView

from .models.navigator import NavigatorModel

if TYPE_CHECKING:
    from .operations import Changes
    from .service import DeskService


class NavigatorView(QTreeView):
    """The tree of ``NavigatorModel`` over the service's organisations."""

    def __init__(self, service: DeskService, parent=None):
        super().__init__(parent)
        self.service = service
        self.setObjectName("navigator")
        self.navigator_model = NavigatorModel(service.lang, self)
        self.setModel(self.navigator_model)
        self.setHeaderHidden(True)
        self.setAccessibleName(self.tr("导航栏"))
        self.setUniformRowHeights(True)
        service.hub.executed.connect(self._follow)

    def _follow(self, changes: Changes, _operation: object = None) -> None:
        if changes.orgs:
            self.reload_orgs()

    def reload_orgs(self) -> None:
        """Rebuild the tree, keeping its current node (or "all organisations") without
        navigating: a rebuild must not change the list's scope or the page under the user."""
        kept = self.navigator_model.node_key(self.currentIndex())
        selection = self.selectionModel()
        selection.blockSignals(True)
        try:
            self.navigator_model.set_orgs(self.service.orgs())
            self.expandToDepth(0)
            node = self.navigator_model.find_node(kept) or self.navigator_model.index(0, 0)
            self.setCurrentIndex(node)
        finally:
            selection.blockSignals(False)
        self.viewport().update()
