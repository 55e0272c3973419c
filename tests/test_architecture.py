"""Architecture rules: the wing order, no import cycles, lazy heavy imports, small modules, names that stay
functions."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
import types

import pytest

import gpcatalog
from tests.helpers import ROOT

HEAVY = (
    "pandas",
    "networkx",
    "openpyxl",
    "mkdocs",
    "numpy",
    "jieba",
    "xlsxwriter",
    "python_calamine",
    "httpx",
    "selectolax",
)

# Lower layers never import higher ones. Base layers first: the cell-text parsers sit below the model (they define
# the value types Deadline, Basis, Channel that the model composes); then the wings, each a package holding one
# capability, in the one direction they may use each other; then the public API, the site and the CLI.
LAYERS: list[set[str]] = [
    {"gpcatalog.errors", "gpcatalog.version"},
    {"gpcatalog.base"},
    {"gpcatalog.parsing"},
    {"gpcatalog.model", "gpcatalog.overlay"},
    {"gpcatalog.store"},
    {"gpcatalog.schema"},
    {"gpcatalog.loading"},
    # wings
    {"gpcatalog.changes"},
    {"gpcatalog.history"},
    {"gpcatalog.derived"},
    {"gpcatalog.laws"},
    {"gpcatalog.tables"},
    {"gpcatalog.columns"},
    {"gpcatalog.timeliness"},
    {"gpcatalog.survey"},
    {"gpcatalog.inspect"},
    # the whole
    {"gpcatalog.api"},
    {"gpcatalog.site"},
    {"gpcatalog.cli", "gpcatalog.__init__", "gpcatalog.__main__"},
]
MAX_LINES = 500


def _layer(module: str) -> int:
    for index, names in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in names):
            return index
    if module == "gpcatalog":
        return len(LAYERS) - 1
    raise AssertionError(f"{module} has no layer")


def _name(parts: tuple[str, ...]) -> str:
    return ".".join(parts[:-1]) if parts[-1] == "__init__" and len(parts) > 2 else ".".join(parts)


def _modules() -> list[tuple[str, ast.Module, int]]:
    found = []
    for path in sorted((ROOT / "gpcatalog").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found.append((_name(path.relative_to(ROOT).with_suffix("").parts), ast.parse(text), text.count("\n")))
    return found


MODULES = _modules()
NAMES = {name for name, _tree, _lines in MODULES}


def _imports(module: str, tree: ast.Module, *, runtime_only: bool = False) -> list[str]:
    """Every gpcatalog module ``module`` imports (function-level imports included), resolved to a module."""
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in NAMES]
            found += modules or [node.module]
    resolved = [t if t in NAMES else t.rsplit(".", 1)[0] for t in found]
    return [t for t in resolved if t.split(".")[0] == "gpcatalog" and t != module]


@pytest.mark.parametrize(("module", "tree"), [(m, t) for m, t, _ in MODULES], ids=[m for m, _, _ in MODULES])
def test_lower_layers_never_import_higher_ones(module: str, tree: ast.Module) -> None:
    own = _layer(module)
    for target in _imports(module, tree):
        assert _layer(target) <= own, f"{module} (layer {own}) imports {target} (layer {_layer(target)})"


def test_no_import_cycles() -> None:
    """Not even through imports inside functions (only ``if TYPE_CHECKING:`` imports are left out)."""
    import networkx as nx

    graph = nx.DiGraph()
    for module, tree, _lines in MODULES:
        graph.add_edges_from((module, target) for target in _imports(module, tree, runtime_only=True))
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize(("module", "lines"), [(m, n) for m, _, n in MODULES], ids=[m for m, _, _ in MODULES])
def test_no_module_over_500_lines(module: str, lines: int) -> None:
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it along what it does"


def test_import_gpcatalog_imports_only_the_standard_library() -> None:
    code = (
        "import sys; before = set(sys.modules); import gpcatalog;"
        "print(sorted(m for m in set(sys.modules) - before if not m.startswith(('gpcatalog', '_'))"
        " and m.split('.')[0] not in sys.stdlib_module_names))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_loading_a_catalogue_does_not_import_heavy_packages() -> None:
    code = f"import sys, gpcatalog; gpcatalog.load(); gpcatalog.validate(); print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_operations_are_imported_on_first_use_and_diff_stays_the_function() -> None:
    code = (
        "import sys, gpcatalog;"
        "print([m for m in ('gpcatalog.changes', 'gpcatalog.history') if m in sys.modules]);"
        "import gpcatalog.changes, gpcatalog.history;"
        "print(gpcatalog.diff.__module__, gpcatalog.apply.__module__, gpcatalog.Diff.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "gpcatalog.api gpcatalog.changes.patch Diff"]


def test_audit_is_the_function_after_read_records_is_touched() -> None:
    """The defect: touching gpcatalog.read_records imported the submodule gpcatalog/audit.py, which then shadowed
    the function, and gpcatalog.audit(…) raised "'module' object is not callable"."""
    code = (
        "import gpcatalog, pandas as pd;"
        "gpcatalog.read_records;"
        "frame = pd.DataFrame({'column': ['shehui-jiuzhu-001'], 'title': ['低保公示'], 'url': [''],"
        " 'formed': pd.to_datetime(['2026-03-02']), 'published': pd.to_datetime(['2026-03-03'])});"
        "result = gpcatalog.audit(frame, gpcatalog.read_map(), gpcatalog.load());"
        "print(type(result).__name__, result.records)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr == "" and done.stdout.strip() == "AuditResult 1"


def _packages() -> list[types.ModuleType]:
    found = [gpcatalog]
    for info in pkgutil.walk_packages(gpcatalog.__path__, "gpcatalog."):
        if info.name == "gpcatalog.__main__":
            continue  # running it is running the CLI
        module = importlib.import_module(info.name)
        if info.ispkg:
            found.append(module)
    return found


def test_no_public_name_is_a_module_once_every_submodule_is_imported() -> None:
    packages = _packages()  # imports every submodule, as a long-running program eventually does
    for package in packages:
        for name in getattr(package, "__all__", []):
            value = getattr(package, name)
            assert not isinstance(value, types.ModuleType), f"{package.__name__}.{name} is a module"
    assert callable(gpcatalog.audit) and gpcatalog.audit.__module__ == "gpcatalog.timeliness.assess"
    assert callable(gpcatalog.load) and callable(gpcatalog.diff) and callable(gpcatalog.versions)


def test_public_api_lists_every_lazy_name() -> None:
    assert sorted(gpcatalog.__all__) == sorted([*gpcatalog._PUBLIC, "__version__"])
    assert gpcatalog.__version__ == importlib.metadata.version("gpcatalog")
