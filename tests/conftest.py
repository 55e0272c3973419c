"""Shared helpers: the real bundled catalogue, its cell strings, and a writable copy of the package."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.store.resources import bundled_catalogue

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "catalogues" / "national"
REFERENCE = ROOT.parent / "shared" / "reference" / "domains"


def _national() -> gpcatalog.Catalogue:
    return gpcatalog.load()


NATIONAL_CATALOGUE = _national()


def leaves() -> list[gpcatalog.Item]:
    """Every 二级事项 of the bundled national catalogue (the 291 rows of the reference tables)."""
    return [item for domain in NATIONAL_CATALOGUE.domains for item in domain.leaves()]


def deadline_texts() -> list[str]:
    """Every distinct 公开时限 cell of the national catalogue, as published."""
    return sorted({item.deadline.text for item in leaves() if item.deadline is not None})


def basis_texts() -> list[str]:
    """Every distinct 公开依据 entry of the national catalogue, as published."""
    return sorted({b.text for item in leaves() for b in item.basis or []})


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
