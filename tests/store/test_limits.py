"""The limits on what is read (gpcatalog.store.limits): nesting depth and self-referring anchors in YAML, only
regular files, size caps, unreadable folders, JSON in cells, the operating system's reasons in Chinese."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.store import limits
from gpcatalog.store.limits import MAX_DEPTH, depth, list_folder, load_json, read_file, reason
from gpcatalog.store.package import read_package
from gpcatalog.store.yamlio import parse_yaml, read_yaml
from tests.helpers import ROOT


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_nesting_at_the_limit_is_read_and_one_more_is_refused_at_its_column() -> None:
    assert depth(parse_yaml(f"notes: {_nested(MAX_DEPTH - 1)}\n", "a.yaml")) == MAX_DEPTH
    with pytest.raises(gpcatalog.YAMLSyntaxError) as caught:
        parse_yaml(f"title: x\nnotes: {_nested(990)}\n", "a.yaml")
    error = caught.value
    assert (error.file, error.line, error.column) == ("a.yaml", 2, 8 + MAX_DEPTH - 1)
    assert error.message == f"嵌套层数超过上限 {MAX_DEPTH} 层(列表或映射套得太深),拒绝读取"


def test_deep_block_mappings_are_refused_too() -> None:
    text = (
        "".join(f"{'  ' * level}k{level}:\n" for level in range(MAX_DEPTH + 1))
        + "  " * (MAX_DEPTH + 1)
        + "v\n"
    )
    with pytest.raises(gpcatalog.YAMLSyntaxError, match="嵌套层数超过上限") as caught:
        parse_yaml(text, "b.yaml")
    assert caught.value.line == MAX_DEPTH + 1


def test_an_alias_used_deeper_counts_its_whole_height() -> None:
    # The anchored list is 40 deep and fine; used again under 30 more levels it is 70 deep.
    text = f"a: &deep {_nested(40)}\nb: {'[' * 30}*deep{']' * 30}\n"
    with pytest.raises(gpcatalog.YAMLSyntaxError, match="嵌套层数超过上限") as caught:
        parse_yaml(text, "c.yaml")
    assert caught.value.line == 2


def test_an_anchor_inside_itself_is_refused_instead_of_looping_forever() -> None:
    with pytest.raises(gpcatalog.YAMLSyntaxError) as caught:
        parse_yaml("title: &x [*x]\n", "d.yaml")
    assert (caught.value.line, caught.value.column) == (1, 8)
    assert caught.value.message == "锚点(&)在它自己的内容里被引用(*),形成无限嵌套,拒绝读取"
    with pytest.raises(gpcatalog.YAMLSyntaxError, match="在它自己的内容里被引用"):
        parse_yaml("a: &m\n  b: *m\n", "e.yaml")


def test_shared_aliases_are_still_read() -> None:
    data = parse_yaml("a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n", "f.yaml")
    assert data == {"a": {"k": [1, 2]}, "b": {"k": [1, 2]}, "c": [{"k": [1, 2]}, {"k": [1, 2]}]}


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "99-fifo.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_yaml(fifo)
    assert (caught.value.file, caught.value.message) == (str(fifo), "不是普通文件(管道、设备或套接字),不读取")


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(gpcatalog.CatalogueReadError, match=r"不是普通文件\(管道、设备或套接字\),不读取"):
        read_yaml(link)


def test_a_yaml_file_over_the_cap_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("notes: " + "很" * 1000 + "\n", encoding="utf-8")
    monkeypatch.setattr("gpcatalog.store.yamlio.MAX_YAML_BYTES", 2 * limits.MIB // 1024)  # 2 KB
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_yaml(path)
    assert caught.value.message == "文件过大:0.0 MB,上限 0.0 MB"


def test_read_file_caps_a_file_that_does_not_tell_its_size() -> None:
    # /proc files say they are 0 bytes long; the cap still holds while reading.
    with pytest.raises(gpcatalog.CatalogueReadError, match="过大:超过上限"):
        read_file(Path("/proc/self/maps"), 10, what="文件")


def test_megabytes_and_too_large() -> None:
    assert limits.too_large(20 * limits.MIB, limits.MAX_YAML_BYTES, "文件") == "文件过大:20 MB,上限 16 MB"
    assert limits.megabytes(limits.MIB // 2) == "0.5 MB"


def test_an_unreadable_domains_folder_is_a_read_error_naming_it(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, where chmod 000 does not stop reading: make listing the folder fail instead.
    real = Path.iterdir

    def refusing(self: Path) -> Iterator[Path]:
        if self.name == "domains":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refusing)
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_package(package)
    assert (caught.value.file, caught.value.message) == (str(package / "domains"), "无法读取文件夹(没有权限)")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its permissions")
def test_a_chmod_000_domains_folder_is_a_read_error(package: Path) -> None:
    folder = package / "domains"
    folder.chmod(0)
    try:
        with pytest.raises(gpcatalog.CatalogueReadError, match="无法读取文件夹"):
            list_folder(folder)
    finally:
        folder.chmod(0o755)


def test_reasons_are_chinese() -> None:
    assert (
        reason(OSError(errno.ENAMETOOLONG, "File name too long")) == "文件名或路径过长(一段名称最多 255 字节)"
    )
    assert reason(OSError(errno.EROFS, "Read-only file system")) == "文件系统是只读的"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    assert reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "系统错误:Invalid cross-device link"


def test_load_json_refuses_what_would_exhaust_recursion() -> None:
    assert load_json('{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    with pytest.raises(ValueError, match=f"JSON 嵌套层数超过上限 {MAX_DEPTH} 层"):
        load_json(_nested(MAX_DEPTH + 1))
    with pytest.raises(ValueError, match="JSON 嵌套层数超过上限"):
        load_json(_nested(100_000))  # the json module itself would raise RecursionError


def test_the_documentation_lists_every_limit_with_its_value() -> None:
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    names = [name for name in vars(limits) if name.isupper() and name[0] != "_" and name != "MIB"]
    assert len(names) == 12
    for name in names:
        value = getattr(limits, name)
        if name.endswith("_BYTES") or name == "ZIP_RATIO_FROM":
            shown = limits.megabytes(value)
        elif isinstance(value, tuple):
            shown = f"{value[0]}–{value[1]}"
        else:
            shown = f"{value:,}"
        assert any(f"`{name}`" in line and shown in line for line in text.splitlines()), (name, shown)
