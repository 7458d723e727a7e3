"""The QR code's mask chosen as reportlab's encoder chooses it (``reports.qr_mask``): the same
penalty for every mask and the same modules, so the printed code is unchanged (issue 22)."""

from __future__ import annotations

import random
import string

from reportlab.graphics.barcode import qrencoder

from lowcarbon_desk.reports.qr_mask import encoded, penalty

ALPHABET = string.ascii_letters + string.digits + "-:|{}\",. 中文记录编号"


def _payloads(count: int) -> list[str]:
    rng = random.Random(22)
    sizes = [1, 17, 60, 120, 200] + [rng.randint(1, 240) for _ in range(count - 5)]
    return ["".join(rng.choice(ALPHABET) for _ in range(size)) for size in sizes]


def test_same_penalty_and_same_modules_as_reportlab() -> None:
    for payload in _payloads(30):
        ref = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        ref.addData(payload)
        ref.make()
        assert encoded(payload).modules == ref.modules, payload
        for mask in range(8):
            ref.makeImpl(True, mask)
            assert penalty(ref.modules) == qrencoder.QRUtil.getLostPoint(ref), (payload, mask)


def test_one_layout_per_code_and_the_printed_runs_are_the_dark_modules(monkeypatch) -> None:
    """The code is laid out once (the mask test's layout, its format and version modules then
    written), and the rectangles drawn cover exactly its dark modules."""
    from lowcarbon_desk.reports import pdf_common

    layouts = []
    real = qrencoder.QRCode.makeImpl
    monkeypatch.setattr(qrencoder.QRCode, "makeImpl", lambda code, *args: layouts.append(args) or real(code, *args))
    for payload in _payloads(12):
        layouts.clear()
        code = encoded(payload)
        assert len(layouts) == 1
        count = code.getModuleCount()
        dark = {(row, column) for row in range(count) for column in range(count) if code.isDark(row, column)}
        printed = {(row, column) for row, start, end in pdf_common._qr_runs.__wrapped__(payload)[1]
                   for column in range(start, end)}
        assert printed == dark, payload
