"""Catalogue references (``national@2026.1``): a version is one folder name inside ``versions/``, never a path, and
a reference has a length limit; every refusal is a Chinese error with exit code 2 and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpcatalog.errors import CatalogueReadError
from gpcatalog.store.reference import REFERENCE_MAX, resolve_location, split_reference
from tests.helpers import invoke

LONG = "national@" + "9" * 300


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("national@..", "目录引用“national@..”的版本“..”不是版本号"),
        ("national@.", "目录引用“national@.”的版本“.”不是版本号"),
        ("national@../x", "目录引用“national@../x”的版本“../x”不是版本号:版本号不能含路径"),
        ("national@..\\x", "的版本“..\\x”不是版本号:版本号不能含路径"),
        ("@", "目录引用“@”在 @ 后没有写版本号"),
        ("national@", "目录引用“national@”在 @ 后没有写版本号:写成 national@2026.1"),
        ("national@2026.1\n", "的版本“2026.1\n”不是版本号"),
        ("national@" + "1" * 33, "最多 32 个字符"),
        (LONG, f"目录引用太长:{len(LONG)} 个字符,上限 {REFERENCE_MAX} 个"),
    ],
)
def test_bad_references_are_refused(reference: str, message: str) -> None:
    with pytest.raises(CatalogueReadError) as caught:
        resolve_location(reference)
    assert message in caught.value.message


def test_good_references_still_split() -> None:
    assert split_reference("national@2019.1") == ("national", "2019.1")
    assert split_reference("@2019.1") == (None, "2019.1")
    assert split_reference("national") == ("national", None)
    assert resolve_location("national@2026.1")[0] == "national@2026.1"


def test_a_folder_whose_name_holds_an_at_sign_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "pkg@.."
    folder.mkdir()
    assert split_reference(str(folder)) == (str(folder), None)
    assert split_reference(str(tmp_path / "a@b" / "pkg")) == (str(tmp_path / "a@b" / "pkg"), None)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "national@.."),
        ("validate", "national@../x"),
        ("validate", "@"),
        ("validate", "national@"),
        ("validate", LONG),
        ("diff", "national@..", "national"),
        ("diff", "national", "national@../x"),
        ("show", "shehui-jiuzhu-002", "-c", "national@.."),
    ],
)
def test_cli_refuses_bad_references_with_exit_2(args: tuple[str, ...]) -> None:
    code, output = invoke(*args)
    assert code == 2
    assert "不是版本号" in output or "没有写版本号" in output or "目录引用太长" in output
