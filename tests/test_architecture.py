"""Architecture rules: lazy heavy imports and the layer order of DESIGN.md."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = ("pandas", "networkx", "openpyxl", "mkdocs", "numpy", "jieba", "xlsxwriter", "python_calamine")

# Lower layers never import higher ones. The cell-text parsers sit below the model: they define the value
# types (Deadline, Basis, Channel) that the model composes, so the model can accept the text clerks write.
LAYERS = [
    {"gpcatalog.errors"},
    {"gpcatalog.parsing"},
    {
        "gpcatalog.model",
        "gpcatalog.adjustment",
        "gpcatalog.changes",
        "gpcatalog.columnmap",
        "gpcatalog.overlay",
    },
    {"gpcatalog.store"},
    {"gpcatalog.schema"},
    {"gpcatalog.compare"},
    {"gpcatalog.diff_output"},
    {"gpcatalog.history", "gpcatalog.tables", "gpcatalog.derived", "gpcatalog.laws"},
    {"gpcatalog.table_import", "gpcatalog.columns", "gpcatalog.workdays"},
    {"gpcatalog.audit"},
    {"gpcatalog.api"},
    {"gpcatalog.site"},
    {"gpcatalog.cli", "gpcatalog.__init__", "gpcatalog.__main__"},
]


def test_import_gpcatalog_does_not_import_heavy_packages() -> None:
    code = f"import sys, gpcatalog; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _layer(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in names):
            return index
    if module == "gpcatalog":
        return len(LAYERS) - 1
    raise AssertionError(f"{module} has no layer")


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted((ROOT / "gpcatalog").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1]) if parts[-1] == "__init__" and len(parts) > 2 else ".".join(parts)
        found.append((name, ast.parse(path.read_text(encoding="utf-8"))))
    return found


@pytest.mark.parametrize(("module", "tree"), _modules(), ids=[m for m, _ in _modules()])
def test_lower_layers_never_import_higher_ones(module: str, tree: ast.Module) -> None:
    own = _layer(module)
    for node in ast.walk(tree):
        targets = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            targets = [node.module]
        for target in targets:
            if target.split(".")[0] != "gpcatalog":
                continue
            assert _layer(target) <= own, f"{module} (layer {own}) imports {target} (layer {_layer(target)})"


def test_operations_are_imported_on_first_use_and_diff_stays_the_function() -> None:
    code = (
        "import sys, gpcatalog;"
        "print([m for m in ('gpcatalog.compare', 'gpcatalog.history') if m in sys.modules]);"
        "import gpcatalog.compare, gpcatalog.history;"
        "print(gpcatalog.diff.__module__, gpcatalog.apply.__module__, gpcatalog.Diff.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "gpcatalog.api gpcatalog.compare Diff"]
