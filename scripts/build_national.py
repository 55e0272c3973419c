"""Build catalogues/national/domains/*.yaml from the reference tables in ../shared/reference/domains/.

It built the first version, ``national@2019.1``. Once a version is released the working copy changes only
through adjustment records (``adjustments.yaml``, ``gpcatalog release``), so this script refuses to run over a
package with a history. Usage: ``python scripts/build_national.py [REFERENCE_DIR]``. Every reference row
becomes one 二级事项 under its 一级事项 (consecutive rows of the same source and 一级事项 share one parent, as the
merged cells of the published table do). Ids are assigned in document order and must never be reassigned once
released: this script refuses to overwrite a domain file whose ids it would change.

Nothing is invented: nulls stay null, each row keeps its source URL, the reference notes are carried over
verbatim, and what the notes say about completeness comes from ``national_completeness.yaml`` beside this file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from gpcatalog.model import Domain
from gpcatalog.parsing.channels import resolve_channel
from gpcatalog.store.package import write_domain

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "catalogues" / "national" / "domains"


def _caveats(row: dict[str, Any]) -> list[str]:
    notes: list[str] = []
    text = yaml.safe_dump(row, allow_unicode=True)
    if "摘录截断" in text or "…" in text:
        notes.append("来源摘录在此行截断,部分字段不完整。")
    if row.get("level1") is None:
        notes.append("一级事项单元格在来源中不可见。")
    if row.get("level2") is None:
        notes.append("二级事项名称在来源中不可见。")
    ticks = [row.get(key) or {} for key in ("audience", "mode", "level")]
    if all(value is None for group in ticks for value in group.values()):
        notes.append("公开对象、公开方式、公开层级的勾选在来源中无法读出。")
    return notes


def _channels(row: dict[str, Any], caveats: list[str]) -> tuple[list[str] | None, list[str]]:
    raw = row.get("channels")
    if raw is None:
        return None, []
    out: list[str] = []
    extras: list[str] = []
    for name in raw:
        standard = resolve_channel(name)
        if standard is None:
            out.append(name)
            extras.append(name)
            continue
        if standard.value != name:
            caveats.append(f"渠道“{name}”按标准渠道“{standard.value}”记录。")
        out.append(standard.value)
    return out, extras


def build_domain(path: Path, number: int, completeness: dict[str, Any]) -> dict[str, Any]:
    """Return the domain file content (a plain dict in file order) for one reference file."""
    ref = yaml.safe_load(path.read_text(encoding="utf-8"))
    code = path.stem.split("-", 1)[1]
    counter = 0

    def next_id() -> str:
        nonlocal counter
        counter += 1
        return f"{code}-{counter:03d}"

    items: list[dict[str, Any]] = []
    extra_channels: list[str] = []
    parent: dict[str, Any] | None = None
    parent_key: tuple[Any, Any] | None = None
    for row in ref["items"]:
        key = (row.get("level1"), row.get("source"))
        if parent is None or key != parent_key:
            parent = {"id": next_id(), "name": row.get("level1"), "children": []}
            if row.get("level1") is None:
                parent["caveats"] = ["一级事项单元格在来源中不可见。"]
            items.append(parent)
            parent_key = key
        caveats = _caveats(row)
        channels, extras = _channels(row, caveats)
        extra_channels.extend(e for e in extras if e not in extra_channels)
        leaf: dict[str, Any] = {"id": next_id(), "name": row.get("level2"), "seq": row.get("seq")}
        leaf["contents"] = row.get("content")
        leaf["basis"] = row.get("basis")
        leaf["deadline"] = row.get("deadline")
        leaf["subject"] = row.get("subject")
        leaf["channels"] = channels
        leaf["audience"] = row["audience"]
        leaf["mode"] = row["mode"]
        leaf["levels"] = row["level"]
        leaf["source"] = row.get("source")
        if caveats:
            leaf["caveats"] = caveats
        parent["children"].append(leaf)

    guideline = dict(ref.get("national_guideline") or {})
    return {
        "code": code,
        "number": number,
        "name": ref["domain"],
        "guideline": guideline,
        "sources": ref.get("sources") or [],
        "completeness": completeness,
        "notes": ref.get("notes"),
        "extra_channels": extra_channels,
        "items": items,
    }


def _ids(data: dict[str, Any]) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            found.append((node["id"], node.get("seq")))
            walk(node.get("children", []))

    walk(data.get("items", []))
    return found


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference" / "domains"
    if (OUT.parent / "history.yaml").exists():
        print(
            "拒绝重建:国家目录已有发布版本(history.yaml)。参考表的新事实请写成调整记录(adjustments.yaml),"
            "修改工作副本后用 gpcatalog release 发布。",
            file=sys.stderr,
        )
        return 1
    curated = yaml.safe_load((HERE / "national_completeness.yaml").read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted(reference.glob("*.yaml")):
        number = int(path.stem.split("-", 1)[0])
        code = path.stem.split("-", 1)[1]
        data = build_domain(path, number, curated[code])
        target = OUT / path.name
        if target.exists():
            old = yaml.safe_load(target.read_text(encoding="utf-8"))
            if _ids(old) != _ids(data):
                print(f"拒绝覆盖 {target.name}:重新生成会改变已分配的事项编号。", file=sys.stderr)
                return 1
        write_domain(target, Domain.model_validate(data))
        print(f"{target.relative_to(ROOT)}: {len(_ids(data))} 个节点")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
