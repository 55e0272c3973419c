"""Fixtures: the real bundled catalogue and a writable copy of its package (shared helpers are tests/helpers.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.store.resources import bundled_catalogue
from tests.helpers import NATIONAL_CATALOGUE


@pytest.fixture
def national() -> gpcatalog.Catalogue:
    """The bundled national catalogue (loaded once per session, copied per test so tests may mutate it)."""
    return NATIONAL_CATALOGUE.model_copy(deep=True)


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the bundled national package."""
    target = tmp_path / "national"
    source = bundled_catalogue()
    assert isinstance(source, Path)
    shutil.copytree(source, target)
    yield target
