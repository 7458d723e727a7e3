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
