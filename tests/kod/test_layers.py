"""The code's shape, held by a test: layers visible in folder names, imports in one
direction only, no import cycle, and no generator imported below the glue.

    formats → data → models → render → outputs → pages → macros/__init__.py (glue)

A module may import its own layer or any layer to its left, never one to its right.
Imports inside functions count too: they are how the old cycle (site ↔ cards) hid.
"""

from __future__ import annotations

import ast
from pathlib import Path

MACROS = Path(__file__).resolve().parents[2] / "macros"
LAYERS = ["formats", "data", "models", "render", "outputs", "pages"]
GLUE = "macros"
GENERATORS = ("mkdocs", "material", "mkdocs_macros", "zensical")


def module_name(path: Path) -> str:
    parts = path.relative_to(MACROS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(MACROS.rglob("*.py"))}


def imports(name: str, path: Path) -> list[str]:
    """Every module this one imports (absolute names), wherever the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module)
            found.append(target)
            found += [f"{target}.{alias.name}" for alias in node.names]  # `from . import tables`
    return found


def layer(name: str) -> int:
    parts = name.split(".")
    if parts == [GLUE]:
        return len(LAYERS)
    return LAYERS.index(parts[1])


def own_imports() -> dict[str, set[str]]:
    known = modules()
    graph = {}
    for name, path in known.items():
        graph[name] = {target for target in imports(name, path) if target in known and target != name}
    return graph


def test_every_module_is_in_a_layer():
    strays = [name for name in modules() if name != GLUE and name.split(".")[1] not in LAYERS]
    assert not strays, f"modules outside the layers {LAYERS}: {strays}"


def test_imports_go_one_way():
    wrong = [
        f"{name} ({LAYERS[layer(name)] if layer(name) < len(LAYERS) else 'glue'}) imports {target} "
        f"({LAYERS[layer(target)] if layer(target) < len(LAYERS) else 'glue'})"
        for name, targets in own_imports().items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_cycle():
    graph = own_imports()
    # A package's __init__ is imported by its submodules' import machinery, not by them: leave those edges out.
    graph = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" → ".join(trail[trail.index(target):] + [node, target]) if target in trail else f"{node} → {target}")
            elif not state.get(target):
                visit(target, trail + [node])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_generator_below_the_glue():
    found = [
        f"{name} imports {target}"
        for name, path in modules().items()
        for target in imports(name, path)
        if target.split(".")[0] in GENERATORS
    ]
    assert not found, found


def test_the_checker_sees_a_backward_import(tmp_path):
    """The layer check itself: a data module importing a model is caught."""
    assert layer("macros.data.catalog") < layer("macros.models.tables")
    assert "macros.models.tables" in imports("macros.data.x", _write(tmp_path, "from ..models import tables\n"))
    assert "macros.formats.swedish" in imports("macros.data.x", _write(tmp_path, "def f():\n    from ..formats import swedish\n"))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.py"
    path.write_text(text, encoding="utf-8")
    return path
