"""The garbage collector runs on the GUI thread only, and still collects."""

from __future__ import annotations

import gc

from lowcarbon_desk.ui import gc_guard


class _Cycle:
    def __init__(self):
        self.me = self


def test_automatic_collection_is_off_and_the_timer_collects(qapp):
    collector = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is collector
    assert not gc.isenabled()
    gc.collect()
    for _ in range(collector.threshold[0] + 50):
        _Cycle()
    assert gc.get_count()[0] > collector.threshold[0]
    collector.check()
    assert gc.get_count()[0] < collector.threshold[0]
