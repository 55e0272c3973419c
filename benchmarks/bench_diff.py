"""Diff benchmark: gpcatalog.diff against deepdiff on the same two catalogues, measured in the same run.

``python benchmarks/bench_diff.py [--copies 220] [--seed 7]`` builds two catalogues of about 100,000 items in
memory from the real national catalogue (each domain's item tree repeated ``--copies`` times with fresh ids),
plants 1 % changes in the second — renames, moves to another parent, field modifications, removals and
additions, in known numbers — and loads both independently (no shared objects). It then prints:

- gpcatalog.diff on the two Catalogue objects (best of 3; target under 1 s);
- deepdiff.DeepDiff on the same data as plain dicts (the YAML form), once;
- the ratio (target: at least 20×), and what each tool reports by kind: gpcatalog must find exactly the planted
  changes, typed; deepdiff sees a rename as a changed value and a move as items removed and added.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from collections import Counter
from typing import Any

import gpcatalog
from gpcatalog.changes import diff
from gpcatalog.store.package import domain_to_data


def build(copies: int) -> dict[str, Any]:
    """The national catalogue with every domain's items repeated ``copies`` times (ids made unique), in the form
    its YAML files have (时限 and 依据 as the text clerks wrote): what loading a package reads."""
    base = gpcatalog.load()
    data: dict[str, Any] = base.model_dump(mode="json", exclude={"domains"})
    data["domains"] = [domain_to_data(domain) for domain in base.domains]
    for domain in data["domains"]:
        original = domain["items"]
        items = []
        for copy_number in range(copies):
            clone = copy.deepcopy(original)
            stack = list(clone)
            while stack:
                item = stack.pop()
                item["id"] = f"{item['id']}-k{copy_number}"
                item.setdefault("children", [])
                stack.extend(item["children"])
            items.extend(clone)
        domain["items"] = items
    return data


def plant(data: dict[str, Any], rate: float, seed: int) -> tuple[dict[str, Any], Counter[str]]:
    """Return a copy of ``data`` with ``rate`` of its items changed, and the number of each kind planted."""
    rng = random.Random(seed)
    new = copy.deepcopy(data)
    parents = [item for domain in new["domains"] for item in domain["items"] if item["children"]]
    leaves = [(parent, child) for parent in parents for child in parent["children"]]
    total = sum(1 + len(p["children"]) for domain in new["domains"] for p in domain["items"])
    per_kind = int(total * rate) // 5
    chosen = rng.sample(leaves, per_kind * 4)
    renames, moves, edits, removals = (chosen[i * per_kind : (i + 1) * per_kind] for i in range(4))
    planted: Counter[str] = Counter()
    for _parent, item in renames:
        item["name"] = f"{item['name'] or '事项'}(调整后)"
        planted["renamed"] += 1
    for _parent, item in edits:
        item["subject"] = "县人民政府办公室"
        planted["modified"] += 1
    for parent, item in removals:
        parent["children"].remove(item)
        planted["removed"] += 1
    for parent, item in moves:
        parent["children"].remove(item)
        target = rng.choice([p for p in parents if p is not parent])
        target["children"].insert(rng.randrange(len(target["children"]) + 1), item)
        planted["moved"] += 1
    for number in range(per_kind):
        target = rng.choice(parents)
        target["children"].insert(
            rng.randrange(len(target["children"]) + 1),
            {"id": f"xinzeng-{number}", "name": f"新增事项{number}", "children": []},
        )
        planted["added"] += 1
    return new, planted


def deepdiff_kinds(result: Any) -> Counter[str]:
    return Counter({kind: len(entries) for kind, entries in result.items()})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=220)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=0.01)
    args = parser.parse_args(argv[1:])

    old_data = build(args.copies)
    new_data, planted = plant(old_data, args.rate, args.seed)
    old = gpcatalog.Catalogue.model_validate(old_data)
    new = gpcatalog.Catalogue.model_validate(new_data)
    items = sum(1 for _ in old.items())
    print(f"目录:{items:,} 个事项 → {sum(1 for _ in new.items()):,} 个事项;植入变化 {dict(planted)}")

    times = []
    result = None
    for _ in range(3):
        start = time.perf_counter()
        result = diff(old, new)
        times.append(time.perf_counter() - start)
    assert result is not None
    ours = min(times)
    found = Counter(c.type.value for c in result.changes if c.target.value == "item")
    exact = found == planted

    from deepdiff import DeepDiff

    start = time.perf_counter()
    theirs_result = DeepDiff(old_data, new_data)
    theirs = time.perf_counter() - start
    kinds = deepdiff_kinds(theirs_result)

    print()
    print("| | 秒 |")
    print("|---|---|")
    print(f"| gpcatalog.diff(最好 3 次) | {ours:.3f} |")
    print(f"| deepdiff.DeepDiff(同一数据的 dict,1 次) | {theirs:.3f} |")
    print(f"| 倍数(目标 ≥ 20×) | {theirs / ours:.1f}× |")
    print()
    print(f"gpcatalog 报告:{dict(found)};与植入的变化{'完全一致' if exact else '不一致'}")
    print(f"deepdiff 报告:{dict(kinds)}(共 {sum(kinds.values()):,} 条)")
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
