"""Targets in the window: the progress panel of the county overview, its path chart, and the
dialog that enters or changes a target (汇总 ▸ 目标…)."""
