"""Whether reportlab runs on its C accelerator (``_rl_accel``, the ``rl_accel`` package).

Without it reportlab quietly falls back to pure-Python versions of its number formatting,
ASCII85 encoding and string escaping; the PDFs are the same bytes, only slower (about a sixth
of a package's rendering time). The self-test and a test check it, so that the dependency
cannot drop out of an installation or the bundle unnoticed.
"""

from __future__ import annotations

from reportlab.lib import rl_accel

ACCELERATED = ("fp_str", "asciiBase85Encode", "escapePDF", "instanceStringWidthTTF", "calcChecksum")


def slow_functions() -> list[str]:
    """The reportlab functions among ``ACCELERATED`` that run on their pure-Python fallback."""
    return [name for name in ACCELERATED if getattr(rl_accel, name).__module__ != "_rl_accel"]
