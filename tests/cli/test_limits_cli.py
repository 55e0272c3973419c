"""No traceback, bounded resources, through the CLI: each case asserts the exit code, no traceback, a Chinese
message naming the file and place, and that the package's files did not change."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from gpcatalog.cli import main
from gpcatalog.store.limits import MAX_DEPTH, MAX_NAME_CHARS
from tests.helpers import invoke

LONG = "a" * 300  # one path segment over the 255 bytes file systems allow


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the hash of its content (FIFOs and links by what they are)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            found[str(path.relative_to(folder))] = "special"
        elif path.is_file():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _run(*args: str, timeout: float = 60) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "gpcatalog", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def test_a_value_nested_990_deep_is_an_error_at_its_line_in_validate_and_show(package: Path) -> None:
    path = package / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: " + "[" * 990 + "]" * 990 + " # ", 1), encoding="utf-8")
    before = _snapshot(package)
    code, out = invoke("validate", str(package))
    assert code == 1
    message = f"嵌套层数超过上限 {MAX_DEPTH} 层(列表或映射套得太深),拒绝读取"
    assert f"{path}:2:{7 + MAX_DEPTH}: 错误 [yaml-syntax] {message}" in out
    code, out = invoke("show", "shehui-jiuzhu-002", "-c", str(package))
    assert code == 1
    assert f"{path}:2:{7 + MAX_DEPTH}:{message}" in out
    assert _snapshot(package) == before


def test_a_fifo_in_domains_does_not_hang_validate(package: Path) -> None:
    fifo = package / "domains" / "99-fifo.yaml"
    os.mkfifo(fifo)
    before = _snapshot(package)
    code, out, _err = _run("validate", str(package), timeout=60)
    assert code == 1
    assert f"{fifo}: 错误 [read-error] 不是普通文件(管道、设备或套接字),不读取" in out
    assert _snapshot(package) == before


def test_a_fifo_in_a_released_version_does_not_hang_verify(package: Path) -> None:
    fifo = package / "versions" / "2019.1" / "domains" / "99-fifo.yaml"
    os.mkfifo(fifo)
    before = _snapshot(package)
    code, _out, err = _run("verify", "-c", str(package), timeout=60)
    assert code == 2
    assert err == f"错误:文件 {fifo}:不是普通文件(管道、设备或套接字),不读取\n"
    assert _snapshot(package) == before


def test_a_symlink_to_dev_zero_is_not_read(package: Path) -> None:
    link = package / "domains" / "99-zero.yaml"
    link.symlink_to("/dev/zero")
    code, out, _err = _run("validate", str(package))
    assert code == 1
    assert f"{link}: 错误 [read-error] 不是普通文件(管道、设备或套接字),不读取" in out


def test_an_unreadable_versions_folder_is_a_chinese_error(
    package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # chmod 000 does not stop root (tests may run as root): the folder refuses to be listed instead.
    real = Path.iterdir

    def refusing(self: Path) -> Iterator[Path]:
        if self.name == "versions":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refusing)
    before = _snapshot(package)
    assert main(["validate", f"{package}@2099.1"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"错误:文件 {package / 'versions'}:没有权限\n"
    assert _snapshot(package) == before


@pytest.mark.parametrize(
    ("args", "named"),  # named: the file the message names; None: a reference, refused as too long
    [
        (("validate", LONG), None),  # a catalogue reference: refused for its length before any file is opened
        (("show", "x", "-c", LONG), None),
        (("export", "-c", f"national@{LONG}", "-o", "x.csv"), None),
        (("export", "-o", f"{LONG}.csv"), f"{LONG}.csv"),
        (("audit", f"{LONG}.csv"), f"{LONG}.csv"),
        (("columns", "check", f"{LONG}.yaml"), f"{LONG}.yaml"),
    ],
)
def test_names_over_255_bytes_are_a_chinese_error(
    args: tuple[str, ...],
    named: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    err = captured.err
    if named is None:
        reference = next(a for a in args if LONG in a)
        message = (
            f"目录引用太长:{len(reference)} 个字符,上限 255 个;请进入目录包所在的文件夹后用相对路径:"
            f"“{reference[:40]}…”\n"
        )
        if args[0] == "validate":  # validate names it in its report
            assert f"\n错误 [read-error] {message}" in captured.out
        else:
            assert err == f"错误:{message}"
    else:
        assert err.startswith(f"错误:文件 {named}:")
        assert err.endswith(":文件名或路径过长(一段名称最多 255 字节)\n")
    assert list(tmp_path.iterdir()) == []


def test_stdout_on_a_full_disk_is_a_chinese_error() -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "gpcatalog", "validate", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == "错误:无法写出结果到标准输出(磁盘空间已满)\n"


def test_a_closed_pipe_ends_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `gpcatalog tree | head -1` once head has gone: every write fails with EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "gpcatalog", "tree"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (141, "")


def _refuse_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` behave as on a read-only file system (chmod does not stop root)."""
    import tempfile

    real_mkstemp = tempfile.mkstemp

    def mkstemp(prefix: str, dir: Path, suffix: str | None = None) -> tuple[int, str]:
        if Path(dir).resolve() == folder.resolve():
            raise OSError(errno.EROFS, "Read-only file system", str(folder))
        return real_mkstemp(prefix=prefix, suffix=suffix, dir=dir)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def test_csv_export_to_a_read_only_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    (folder / "目录.csv").write_text("旧的内容\n", encoding="utf-8")
    _refuse_writes_in(folder, monkeypatch)
    assert main(["export", "-o", str(folder / "目录.csv")]) == 2
    assert capsys.readouterr().err == f"错误:文件 {folder / '目录.csv'}:无法写入 CSV 文件:文件系统是只读的\n"
    assert [p.name for p in folder.iterdir()] == ["目录.csv"]
    assert (folder / "目录.csv").read_text(encoding="utf-8") == "旧的内容\n"


def test_release_on_a_read_only_file_system(
    package: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from filelock import FileLock

    def read_only(self: FileLock, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", self.lock_file)

    monkeypatch.setattr(FileLock, "acquire", read_only)
    before = _snapshot(package)
    assert main(["release", "2026.2", "-c", str(package)]) == 2
    assert capsys.readouterr().err == (
        f"错误:文件 {package.resolve()}:无法写入目录包(加写入锁失败:文件系统是只读的),没有改动任何文件\n"
    )
    assert _snapshot(package) == before


def test_a_name_over_the_cap_is_a_validation_error_with_its_code(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    name: 政策法规文件\n", f"    name: {'长' * 5000}\n", 1), encoding="utf-8"
    )
    code, out = invoke("validate", str(package))
    assert code == 1
    assert (
        f"错误 [name-too-long] 事项名称有 5000 个字符,上限 {MAX_NAME_CHARS} 个字符(“{'长' * 20}…”)"
        "(事项 shehui-jiuzhu-002,$.items[0].children[0].name)"
    ) in out


def test_import_of_a_workbook_whose_domain_sheet_lost_its_header_writes_nothing(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "目录.xlsx"
    assert invoke("export", "-o", str(source))[0] == 0
    book = load_workbook(source)
    for row in book["社会救助"].iter_rows(min_row=2, max_row=3):
        for cell in row:
            if cell.value in ("公开事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "二级事项"):
                cell.value = f"栏{cell.value}"
    book.save(source)
    target = tmp_path / "导入"
    code, out = invoke("import", str(source), "-o", str(target))
    assert code == 1
    assert f"{source}: 错误 [no-table] 社会救助:这个工作表看起来是目录表" in out
    assert out.rstrip().endswith(f"有 1 个错误,没有写入 {target}")
    assert not target.exists()


def _records(path: Path, formed: str, published: str) -> Path:
    path.write_text(
        f"栏目,标题,信息形成日期,发布日期\nshehui-jiuzhu-001,低保名单,2026-03-02,2026-03-05\n"
        f"shehui-jiuzhu-001,特困名单,{formed},{published}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("formed", "shown"),
    [("9999-12-30", "9999-12-30"), ("0001-01-01", "0001-01-01"), ("-0005-01-01", "-005-01-01")],
)
def test_audit_dates_outside_the_years_that_can_be_checked(
    tmp_path: Path, formed: str, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path / "记录.csv", formed, "2026-03-05")
    assert main(["audit", str(records)]) == 2
    assert capsys.readouterr().err == (
        f"错误:文件 {records},第3行:信息形成日期“{shown}”不在可检查的年份 1900–2199 之内;请改正后再检查\n"
    )


@pytest.mark.parametrize(
    ("calendar", "message"),
    [
        (
            "- 2026-01-01\n- 2026-01-02\n",
            "节假日文件的格式不对:应为 years: {年份: {holidays: [日期], workdays: [日期]}}",
        ),
        ("years:\n  2026:\n    holidays: 5\n", "节假日文件中 2026 年的 holidays 应为日期列表"),
        (
            "years:\n  2026:\n    holidays: [2099-01-01]\n",
            "节假日文件中 2026 年的 holidays 列有不属于这一年的日期 2099-01-01",
        ),
        ("years:\n  二〇二六: {}\n", "节假日文件中的年份“二〇二六”不是整数"),
    ],
)
def test_calendar_files_of_the_wrong_shape(
    tmp_path: Path, calendar: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path / "记录.csv", "2026-03-02", "2026-03-05")
    path = tmp_path / "节假日.yaml"
    path.write_text(calendar, encoding="utf-8")
    assert main(["audit", str(records), "--calendar", str(path)]) == 2
    assert capsys.readouterr().err == f"错误:文件 {path}:{message}\n"


def test_audit_records_that_are_not_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "记录.xlsx"
    records.write_bytes(b"\x00" * 4096)
    assert main(["audit", str(records)]) == 2
    assert capsys.readouterr().err == (
        f"错误:文件 {records}:发布记录无法读取(不是可以读取的工作簿):Cannot detect file format\n"
    )


def test_columns_tree_and_export_of_a_3000_deep_column_map(tmp_path: Path) -> None:
    lines = ["id: deep", "title: 三千层栏目", "catalogue: national", "columns:"]
    lines.append("  - {id: c0, name: 根栏目, items: [shehui-jiuzhu-002]}")
    lines += [f"  - {{id: c{n}, name: 栏目{n}, parent: c{n - 1}}}" for n in range(1, 3000)]
    path = tmp_path / "深.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _err = _run("columns", "tree", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "  " * 3000 + "栏目2999 [c2999]"
    exported = tmp_path / "深.csv"
    code, out, _err = _run("columns", "export", str(path), "-o", str(exported))
    assert (code, out) == (0, f"已写入 {exported}:3000 个栏目\n")
    last = exported.read_text(encoding="utf-8-sig").splitlines()[-1]
    assert last == "c2999,栏目2999,c2998,,3000,0,,,,0"


@pytest.mark.parametrize("command", ["generate", "import"])
def test_an_invalid_map_id_is_a_chinese_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "栏目.csv"
    assert main(["columns", "export", "-o", str(source)]) == 0
    target = tmp_path / "对照表.yaml"
    args = ["columns", "generate"] if command == "generate" else ["columns", "import", str(source)]
    capsys.readouterr()
    assert main([*args, "--id", "Mou Xian", "-o", str(target)]) == 2
    where = "" if command == "generate" else f"文件 {source}:"
    assert capsys.readouterr().err == (
        f"错误:{where}对照表信息无效:“id”的值“Mou Xian”格式不对:只能含小写字母、数字和单个连字符,"
        "如 shehui-jiuzhu-001(可用 --id、--title 指定)\n"
    )
    assert not target.exists()
