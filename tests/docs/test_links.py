"""The repository documents itself: every relative link in README.md and docs/ resolves to a
file (and heading) inside the repository, and nothing points at the province's copy of the
standard outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
OUTSIDE = ("../shared", "shared/spec")


def _without_code(text: str) -> str:
    """Markdown outside fenced code blocks and inline code (links there are not links)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (code spans keep their
    text), spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a document's headings (a repeated heading gets ``-1``, ``-2`` …)."""
    found: set[str] = set()
    for line in re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S).splitlines():
        match = re.match(r"^#{1,6} (.+)$", line)
        if match:
            base = slug(match.group(1))
            anchor, n = base, 1
            while anchor in found:
                anchor, n = f"{base}-{n}", n + 1
            found.add(anchor)
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(d.relative_to(REPO)) for d in DOCUMENTS])
def test_relative_links_resolve_inside_the_repository(document):
    for target in LINK.findall(_without_code(document.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z]+:", target):
            assert target.startswith("https://"), f"{document.name}: link {target}"
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (document.parent / path_part).resolve() if path_part else document
        assert resolved.is_relative_to(REPO), f"{document.name}: {target} leaves the repository"
        assert resolved.is_file(), f"{document.name}: {target} does not exist"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{document.name}: {target}: no such heading"


def test_nothing_points_outside_the_repository():
    files = [REPO / "README.md", *(REPO / "docs").rglob("*"), *(REPO / "src").rglob("*")]
    for path in files:
        if not path.is_file() or path.suffix not in (".md", ".py", ".toml", ".txt", ".ts", ".csv", ".sh", ".ps1", ""):
            continue
        if any(part.endswith(".egg-info") or part == "__pycache__" for part in path.parts):
            continue  # build output, not part of the repository
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in OUTSIDE:
            assert needle not in text, f"{path.relative_to(REPO)} mentions {needle}"
