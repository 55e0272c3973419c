"""``gpcatalog show`` of an item a later version removed: when and by which record, exit code 1 (the id is real
but the catalogue holds no such item: nothing may use the output as an item); an id never used stays exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import LATEST, NEXT, invoke, release_removal


def test_show_of_a_removed_item_says_when_and_by_which_record(package: Path) -> None:
    release_removal(package)
    code, out = invoke("show", "yanglao-fuwu-013", "-c", str(package))
    assert code == 1, out
    assert out.splitlines() == [
        f"事项 yanglao-fuwu-013“养老机构评估信息”已于 {NEXT} 删除,调整记录 2026-005",
        f"  版本 {NEXT} 发布于 2026-12-02",
        "  调整记录 2026-005(纠错):养老机构评估信息并入备案信息公开,删去该事项(示例)",
        "  原位置:养老服务 > (名称不可见)",
        f"  删除前的内容:gpcatalog show yanglao-fuwu-013 -c {package}@{LATEST}",
    ]
    code, out = invoke("show", "yanglao-fuwu-013", "-c", str(package), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["version"], data["date"], data["records"], data["type"]) == (
        NEXT,
        "2026-12-02",
        ["2026-005"],
        "removed",
    )
    code, out = invoke("show", "yanglao-fuwu-013", "-c", f"{package}@{LATEST}")
    assert code == 0 and out.startswith("事项 yanglao-fuwu-013:养老机构评估信息\n")
    code, out = invoke("show", "yanglao-fuwu-999", "-c", str(package))
    assert code == 2
    assert "没有编号为“yanglao-fuwu-999”的事项" in out
