"""reportlab runs on its C accelerator (the rl_accel dependency), not on its Python fallbacks."""

from reportlab.lib import rl_accel

from lowcarbon_desk.reports.accelerator import slow_functions


def test_reportlab_uses_its_c_accelerator():
    assert slow_functions() == []
    assert rl_accel.fp_str.__module__ == "_rl_accel"
