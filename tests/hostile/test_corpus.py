"""The hostile corpus (tests/hostile/cases.py): every command given broken files, odd paths and bad arguments
answers with its exit code, a Chinese message naming the file and place, no traceback, and changes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import NATIONAL, run
from tests.hostile.cases import CASES
from tests.hostile.framework import Case, Workspace, check, tree_hash


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs several cases start from, built once: the national catalogue exported as a workbook and as CSV,
    a small audit record file and a copy of the default column map."""
    folder = tmp_path_factory.mktemp("hostile-shared")
    for name, args in {
        "national.xlsx": ["export", "-o", str(folder / "national.xlsx")],
        "社会救助.csv": ["export", "--domain", "社会救助", "-o", str(folder / "社会救助.csv")],
        "栏目.csv": ["columns", "export", "-o", str(folder / "栏目.csv")],
        "栏目.xlsx": ["columns", "export", "-o", str(folder / "栏目.xlsx")],
    }.items():
        code, output = run(*args)
        assert code == 0, (name, output)
    shutil.copyfile(NATIONAL / "columns" / "default.yaml", folder / "栏目.yaml")
    return folder


BUNDLED = tree_hash(NATIONAL)


def marks(case: Case) -> list[pytest.MarkDecorator]:
    if case.waits is None:
        return []
    return [pytest.mark.xfail(strict=True, reason=f"待 {case.waits} 修复: {case.what}")]


@pytest.fixture
def workspace(tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    root = tmp_path / "ws"
    root.mkdir()
    monkeypatch.chdir(root)
    ws = Workspace(root, shared)
    yield ws
    for cleanup in ws.cleanups:
        cleanup()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=marks(c)) for c in CASES])
def test_hostile(case: Case, workspace: Workspace) -> None:
    check(case, workspace)


def test_the_corpus_covers_every_command_and_class() -> None:
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)
    from gpcatalog.cli import cli

    commands = set(cli.commands) - {"site"} | {"site build", "site serve"}
    commands = commands - {"columns"} | {
        f"columns {n}" for n in ("check", "generate", "tree", "export", "import")
    }
    used = {" ".join(c.args[:2]) if c.args[0] in ("site", "columns") else c.args[0] for c in CASES}
    assert commands <= used, sorted(commands - used)


def test_the_bundled_package_is_unchanged() -> None:
    assert tree_hash(NATIONAL) == BUNDLED
