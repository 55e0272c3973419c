"""Reading and writing the YAML package: bad input gets a clear Chinese error with file, line and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpcatalog
from gpcatalog.errors import CatalogueReadError, YAMLSyntaxError
from gpcatalog.model import Domain
from gpcatalog.store.atomic import write_atomic
from gpcatalog.store.package import domain_to_data, read_package, write_domain
from gpcatalog.store.yamlio import dump_yaml, parse_yaml, read_yaml
from tests.helpers import items

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_malformed_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("code: a\nname: [社会救助\nitems: []\n", encoding="utf-8")
    with pytest.raises(YAMLSyntaxError) as info:
        read_yaml(path)
    assert (info.value.line, info.value.column) == (3, 6)
    assert "方括号列表没有闭合" in str(info.value)
    assert str(path) in str(info.value)


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(YAMLSyntaxError, match="十亿笑声"):
        parse_yaml(BILLION_LAUGHS, "bomb.yaml")
    assert time.perf_counter() - start < 5  # a guard against hanging, not a benchmark


def test_modest_anchors_are_fine() -> None:
    assert parse_yaml("a: &x [政府网站]\nb: *x\n", "ok.yaml") == {"a": ["政府网站"], "b": ["政府网站"]}


def test_duplicate_key(tmp_path: Path) -> None:
    with pytest.raises(YAMLSyntaxError, match="键“name”在同一个映射中出现了两次") as info:
        parse_yaml("id: a\nname: 甲\nname: 乙\n", "dup.yaml")
    assert info.value.line == 3


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("code: a\nname: 社会救助\n".encode("gb18030"))
    with pytest.raises(CatalogueReadError, match="不是 UTF-8 编码,看起来是 GB18030/GBK 编码") as info:
        read_yaml(path)
    assert info.value.line == 2


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffname: 社会救助\n".encode())
    assert read_yaml(path) == {"name": "社会救助"}


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(CatalogueReadError, match="文件为空"):
        read_yaml(path)


def test_directory_that_is_not_a_catalogue(tmp_path: Path) -> None:
    with pytest.raises(CatalogueReadError, match=r"不是目录包:缺少 catalogue\.yaml"):
        read_package(tmp_path)
    with pytest.raises(CatalogueReadError, match="找不到目录"):
        read_package(tmp_path / "missing")


def test_package_reads_every_file(package: Path) -> None:
    raw = read_package(package)
    assert len(raw.domains) == 26
    assert raw.domains[17].name.endswith("domains/18-shehui-jiuzhu.yaml")
    assert raw.domains[17].data["name"] == "社会救助"


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "domain.yaml"
    path.write_text("name: 旧\n", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(path, 12345)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "name: 旧\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["domain.yaml"]


def test_bundled_files_are_in_canonical_form(national: gpcatalog.Catalogue, package: Path) -> None:
    for domain in national.domains:
        path = package / "domains" / f"{domain.number:02d}-{domain.code}.yaml"
        assert path.read_text(encoding="utf-8") == dump_yaml(domain_to_data(domain))


@settings(max_examples=150, deadline=None)
@given(st.lists(items(), max_size=4, unique_by=lambda i: i["id"]))
def test_write_then_read_gives_the_same_domain(
    tmp_path_factory: pytest.TempPathFactory, tops: list[dict[str, object]]
) -> None:
    domain = Domain.model_validate({"code": "x", "name": "测试", "items": tops})
    path = tmp_path_factory.mktemp("rt") / "x.yaml"
    write_domain(path, domain)
    assert Domain.model_validate(read_yaml(path)) == domain


def test_atomic_writes_keep_the_mode_of_the_file_they_replace_and_give_new_files_the_umask_mode(
    tmp_path: Path,
) -> None:
    import os
    import stat

    from gpcatalog.store.atomic import write_atomic

    new = tmp_path / "new.yaml"
    umask = os.umask(0o022)
    try:
        write_atomic(new, "a: 1\n")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        new.chmod(0o640)
        write_atomic(new, "a: 2\n")
        assert (stat.S_IMODE(new.stat().st_mode), new.read_text(encoding="utf-8")) == (0o640, "a: 2\n")
    finally:
        os.umask(umask)
    assert [p.name for p in tmp_path.iterdir()] == ["new.yaml"]  # no temporary file left behind


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        ("catalogue.yaml", "release_date: 2026-12-02", "release_date: 2019-02-30", "catalogue.yaml:4:15"),
        ("adjustments.yaml", "date: 2026-11-22", "date: 2026-02-29", "adjustments.yaml:"),
    ],
)
def test_a_date_that_does_not_exist_is_an_error_at_its_place(
    package: Path, file: str, old: str, new: str, where: str
) -> None:
    path = package / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = gpcatalog.validate(package)
    errors = report.errors()
    assert [e.code for e in errors] == ["yaml-syntax"]
    assert f"日期“{new.split(': ')[1]}”不存在" in errors[0].message
    assert errors[0].location().endswith(where) or where in errors[0].location()


def test_atomic_writes_refuse_what_is_not_a_regular_file(tmp_path: Path) -> None:
    from gpcatalog.errors import WriteError
    from gpcatalog.store.atomic import write_atomic

    real = tmp_path / "real.txt"
    real.write_text("原样", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    for target in (link, tmp_path, Path("/dev/null")):
        with pytest.raises(WriteError, match="目标不是普通文件"):
            write_atomic(target, "x")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "原样"
