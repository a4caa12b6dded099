"""The layer arrows of DESIGN.md hold: import-linter's contracts pass."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from opmodel.cli.app import create_app\n"
        "create_app()\n"
        "heavy = {'ortools', 'pandas', 'polars', 'numpy', 'duckdb', 'openpyxl', 'django',\n"
        "         'pydantic', 'yaml', 'rich', 'opmodel.document', 'opmodel.engines'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _package_modules() -> list[str]:
    import pkgutil

    import opmodel

    return [m.name for m in pkgutil.walk_packages(opmodel.__path__, "opmodel.")]


def test_no_import_cycle_inside_the_package() -> None:
    import grimp

    graph = grimp.build_graph("opmodel")
    modules = sorted(graph.modules)
    imports = {m: {n for n in graph.find_modules_directly_imported_by(m) if n in graph.modules
                   and not m.startswith(f"{n}.")}  # a module's own package is not a cycle
               for m in modules}
    # Tarjan's strongly connected components: any of two or more modules is a cycle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(imports[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == []


def test_model_class_names_are_unique_across_the_package() -> None:
    # they become the component names of the REST API's OpenAPI schema
    import importlib
    import inspect
    from enum import Enum

    from pydantic import BaseModel

    where: dict[str, list[str]] = {}
    for name in _package_modules():
        if name.startswith("opmodel.cli"):
            continue
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, BaseModel | Enum) \
                    and obj.__module__ == name:
                where.setdefault(obj.__name__, []).append(name)
    assert {n: m for n, m in where.items() if len(m) > 1} == {}


def test_no_module_is_over_400_lines() -> None:
    src = Path(__file__).parents[1] / "src" / "opmodel"
    sizes = {str(p.relative_to(src)): len(p.read_text(encoding="utf-8").splitlines())
             for p in src.rglob("*.py") if "migrations" not in p.parts}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
