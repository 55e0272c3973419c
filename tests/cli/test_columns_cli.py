"""gpcatalog columns … and gpcatalog audit as a website team runs them."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import invoke


def test_columns_check_tree_and_round_trip(tmp_path: Path) -> None:
    code, out = invoke("columns", "check")
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "栏目 180 个(末级 153,空白 0);须在网站公开的事项 220 个,已对应栏目 220 个,覆盖率 100.0%"
    )
    code, out = invoke("columns", "tree")
    assert out.splitlines()[1:3] == [
        "  基层政务公开 [jczwgk] /jczwgk/",
        "    城乡规划 [chengxiang-guihua] /jczwgk/chengxiang-guihua/",
    ]
    generated = tmp_path / "map.yaml"
    code, out = invoke("columns", "generate", "--layout", "domain", "-o", str(generated))
    assert (code, out.strip()) == (0, f"已写入 {generated}:27 个栏目,其中 26 个栏目对应事项")
    exported = tmp_path / "栏目.xlsx"
    assert invoke("columns", "export", str(generated), "-o", str(exported))[0] == 0
    back = tmp_path / "back.yaml"
    assert invoke("columns", "import", str(exported), "-o", str(back))[0] == 0
    assert back.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8")


def test_columns_check_fails_on_a_blank_column(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "id: demo\ntitle: 示例\ncatalogue: national\ncolumns:\n  - {id: kong, name: 空白栏目}\n",
        encoding="utf-8",
    )
    code, out = invoke("columns", "check", str(path))
    assert code == 1
    assert "[column-blank] 空白栏目:“空白栏目”没有下级栏目,也没有对应任何事项" in out
    assert out.splitlines()[-1].endswith("已对应栏目 0 个,覆盖率 0.0%")
