"""Explain this number in the window: a computed value or a per-line computed cell opens its
explanation, which is ``domain.explain``'s on the editor's data as typed; entered values are
links back to their fields. On a demo county in a temporary database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from lowcarbon_desk.demo import build_demo
from lowcarbon_desk.domain.explain import EMPTY, as_dict, explain_record, number_text
from lowcarbon_desk.domain.labels import unit_text
from lowcarbon_desk.storage import Store
from lowcarbon_desk.ui import i18n
from lowcarbon_desk.ui.explain_dialog import FIELD_SCHEME, ExplainDialog
from lowcarbon_desk.ui.models.roles import EXPLAIN_ROLE
from lowcarbon_desk.ui.service import DeskService

from .conftest import shown_window


@pytest.fixture
def demo_window(qtbot, app_font, tmp_path, settings):
    store = Store.open(tmp_path / "demo.db")
    build_demo(store, county="410199", enterprises=3, seed=2025)
    win = shown_window(qtbot, DeskService(store, "tester", "zh"), settings)
    win.activateWindow()  # F1 is a shortcut: it goes to the active window (no window manager under Xvfb)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.reload_records(synchronous=True)
    yield win
    win.pane.save_now()
    win.close()
    i18n.install("zh")
    store.close()


def annual_report(window) -> str:
    return next(r[0] for r in window.rows if r[1] == "energy_report" and len(r[6] or "") == 4)


def open_dialog(editor) -> ExplainDialog:
    dialogs = [d for d in editor.findChildren(ExplainDialog) if d.isVisible()]
    assert len(dialogs) == 1, "expected one explanation dialog"
    return dialogs[0]


def shown_numbers(item: dict, lang: str) -> list[str]:
    """Every number of the explanation as ``domain.explain`` writes it, with its unit; the result
    only when it is a number (a yes/no or a grid factor shows by its label)."""
    def text(value, unit, digits=6):
        if value is None:
            return EMPTY[lang]
        unit = unit_text(unit or "")
        return f"{number_text(value, digits, lang)} {unit}".strip()

    result = item["value"]
    numbers = [text(result, item["unit"])] if not isinstance(result, (bool, str)) else []
    numbers += [text(i["value"], i["unit"]) for i in item["inputs"]]
    numbers += [text(f["value"], f["unit"]) for f in item["factors"]]
    numbers += [text(s["value"], s["unit"], 4) for s in item["steps"]]
    return numbers


def draft_with_lines(window, lines: list[dict]) -> str:
    """A new draft of the demo's first enterprise with ``lines`` typed into the table, unsaved."""
    org = next(o for o in window.service.store.list_orgs() if o["kind"] == "enterprise")
    record_id = window.service.create_record("energy_report", org["org_id"],
                                             {"period": "2025-12", "value_added_10k_yuan": 5000})
    window.open_record(record_id)
    group = window.pane.editor.groups["lines"]
    for row, values in enumerate(lines):
        group.add_item()
        for column, value in values.items():
            assert group.model.setData(group.model.index(row, group.model.column_of(column)), value)
    return record_id


def test_clicking_a_computed_value_shows_the_same_numbers_as_explain(demo_window, qtbot):
    window = demo_window
    record_id = annual_report(window)
    window.open_record(record_id)
    editor = window.pane.editor
    editor.computed_panel.set_expanded(True)
    label = editor.computed_panel.labels["total_co2_t"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    dialog = open_dialog(editor)
    doc = window.service.store.get_record(record_id)
    ref = window.service.reference(doc["reference_data_version"])
    form, data, (expected,) = explain_record(doc, ref, "total_co2_t")
    item = as_dict(expected, form, data, ref, "zh")
    assert dialog.live.item == item
    assert expected.value == doc["computed"]["total_co2_t"]
    text = dialog.browser.toPlainText()
    for number in shown_numbers(item, "zh"):
        assert number in text, number
    # the formula in words and symbols, the factors with their source and the set's version
    assert item["formula"] in text and item["symbols"] in text
    assert f"参考数据（版本 {ref.version}）" in text
    assert all((f.get("source_text") or f["source"]["text"]) in text
               and f"{f['source']['table']}: {f['source']['key']}" in text for f in item["factors"])
    # the heading shows the value as the panel does, the working every digit
    assert text.splitlines()[0] == f"{item['label']} = {label.text()}"
    assert dialog.input_paths == [i["path"] for i in item["inputs"]]
    dialog.close()


def test_f1_on_a_per_line_cell_explains_the_unsaved_line(demo_window, qtbot):
    window = demo_window
    record_id = draft_with_lines(window, [{"energy": "raw_coal", "consumption_total": "1100",
                                           "feedstock_use": "100"}])
    editor = window.pane.editor
    group = editor.groups["lines"]
    column = next(i for i, c in enumerate(group.model.columns) if c.id == "line_co2_t")
    group.select_cell(0, column)
    qtbot.keyClick(group.view.part_of(column), Qt.Key.Key_F1)
    dialog = open_dialog(editor)
    assert dialog.live.path == "lines[0].line_co2_t"
    # (1,100 − 100) t × 1.9003 tCO2/t = 1,900.3 t, from what is typed: nothing is saved yet
    assert dialog.live.item["value"] == 1900.3
    assert window.service.store.get_record(record_id)["data"].get("lines") in (None, [])
    text = dialog.browser.toPlainText()
    assert "max(1,100 吨 − 100 吨, 0) × 1.9003 吨CO2/吨" in text and "1,900.3 吨CO2" in text
    assert "combustion_factors: raw_coal" in text
    dialog.close()
    # F1 on an entered cell explains nothing; a click on it neither
    group.select_cell(0, group.model.column_of("consumption_total"))
    qtbot.keyClick(group.view.part_of(group.model.column_of("consumption_total")), Qt.Key.Key_F1)
    assert group.explain_cell(group.model.index(0, group.model.column_of("consumption_total"))) is None
    assert not [d for d in editor.findChildren(ExplainDialog) if d.isVisible()]


def test_a_value_that_cannot_be_read_is_named_in_the_explanation(demo_window):
    window = demo_window
    draft_with_lines(window, [{"energy": "raw_coal", "consumption_total": "12x"}])
    editor = window.pane.editor
    dialog = editor.explain("lines[0].line_tce")
    assert dialog.live.item["value"] == 0  # an unreadable quantity counts as empty
    text = dialog.browser.toPlainText()
    assert "lines[0].consumption_total" in text and "12x" in text
    assert "有 1 处填报值无法读取，按空值计算（见问题列表）。" in text
    dialog.close()


@pytest.mark.parametrize(("computed", "entered"), [
    ("lines[0].line_tce", "lines[0].consumption_total"),
    ("energy_intensity", "value_added_10k_yuan"),
])
def test_an_entered_value_link_closes_and_focuses_its_field(demo_window, qtbot, computed, entered):
    window = demo_window
    draft_with_lines(window, [{"energy": "raw_coal", "consumption_total": "1100"}])
    editor = window.pane.editor
    dialog = editor.explain(computed)
    assert entered in dialog.input_paths
    with qtbot.waitSignal(dialog.fieldRequested) as requested:
        dialog.browser.anchorClicked.emit(QUrl(f"{FIELD_SCHEME}:{dialog.input_paths.index(entered)}"))
    assert requested.args == [entered]
    qtbot.waitUntil(lambda: not [d for d in editor.findChildren(ExplainDialog) if d.isVisible()])
    qtbot.waitUntil(lambda: editor.focused_path() == entered)


def test_computed_values_say_they_can_be_explained(demo_window):
    window = demo_window
    window.open_record(annual_report(window))
    editor = window.pane.editor
    panel = editor.computed_panel
    panel.set_expanded(True)
    assert panel.hint.isVisible() and panel.hint.text() == "点击数值可查看计算过程"
    assert "F1" in panel.labels["total_tce"].toolTip()
    assert panel.labels["total_tce"].font().underline()
    model = editor.groups["lines"].model
    line_tce = next(i for i, c in enumerate(model.columns) if c.kind == "computed" and c.id == "line_tce")
    cell = model.index(0, line_tce)
    assert cell.data(EXPLAIN_ROLE) == "lines[0].line_tce"
    assert "F1" in cell.data(Qt.ItemDataRole.ToolTipRole) and cell.data(Qt.ItemDataRole.FontRole).underline()
    assert model.index(0, model.column_of("consumption_total")).data(EXPLAIN_ROLE) is None
    panel.set_expanded(False)
    assert not panel.hint.isVisible()


def test_english_and_a_small_window(demo_window, qtbot):
    window = demo_window
    window.set_language("en")
    window.resize(1024, 700)
    record_id = annual_report(window)
    window.open_record(record_id)
    qtbot.waitUntil(lambda: window.pane.editor is not None and window.pane.editor.isVisible())
    editor = window.pane.editor
    panel = editor.computed_panel
    # folded on a small screen: the totals on the title line are links too
    panel.set_expanded(False)
    assert panel.summary.isVisible()
    panel.summary.linkActivated.emit("total_tce")
    dialog = open_dialog(editor)
    doc = window.service.store.get_record(record_id)
    ref = window.service.reference(doc["reference_data_version"])
    form, data, (expected,) = explain_record(doc, ref, "total_tce")
    item = as_dict(expected, form, data, ref, "en")
    assert dialog.live.item == item
    text = dialog.browser.toPlainText()
    assert dialog.windowTitle() == f"How it is computed: {form.computed_def('total_tce').label('en')}"
    for heading in ("Formula: ", "Working: ", "Intermediate results", "Entered values",
                    f"Reference data (version {ref.version})"):
        assert heading in text, heading
    for number in shown_numbers(item, "en"):
        assert number in text, number
    assert "Click an underlined entered value" in dialog.findChild(type(panel.hint), "explain_hint").text()
    assert dialog.copy_button.text() == "Copy text"
    # it fits the 1024×700 window
    assert dialog.width() <= window.width() and dialog.height() <= window.height()
    dialog.copy_text()  # the command line's text, for a note or an e-mail
    assert QApplication.clipboard().text().startswith(f"{item['label']} (total_tce) = ")
    dialog.close()
    panel.set_expanded(True)
    assert panel.hint.text() == "Click a value to see how it was computed"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.slow
def test_every_computed_value_of_the_demo_county_opens_with_explains_numbers(qtbot, app_font, tmp_path, lang):
    """Every form: each computed value's dialog holds ``as_dict`` of the stored record and shows
    the value, every input, factor and intermediate result."""
    from lowcarbon_desk.domain.forms import get_form
    from lowcarbon_desk.ui.explain_dialog import explain_live

    seen: dict[str, int] = {}
    with Store.open(tmp_path / "demo.db") as store:
        build_demo(store, county="410199", enterprises=3, seed=2025)
        for row in store.list_records():
            doc = store.get_record(row["record_id"])
            ref = store.reference(doc["reference_data_version"])
            form, data, found = explain_record(doc, ref)
            for expected in found:
                live = explain_live(get_form(doc["form"], doc["form_version"]), ref, lang, doc["data"],
                                    expected.path)
                dialog = ExplainDialog(live)
                qtbot.addWidget(dialog)
                item = as_dict(expected, form, data, ref, lang)
                assert dialog.live.item == item, (doc["record_id"], expected.path)
                text = dialog.browser.toPlainText()
                for number in shown_numbers(item, lang):
                    assert number in text, (doc["record_id"], expected.path, number)
                assert item["label"] in text
                seen[form.id] = seen.get(form.id, 0) + 1
    assert set(seen) == {"energy_report", "energy_budget", "cp_audit", "pilot_application"}, seen


def test_the_keyboard_reaches_a_computed_value(demo_window, qtbot):
    """Tab reaches a value; F1 (or Enter) on it opens its explanation."""
    window = demo_window
    window.open_record(annual_report(window))
    editor = window.pane.editor
    panel = editor.computed_panel
    panel.set_expanded(True)
    label = panel.labels["energy_intensity"]
    assert label.focusPolicy() & Qt.FocusPolicy.TabFocus
    label.setFocus()
    qtbot.waitUntil(label.hasFocus)
    with qtbot.waitSignal(panel.explainRequested) as asked:
        qtbot.keyClick(label, Qt.Key.Key_F1)
    assert asked.args == ["energy_intensity"]
    dialog = open_dialog(editor)
    assert dialog.live.path == "energy_intensity"
    assert [i["path"] for i in dialog.live.item["inputs"]][-1] == "value_added_10k_yuan"
    dialog.close()
    with qtbot.waitSignal(panel.explainRequested) as asked:
        qtbot.keyClick(label, Qt.Key.Key_Return)
    assert asked.args == ["energy_intensity"]
    open_dialog(editor).close()


def test_a_click_on_a_computed_cell_of_another_table(demo_window, qtbot):
    """The audit's options table: a click on an option's payback opens its explanation, on the
    same numbers ``explain`` gives for the stored record."""
    window = demo_window
    audit = next(r[0] for r in window.rows if r[1] == "cp_audit")
    window.open_record(audit)
    group = window.pane.editor.groups["options"]
    model = group.model
    column = next(i for i, c in enumerate(model.columns) if c.kind == "computed" and c.id == "payback_years")
    index = model.index(0, column)
    view = group.view.part_of(column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    dialog = open_dialog(window.pane.editor)
    assert dialog.live.path == "options[0].payback_years"
    doc = window.service.store.get_record(audit)
    ref = window.service.reference(doc["reference_data_version"])
    form, data, (expected,) = explain_record(doc, ref, "options[0].payback_years")
    assert dialog.live.item == as_dict(expected, form, data, ref, "zh")
    assert expected.value == doc["computed"]["options"][0]["payback_years"]
    for number in shown_numbers(dialog.live.item, "zh"):
        assert number in dialog.browser.toPlainText(), number
    dialog.close()
    # a click on an entered cell opens nothing
    entered = model.column_of("investment_10k_yuan")
    part = group.view.part_of(entered)
    part.scrollTo(model.index(0, entered))
    qtbot.mouseClick(part.viewport(), Qt.MouseButton.LeftButton, pos=part.visualRect(model.index(0, entered)).center())
    assert not [d for d in window.pane.editor.findChildren(ExplainDialog) if d.isVisible()]
