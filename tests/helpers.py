"""What the tests share: the real bundled catalogue and its cell strings, running the CLI as a user does, and the
hypothesis strategies that generate edits of the real catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import gpcatalog
from gpcatalog.model import Channel

ROOT = Path(__file__).resolve().parents[1]


NATIONAL = ROOT / "catalogues" / "national"


REFERENCE = ROOT.parent / "shared" / "reference" / "domains"


def _versions() -> tuple[str, str]:
    import yaml

    history = yaml.safe_load((NATIONAL / "history.yaml").read_text(encoding="utf-8"))
    latest = str(history["versions"][-1]["version"])
    year, number = latest.split(".")
    return latest, f"{year}.{int(number) + 1}"


LATEST, NEXT = _versions()
"""The latest version national has released (from its history.yaml, e.g. "2026.2") and the one after it, in the
same year ("2026.3"): what a test releases from a copy of the bundled package."""


def _national() -> gpcatalog.Catalogue:
    return gpcatalog.load()


NATIONAL_CATALOGUE = _national()


def leaves() -> list[gpcatalog.Item]:
    """Every 二级事项 of the bundled national catalogue: 292, the 291 rows of the reference tables and the one 2026.2 added."""
    return [item for domain in NATIONAL_CATALOGUE.domains for item in domain.leaves()]


def deadline_texts() -> list[str]:
    """Every distinct 公开时限 cell of the national catalogue, as published."""
    return sorted({item.deadline.text for item in leaves() if item.deadline is not None})


def basis_texts() -> list[str]:
    """Every distinct 公开依据 entry of the national catalogue, as published."""
    return sorted({b.text for item in leaves() for b in item.basis or []})


def invoke(*args: str) -> tuple[int, str]:
    """Run ``python -m gpcatalog`` in a subprocess: real exit code, real stdout and stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "gpcatalog", *args], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """Run ``gpcatalog.cli.main`` in this process as the console script does (not click's standalone mode):
    exit code and stdout + stderr. Faster than :func:`invoke`; an exception that escapes fails the test."""
    from click.testing import CliRunner

    from gpcatalog.cli import main

    with CliRunner().isolation(input=stdin) as (_stdout, _stderr, output):
        code = main(list(args))
    return code, output.getvalue().decode("utf-8", errors="replace")


def add_recorded_change(package: Path) -> None:
    """Change one item of the package's working copy (the subject of shehui-jiuzhu-002) and add the adjustment
    record 2026-901 that accounts for it: the package can then be released."""
    import yaml

    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "subject: 县级政府民政部门、乡镇政府(街道办事处)", "subject: 县民政局", 1
        ),
        encoding="utf-8",
    )
    adjustments = package / "adjustments.yaml"
    data = yaml.safe_load(adjustments.read_text(encoding="utf-8"))
    data["records"].append(
        {
            "id": "2026-901",
            "date": "2026-12-01",
            "proposer": "县民政局",
            "reason": "其他",
            "summary": "主体写作县民政局(示例)",
            "example": True,
            "changes": [{"type": "modified", "item": "shehui-jiuzhu-002", "field": "subject"}],
        }
    )
    adjustments.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (hidden ones too) with the SHA-256 of each file's bytes: to show
    that a package or an output is exactly as it was, or exactly as a complete write leaves it."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "(dir)"
        for p in sorted(folder.rglob("*"))
    }


# --- workbooks as a clerk edits them ------------------------------------------------------------------------------


def export(package: Path | str, path: Path, **options: Any) -> Path:
    """Export ``package`` (a folder or a reference such as ``national@2019.1``) as the clerk's workbook."""
    gpcatalog.export_table(gpcatalog.load(package), path, **options)
    return path


def sheet_columns(sheet: Any) -> dict[str, int]:
    """Header text → column number, from the two header rows (a sub-header wins: 一级事项, 二级事项)."""
    found: dict[str, int] = {}
    for column in range(1, sheet.max_column + 1):
        for row in (2, 3):
            value = sheet.cell(row, column).value
            if isinstance(value, str):
                found[value] = column
    return found


def row_of(sheet: Any, item_id: str) -> int:
    """The row whose hidden 事项编号 cell holds ``item_id``."""
    column = sheet_columns(sheet)["事项编号"]
    rows = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, column).value == item_id]
    assert len(rows) == 1, (item_id, rows)
    return rows[0]


def set_cell(workbook: Path, sheet_name: str, item_id: str, header: str, value: str) -> None:
    """Type ``value`` into the ``header`` cell of the row of ``item_id``, as a clerk does, and save."""
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    sheet = book[sheet_name]
    cell = sheet.cell(row_of(sheet, item_id), sheet_columns(sheet)[header])
    assert cell.value is not None and cell.value != value
    cell.value = value
    book.save(workbook)


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files and folders of a package that are new, gone or different."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


# --- strategies ---------------------------------------------------------------------------------------------------


_BASE = gpcatalog.load()


BASE = _BASE.model_copy(update={"domains": _BASE.domains[14:20]})  # 救灾 … 养老服务: 6 domains


FIELD_VALUES = {
    "subject": st.sampled_from(["县民政局", "乡镇人民政府", None]),
    "deadline": st.sampled_from(["信息形成或变更之日起20个工作日内", "实时公开", "每年1月底前", None]),
    "basis": st.sampled_from([["《中华人民共和国政府信息公开条例》(国务院令第711号)"], [], None]),
    "contents": st.lists(st.sampled_from(["政策文件", "办理流程", "咨询电话", "结果公示"]), max_size=3),
    "channels": st.lists(
        st.sampled_from(["政府网站", "政务服务中心", "公开查阅点", "便民服务站"]), unique=True
    ),
    "levels": st.fixed_dictionaries(
        {"county": st.sampled_from([True, False, None]), "township": st.booleans()}
    ),
    "seq": st.integers(min_value=1, max_value=40),
}


OPERATIONS = (
    "rename",
    "modify",
    "move",
    "remove",
    "add",
    "reorder-domains",
    "domain-notes",
    "title",
    "add-domain",
    "drop-domain",
)


@st.composite
def edited(draw: st.DrawFn) -> gpcatalog.Catalogue:
    data = BASE.model_dump(mode="json")
    counter = 0
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        operation = draw(st.sampled_from(OPERATIONS))
        domains = data["domains"]
        domain = domains[draw(st.integers(0, len(domains) - 1))]
        containers = [domain["items"]] + [
            i["children"] for i in domain["items"] if i.get("children") is not None
        ]
        container = draw(st.sampled_from(containers))
        if operation == "add-domain":
            counter += 1
            domains.insert(
                draw(st.integers(0, len(domains))),
                {
                    "code": f"xin-lingyu-{counter}",
                    "name": f"新领域{counter}",
                    "items": [{"id": f"xin-{counter}", "name": "甲", "children": []}],
                },
            )
        elif operation == "drop-domain" and len(domains) > 1:
            domains.remove(domain)
        elif operation == "reorder-domains":
            domains.insert(draw(st.integers(0, len(domains) - 1)), domains.pop(0))
        elif operation == "domain-notes":
            domain["notes"] = draw(st.sampled_from(["补充说明", None]))
        elif operation == "title":
            data["title"] = draw(st.sampled_from(["某县基层政务公开标准目录", data["title"]]))
        elif operation == "add":
            counter += 1
            container.insert(
                draw(st.integers(0, len(container))),
                {"id": f"{domain['code']}-8{counter:02d}", "name": f"新增事项{counter}", "children": []},
            )
        elif not container:
            continue
        else:
            item = container[draw(st.integers(0, len(container) - 1))]
            if operation == "rename":
                item["name"] = draw(st.sampled_from(["改名的事项", None, item["name"]]))
            elif operation == "modify":
                field = draw(st.sampled_from(sorted(FIELD_VALUES)))
                item[field] = draw(FIELD_VALUES[field])
            elif operation == "remove":
                container.remove(item)
            elif operation == "move":
                container.remove(item)
                target_domain = domains[draw(st.integers(0, len(domains) - 1))]
                targets = [target_domain["items"]]
                if not item.get("children"):
                    targets += [i["children"] for i in target_domain["items"] if i is not item]
                target = draw(st.sampled_from(targets))
                target.insert(draw(st.integers(0, len(target))), item)
    return gpcatalog.Catalogue.model_validate(data)


@st.composite
def tabular(draw: st.DrawFn) -> gpcatalog.Catalogue:
    """Generated valid catalogues in what a table can hold: an empty list of contents or basis is a blank cell;
    a local channel carried into another domain by a move is declared there."""
    catalogue = draw(edited())
    standard = {str(c) for c in Channel}
    for domain in catalogue.domains:
        for _depth, item in domain.walk():
            item.contents = item.contents or None
            item.basis = item.basis or None
            for channel in item.channels or []:
                if str(channel) not in standard and channel not in domain.extra_channels:
                    domain.extra_channels.append(str(channel))
    return catalogue


_texts = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=12
)


@st.composite
def items(draw: st.DrawFn, depth: int = 0) -> dict[str, object]:
    number = draw(st.integers(min_value=1, max_value=999))
    item: dict[str, object] = {"id": f"x-{depth}-{number}", "name": draw(st.one_of(st.none(), _texts))}
    if depth < 1:
        item["children"] = draw(st.lists(items(depth + 1), max_size=3, unique_by=lambda i: i["id"]))
    else:
        item["deadline"] = draw(st.one_of(st.none(), st.sampled_from(deadline_texts())))
        item["basis"] = draw(st.one_of(st.none(), st.lists(st.sampled_from(basis_texts()), max_size=3)))
        item["channels"] = draw(
            st.one_of(st.none(), st.lists(st.sampled_from(["政府网站", "两微一端", "其他"]), max_size=3))
        )
        item["audience"] = {"society": draw(st.one_of(st.none(), st.booleans()))}
        item["contents"] = draw(st.one_of(st.none(), st.lists(_texts, max_size=3)))
    return item


# --- a package that released a removal ---------------------------------------------------------------------------


REMOVAL_RECORD = {
    "id": "2026-005",
    "date": "2026-12-02",
    "proposer": "县政务公开办",
    "approver": "县人民政府办公室",
    "approval_doc": "示例〔2026〕1号",
    "reason": "纠错",
    "summary": "养老机构评估信息并入备案信息公开,删去该事项(示例)",
    "example": True,
    "changes": [{"type": "removed", "item": "yanglao-fuwu-013"}],
}
"""The record of :func:`release_removal`: :data:`NEXT` (2026.3) removes 养老机构评估信息 (yanglao-fuwu-013), with the
first record id national has not used (2026-005: 2026-001 to 2026-004 are in its adjustments.yaml)."""


def release_removal(package: Path, item_id: str = "yanglao-fuwu-013", version: str = NEXT) -> None:
    """Remove ``item_id`` from the working copy of ``package`` (a copy of national) and release ``version``
    (:data:`NEXT`, 2026.3) on 2026-12-02 with the record :data:`REMOVAL_RECORD` (record 2026-005)."""
    import datetime as dt

    import yaml

    from gpcatalog.store.package import domain_file_name, write_domain

    catalogue = gpcatalog.load(package)
    domain, path = catalogue.locate(item_id)
    siblings = path[-2].children if len(path) > 1 else domain.items
    siblings.remove(path[-1])
    write_domain(package / "domains" / domain_file_name(domain), domain)
    adjustments = package / "adjustments.yaml"
    records = yaml.safe_load(adjustments.read_text(encoding="utf-8"))["records"]
    records.append({**REMOVAL_RECORD, "changes": [{"type": "removed", "item": item_id}]})
    adjustments.write_text(
        yaml.safe_dump({"records": records}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    gpcatalog.release(package, version, date=dt.date(2026, 12, 2))
