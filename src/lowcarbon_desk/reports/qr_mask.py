"""The QR code's mask, chosen as reportlab's encoder chooses it, in a fraction of its time.

``qrencoder.QRCode.make`` lays the code out with each of the 8 masks and keeps the one with
the lowest penalty (``QRUtil.getLostPoint``), scoring each module in Python: about 60 % of a
record PDF's QR code. ``best_mask`` computes the same penalty, with reportlab's exact rules,
on each row and column as one string (runs by a regular expression, the finder-like pattern
by ``str.find``, 2×2 blocks by bit operations), so the chosen mask, and the printed code, are the same
(``tests/reports/test_qr_mask.py`` compares the two on many payloads).
"""

from __future__ import annotations

import re
from itertools import pairwise

from reportlab.graphics.barcode import qrencoder

# reportlab's rule 3 looks for 1011101 then 0000 (only this direction) in the rows, at starts
# before the last possible one (``j < len(row) - 11``), non-overlapping from the left
FINDER_LIKE = "10111010000"
LONG_RUN = re.compile("0{5,}|1{5,}")


def _run_penalty(lines: list[str]) -> int:
    """Rule 1: a run of 5 or more modules of one colour costs its length − 2."""
    return sum(len(run) - 2 for line in lines for run in LONG_RUN.findall(line))


def _block_penalty(rows: list[str]) -> int:
    """Rule 2: 3 for every 2×2 block of one colour (the rows as bits: a block's four modules
    are a row's bits c and c+1 and the next row's)."""
    bits = [int(row, 2) for row in rows]
    full = (1 << (len(rows[0]) - 1)) - 1  # the n − 1 block positions of a row pair
    count = 0
    for above, below in pairwise(bits):
        dark = above & below & (above >> 1) & (below >> 1)
        light = ~above & ~below & ~(above >> 1) & ~(below >> 1)
        count += ((dark | light) & full).bit_count()
    return 3 * count


def _finder_penalty(lines: list[str]) -> int:
    """Rule 3: 40 for each finder-like pattern."""
    score = 0
    for line in lines:
        last = len(line) - len(FINDER_LIKE)
        start = line.find(FINDER_LIKE)
        while start != -1 and start < last:
            score += 40
            start = line.find(FINDER_LIKE, start + len(FINDER_LIKE))
    return score


def penalty(modules: list[list[bool]]) -> int:
    """``QRUtil.getLostPoint`` of the laid-out ``modules``."""
    rows = ["".join("1" if m else "0" for m in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    dark = sum(row.count("1") for row in rows)
    balance = 10 * (abs(100 * dark // len(rows) ** 2 - 50) // 5)  # rule 4
    # no rule 3 on the columns: reportlab compares each column (a tuple) with its pattern (a
    # list), which is never equal, so its vertical rule 3 always scores 0
    return _run_penalty(rows) + _run_penalty(columns) + _block_penalty(rows) + _finder_penalty(rows) + balance


def best_mask(code: qrencoder.QRCode) -> int:
    """The mask ``code.getBestMaskPattern()`` returns (the first of the lowest penalty)."""
    scores = []
    for mask in range(8):
        code.makeImpl(True, mask)
        scores.append(penalty(code.modules))
    return scores.index(min(scores))


def encoded(payload: str) -> qrencoder.QRCode:
    """``payload`` as a QR code with medium error correction, laid out as ``QRCode.make`` would."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, best_mask(code))
    return code
