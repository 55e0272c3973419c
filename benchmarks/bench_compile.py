"""Derived-catalogue benchmark: compile 1,000 synthetic county overlays over the national base, beside loading
the same 1,000 catalogues fully materialised (catalogue.yaml + 26 domain files each), in the same run.

``python benchmarks/bench_compile.py [--count 1000]``: each overlay changes the 主体 of 5 items, removes 3 and adds
2 (seeded). The base is loaded once and shared, as a county system compiling its townships would. Target:
compiling costs no more than 1.5× loading.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import gpcatalog
from gpcatalog.derived import compile_catalogue
from gpcatalog.loading import load as load_catalogue
from gpcatalog.store.package import write_package
from gpcatalog.store.yamlio import dump_yaml


def overlay(rng: random.Random, leaves: list[str], number: int) -> dict[str, object]:
    chosen = rng.sample(leaves, 8)
    return {
        "modify": [
            {"item": i, "set": {"subject": f"第{number}县民政局"}, "reason": "本县主体"} for i in chosen[:5]
        ],
        "remove": [{"item": i, "reason": "本县不适用"} for i in chosen[5:]],
        "add": [
            {
                "domain": "shehui-jiuzhu",
                "parent": "shehui-jiuzhu-001",
                "after": None,
                "item": {
                    "id": f"bendi-{number}-{k}",
                    "name": f"本县事项{k}",
                    "basis": ["《社会救助暂行办法》"],
                },
            }
            for k in range(2)
        ],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv[1:])
    rng = random.Random(7)
    base = gpcatalog.load()
    leaves = [i.id for i in base.items() if i.is_leaf and not i.id.startswith("shehui-jiuzhu")]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        derived = []
        for number in range(args.count):
            package = root / f"derived-{number}"
            package.mkdir()
            meta = {
                "id": f"county-{number}",
                "title": f"第{number}县目录",
                "version": "1",
                "scope": "county",
                "base": "national",
            }
            (package / "catalogue.yaml").write_text(dump_yaml(meta), encoding="utf-8")
            (package / "overlay.yaml").write_text(dump_yaml(overlay(rng, leaves, number)), encoding="utf-8")
            derived.append(package)
        start = time.perf_counter()
        compiled = [compile_catalogue(p, base=base) for p in derived]
        compile_time = time.perf_counter() - start
        assert all(c.report.ok for c in compiled), compiled[0].report.errors()[:2]
        materialised = []
        for number, result in enumerate(compiled):
            target = root / f"full-{number}"
            write_package(result.catalogue.model_copy(update={"base": None}), target)
            materialised.append(target)
        start = time.perf_counter()
        loaded = [load_catalogue(p) for p in materialised]
        load_time = time.perf_counter() - start
    same = all(
        a.catalogue.model_copy(update={"base": None}) == b for a, b in zip(compiled, loaded, strict=True)
    )
    print(f"派生目录:{args.count} 个,每个 5 处修改、3 处删除、2 处新增,基于国家目录(452 个事项)")
    print()
    print("| | 总秒数 | 每个目录(毫秒) |")
    print("|---|---|---|")
    print(f"| 载入完整展开的目录包(27 个文件) | {load_time:.2f} | {1000 * load_time / args.count:.1f} |")
    print(f"| 编译派生目录(基础目录共用) | {compile_time:.2f} | {1000 * compile_time / args.count:.1f} |")
    print(f"| 编译 / 载入(目标 ≤ 1.5×) | {compile_time / load_time:.2f}× | |")
    print()
    print(f"编译结果与载入的完整目录{'相同' if same else '不同'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
