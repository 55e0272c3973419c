"""The hostile corpus as data: one row per case (id, class, what it tests, how its input is built, the command,
the exit code, the message fragments that must appear). ``python -m tests.hostile.table`` prints the table
"class, count, held"; ``tests/hostile/test_corpus.py`` runs every row."""

from __future__ import annotations

import os
from collections.abc import Callable

from tests.helpers import ROOT
from tests.hostile.framework import Build, Case, Workspace

INSPECT_MAP = ROOT / "tests" / "inspect" / "fixtures" / "columns.yaml"

D18 = "domains/18-shehui-jiuzhu.yaml"
"""The domain most cases break: 社会救助 (its first 二级事项 shehui-jiuzhu-002 is at line 39)."""
D18_PATH = "{pkg}/" + D18

YAML = "畸形 YAML"
IDS = "恶意编号和引用"
TEXT = "控制字符和标记"
TABLES = "损坏或奇怪的工作簿和 CSV"
PATHS = "奇怪的路径"
LOCKS = "并发和锁"
ARGS = "错误的参数"
AUDIT = "时效检查和节假日文件"
COLUMNS = "栏目对照表"


def edit(relative: str, old: str, new: str, count: int = 1) -> Build:
    def build(ws: Workspace) -> None:
        ws.edit(relative, old, new, count)

    return build


def write(name: str, content: str | bytes) -> Build:
    def build(ws: Workspace) -> None:
        ws.write(name, content)

    return build


def replace(relative: str, content: str | bytes) -> Build:
    def build(ws: Workspace) -> None:
        ws.replace(relative, content)

    return build


def steps(*builds: Build) -> Build:
    def build(ws: Workspace) -> None:
        for step in builds:
            step(ws)

    return build


def package(ws: Workspace) -> None:
    """Only the copy of the package, unchanged."""
    assert ws.pkg.is_dir()


def nested(depth: int, key: str = "x") -> str:
    """A YAML value ``depth`` mappings deep, in flow style."""
    return ("{" + key + ": ") * depth + "1" + "}" * depth


FIRST_ITEM = "  - id: shehui-jiuzhu-002\n    name: 政策法规文件\n"


def item_field(line: str) -> Build:
    """Add ``line`` (a field of the first 二级事项, indented to its level) after its name: line 41."""
    return edit(D18, FIRST_ITEM, FIRST_ITEM + line)


def item_name(name: str) -> Build:
    return edit(D18, "    name: 政策法规文件\n", f"    name: {name}\n")


CHANGED = item_name("政策法规文件(已改)")
"""A working copy with one unreleased change (not explained by a record): release gets as far as the check."""


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)
"""Billion laughs: nine aliases deep, 9⁹ strings once expanded."""

# --- 畸形 YAML ------------------------------------------------------------------------------------------------

YAML_CASES = [
    Case(
        "yaml-syntax-domain",
        YAML,
        "领域文件里没闭合的方括号",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":45:8", "yaml-syntax", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-summary",
        YAML,
        "summary 读到语法错误的领域文件",
        ("summary", "-c", "{pkg}"),
        1,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-tree",
        YAML,
        "tree 读到语法错误的领域文件",
        ("tree", "-c", "{pkg}"),
        1,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-show",
        YAML,
        "show 读到语法错误的领域文件",
        ("show", "shehui-jiuzhu-002", "-c", "{pkg}"),
        1,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-export",
        YAML,
        "export 读到语法错误的领域文件,不写 -o",
        ("export", "-c", "{pkg}", "-o", "{ws}/目录.xlsx"),
        1,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-diff",
        YAML,
        "diff 的新目录有语法错误",
        ("diff", "national@2026.1", "{pkg}"),
        2,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-release",
        YAML,
        "release 读到语法错误的工作副本",
        ("release", "2026.3", "-c", "{pkg}", "--date", "2026-12-02"),
        1,
        (D18_PATH + ":45:8", "方括号列表没有闭合"),
        item_field("    contents: [甲, 乙\n"),
    ),
    Case(
        "yaml-syntax-catalogue",
        YAML,
        "catalogue.yaml 里的制表符缩进",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/catalogue.yaml:3",),
        edit("catalogue.yaml", "version:", "\tversion:"),
    ),
    Case(
        "yaml-syntax-adjustments",
        YAML,
        "adjustments.yaml 语法错误",
        ("changelog", "-c", "{pkg}", "--unreleased"),
        2,
        ("{pkg}/adjustments.yaml,第6行第9列", "方括号列表没有闭合"),
        edit("adjustments.yaml", "  - id: 2026-001\n", "  - id: [2026-001\n"),
    ),
    Case(
        "yaml-syntax-history",
        YAML,
        "history.yaml 语法错误",
        ("versions", "-c", "{pkg}"),
        2,
        ("{pkg}/history.yaml,第8行第9列", "方括号列表没有闭合"),
        edit("history.yaml", "  items: 452\n", "  items: [452\n"),
    ),
    Case(
        "yaml-duplicate-key",
        YAML,
        "同一事项写了两次 name",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":44:5", "键“name”在同一个映射中出现了两次"),
        item_field("    name: 又一个名字\n"),
    ),
    Case(
        "yaml-duplicate-key-catalogue",
        YAML,
        "catalogue.yaml 两个 version",
        ("summary", "-c", "{pkg}"),
        1,
        ("{pkg}/catalogue.yaml:4:1", "键“version”在同一个映射中出现了两次"),
        edit("catalogue.yaml", "release_date:", 'version: "2099.1"\nrelease_date:'),
    ),
    Case(
        "yaml-impossible-date-domain",
        YAML,
        "指引日期 2019-02-30(不加引号)",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":8", "2019-02-30"),
        edit(D18, "  date: '2019-04-30'", "  date: 2019-02-30"),
    ),
    Case(
        "yaml-impossible-date-catalogue",
        YAML,
        "发布日期 2026-13-01",
        ("tree", "-c", "{pkg}"),
        1,
        ("{pkg}/catalogue.yaml:4:15", "日期“2026-13-01”不存在"),
        edit("catalogue.yaml", "release_date: 2026-12-02", "release_date: 2026-13-01"),
    ),
    Case(
        "yaml-impossible-date-adjustments",
        YAML,
        "调整记录日期 2026-02-30",
        ("changelog", "-c", "{pkg}", "--unreleased"),
        2,
        ("{pkg}/adjustments.yaml,第6行第11列", "日期“2026-02-30”不存在"),
        edit("adjustments.yaml", "    date: 2026-11-22", "    date: 2026-02-30"),
    ),
    Case(
        "yaml-impossible-date-release",
        YAML,
        "release 读到不存在的日期",
        ("release", "2026.2", "-c", "{pkg}", "--date", "2026-12-01"),
        1,
        ("{pkg}/adjustments.yaml", "2026-02-30"),
        edit("adjustments.yaml", "    date: 2026-11-22", "    date: 2026-02-30"),
    ),
    Case(
        "yaml-bomb-aliases",
        YAML,
        "十亿笑声(别名炸弹)",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ": 错误 [yaml-syntax]", "疑似“十亿笑声”攻击"),
        replace(D18, BOMB),
    ),
    Case(
        "yaml-python-tag",
        YAML,
        "!!python/object 标签不执行",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":44:15", "could not determine a constructor"),
        item_field("    contents: !!python/object/apply:os.system ['echo 已执行 > {ws}/pwned']\n"),
    ),
    Case(
        "yaml-wrong-type-seq",
        YAML,
        "seq 是文字",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":44:5", "wrong-type"),
        edit(D18, "    seq: 1\n", "    seq: 第一\n"),
    ),
    Case(
        "yaml-wrong-type-items",
        YAML,
        "items 是字符串",
        ("tree", "-c", "{pkg}"),
        1,
        (D18_PATH,),
        edit(D18, "items:\n- id: shehui-jiuzhu-001\n", "items: 没有\nx:\n- id: shehui-jiuzhu-001\n"),
    ),
    Case(
        "yaml-wrong-type-top-list",
        YAML,
        "领域文件顶层是列表",
        ("summary", "-c", "{pkg}"),
        1,
        (D18_PATH,),
        replace(D18, "- 社会救助\n- 养老服务\n"),
    ),
    Case(
        "yaml-empty-domain-file",
        YAML,
        "空的领域文件",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH,),
        replace(D18, ""),
    ),
    Case(
        "yaml-binary-domain-file",
        YAML,
        "领域文件是二进制(不是 UTF-8)",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH,),
        replace(D18, b"\xff\xfe\x00\x01code: x\n\x80\x81"),
    ),
    Case(
        "yaml-gb18030-domain-file",
        YAML,
        "领域文件存成 GB18030",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH,),
        lambda ws: ws.file(D18).write_bytes(ws.file(D18).read_text(encoding="utf-8").encode("gb18030")),
    ),
    Case(
        "yaml-deep-nesting-domain",
        YAML,
        "990 层嵌套的值",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":51",),
        edit(
            D18, "    subject: 县级政府民政部门、乡镇政府(街道办事处)\n", "    subject: " + nested(990) + "\n"
        ),
    ),
    Case(
        "yaml-deep-nesting-show",
        YAML,
        "show 990 层嵌套的值",
        ("show", "shehui-jiuzhu-002", "-c", "{pkg}"),
        1,
        (D18_PATH + ":51",),
        edit(
            D18, "    subject: 县级政府民政部门、乡镇政府(街道办事处)\n", "    subject: " + nested(990) + "\n"
        ),
    ),
    Case(
        "yaml-deep-nesting-adjustments",
        YAML,
        "调整记录 990 层嵌套",
        ("changelog", "-c", "{pkg}", "--unreleased"),
        2,
        ("{pkg}/adjustments.yaml",),
        edit("adjustments.yaml", "    proposer: gpcatalog 数据维护\n", "    proposer: " + nested(990) + "\n"),
    ),
    Case(
        "yaml-unknown-key",
        YAML,
        "事项里的未知字段",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":44:5", "未知的键“shell”"),
        item_field("    shell: rm -rf /\n"),
    ),
]


# --- 恶意编号和引用 ------------------------------------------------------------------------------------------------


def item_id(new: str) -> Build:
    return edit(D18, "  - id: shehui-jiuzhu-002\n", f"  - id: {new}\n")


ID_CASES = [
    Case(
        "id-duplicate",
        IDS,
        "两个事项同一个编号",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH, "shehui-jiuzhu-002"),
        edit(D18, "  - id: shehui-jiuzhu-003\n", "  - id: shehui-jiuzhu-002\n"),
    ),
    Case(
        "id-traversal",
        IDS,
        "编号 ../../etc/passwd",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:", "../../etc/passwd"),
        item_id("../../etc/passwd"),
    ),
    Case(
        "id-uppercase-space",
        IDS,
        "编号含大写和空格",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:",),
        item_id("'Shehui Jiuzhu 2'"),
    ),
    Case(
        "id-empty",
        IDS,
        "编号是空字符串",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:",),
        item_id("''"),
    ),
    Case(
        "id-number",
        IDS,
        "编号是数字",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:",),
        item_id("12345"),
    ),
    Case(
        "id-reserved-con",
        IDS,
        "Windows 保留名 con 作编号",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:", "con"),
        item_id("con"),
    ),
    Case(
        "id-reserved-com1",
        IDS,
        "Windows 保留名 com1 作编号",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:", "com1"),
        item_id("com1"),
    ),
    Case(
        "id-too-long",
        IDS,
        "300 个字符的编号",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":42:",),
        item_id("a" * 300),
    ),
    Case(
        "id-domain-code-duplicate",
        IDS,
        "两个领域同一个代码",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/domains/19-yanglao-fuwu.yaml", "shehui-jiuzhu"),
        edit("domains/19-yanglao-fuwu.yaml", "code: yanglao-fuwu\n", "code: shehui-jiuzhu\n"),
    ),
    Case(
        "id-catalogue-traversal",
        IDS,
        "目录编号 ../evil",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/catalogue.yaml:1:",),
        edit("catalogue.yaml", "id: national\n", "id: ../evil\n"),
    ),
    Case(
        "show-unknown-id", IDS, "show 不存在的编号", ("show", "shehui-jiuzhu-999"), 2, ("shehui-jiuzhu-999",)
    ),
    Case(
        "show-traversal-id",
        IDS,
        "show ../../etc/passwd",
        ("show", "../../etc/passwd"),
        2,
        ("../../etc/passwd",),
    ),
    Case("show-huge-id", IDS, "show 5000 个字符的编号", ("show", "x" * 5000), 2, ("x" * 50,)),
    Case(
        "ref-dotdot",
        IDS,
        "版本引用 national@..",
        ("summary", "-c", "national@.."),
        2,
        ("national@..",),
    ),
    Case(
        "ref-version-traversal",
        IDS,
        "版本引用 national@../../etc",
        ("summary", "-c", "national@../../etc"),
        2,
        ("national@../../etc",),
    ),
    Case(
        "ref-unknown-version",
        IDS,
        "版本引用 national@2099.1",
        ("tree", "-c", "national@2099.1"),
        2,
        ("2099.1",),
    ),
    Case("ref-unknown-name", IDS, "内置目录名不存在", ("verify", "-c", "nowhere"), 2, ("nowhere",)),
    Case(
        "ref-too-long",
        IDS,
        "300 个字符的目录引用",
        ("summary", "-c", "n" * 300),
        2,
        ("目录引用太长:300 个字符",),
    ),
    Case(
        "diff-unknown-version",
        IDS,
        "diff 不存在的版本",
        ("diff", "national@2019.1", "national@9.9"),
        2,
        ("目录“national”没有版本“9.9”",),
    ),
    Case(
        "adjustment-unknown-item",
        IDS,
        "已发布的调整记录被改成指向不存在的事项",
        ("verify", "-c", "{pkg}"),
        1,
        ("{pkg}/adjustments.yaml:5", "record-modified", "2026-001"),
        steps(
            edit(
                "adjustments.yaml",
                "item: huanjing-baohu-003, field: basis}",
                "item: huanjing-baohu-999, field: basis}",
            ),
        ),
    ),
    Case(
        "derived-base-missing",
        IDS,
        "派生目录的基础目录不存在",
        ("deviation", "{ws}/haifeng"),
        2,
        ("{ws}/haifeng", "nowhere@2026.1"),
        lambda ws: derived(ws, "base: national@2026.1", "base: nowhere@2026.1"),
    ),
    Case(
        "derived-base-self",
        IDS,
        "派生目录以自己为基础(循环)",
        ("lineage", "{ws}/haifeng"),
        2,
        ("{ws}/haifeng",),
        lambda ws: derived(ws, "base: national@2026.1", "base: {ws}/haifeng"),
    ),
    Case(
        "derived-overlay-unknown-item",
        IDS,
        "派生目录改不存在的事项",
        ("validate", "{ws}/haifeng"),
        1,
        ("{ws}/haifeng/overlay.yaml:4:5", "overlay-unknown", "yanglao-fuwu-999"),
        lambda ws: derived_overlay(ws),
    ),
    Case(
        "rebase-unknown-version",
        IDS,
        "rebase 到不存在的版本",
        ("rebase", "{ws}/haifeng", "--to", "national@2099.1"),
        2,
        ("没有版本“2099.1”",),
        lambda ws: derived(ws, "", ""),
    ),
    Case(
        "impact-unknown-document",
        IDS,
        "impact 找不到的文件",
        ("impact", "国发〔9999〕1号"),
        1,
        ("国发〔9999〕1号",),
    ),
]


def derived(ws: Workspace, old: str, new: str) -> None:
    """A copy of the bundled derived catalogue haifeng-yanglao in ``{ws}/haifeng``, ``old`` replaced by ``new``."""
    import shutil

    from tests.helpers import ROOT

    target = ws.root / "haifeng"
    shutil.copytree(ROOT / "catalogues" / "haifeng-yanglao", target)
    path = target / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, ws.fill(new) if new else old), encoding="utf-8")


def derived_overlay(ws: Workspace) -> None:
    derived(ws, "", "")
    path = ws.root / "haifeng" / "overlay.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  - item: yanglao-fuwu-002\n" in text
    path.write_text(
        text.replace("  - item: yanglao-fuwu-002\n", "  - item: yanglao-fuwu-999\n"), encoding="utf-8"
    )


# --- 控制字符和标记 ------------------------------------------------------------------------------------------------


def csv_has_no_formula(path: str) -> Callable[[Workspace, str], None]:
    def after(ws: Workspace, _output: str) -> None:
        import csv

        with open(ws.fill(path), encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and c not in ("-",)], cells[
            :40
        ]

    return after


def xlsx_has_no_formula(path: str) -> Callable[[Workspace, str], None]:
    def after(ws: Workspace, _output: str) -> None:
        from openpyxl import load_workbook

        book = load_workbook(ws.fill(path))
        formulas = [
            c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"
        ]
        assert not formulas

    return after


TEXT_CASES = [
    Case(
        "text-nul-name",
        TEXT,
        "事项名称含 NUL",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":43:",),
        item_name('"政策\\0法规"'),
    ),
    Case(
        "text-esc-name",
        TEXT,
        "事项名称含 ESC[31m",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":43:",),
        item_name('"\\e[31m政策法规"'),
    ),
    Case(
        "text-rlo-name",
        TEXT,
        "事项名称含 U+202E(从右到左)",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":43:",),
        item_name('"政策\\u202e规法"'),
    ),
    Case(
        "text-esc-show",
        TEXT,
        "show 不把 ESC 原样打到终端",
        ("show", "shehui-jiuzhu-002", "-c", "{pkg}"),
        1,
        (D18_PATH + ":43:",),
        item_name('"\\e[31m政策法规"'),
    ),
    Case(
        "text-esc-title-summary",
        TEXT,
        "目录名称含 ESC",
        ("summary", "-c", "{pkg}"),
        1,
        ("{pkg}/catalogue.yaml:2:",),
        edit(
            "catalogue.yaml",
            "title: 基层政务公开标准目录(26个领域,据已公开目录整理)",
            'title: "\\e[2J基层政务公开标准目录"',
        ),
    ),
    Case(
        "text-bell-deadline",
        TEXT,
        "公开时限含响铃字符",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":50:",),
        edit(
            D18,
            "    deadline: 制定或获取信息之日起10个工作日内\n",
            '    deadline: "\\a制定或获取信息之日起10个工作日内"\n',
        ),
    ),
    Case(
        "text-csv-injection-export",
        TEXT,
        "export CSV 不写出以 = 开头的单元格",
        ("export", "-c", "{pkg}", "--domain", "社会救助", "-o", "{ws}/导出.csv"),
        0,
        ("已写入",),
        item_name('\'=HYPERLINK("http://evil.example","点击")\''),
        unchanged=False,
        after=csv_has_no_formula("{ws}/导出.csv"),
    ),
    Case(
        "text-csv-injection-plus",
        TEXT,
        "export CSV 不写出以 + 和 @ 开头的单元格",
        ("export", "-c", "{pkg}", "--domain", "社会救助", "-o", "{ws}/导出.csv"),
        0,
        ("已写入",),
        steps(
            item_name("'+cmd|'' /C calc''!A0'"),
            edit(D18, "    - 各地配套政策法规文件\n", "    - '@SUM(1+1)'\n"),
        ),
        unchanged=False,
        after=csv_has_no_formula("{ws}/导出.csv"),
    ),
    Case(
        "text-xlsx-formula-diff",
        TEXT,
        "diff 审核工作簿里 = 开头的名称是文字",
        ("diff", "national@2026.1", "{pkg}", "--format", "xlsx", "-o", "{ws}/审核.xlsx"),
        1,
        ("已写入",),
        item_name("'=WEBSERVICE(\"http://evil.example\")'"),
        unchanged=False,
        after=xlsx_has_no_formula("{ws}/审核.xlsx"),
    ),
    Case(
        "text-xlsx-formula-export",
        TEXT,
        "export 工作簿里 = 开头的名称是文字",
        ("export", "-c", "{pkg}", "--domain", "社会救助", "-o", "{ws}/导出.xlsx"),
        0,
        ("已写入",),
        item_name("'=HYPERLINK(\"http://evil.example\")'"),
        unchanged=False,
        after=xlsx_has_no_formula("{ws}/导出.xlsx"),
    ),
    Case(
        "text-xlsx-formula-columns",
        TEXT,
        "columns export 工作簿里 = 开头的栏目名是文字",
        ("columns", "export", "{ws}/栏目.yaml", "-o", "{ws}/栏目.xlsx"),
        0,
        ("已写入",),
        lambda ws: column_map(ws, "  name: 城乡规划\n", "  name: '=HYPERLINK(\"http://evil.example\")'\n"),
        unchanged=False,
        after=xlsx_has_no_formula("{ws}/栏目.xlsx"),
    ),
    Case(
        "text-csv-injection-columns",
        TEXT,
        "columns export CSV 不写出 = 开头的栏目名",
        ("columns", "export", "{ws}/栏目.yaml", "-o", "{ws}/栏目.csv"),
        0,
        ("已写入",),
        lambda ws: column_map(ws, "  name: 城乡规划\n", "  name: '=1+1'\n"),
        unchanged=False,
        after=csv_has_no_formula("{ws}/栏目.csv"),
    ),
    Case(
        "text-huge-name",
        TEXT,
        "20000 个字符的事项名称",
        ("validate", "{pkg}", "--level", "error"),
        1,
        (D18_PATH + ":43:",),
        item_name("名" * 20000),
    ),
]


def column_map(ws: Workspace, old: str, new: str, count: int = 1) -> None:
    """A copy of the default column map in ``{ws}/栏目.yaml`` with ``old`` replaced by ``new``."""
    path = ws.copy_shared("栏目.yaml")
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def workbook_metadata(ws: Workspace, key: str, value: str) -> None:
    """The exported national workbook in ``{ws}/目录.xlsx`` with one catalogue field of its hidden metadata sheet
    (JSON cut into cells down column A) changed."""
    import json

    from openpyxl import load_workbook

    path = ws.copy_shared("national.xlsx", "目录.xlsx")
    book = load_workbook(path)
    sheet = book["_gpcatalog"]
    cells = [row[0] for row in sheet.iter_rows() if row[0].value]
    size = len(cells[0].value)
    data = json.loads("".join(c.value for c in cells))
    data["catalogue"][key] = value
    text = json.dumps(data, ensure_ascii=False)
    for cell in cells:
        cell.value = None
    for n, start in enumerate(range(0, len(text), size), start=1):
        sheet.cell(row=n, column=1, value=text[start : start + size])
    book.save(path)


# --- 奇怪的路径 ------------------------------------------------------------------------------------------------


def symlink(name: str, target: str) -> Build:
    def build(ws: Workspace) -> None:
        os.symlink(ws.fill(target), ws.root / name)

    return build


def fifo(relative: str) -> Build:
    def build(ws: Workspace) -> None:
        os.mkfifo(ws.root / relative)

    return build


def comments_kept(ws: Workspace, _output: str) -> None:
    """``release --draft`` drafted a record and kept every comment of adjustments.yaml; no debris was left."""
    text = (ws.pkg / "adjustments.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 调整记录(动态调整制度)。"), text[:200]
    assert "更名" in text or "renamed" in text
    assert not [p for p in ws.root.rglob("*") if ".tmp" in p.name]


def released_package(ws: Workspace) -> None:
    """An import target that is a package with releases (versions/, history.yaml)."""
    assert (ws.pkg / "history.yaml").is_file()
    ws.copy_shared("社会救助.csv")


PATH_CASES = [
    Case(
        "path-missing-package",
        PATHS,
        "目录包文件夹不存在",
        ("validate", "{ws}/没有这个目录"),
        2,
        ("{ws}/没有这个目录",),
    ),
    Case(
        "path-file-for-package",
        PATHS,
        "目录包位置是一个文件",
        ("summary", "-c", "{ws}/文件.txt"),
        2,
        ("{ws}/文件.txt",),
        write("文件.txt", "不是目录包\n"),
    ),
    Case(
        "path-dev-null-package",
        PATHS,
        "目录包位置是 /dev/null",
        ("tree", "-c", "/dev/null"),
        2,
        ("/dev/null",),
    ),
    Case(
        "path-domains-is-file",
        PATHS,
        "domains 是文件不是文件夹",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/catalogue.yaml", "目录没有任何领域文件"),
        lambda ws: (shutil_rmtree(ws.pkg / "domains"), ws.replace("domains", "x\n")),
    ),
    Case(
        "path-domain-folder-for-file",
        PATHS,
        "领域文件位置是文件夹",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/domains/27-wenjianjia.yaml",),
        lambda ws: (ws.pkg / "domains" / "27-wenjianjia.yaml").mkdir(),
    ),
    Case(
        "path-domain-symlink-loop",
        PATHS,
        "领域文件是循环的符号链接",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/domains/27-loop.yaml",),
        steps(package, symlink("national/domains/27-loop.yaml", "{pkg}/domains/27-loop.yaml")),
    ),
    Case(
        "path-domain-fifo",
        PATHS,
        "domains/ 里有 FIFO:不能卡住",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/domains/27-fifo.yaml",),
        steps(package, fifo("national/domains/27-fifo.yaml")),
        process=True,
        timeout=5,
    ),
    Case(
        "path-domain-dev-zero",
        PATHS,
        "领域文件是指向 /dev/zero 的符号链接",
        ("validate", "{pkg}", "--level", "error"),
        1,
        ("{pkg}/domains/27-zero.yaml",),
        steps(package, symlink("national/domains/27-zero.yaml", "/dev/zero")),
        process=True,
    ),
    Case(
        "path-long-component",
        PATHS,
        "300 个字符的文件夹名",
        ("validate", "{ws}/" + "长" * 300),
        2,
        ("长" * 20,),
    ),
    Case(
        "out-folder",
        PATHS,
        "export -o 是文件夹",
        ("export", "-o", "{ws}/文件夹"),
        2,
        ("{ws}/文件夹",),
        lambda ws: (ws.root / "文件夹").mkdir(),
    ),
    Case(
        "out-symlink",
        PATHS,
        "export -o 是符号链接:不替换",
        ("export", "-o", "{ws}/链接.xlsx"),
        2,
        ("{ws}/链接.xlsx",),
        steps(write("原文件.txt", "保留\n"), symlink("链接.xlsx", "{ws}/原文件.txt")),
    ),
    Case(
        "out-dev-full",
        PATHS,
        "export -o /dev/full:不替换设备",
        ("export", "--domain", "社会救助", "--format", "csv", "-o", "/dev/full"),
        2,
        ("/dev/full",),
    ),
    Case(
        "out-package-domain",
        PATHS,
        "export -o 目录包的领域文件",
        ("export", "-c", "{pkg}", "-o", D18_PATH),
        2,
        (D18_PATH, "不能用 -o 覆盖"),
        package,
    ),
    Case(
        "out-package-catalogue-diff",
        PATHS,
        "diff -o 目录包的 catalogue.yaml",
        ("diff", "national@2019.1", "national@2026.1", "-o", "{pkg}/catalogue.yaml"),
        2,
        ("{pkg}/catalogue.yaml", "不能用 -o 覆盖"),
        package,
    ),
    Case(
        "out-package-history-columns",
        PATHS,
        "columns generate -o 目录包的 history.yaml",
        ("columns", "generate", "-o", "{pkg}/history.yaml"),
        2,
        ("{pkg}/history.yaml", "不能用 -o 覆盖"),
        package,
    ),
    Case(
        "out-package-version-import",
        PATHS,
        "columns import -o 已发布版本里的文件",
        ("columns", "import", "{ws}/栏目.csv", "-o", "{pkg}/versions/2019.1/catalogue.yaml"),
        2,
        ("{pkg}/versions/2019.1/catalogue.yaml", "不能用 -o 覆盖"),
        lambda ws: (ws.pkg, ws.copy_shared("栏目.csv")),
    ),
    Case("out-dash-export", PATHS, "export -o -:这个命令写文件", ("export", "-o", "-"), 2, ("不能写到屏幕",)),
    Case(
        "out-dash-diff",
        PATHS,
        "diff -o - 打到屏幕,不写名为 - 的文件",
        ("diff", "national@2019.1", "national@2026.1", "-o", "-"),
        1,
        ("huanjing-baohu-003",),
    ),
    Case(
        "out-parent-is-file",
        PATHS,
        "-o 的上级是文件",
        ("export", "-o", "{ws}/文件.txt/目录.xlsx"),
        2,
        ("{ws}/文件.txt",),
        write("文件.txt", "x\n"),
    ),
    Case(
        "out-unknown-extension",
        PATHS,
        "export -o 扩展名不认识",
        ("export", "-o", "{ws}/目录.pdf"),
        2,
        ("不支持的格式“pdf”",),
    ),
    Case(
        "import-missing-file",
        PATHS,
        "import 的文件不存在",
        ("import", "{ws}/没有.xlsx", "-o", "{out}"),
        2,
        ("{ws}/没有.xlsx",),
    ),
    Case(
        "import-folder-for-file",
        PATHS,
        "import 的文件是文件夹",
        ("import", "{ws}/表", "-o", "{out}"),
        2,
        ("{ws}/表",),
        lambda ws: (ws.root / "表").mkdir(),
    ),
    Case(
        "import-onto-package",
        PATHS,
        "import -o 已有的目录包(不加 --force)",
        ("import", "{ws}/社会救助.csv", "-o", "{pkg}"),
        2,
        ("{pkg}", "--force"),
        released_package,
    ),
    Case(
        "import-force-released",
        PATHS,
        "import --force 不删除已发布的历史",
        ("import", "{ws}/社会救助.csv", "-o", "{pkg}", "--force"),
        2,
        ("{pkg}", "已发布"),
        released_package,
    ),
    Case(
        "import-into-without-metadata",
        PATHS,
        "import --into 一个不带 gpcatalog 元数据的 CSV(不加 --from-other)",
        ("import", "{ws}/社会救助.csv", "--into", "{pkg}"),
        2,
        ("{ws}/社会救助.csv", "不带 gpcatalog 的元数据", "--from-other"),
        released_package,
    ),
    Case(
        "import-into-released-version",
        PATHS,
        "import --into 已发布的版本",
        ("import", "{ws}/社会救助.csv", "--into", "{pkg}@2026.1"),
        2,
        ("{pkg}@2026.1", "已发布的版本不可改动"),
        released_package,
    ),
    Case(
        "site-output-is-file",
        PATHS,
        "site build --output 是文件",
        ("site", "build", "-c", "{pkg}", "--output", "{ws}/文件.txt"),
        2,
        ("{ws}/文件.txt",),
        steps(package, write("文件.txt", "x\n")),
    ),
    Case(
        "site-output-foreign",
        PATHS,
        "site build 不删除不是它做的 site/",
        ("site", "build", "-c", "haifeng-yanglao", "--output", "{ws}/输出"),
        2,
        ("{ws}/输出",),
        steps(write("输出/site/我的文件.txt", "重要\n"), write("输出/project/笔记.md", "重要\n")),
    ),
    Case(
        "schema-output-is-file",
        PATHS,
        "schema -o 是文件",
        ("schema", "-o", "{ws}/文件.txt"),
        2,
        ("{ws}/文件.txt",),
        write("文件.txt", "x\n"),
    ),
    Case(
        "stdout-full",
        PATHS,
        "屏幕输出写满(/dev/full)",
        ("summary",),
        2,
        ("无法写出结果到标准输出(磁盘空间已满)",),
        process=True,
        stdout="/dev/full",
    ),
    Case(
        "serve-missing-site",
        PATHS,
        "site serve 的文件夹不存在",
        ("site", "serve", "--output", "{ws}/没有"),
        2,
        ("{ws}/没有",),
    ),
]


def shutil_rmtree(path: os.PathLike[str]) -> None:
    import shutil

    shutil.rmtree(path)


# --- 并发和锁 ----------------------------------------------------------------------------------------------------


def held_lock(folder: str) -> Build:
    """Another writer holds the package lock (a real flock on the lock file, from a second open file)."""

    def build(ws: Workspace) -> None:
        import json

        from filelock import FileLock

        from gpcatalog.store.lock import lock_path

        target = __import__("pathlib").Path(ws.fill(folder))
        if target.name == "national":
            assert ws.pkg.is_dir()
        lock = FileLock(lock_path(target.resolve()))
        lock.acquire()
        ws.cleanups.append(lock.release)
        holder = lock_path(target.resolve()).with_suffix(".holder.json")
        info = {
            "pid": 4242,
            "host": "另一台电脑",
            "command": "release 2026.9",
            "since": "2026-12-01T09:00:00",
        }
        holder.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        ws.cleanups.append(lambda: holder.unlink(missing_ok=True))

    return build


RELEASE_CASES = [
    Case(
        "release-unexplained",
        PATHS,
        "没有调整记录说明的变化:拒绝,目录包原样、没有残留",
        ("release", "2026.3", "-c", "{pkg}", "--date", "2026-12-02"),
        1,
        ("有 1 处变化没有调整记录说明", "shehui-jiuzhu-002"),
        CHANGED,
    ),
    Case(
        "release-draft-comments",
        PATHS,
        "release --draft 保留 adjustments.yaml 的注释",
        ("release", "2026.3", "-c", "{pkg}", "--draft"),
        1,
        ("adjustments.yaml",),
        CHANGED,
        unchanged=False,
        after=comments_kept,
    ),
    Case(
        "verify-stale-changelog",
        PATHS,
        "verify 查出被改动的 CHANGELOG.md",
        ("verify", "-c", "{pkg}"),
        1,
        ("{pkg}/CHANGELOG.md",),
        edit("CHANGELOG.md", "# 变更记录", "# 变更记录(被人改过)"),
    ),
]

LOCK_CASES = [
    Case(
        "lock-release",
        LOCKS,
        "别人正在写时 release",
        ("release", "2026.2", "-c", "{pkg}", "--date", "2026-12-01"),
        2,
        ("{pkg}", "进程 4242(另一台电脑,release 2026.9"),
        held_lock("{pkg}"),
    ),
    Case(
        "lock-release-draft",
        LOCKS,
        "别人正在写时 release --draft",
        ("release", "2026.2", "-c", "{pkg}", "--draft"),
        2,
        ("{pkg}", "进程 4242"),
        steps(item_name("改过的名称"), held_lock("{pkg}")),
    ),
    Case(
        "lock-rebase",
        LOCKS,
        "别人正在写时 rebase",
        ("rebase", "{ws}/haifeng", "--to", "national@2026.1"),
        2,
        ("{ws}/haifeng", "进程 4242"),
        steps(lambda ws: derived(ws, "", ""), held_lock("{ws}/haifeng")),
    ),
    Case(
        "lock-import",
        LOCKS,
        "别人正在写目标时 import",
        ("import", "{ws}/社会救助.csv", "-o", "{out}"),
        2,
        ("{out}", "进程 4242"),
        steps(lambda ws: ws.copy_shared("社会救助.csv"), held_lock("{out}")),
    ),
    Case(
        "lock-import-into",
        LOCKS,
        "别人正在写目录包时 import --into",
        ("import", "{ws}/社会救助.csv", "--into", "{pkg}", "--from-other"),
        2,
        ("{pkg}", "进程 4242"),
        steps(lambda ws: ws.copy_shared("社会救助.csv"), held_lock("{pkg}")),
    ),
    Case(
        "lock-import-force",
        LOCKS,
        "别人正在写目标时 import --force",
        ("import", "{ws}/社会救助.csv", "-o", "{out}", "--force"),
        2,
        ("{out}", "进程 4242"),
        steps(lambda ws: ws.copy_shared("社会救助.csv"), write("out/说明.txt", "x\n"), held_lock("{out}")),
    ),
]


# --- 错误的参数 ----------------------------------------------------------------------------------------------------

ARG_CASES = [
    Case(
        "arg-release-bad-version",
        ARGS,
        "版本号含空格",
        ("release", "2026 2", "-c", "{pkg}", "--date", "2026-12-01"),
        1,
        ("版本号“2026 2”格式不对",),
        CHANGED,
    ),
    Case(
        "arg-release-traversal-version",
        ARGS,
        "版本号 ../../evil",
        ("release", "../../evil", "-c", "{pkg}", "--date", "2026-12-01"),
        1,
        ("版本号“../../evil”格式不对",),
        CHANGED,
    ),
    Case(
        "arg-release-released-version",
        ARGS,
        "已经发布过的版本号",
        ("release", "2026.1", "-c", "{pkg}", "--date", "2026-12-01"),
        1,
        ("2026.1", "已经发布过"),
        CHANGED,
    ),
    Case(
        "arg-release-bad-date",
        ARGS,
        "--date 2026-02-30",
        ("release", "2026.2", "-c", "{pkg}", "--date", "2026-02-30"),
        2,
        ("'--date'", "2026-02-30"),
        package,
    ),
    Case(
        "arg-tree-depth-zero",
        ARGS,
        "tree --depth 0",
        ("tree", "--depth", "0"),
        2,
        ("'--depth'", "x>=1"),
    ),
    Case(
        "arg-tree-unknown-domain", ARGS, "tree 不存在的领域", ("tree", "不存在的领域"), 2, ("不存在的领域",)
    ),
    Case(
        "arg-tree-bad-format",
        ARGS,
        "tree --format yaml",
        ("tree", "--format", "yaml"),
        2,
        ("'--format'", "'yaml'"),
    ),
    Case(
        "arg-diff-unknown-domain",
        ARGS,
        "diff --domain 不存在",
        ("diff", "national@2019.1", "national@2026.1", "--domain", "火星"),
        2,
        ("火星",),
    ),
    Case(
        "arg-diff-xlsx-no-output",
        ARGS,
        "diff --format xlsx 不给 -o",
        ("diff", "national@2019.1", "national@2026.1", "--format", "xlsx"),
        2,
        ("--format xlsx", "--output"),
    ),
    Case(
        "arg-export-bad-format",
        ARGS,
        "export --format pdf",
        ("export", "--format", "pdf", "-o", "{ws}/x.pdf"),
        2,
        ("'--format'", "'pdf'"),
    ),
    Case(
        "arg-export-unknown-domain",
        ARGS,
        "export --domain 不存在",
        ("export", "--domain", "火星", "-o", "{ws}/x.csv"),
        2,
        ("火星",),
    ),
    Case("arg-laws-bad-limit", ARGS, "laws --limit 五", ("laws", "--limit", "五"), 2, ("'--limit'", "'五'")),
    Case(
        "arg-laws-negative-limit",
        ARGS,
        "laws --limit -3",
        ("laws", "--limit", "-3"),
        2,
        ("'--limit'", "-3 不在范围 x>=1 内"),
    ),
    Case(
        "arg-audit-bad-as-of",
        ARGS,
        "audit --as-of 2026-13-01",
        ("audit", "{ws}/r.csv", "--as-of", "2026-13-01"),
        2,
        ("'--as-of'", "2026-13-01"),
    ),
    Case(
        "arg-import-bad-scope",
        ARGS,
        "import --scope galaxy",
        ("import", "{ws}/x.csv", "-o", "{out}", "--scope", "galaxy"),
        2,
        ("'--scope'", "'galaxy'"),
    ),
    Case(
        "arg-import-bad-id",
        ARGS,
        "import --id ../evil",
        ("import", "{ws}/社会救助.csv", "-o", "{out}", "--id", "../evil"),
        1,
        ("{ws}/社会救助.csv", "目录信息无效", "检查 --id"),
        lambda ws: ws.copy_shared("社会救助.csv"),
    ),
    Case(
        "arg-columns-bad-layout",
        ARGS,
        "columns generate --layout flat",
        ("columns", "generate", "--layout", "flat", "-o", "{ws}/m.yaml"),
        2,
        ("'--layout'", "'flat'"),
    ),
    Case(
        "arg-validate-bad-level",
        ARGS,
        "validate --level fatal",
        ("validate", "--level", "fatal"),
        2,
        ("'--level'", "'fatal'"),
    ),
    Case(
        "arg-unknown-command",
        ARGS,
        "没有这个命令",
        ("relase",),
        2,
        ("'relase'", "是不是要写其中之一", "'release'"),
    ),
    Case(
        "arg-unknown-option", ARGS, "没有这个选项", ("summary", "--catalog", "national"), 2, ("'--catalog'",)
    ),
    Case("arg-show-missing-id", ARGS, "show 缺少事项编号", ("show",), 2, ("缺少参数", "事项编号")),
    Case(
        "arg-rebase-missing-to",
        ARGS,
        "rebase 缺少 --to",
        ("rebase", "haifeng-yanglao"),
        2,
        ("缺少选项", "'--to'"),
    ),
    Case(
        "arg-rebase-bundled",
        ARGS,
        "rebase 内置的国家目录(不是派生目录)",
        ("rebase", "{pkg}", "--to", "national@2026.1"),
        2,
        ("{pkg}",),
        package,
    ),
    Case(
        "arg-deviation-not-derived",
        ARGS,
        "deviation 国家目录(不是派生目录)",
        ("deviation", "national"),
        2,
        ("national",),
    ),
    Case(
        "arg-serve-bad-port",
        ARGS,
        "site serve --port 99999",
        ("site", "serve", "--output", "{ws}", "--port", "99999"),
        2,
        ("'--port'", "99999 不在范围 1<=x<=65535 内"),
    ),
    Case(
        "arg-versions-bad-format",
        ARGS,
        "versions --format xml",
        ("versions", "--format", "xml"),
        2,
        ("'--format'", "'xml'"),
    ),
    Case(
        "arg-extra-arguments",
        ARGS,
        "多余的参数",
        ("summary", "national", "另一个"),
        2,
        ("多余的参数", "national 另一个"),
    ),
]


# --- 损坏或奇怪的工作簿和 CSV ------------------------------------------------------------------------------------


def workbook(edit_book: Callable[..., None], name: str = "目录.xlsx") -> Build:
    """The exported national workbook as ``{ws}/<name>``, changed by ``edit_book(book)`` (openpyxl)."""

    def build(ws: Workspace) -> None:
        from openpyxl import load_workbook

        path = ws.copy_shared("national.xlsx", name)
        book = load_workbook(path)
        edit_book(book)
        book.save(path)

    return build


def raw_workbook(change: Callable[[bytes], bytes], name: str = "目录.xlsx") -> Build:
    def build(ws: Workspace) -> None:
        path = ws.copy_shared("national.xlsx", name)
        path.write_bytes(change(path.read_bytes()))

    return build


def corrupt_deflate(data: bytes) -> bytes:
    """Overwrite the middle of the first worksheet's compressed data (its CRC and inflate then fail)."""
    import zipfile

    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    return data[:middle] + bytes(64) + data[middle + 64 :]


def zip_bomb(ws: Workspace) -> None:
    """A workbook whose first sheet inflates to 512 MiB of blank XML (the child process may use 1 GiB)."""
    import zipfile
    import zlib

    path = ws.copy_shared("national.xlsx", "目录.xlsx")
    bomb = ws.root / "炸弹.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                with target.open(item.filename, "w", force_zip64=True) as out:
                    out.write(head)
                    block = b" " * (1 << 24)
                    for _ in range(32):
                        out.write(block)
                    out.write(b"</sheetData></worksheet>")
            else:
                target.writestr(item, source.read(item.filename))
    path.unlink()
    del zlib


def csv_from_shared(change: Callable[[str], str], name: str = "表.csv", encoding: str = "utf-8-sig") -> Build:
    def build(ws: Workspace) -> None:
        text = (ws.shared / "社会救助.csv").read_text(encoding="utf-8-sig")
        changed = change(text)
        assert changed != text or encoding != "utf-8-sig"
        ws.write(name, changed.encode(encoding))

    return build


def first_row(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def clear_header(book: object) -> None:
    """Blank the two header rows of the 社会救助 sheet: the sheet still holds its rows."""
    sheet = book["社会救助"]  # type: ignore[index]
    for row in (2, 3):
        for cell in sheet[row]:
            if type(cell).__name__ == "Cell":
                cell.value = None


def merge_body(book: object) -> None:
    sheet = book["社会救助"]  # type: ignore[index]
    sheet.merge_cells("D4:H9")


def empty_sheets(book: object) -> None:
    for sheet in list(book.worksheets):  # type: ignore[attr-defined]
        book.remove(sheet)  # type: ignore[attr-defined]
    book.create_sheet("空表")  # type: ignore[attr-defined]


def formula_cells(book: object) -> None:
    sheet = book["社会救助"]  # type: ignore[index]
    sheet["D4"] = '=HYPERLINK("http://evil.example","点击")'


def huge_cell(book: object) -> None:
    book["社会救助"]["D4"] = "长" * 32000  # type: ignore[index]


TABLE_CASES = [
    Case(
        "xlsx-not-a-zip",
        TABLES,
        "扩展名 .xlsx 的文本文件",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        2,
        ("{ws}/目录.xlsx",),
        write("目录.xlsx", "这不是工作簿\n"),
    ),
    Case(
        "xlsx-truncated",
        TABLES,
        "截断一半的工作簿",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        2,
        ("{ws}/目录.xlsx",),
        raw_workbook(lambda data: data[: len(data) // 2]),
    ),
    Case(
        "xlsx-corrupt-deflate",
        TABLES,
        "压缩数据损坏(CRC 不对)",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        2,
        ("{ws}/目录.xlsx",),
        raw_workbook(corrupt_deflate),
    ),
    Case(
        "xlsx-zip-bomb",
        TABLES,
        "解压后 512 MiB 的工作表(压缩炸弹)",
        ("import", "{ws}/炸弹.xlsx", "-o", "{out}"),
        2,
        ("{ws}/炸弹.xlsx",),
        zip_bomb,
        process=True,
    ),
    Case(
        "xlsx-empty-workbook",
        TABLES,
        "只有一个空工作表",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        2,
        ("{ws}/目录.xlsx", "找不到表头", "工作簿是空的"),
        workbook(empty_sheets),
    ),
    Case(
        "xlsx-header-not-found",
        TABLES,
        "一个工作表找不到表头:不能悄悄丢掉整个领域",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        1,
        ("{ws}/目录.xlsx", "社会救助"),
        workbook(clear_header),
    ),
    Case(
        "xlsx-merged-body",
        TABLES,
        "正文里跨列合并的单元格",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        1,
        ("社会救助", "第4行"),
        workbook(merge_body),
    ),
    Case(
        "xlsx-formula-cell",
        TABLES,
        "单元格里是公式",
        ("import", "{ws}/目录.xlsx", "-o", "{out}"),
        1,
        ("社会救助", "D4"),
        workbook(formula_cells),
    ),
    Case(
        "ods-not-ods",
        TABLES,
        "扩展名 .ods 的 CSV",
        ("import", "{ws}/目录.ods", "-o", "{out}"),
        2,
        ("{ws}/目录.ods",),
        lambda ws: ws.write("目录.ods", (ws.shared / "社会救助.csv").read_bytes()),
    ),
    Case(
        "xls-not-xls",
        TABLES,
        "扩展名 .xls 的随机字节",
        ("import", "{ws}/目录.xls", "-o", "{out}"),
        2,
        ("{ws}/目录.xls",),
        write("目录.xls", bytes(range(256)) * 8),
    ),
    Case(
        "table-unknown-extension",
        TABLES,
        "扩展名 .pdf",
        ("import", "{ws}/目录.pdf", "-o", "{out}"),
        2,
        ("{ws}/目录.pdf",),
        write("目录.pdf", "%PDF-1.4\n"),
    ),
    Case(
        "csv-utf16",
        TABLES,
        "UTF-16 编码的 CSV",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        2,
        ("{ws}/表.csv",),
        csv_from_shared(lambda t: t, encoding="utf-16"),
    ),
    Case(
        "csv-binary",
        TABLES,
        "CSV 里是二进制",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        2,
        ("{ws}/表.csv",),
        write("表.csv", bytes(range(256)) * 4),
    ),
    Case(
        "csv-empty",
        TABLES,
        "空的 CSV",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        2,
        ("{ws}/表.csv",),
        write("表.csv", ""),
    ),
    Case(
        "csv-header-only",
        TABLES,
        "只有表头的 CSV",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        1,
        ("{ws}/表.csv",),
        csv_from_shared(lambda t: t.split("\n", 1)[0] + "\n"),
    ),
    Case(
        "csv-header-not-found",
        TABLES,
        "表头认不出的 CSV",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        2,
        ("{ws}/表.csv", "找不到表头", "甲、乙、丙"),
        write("表.csv", "甲,乙,丙\n1,2,3\n4,5,6\n"),
    ),
    Case(
        "csv-nul-channel",
        TABLES,
        "渠道单元格里的 NUL 不变成新渠道",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        1,
        ("{ws}/表.csv", "第2行"),
        csv_from_shared(first_row("■政府网站 □政府公报", "■政府网站 ■\x00 □政府公报")),
    ),
    Case(
        "csv-control-name",
        TABLES,
        "名称里的 ESC",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        1,
        ("{ws}/表.csv", "第2行"),
        csv_from_shared(first_row("政策法规文件", "\x1b[31m政策法规文件")),
    ),
    Case(
        "csv-huge-cell",
        TABLES,
        "200 KiB 的单元格",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        2,
        ("{ws}/表.csv", "第2行"),
        csv_from_shared(first_row("政策法规文件", "长" * 200_000)),
    ),
    Case(
        "csv-unclosed-quote",
        TABLES,
        "没闭合的引号",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        1,
        ("{ws}/表.csv",),
        csv_from_shared(first_row("政策法规文件", '"政策法规文件')),
    ),
    Case(
        "csv-formula-kept",
        TABLES,
        "= 开头的名称按原文读入,不执行",
        ("import", "{ws}/表.csv", "-o", "{out}"),
        0,
        ("已写入",),
        csv_from_shared(first_row("政策法规文件", "=1+1")),
        unchanged=False,
        after=lambda ws, _o: assert_in_file(ws.out / "domains" / "18-shehui-jiuzhu.yaml", "=1+1"),
    ),
    Case(
        "columns-import-broken-xlsx",
        TABLES,
        "columns import 截断的工作簿",
        ("columns", "import", "{ws}/栏目.xlsx", "-o", "{ws}/m.yaml"),
        2,
        ("{ws}/栏目.xlsx",),
        lambda ws: ws.write("栏目.xlsx", (ws.shared / "栏目.xlsx").read_bytes()[:3000]),
    ),
    Case(
        "columns-import-missing-columns",
        TABLES,
        "columns import 缺列的 CSV",
        ("columns", "import", "{ws}/栏目.csv", "-o", "{ws}/m.yaml"),
        2,
        ("{ws}/栏目.csv",),
        write("栏目.csv", "名称\n甲\n"),
    ),
    Case(
        "columns-import-huge-cell",
        TABLES,
        "columns import 200 KiB 的单元格",
        ("columns", "import", "{ws}/栏目.csv", "-o", "{ws}/m.yaml"),
        2,
        ("{ws}/栏目.csv",),
        lambda ws: ws.write(
            "栏目.csv",
            (ws.shared / "栏目.csv")
            .read_text(encoding="utf-8-sig")
            .replace("基层政务公开", "长" * 200_000, 1),
        ),
    ),
]


def assert_in_file(path: os.PathLike[str], text: str) -> None:
    with open(path, encoding="utf-8") as handle:
        assert text in handle.read()


# --- 时效检查和节假日文件 ------------------------------------------------------------------------------------------

RECORDS_HEADER = "栏目,标题,网址,信息形成日期,发布日期\n"


def records(*rows: str, name: str = "r.csv") -> Build:
    return write(name, RECORDS_HEADER + "".join(row + "\n" for row in rows))


GOOD_ROW = "zhengdi-buchang-008,春节前形成,http://example.gov.cn/1,2026-02-13,2026-03-05"

AUDIT_CASES = [
    Case(
        "audit-missing-records",
        AUDIT,
        "发布记录文件不存在",
        ("audit", "{ws}/没有.csv"),
        2,
        ("{ws}/没有.csv",),
    ),
    Case(
        "audit-missing-columns",
        AUDIT,
        "发布记录缺列",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv", "发布记录缺少列"),
        write("r.csv", "标题,发布时间\n甲,2026-01-01\n"),
    ),
    Case(
        "audit-empty-records",
        AUDIT,
        "空的发布记录",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv",),
        write("r.csv", ""),
    ),
    Case(
        "audit-year-9999",
        AUDIT,
        "发布日期 9999-12-31",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv", "第2行"),
        records("zhengdi-buchang-008,未来,http://example.gov.cn/1,9999-12-30,9999-12-31"),
    ),
    Case(
        "audit-year-0001",
        AUDIT,
        "信息形成日期 0001-01-01",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv", "第2行"),
        records("zhengdi-buchang-008,远古,http://example.gov.cn/1,0001-01-01,2026-03-05"),
    ),
    Case(
        "audit-negative-year",
        AUDIT,
        "发布日期 -2026-03-05",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv", "第2行"),
        records("zhengdi-buchang-008,负数,http://example.gov.cn/1,2026-02-13,-2026-03-05"),
    ),
    Case(
        "audit-records-utf16",
        AUDIT,
        "UTF-16 的发布记录",
        ("audit", "{ws}/r.csv"),
        2,
        ("{ws}/r.csv",),
        write("r.csv", (RECORDS_HEADER + GOOD_ROW + "\n").encode("utf-16")),
    ),
    Case(
        "audit-records-json-object",
        AUDIT,
        "JSON 发布记录不是列表",
        ("audit", "{ws}/r.json"),
        2,
        ("{ws}/r.json",),
        write("r.json", '{"栏目": "x"}'),
    ),
    Case(
        "audit-records-broken-xlsx",
        AUDIT,
        "截断的工作簿发布记录",
        ("audit", "{ws}/r.xlsx"),
        2,
        ("{ws}/r.xlsx",),
        lambda ws: ws.write("r.xlsx", (ws.shared / "national.xlsx").read_bytes()[:5000]),
    ),
    Case(
        "audit-calendar-list",
        AUDIT,
        "--calendar 顶层是列表",
        ("audit", "{ws}/r.csv", "--calendar", "{ws}/节假日.yaml"),
        2,
        ("{ws}/节假日.yaml", "节假日文件的格式不对"),
        steps(records(GOOD_ROW), write("节假日.yaml", "- 2027-01-01\n")),
    ),
    Case(
        "audit-calendar-impossible-date",
        AUDIT,
        "--calendar 里的 2027-02-30",
        ("audit", "{ws}/r.csv", "--calendar", "{ws}/节假日.yaml"),
        2,
        ("{ws}/节假日.yaml", "2027-02-30"),
        steps(
            records(GOOD_ROW),
            write("节假日.yaml", "years:\n  2027:\n    holidays: [2027-02-30]\n    workdays: []\n"),
        ),
    ),
    Case(
        "audit-calendar-syntax",
        AUDIT,
        "--calendar 语法错误",
        ("audit", "{ws}/r.csv", "--calendar", "{ws}/节假日.yaml"),
        2,
        ("{ws}/节假日.yaml,第3行第1列", "YAML 语法错误"),
        steps(records(GOOD_ROW), write("节假日.yaml", "years:\n  2027: [\n")),
    ),
    Case(
        "audit-calendar-missing",
        AUDIT,
        "--calendar 文件不存在",
        ("audit", "{ws}/r.csv", "--calendar", "{ws}/没有.yaml"),
        2,
        ("{ws}/没有.yaml",),
        records(GOOD_ROW),
    ),
    Case(
        "audit-calendar-deep",
        AUDIT,
        "--calendar 990 层嵌套",
        ("audit", "{ws}/r.csv", "--calendar", "{ws}/节假日.yaml"),
        2,
        ("{ws}/节假日.yaml",),
        steps(records(GOOD_ROW), write("节假日.yaml", "years: " + nested(990) + "\n")),
    ),
    Case(
        "audit-map-syntax",
        AUDIT,
        "--map 语法错误",
        ("audit", "{ws}/r.csv", "--map", "{ws}/栏目.yaml"),
        2,
        ("{ws}/栏目.yaml",),
        steps(records(GOOD_ROW), write("栏目.yaml", "columns: [\n")),
    ),
]


# --- 栏目对照表 ----------------------------------------------------------------------------------------------------


def deep_map(depth: int) -> Build:
    """A column map whose columns form one chain ``depth`` deep (parent after parent)."""

    def build(ws: Workspace) -> None:
        lines = ["id: shen", "title: 很深的栏目", "catalogue: national", "columns:"]
        for n in range(depth):
            lines += [f"- id: c{n}", f"  name: 栏目{n}", f"  path: /c{n}/"]
            if n:
                lines.append(f"  parent: c{n - 1}")
        lines += ["  items:", "  - shehui-jiuzhu-002"]
        ws.write("栏目.yaml", "\n".join(lines) + "\n")

    return build


COLUMN_CASES = [
    Case(
        "columns-unknown-item",
        COLUMNS,
        "对照表里不存在的事项",
        ("columns", "check", "{ws}/栏目.yaml"),
        1,
        ("{ws}/栏目.yaml", "chengxiang-guihua-999"),
        lambda ws: column_map(ws, "  - chengxiang-guihua-002\n", "  - chengxiang-guihua-999\n"),
    ),
    Case(
        "columns-cycle",
        COLUMNS,
        "栏目的上级形成循环",
        ("columns", "check", "{ws}/栏目.yaml"),
        1,
        ("{ws}/栏目.yaml", "jczwgk"),
        lambda ws: column_map(
            ws,
            "- id: jczwgk\n  name: 基层政务公开\n",
            "- id: jczwgk\n  name: 基层政务公开\n  parent: chengxiang-guihua\n",
        ),
    ),
    Case(
        "columns-duplicate",
        COLUMNS,
        "两个栏目同一个编码",
        ("columns", "check", "{ws}/栏目.yaml"),
        1,
        ("{ws}/栏目.yaml", "chengxiang-guihua-001"),
        lambda ws: column_map(ws, "- id: chengxiang-guihua-005\n", "- id: chengxiang-guihua-001\n"),
    ),
    Case(
        "columns-syntax",
        COLUMNS,
        "对照表语法错误",
        ("columns", "check", "{ws}/栏目.yaml"),
        2,
        ("{ws}/栏目.yaml,第4行第8列", "方括号列表没有闭合"),
        lambda ws: column_map(ws, "catalogue: national\n", "catalogue: [national\n"),
    ),
    Case(
        "columns-duplicate-key",
        COLUMNS,
        "对照表重复的键",
        ("columns", "tree", "{ws}/栏目.yaml"),
        2,
        ("{ws}/栏目.yaml", "第4行"),
        lambda ws: column_map(ws, "catalogue: national\n", "catalogue: national\ncatalogue: national\n"),
    ),
    Case(
        "columns-impossible-date",
        COLUMNS,
        "对照表里不存在的日期",
        ("columns", "check", "{ws}/栏目.yaml"),
        2,
        ("{ws}/栏目.yaml", "2026-02-30"),
        lambda ws: column_map(ws, "catalogue: national\n", "catalogue: national\nwebsite: 2026-02-30\n"),
    ),
    Case(
        "columns-unknown-catalogue",
        COLUMNS,
        "对照表指向不存在的目录",
        ("columns", "check", "{ws}/栏目.yaml"),
        2,
        ("nowhere",),
        lambda ws: column_map(ws, "catalogue: national\n", "catalogue: nowhere\n"),
    ),
    Case(
        "columns-missing-map",
        COLUMNS,
        "对照表文件不存在",
        ("columns", "tree", "{ws}/没有.yaml"),
        2,
        ("{ws}/没有.yaml",),
    ),
    Case(
        "columns-map-is-list",
        COLUMNS,
        "对照表顶层是列表",
        ("columns", "export", "{ws}/栏目.yaml", "-o", "{ws}/栏目.csv"),
        2,
        ("{ws}/栏目.yaml",),
        write("栏目.yaml", "- 甲\n- 乙\n"),
    ),
    Case(
        "columns-deep-tree",
        COLUMNS,
        "columns tree 1000 层的栏目链",
        ("columns", "tree", "{ws}/栏目.yaml"),
        0,
        ("栏目999 [c999] /c999/",),
        deep_map(1000),
    ),
    Case(
        "columns-deep-export",
        COLUMNS,
        "columns export 1000 层的栏目链",
        ("columns", "export", "{ws}/栏目.yaml", "-o", "{ws}/栏目.xlsx"),
        0,
        ("已写入 {ws}/栏目.xlsx",),
        deep_map(1000),
        unchanged=False,
    ),
    Case(
        "columns-generate-onto-map",
        COLUMNS,
        "columns generate -o 已有文件是文件夹",
        ("columns", "generate", "-o", "{ws}/栏目"),
        2,
        ("{ws}/栏目",),
        lambda ws: (ws.root / "栏目").mkdir(),
    ),
    Case(
        "inspect-missing-site-folder",
        COLUMNS,
        "inspect 保存网站的文件夹不存在",
        ("inspect", "{ws}/没有的网站", "--columns", "{ws}/栏目.yaml"),
        2,
        ("{ws}/没有的网站", "不是网址,也不是保存网站的文件夹"),
        write("栏目.yaml", INSPECT_MAP.read_text(encoding="utf-8")),
    ),
    Case(
        "inspect-missing-column-map",
        COLUMNS,
        "inspect 栏目对照表不存在",
        ("inspect", "{ws}", "--columns", "{ws}/没有.yaml"),
        2,
        ("{ws}/没有.yaml", "栏目对照表文件不存在"),
    ),
]


CASES = (
    RELEASE_CASES
    + YAML_CASES
    + ID_CASES
    + TEXT_CASES
    + PATH_CASES
    + LOCK_CASES
    + ARG_CASES
    + TABLE_CASES
    + AUDIT_CASES
    + COLUMN_CASES
)
