"""Print the table of the hostile corpus: class, count, held today, waiting for which helper's fix.

``python -m tests.hostile.table`` (add ``--cases`` for one line per case). "Held" counts the cases that are not
marked as waiting; run ``pytest tests/hostile`` to see that they pass (and that the waiting ones still fail).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from tests.hostile.cases import CASES


def table() -> str:
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    waiting: dict[str, Counter[str]] = defaultdict(Counter)
    for case in CASES:
        kinds[case.kind][0] += 1
        if case.waits is None:
            kinds[case.kind][1] += 1
        else:
            waiting[case.kind][case.waits] += 1
    lines = ["| 类别 | 用例数 | 今天通过 | 待修复(分支:数量) |", "| --- | ---: | ---: | --- |"]
    for kind, (count, held) in kinds.items():
        wait = "、".join(f"{helper}:{n}" for helper, n in sorted(waiting[kind].items())) or "—"
        lines.append(f"| {kind} | {count} | {held} | {wait} |")
    total = len(CASES)
    held = sum(1 for c in CASES if c.waits is None)
    helpers = Counter(c.waits for c in CASES if c.waits)
    lines.append(
        f"| 合计 | {total} | {held} | " + "、".join(f"{h}:{n}" for h, n in sorted(helpers.items())) + " |"
    )
    return "\n".join(lines)


def cases() -> str:
    return "\n".join(
        f"{c.id}\t{c.kind}\t{c.exit}\t{c.waits or '通过'}\t{c.what}\tgpcatalog {' '.join(c.args)}"
        for c in CASES
    )


if __name__ == "__main__":
    print(cases() if "--cases" in sys.argv else table())
