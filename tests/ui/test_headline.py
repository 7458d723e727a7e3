"""The editor's folded computed panel shows the record's headline figures: the ones the form
version declares (``headline`` in its file), in that order, not figures guessed from units."""

from __future__ import annotations

from lowcarbon_desk.domain.forms import get_form
from lowcarbon_desk.domain.reference import shipped_reference
from lowcarbon_desk.ui.editor.computed_panel import ComputedPanel


def test_the_folded_panel_shows_the_declared_headline(qtbot) -> None:
    form = get_form("energy_budget")
    panel = ComputedPanel(form, shipped_reference(), "en")
    qtbot.addWidget(panel)
    panel.set_values({"effective_budget_tce": 1000, "ytd_actual_tce": 420, "projected_tce": 840,
                      "utilization_pct": 42, "planned_intensity": 0.5})
    text = panel.summary.text()
    labels = [form.computed_def(i).label("en") for i in form.headline]
    assert labels == ["Effective budget", "Year-to-date actual", "Projected year"]
    assert [text.index(label) for label in labels] == sorted(text.index(label) for label in labels)
    assert "<a href='ytd_actual_tce'>420.00 tce</a>" in text
    assert form.computed_def("planned_intensity").label("en") not in text
