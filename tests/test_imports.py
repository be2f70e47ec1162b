"""No import circle among edi's modules: each module's imports form a graph without cycles,
both the top-level ones (those that run when it is imported) and, counted with them, those
inside functions (an import deferred to break a circle is still a circle). Only
``if TYPE_CHECKING:`` blocks are left out: they never run."""

from __future__ import annotations

import ast
from pathlib import Path

import edi

ROOT = Path(edi.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _top_level(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    out: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If) and not _type_checking(node):
            out += _top_level(node.body) + _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            out += _top_level(node.body) + _top_level(node.orelse)
            for handler in node.handlers:
                out += _top_level(handler.body)
    return out


def _everywhere(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Every import that can run: at top level, inside functions, classes, branches."""
    out: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                walk(child)
            return
        for child in ast.iter_child_nodes(node):
            walk(child)

    for node in body:
        walk(node)
    return out


def imports_of(name: str, path: Path, modules: dict[str, Path],
               deferred: bool = False) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    body = ast.parse(path.read_text()).body
    for node in (_everywhere(body) if deferred else _top_level(body)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                       for a in node.names]
        for target in targets:
            if target in modules and target != name:
                found.add(target)
    return found


def graph(deferred: bool = False) -> dict[str, set[str]]:
    modules = _modules()
    return {name: imports_of(name, path, modules, deferred) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_sees_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_edi_imports() -> None:
    edges = graph()
    assert "edi.flow.conductor" in edges["edi.flow.run"]
    assert "edi.model" in edges["edi.workers"]


def test_the_graph_sees_imports_inside_functions() -> None:
    edges = graph(deferred=True)
    assert "edi.validators.base" in edges["edi.config"]   # _check_validation's import
    assert "edi.validators.base" not in graph()["edi.config"]
    assert "edi.flow.examine" in edges["edi.workers"]            # _examine's, in the worker
    assert "edi.flow.examine" not in graph()["edi.workers"]


def test_no_import_circle_among_edi_modules() -> None:
    assert cycles(graph()) == []


def test_no_import_circle_even_through_imports_inside_functions() -> None:
    assert cycles(graph(deferred=True)) == []
