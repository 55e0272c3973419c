"""import -o … --force (gpcatalog.write_package): a package with a history is never replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import gpcatalog
from tests.helpers import invoke, tree


@pytest.mark.parametrize(
    ("keep", "listed"),
    [
        (
            ("versions", "history.yaml", "adjustments.yaml", "columns"),
            "versions/、history.yaml、adjustments.yaml、columns/",
        ),
        (("adjustments.yaml",), "adjustments.yaml"),
        (("columns",), "columns/"),
    ],
)
def test_import_force_over_a_package_with_history_is_refused(
    package: Path, tmp_path: Path, keep: tuple[str, ...], listed: str
) -> None:
    for entry in {"versions", "history.yaml", "adjustments.yaml", "columns"} - set(keep):
        path = package / entry
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    workbook = tmp_path / "就业.xlsx"
    assert invoke("export", "--domain", "就业", "-o", str(workbook))[0] == 0
    before = tree(package)
    code, out = invoke("import", str(workbook), "-o", str(package), "--force")
    assert code == 2
    assert out.splitlines()[-1] == (
        f"错误:文件 {package}:目标文件夹是有版本历史的目录包(有 {listed}),--force 也不替换:"
        "替换会删去已发布的版本、调整记录和栏目方案;请导入到新文件夹,再用 gpcatalog diff 比较"
    )
    assert tree(package) == before


def test_import_force_replaces_a_plain_package(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    target = tmp_path / "县目录"
    gpcatalog.write_package(national, target)
    (target / "domains" / "01-old.yaml").write_text("旧的\n", encoding="utf-8")
    small = national.model_copy(update={"domains": national.domains[:1]})
    with pytest.raises(gpcatalog.CatalogueReadError, match="不覆盖"):
        gpcatalog.write_package(small, target)
    gpcatalog.write_package(small, target, overwrite=True)
    assert sorted(p.name for p in (target / "domains").iterdir()) == ["01-chengxiang-guihua.yaml"]


def test_import_force_onto_a_file_or_a_link_is_refused(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    file = tmp_path / "a.txt"
    file.write_text("别动", encoding="utf-8")
    with pytest.raises(gpcatalog.CatalogueReadError, match="目标不是文件夹"):
        gpcatalog.write_package(national, file, overwrite=True)
    link = tmp_path / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(gpcatalog.CatalogueReadError, match="目标不是文件夹"):
        gpcatalog.write_package(national, link, overwrite=True)
    assert file.read_text(encoding="utf-8") == "别动" and link.is_symlink()
