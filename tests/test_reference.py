"""The first released version of the national package, national@2019.1, carries every reference row faithfully
(runs where ../shared/reference is present). Later versions differ from it only by adjustment records
(tests/test_history.py)."""

from __future__ import annotations

import pytest
import yaml

import gpcatalog
from tests.helpers import REFERENCE

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is not beside this checkout"
)


def test_every_reference_row_is_an_item_with_the_same_cells() -> None:
    national = gpcatalog.load("national@2019.1")
    rows = 0
    for path in sorted(REFERENCE.glob("*.yaml")):
        ref = yaml.safe_load(path.read_text(encoding="utf-8"))
        domain = national.domain(int(path.stem.split("-")[0]))
        assert domain.name == ref["domain"]
        leaves = domain.leaves()
        assert len(leaves) == len(ref["items"])
        for row, item in zip(ref["items"], leaves, strict=True):
            rows += 1
            assert (item.seq, item.name, item.contents, item.subject, item.source) == (
                row["seq"],
                row["level2"],
                row["content"],
                row["subject"],
                row["source"],
            )
            assert (item.deadline.text if item.deadline else None) == row["deadline"]
            assert ([b.text for b in item.basis] if item.basis is not None else None) == row["basis"]
            assert item.audience.model_dump() == row["audience"]
            assert item.levels.model_dump(exclude={"village"}) == row["level"]
            assert (item.channels is None) == (row["channels"] is None)
    assert rows == 291
