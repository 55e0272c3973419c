"""Pilot extensions: the shipped 村(居)务 extension and pilot catalogue, composition rules and their errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import gpcatalog
from gpcatalog.errors import ExtensionError
from gpcatalog.schema.extensions import compose, extension_schemas, merge_patch
from gpcatalog.schema.generate import render_schema
from tests.helpers import ROOT, invoke

PILOT = ROOT / "catalogues" / "cunwu-pilot"
CUNWU = yaml.safe_load((ROOT / "catalogues" / "extensions" / "cunwu.yaml").read_text(encoding="utf-8"))


def test_merge_patch_follows_rfc_7386() -> None:
    # The examples of RFC 7386, section 3.
    target = {
        "title": "Goodbye!",
        "author": {"givenName": "John", "familyName": "Doe"},
        "tags": ["example", "sample"],
    }
    patch = {
        "title": "Hello!",
        "phoneNumber": "+01-123-456-7890",
        "author": {"familyName": None},
        "tags": ["example"],
    }
    assert merge_patch(target, patch) == {
        "title": "Hello!",
        "author": {"givenName": "John"},
        "tags": ["example"],
        "phoneNumber": "+01-123-456-7890",
    }


def test_pilot_catalogue_loads_extension_fields_as_typed_data() -> None:
    catalogue = gpcatalog.load("cunwu-pilot")
    item = catalogue.item("cunwu-gongkai-002")
    assert type(item).__name__ == "Item_cunwu"
    assert (item.cunwu_period, item.cunwu_location, item.cunwu_reviewed) == ("每月", "村委会门前公开栏", True)  # type: ignore[attr-defined]
    assert item.channels == ["村务公开栏", gpcatalog.Channel.DOOR_TO_DOOR]
    exported = gpcatalog.to_dict(catalogue)["domains"][0]["items"][1]["children"][1]
    assert (exported["cunwu_period"], exported["cunwu_reviewed"]) == ("随时", False)
    report = gpcatalog.validate("cunwu-pilot")
    assert report.ok
    [used] = [i for i in report.issues if i.code == "extension-used"]
    assert used.message == (
        "使用扩展 cunwu 0.1.0(村(居)务公开试点扩展(示例)):新增字段 cunwu_period(公开周期)、cunwu_location(公开位置)、"
        "cunwu_reviewed(村务监督委员会审核);新增渠道 村务公开栏"
    )


def test_show_marks_the_extension_fields() -> None:
    code, out = invoke("show", "cunwu-gongkai-004", "-c", "cunwu-pilot")
    assert code == 0
    assert "公开周期:每季度(扩展 cunwu)" in out.splitlines()
    assert "村务监督委员会审核:是(扩展 cunwu)" in out.splitlines()


def test_composed_schema_is_checked_in() -> None:
    for name, schema in extension_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == render_schema(schema), (
            "请运行 make generate"
        )


@pytest.fixture
def pilot(tmp_path: Path) -> Path:
    target = tmp_path / "pilot"
    shutil.copytree(PILOT, target)
    return target


def _use(pilot: Path, *extensions: str) -> None:
    path = pilot / "catalogue.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "extensions: [cunwu]", f"extensions: [{', '.join(extensions)}]"
    )
    path.write_text(text, encoding="utf-8")


def _extension(tmp_path: Path, name: str, **changes: object) -> str:
    data = {**CUNWU, "name": name, **changes}
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_unknown_extension_and_incompatible_version(pilot: Path, tmp_path: Path) -> None:
    _use(pilot, "nosuch")
    errors = gpcatalog.validate(pilot).errors()
    assert (errors[0].code, errors[0].message) == ("extension-error", "未知的扩展“nosuch”。可用的扩展:cunwu")
    assert {e.code for e in errors[1:]} == {"unknown-key"}  # its fields are then unknown
    with pytest.raises(ExtensionError, match=r"适用于 gpcatalog >=5,当前为 0\.1\.0"):
        compose([_extension(tmp_path, "later", core=">=5")], "0.1.0")
    with pytest.raises(ExtensionError, match="依赖扩展“other”"):
        compose([_extension(tmp_path, "needy", depends=["other"])], "0.1.0")


def test_two_extensions_adding_one_field(tmp_path: Path) -> None:
    twin = _extension(tmp_path, "twin")
    with pytest.raises(ExtensionError, match="扩展“twin”和“cunwu”都新增了字段 cunwu_"):
        compose(["cunwu", twin], "0.1.0")


def test_an_extension_may_tighten_but_not_redefine(tmp_path: Path, pilot: Path) -> None:
    redefine = {"$defs": {"Item": {"properties": {"subject": {"type": "integer"}}}}}
    with pytest.raises(ExtensionError, match=r"不能重新定义核心字段 Item\.subject"):
        compose([_extension(tmp_path, "bad", patch=redefine)], "0.1.0")
    ids = {"$defs": {"Item": {"properties": {"id": {"maxLength": 3}}}}}
    with pytest.raises(ExtensionError, match=r"不能重新定义核心字段 Item\.id"):
        compose([_extension(tmp_path, "ids", patch=ids)], "0.1.0")
    outside = {"$defs": {"Item": {"properties": {"period": {"type": "string"}}}}}
    with pytest.raises(ExtensionError, match="须加在 Item 上,并以“outside_”开头"):
        compose([_extension(tmp_path, "outside", namespace="outside", patch=outside)], "0.1.0")
    tighten = {"$defs": {"Item": {"properties": {"subject": {"minLength": 8}}}}}
    strict = _extension(tmp_path, "strict", namespace="strict", patch=tighten)
    _use(pilot, "cunwu", strict)
    errors = gpcatalog.validate(pilot).errors()
    assert {(e.code, e.item_id) for e in errors} == {
        ("extension-constraint", "cunwu-gongkai-002"),
        ("extension-constraint", "cunwu-gongkai-004"),
        ("extension-constraint", "cunwu-gongkai-005"),
    }
    assert errors[0].message.startswith("不符合扩展的约束(minLength)")


def test_extension_fields_are_checked_by_their_schema(pilot: Path) -> None:
    path = pilot / "domains" / "cunwu-gongkai.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("cunwu_period: 每月", "cunwu_period: 每天"), encoding="utf-8"
    )
    [error] = gpcatalog.validate(pilot).errors()
    assert (error.code, error.item_id, error.path) == (
        "bad-value",
        "cunwu-gongkai-002",
        "$.items[0].children[0].cunwu_period",
    )
    without = pilot / "catalogue.yaml"
    without.write_text(
        without.read_text(encoding="utf-8").replace("extensions: [cunwu]\n", ""), encoding="utf-8"
    )
    codes = {e.code for e in gpcatalog.validate(pilot).errors()}
    assert codes == {"unknown-key"}  # without the extension its fields are unknown keys
