"""Layering rules: the layer order, storage sealed, no import circles, only the GUI uses Qt.

- Every module belongs to one layer of ``LAYERS`` and imports only from its own layer or
  those below (docs/architecture.md, "Layers"); lazy and ``TYPE_CHECKING`` imports count.
- Outside ``storage/`` no code touches ``.db`` or ``.conn`` (the ``sqlite_utils.Database`` and
  its connection) or imports ``sqlite_utils``: storage's functions and ``Store`` are the API.
- No import circle among the package's modules.
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


# Lowest first; a module may import from its own layer and the layers below. A module belongs
# to the entry with the longest matching name. The base holds what everything may use: the
# package itself, bundled-data and user paths, atomic output files and their leftovers, the
# log, and the error classes (``domain/errors.py`` imports nothing).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("lowcarbon_desk", "lowcarbon_desk.paths", "lowcarbon_desk.tempfiles",
              "lowcarbon_desk.leftovers", "lowcarbon_desk.fileio", "lowcarbon_desk.logs",
              "lowcarbon_desk.domain.errors", "lowcarbon_desk.domain.issues")),
    ("domain", ("lowcarbon_desk.domain",)),
    ("storage", ("lowcarbon_desk.storage",)),
    ("reports/packages/demo", ("lowcarbon_desk.reports", "lowcarbon_desk.packages", "lowcarbon_desk.demo")),
    ("cli", ("lowcarbon_desk.cli", "lowcarbon_desk.failures", "lowcarbon_desk.selftest")),
    ("ui", ("lowcarbon_desk.ui",)),
    ("entry points", ("lowcarbon_desk.app", "lowcarbon_desk.__main__")),
)
STORAGE = PKG / "storage"
# attributes that are the database outside storage; ``args.db`` is the command line's --db path
SEALED_ATTRIBUTES = {"db", "conn"}
# Known circles left to other work, each with the reason; every other circle fails.
KNOWN_CYCLES: dict[frozenset[str], str] = {
    frozenset({"lowcarbon_desk.domain.forms", "lowcarbon_desk.domain.registry"}):
        "forms checks at load what the registry's computations produce; the registry names FormDef",
}


def _layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for rank, (_name, roots) in enumerate(LAYERS):
        for root in roots:
            if _is_module_or_child(module, root) and (best is None or len(root) > best[0]):
                best = (len(root), rank)
    return None if best is None else best[1]


def _package_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in _python_files()}


def _internal(name: str, modules: dict[str, Path]) -> str | None:
    """The package module an imported name refers to (``pkg.mod.func`` → ``pkg.mod``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in _package_modules() if _layer_of(m) is None)
    assert not unplaced, "modules in no layer of LAYERS (tests/test_layers.py); place them:\n" + "\n".join(unplaced)


def _upward_imports(module: str, path: Path, imports: list[tuple[int, str, bool]],
                    modules: dict[str, Path]) -> list[str]:
    """One line per import of ``module`` from a layer above its own."""
    own = _layer_of(module)
    offenders = []
    for lineno, name, lazy in imports:
        target = _internal(name, modules) if name.startswith("lowcarbon_desk") else None
        if target is None or own is None:
            continue
        if path in UI_STARTERS and lazy and _is_module_or_child(target, UI_MODULE):
            continue  # starting the window (see test_only_entry_points_import_ui_and_only_lazily)
        rank = _layer_of(target)
        if rank is not None and rank > own:
            offenders.append(f"{path.relative_to(REPO)}:{lineno}: {module} ({LAYERS[own][0]}) imports "
                             f"{target} ({LAYERS[rank][0]}), a layer above it")
    return offenders


def test_layer_check_names_an_upward_import():
    modules = _package_modules()
    store = PKG / "storage" / "store.py"
    found = _upward_imports("lowcarbon_desk.storage.store", store,
                            [(7, "lowcarbon_desk.reports.workbook.export_workbook", True),
                             (8, "lowcarbon_desk.domain.forms", False)], modules)
    assert found == ["src/lowcarbon_desk/storage/store.py:7: lowcarbon_desk.storage.store (storage) imports "
                     "lowcarbon_desk.reports.workbook (reports/packages/demo), a layer above it"]
    assert [_layer_of(m) for m in ("lowcarbon_desk.domain.errors", "lowcarbon_desk.domain.forms",
                                   "lowcarbon_desk.storage", "lowcarbon_desk.packages.create",
                                   "lowcarbon_desk.cli.main", "lowcarbon_desk.ui.service")] == [0, 1, 2, 3, 4, 5]


def test_imports_follow_the_layer_order():
    modules = _package_modules()
    offenders = []
    for module, path in modules.items():
        offenders += _upward_imports(module, path, _imports(path), modules)
    assert not offenders, "imports against the layer order " + " → ".join(n for n, _ in LAYERS) + ":\n" + \
        "\n".join(sorted(set(offenders)))


def test_storage_is_sealed():
    files = [p for p in _python_files() if not _is_under(p, STORAGE)]
    assert files, "no modules outside storage/ to check"
    offenders = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in SEALED_ATTRIBUTES
                    and not (node.attr == "db" and isinstance(node.value, ast.Name) and node.value.id == "args")):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr} "
                                 f"({ast.unparse(node)}) outside storage/")
        for lineno, name, _lazy in _imports(path):
            if _is_module_or_child(name, "sqlite_utils"):
                offenders.append(f"{path.relative_to(REPO)}:{lineno}: imports {name} outside storage/")
    assert not offenders, ("the database is storage's own: use the functions of lowcarbon_desk.storage and "
                           "Store's methods instead:\n" + "\n".join(sorted(set(offenders))))


def _import_graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (any import: module level, lazy or for typing).
    ``from pkg import mod`` is an edge to ``pkg.mod`` only, and a module's own parent packages
    are left out: Python runs them first whatever the module imports."""
    modules = _package_modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        by_line: dict[int, list[str]] = {}
        for lineno, name, _lazy in _imports(path):
            by_line.setdefault(lineno, []).append(name)
        for names in by_line.values():
            first, rest = names[0], names[1:]
            if rest and all(name.startswith(first + ".") and name in modules for name in rest):
                names = rest  # `from pkg import mod, other`: the edges are to the submodules only
            for name in names:
                target = _internal(name, modules) if name.startswith("lowcarbon_desk") else None
                if target is not None and target != module and not _is_module_or_child(module, target):
                    graph[module].add(target)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of ``graph``: one shortest circle per strongly connected group."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, without recursion
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    cycles = []
    for group in groups:
        first = min(group)
        paths = {first: [first]}
        queue = [first]
        while queue:  # breadth first inside the group: the shortest way back to ``first``
            node = queue.pop(0)
            for child in sorted(graph[node] & group):
                if child == first:
                    queue = []
                    cycles.append([*paths[node], first])
                    break
                if child not in paths:
                    paths[child] = [*paths[node], child]
                    queue.append(child)
    return cycles


def test_cycle_finder_names_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_cycles():
    cycles = [c for c in find_cycles(_import_graph()) if frozenset(c) not in KNOWN_CYCLES]
    assert not cycles, "import circles (move the shared piece into a module of its own):\n" + \
        "\n".join(" → ".join(c) for c in cycles)
