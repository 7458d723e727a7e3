"""A two-row table header: a band over neighbouring columns, each column's label under it.

Statistics form 205-1 heads its columns this way (购进量 over 实物量 and 金额; 消费量 over 合计,
工业生产消费…). The model says which band a column belongs to (``HEADER_BAND_ROLE``) and what is
written under it (``HEADER_LABEL_ROLE``); a column without a band is headed over both rows.
Texts wrap to the section width; ``needed_height`` is what the longest of them takes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from ..models.roles import HEADER_BAND_ROLE, HEADER_LABEL_ROLE

PAD = 4
TEXT_FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


class BandedHeader(QHeaderView):
    """The horizontal header of a group table (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.covered_left = 0  # pixels at the left hidden under frozen columns laid over it

    # --- texts ---------------------------------------------------------------------------
    def band(self, logical: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(logical, Qt.Orientation.Horizontal, HEADER_BAND_ROLE) or "")

    def label(self, logical: int) -> str:
        model = self.model()
        if model is None:
            return ""
        text = model.headerData(logical, Qt.Orientation.Horizontal, HEADER_LABEL_ROLE)
        if text is None:
            text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        return str(text or "")

    def band_span(self, logical: int) -> tuple[int, int]:
        """The first and last visible sections (logical) of the band ``logical`` belongs to."""
        band = self.band(logical)
        visual = self.visualIndex(logical)
        first = last = logical
        step = visual - 1
        while step >= 0:
            other = self.logicalIndex(step)
            if not self.isSectionHidden(other):
                if self.band(other) != band:
                    break
                first = other
            step -= 1
        step = visual + 1
        while step < self.count():
            other = self.logicalIndex(step)
            if not self.isSectionHidden(other):
                if self.band(other) != band:
                    break
                last = other
            step += 1
        return first, last

    # --- sizes ---------------------------------------------------------------------------
    def _text_height(self, text: str, width: int) -> int:
        if not text:
            return 0
        bounds = self.fontMetrics().boundingRect(QRect(0, 0, max(width - 2 * PAD, 8), 10_000),
                                                 TEXT_FLAGS, text)
        return bounds.height() + 2 * PAD

    def band_height(self) -> int:
        """Height of the band row (0 when no visible column has a band)."""
        if any(self.band(s) for s in range(self.count()) if not self.isSectionHidden(s)):
            return self.fontMetrics().height() + 2 * PAD
        return 0

    def needed_height(self) -> int:
        """The height that shows every visible band and label without clipping."""
        band_row = self.band_height()
        needed = self.fontMetrics().height() + 2 * PAD
        for logical in range(self.count()):
            if self.isSectionHidden(logical):
                continue
            label = self._text_height(self.label(logical), self.sectionSize(logical))
            needed = max(needed, label + (band_row if self.band(logical) else 0))
            if self.band(logical):
                first, last = self.band_span(logical)
                width = self.sectionPosition(last) + self.sectionSize(last) - self.sectionPosition(first)
                needed = max(needed, self._text_height(self.band(logical), width) + label)
        return needed

    # --- painting ------------------------------------------------------------------------
    def _cell(self, painter: QPainter, rect: QRect, text: str, logical: int,
              text_rect: QRect | None = None) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        option.position = QStyleOptionHeader.SectionPosition.Middle
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.drawText((text_rect or rect).adjusted(PAD, PAD, -PAD, -PAD), TEXT_FLAGS, text)

    def _band_part(self, painter: QPainter, rect: QRect, logical: int, height: int) -> None:
        """This section's part of its band: the whole band is drawn off screen (styles may
        reset a painter's clip, so it is not drawn in place) and the part above ``rect`` copied."""
        first, last = self.band_span(logical)
        left = self.sectionViewportPosition(first)
        width = self.sectionViewportPosition(last) + self.sectionSize(last) - left
        ratio = self.devicePixelRatioF()
        image = QPixmap(int(width * ratio), int(height * ratio))
        image.setDevicePixelRatio(ratio)
        image.fill(self.palette().button().color())
        band_painter = QPainter(image)
        band_painter.setFont(painter.font())
        band_painter.setPen(painter.pen())
        # the band's name centred over the part of it in view, so it stays readable when scrolled
        shown_left = max(left, self.covered_left)
        shown_right = min(left + width, self.viewport().width())
        text_rect = QRect(shown_left - left, 0, max(shown_right - shown_left, 0), height)
        self._cell(band_painter, QRect(0, 0, width, height), self.band(logical), logical,
                   text_rect if text_rect.width() > 0 else None)
        band_painter.end()
        offset = rect.left() - left
        painter.drawPixmap(QPoint(rect.left(), rect.top()), image,
                           QRect(int(offset * ratio), 0, int(rect.width() * ratio), int(height * ratio)))

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid():
            return
        painter.save()
        band = self.band(logical)
        if band:
            height = self.band_height()
            self._band_part(painter, rect, logical, height)
            self._cell(painter, QRect(rect.left(), rect.top() + height, rect.width(),
                                      rect.height() - height), self.label(logical), logical)
        else:
            self._cell(painter, rect, self.label(logical), logical)
        painter.restore()
