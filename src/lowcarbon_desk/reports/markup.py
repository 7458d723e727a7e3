"""Text made safe for reportlab's Paragraph markup (its own module: the page furniture and the
plain table cells both use it)."""

from __future__ import annotations


def esc(text: object) -> str:
    """Text made safe for a reportlab Paragraph."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))
