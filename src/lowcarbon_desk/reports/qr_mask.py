"""The QR code's mask, chosen as reportlab's encoder chooses it, in a fraction of its time.

``qrencoder.QRCode.make`` lays the code out with each of the 8 masks and keeps the one with
the lowest penalty (``QRUtil.getLostPoint``), scoring each module in Python: about 60 % of a
record PDF's QR code. ``best_mask`` computes the same penalty, with reportlab's exact rules,
on each row and column as one string (runs by a regular expression, the finder-like pattern
by ``str.find``, 2×2 blocks by bit operations), on one layout with each mask applied as bit
operations, so the chosen mask, and the printed code, are the same
(``tests/reports/test_qr_mask.py`` compares the two on many payloads).
"""

from __future__ import annotations

import re
from functools import lru_cache
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
    return _row_penalty(["".join("1" if m else "0" for m in row) for row in modules])


def _row_penalty(rows: list[str]) -> int:
    """``penalty`` of the modules given as one string of 0 and 1 per row."""
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    dark = sum(row.count("1") for row in rows)
    balance = 10 * (abs(100 * dark // len(rows) ** 2 - 50) // 5)  # rule 4
    # no rule 3 on the columns: reportlab compares each column (a tuple) with its pattern (a
    # list), which is never equal, so its vertical rule 3 always scores 0
    return _run_penalty(rows) + _run_penalty(columns) + _block_penalty(rows) + _finder_penalty(rows) + balance


# per module count: for each of the 8 masks, each row's data modules it darkens, as bits
# (column 0 the highest)
_MASK_BITS: dict[int, list[list[int]]] = {}


def _mask_bits(code: qrencoder.QRCode) -> list[list[int]]:
    count = code.moduleCount
    if count not in _MASK_BITS:
        bits = [[0] * count for _ in range(8)]
        masks = [qrencoder.QRUtil.getMask(mask) for mask in range(8)]
        for column, row in code.dataPosIterator():
            bit = 1 << (count - 1 - column)
            for mask, dark in enumerate(masks):
                if dark(row, column):
                    bits[mask][row] |= bit
        _MASK_BITS[count] = bits
    return _MASK_BITS[count]


def best_mask(code: qrencoder.QRCode) -> int:
    """The mask ``code.getBestMaskPattern()`` returns (the first of the lowest penalty)."""
    return _best_layout(code)[0]


def _best_layout(code: qrencoder.QRCode) -> tuple[int, list[int]]:
    """The mask ``code.getBestMaskPattern()`` returns and the rows of modules with it applied
    (column 0 the highest bit), the format and version modules still blank.

    reportlab lays the code out with each mask in test mode, where the format and version
    modules are blank whatever the mask: the 8 layouts differ only in the data modules, each
    the data bit XOR the mask. So the code is laid out once, unmasked back to its data bits,
    and each mask applied to whole rows as bit operations."""
    code.makeImpl(True, 0)
    count = code.moduleCount
    bits = _mask_bits(code)
    raw = [int("".join("1" if m else "0" for m in row), 2) ^ first
           for row, first in zip(code.modules, bits[0], strict=True)]
    layouts = [[value ^ flip for value, flip in zip(raw, bits[mask], strict=True)] for mask in range(8)]
    scores = [_row_penalty([format(value, f"0{count}b") for value in rows]) for rows in layouts]
    mask = scores.index(min(scores))
    return mask, layouts[mask]


def _remember_polynomials() -> None:
    """Keep reportlab's error-correction generator polynomials: it builds the one of each block
    length again for every code (a third of a code's time), though it depends on the length
    alone and nothing changes it afterwards (``multiply`` and ``mod`` make new polynomials)."""
    util = qrencoder.QRUtil
    if not hasattr(util.getErrorCorrectPolynomial, "cache_info"):
        kept = staticmethod(lru_cache(maxsize=64)(util.getErrorCorrectPolynomial))
        util.getErrorCorrectPolynomial = kept  # type: ignore[method-assign]  # a memo of the same function


def encoded(payload: str) -> qrencoder.QRCode:
    """``payload`` as a QR code with medium error correction, laid out as ``QRCode.make`` would:
    the chosen mask's layout from the mask test, with the format and version modules that
    ``makeImpl`` writes (the only modules a test layout leaves blank), instead of a second
    layout of every module."""
    _remember_polynomials()
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    mask, rows = _best_layout(code)
    count = code.moduleCount
    code.modules = [[bit == "1" for bit in format(row, f"0{count}b")] for row in rows]
    code.setupTypeInfo(False, mask)
    if code.version >= 7:
        code.setupTypeNumber(False)
    return code
