"""Layering rules: only the GUI package may use Qt.

- No module outside ``lowcarbon_desk/ui/`` imports PySide6 or shiboken6, at any level
  (module top, inside functions, under ``if TYPE_CHECKING``, or via ``importlib``).
- No module outside ``ui/`` imports ``lowcarbon_desk.ui``, except the entry points that start
  the window (``app.py``, ``cli/main.py`` and ``selftest.py``), and those only lazily, inside a
  function.
- Importing the headless packages in a fresh interpreter leaves PySide6 unloaded.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PKG = SRC / "lowcarbon_desk"
UI = PKG / "ui"
# Modules that may start the window: they import lowcarbon_desk.ui inside a function only.
UI_STARTERS = {PKG / "app.py", PKG / "cli" / "main.py", PKG / "selftest.py"}

QT_ROOTS = {"PySide6", "shiboken6"}
UI_MODULE = "lowcarbon_desk.ui"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_parts(path: Path) -> list[str]:
    """The package a module's relative imports are resolved against."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return parts[:-1]  # for __init__.py this is the package itself, as Python does it


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportCollector(ast.NodeVisitor):
    """Collect (lineno, absolute module name, lazy) for every import in a module."""

    def __init__(self, path: Path) -> None:
        self.package = _package_parts(path)
        self.found: list[tuple[int, str, bool]] = []
        self._depth = 0  # >0 inside a function, lambda or `if TYPE_CHECKING:` body

    def _add(self, node: ast.AST, name: str) -> None:
        self.found.append((node.lineno, name, self._depth > 0))

    def _nested(self, node: ast.AST) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = _nested
    visit_AsyncFunctionDef = _nested
    visit_Lambda = _nested

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._depth += 1
            for child in node.body:
                self.visit(child)
            self._depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            keep = len(self.package) - (node.level - 1)
            base = self.package[:keep] if keep > 0 else []
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        self._add(node, module)
        # `from lowcarbon_desk import ui` / `from .. import ui` import a submodule by name.
        for alias in node.names:
            if alias.name != "*":
                self._add(node, f"{module}.{alias.name}")

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("PySide6.QtCore") and __import__("PySide6")
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if (
            name in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            self._add(node, node.args[0].value)
        self.generic_visit(node)


def _python_files() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    collector = _ImportCollector(path)
    collector.visit(tree)
    return collector.found


def _is_under(path: Path, folder: Path) -> bool:
    return folder == path.parent or folder in path.parents


def _is_module_or_child(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


def test_package_sources_found():
    files = _python_files()
    assert PKG.is_dir(), f"package folder missing: {PKG}"
    assert files, f"no Python files found under {PKG}"
    assert any(p.name == "__init__.py" for p in files)


def test_only_ui_imports_qt():
    files = [p for p in _python_files() if not _is_under(p, UI)]
    assert files, "no modules outside ui/ to check"
    offenders = {}
    for path in files:
        for lineno, name, _lazy in _imports(path):
            if name.split(".")[0] in QT_ROOTS:
                offenders.setdefault((path, lineno), f"{path.relative_to(REPO)}:{lineno}: {name}")
    message = "Qt imported outside lowcarbon_desk/ui/:\n" + "\n".join(offenders.values())
    assert not offenders, message


def test_only_entry_points_import_ui_and_only_lazily():
    files = [p for p in _python_files() if not _is_under(p, UI)]
    assert files, "no modules outside ui/ to check"
    offenders = {}
    for path in files:
        for lineno, name, lazy in _imports(path):
            if not _is_module_or_child(name, UI_MODULE):
                continue
            if path in UI_STARTERS and lazy:
                continue
            where = "at module level" if path in UI_STARTERS else "outside ui/"
            offenders.setdefault((path, lineno), f"{path.relative_to(REPO)}:{lineno}: {name} {where}")
    assert not offenders, (
        "lowcarbon_desk.ui may only be imported inside a function of app.py or cli/main.py:\n"
        + "\n".join(offenders.values())
    )


_PROBE = """
import importlib, importlib.util, sys
name = sys.argv[1]
try:
    spec = importlib.util.find_spec(name)
except ModuleNotFoundError:
    spec = None
if spec is None:
    sys.exit(3)
importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
if loaded:
    print("\\n".join(loaded))
    sys.exit(4)
"""


@pytest.mark.parametrize(
    "module",
    ["lowcarbon_desk.domain", "lowcarbon_desk.storage", "lowcarbon_desk.cli", "lowcarbon_desk.app"],
)
def test_headless_import_leaves_qt_unloaded(module):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, module],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode == 3:
        pytest.skip(f"{module} does not exist yet")
    assert proc.returncode != 4, f"importing {module} loaded Qt modules:\n{proc.stdout}"
    assert proc.returncode == 0, f"importing {module} failed:\n{proc.stdout}{proc.stderr}"
