"""Load benchmark: gpcatalog load + validate against a raw parse of the same files, measured in the same run.

``python benchmarks/bench_load.py`` (or ``make bench``) generates the synthetic province if it is missing
(benchmarks/generate.py: 100 counties × 26 domains), then prints a small table:

- raw parse: PyYAML's C loader on every file, nothing else;
- gpcatalog.validate: read, build the model, parse 时限/依据 and check every rule;
- their ratio (target: at most 2×) and items per second.

Start-up time is measured by benchmarks/bench_import.py.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import yaml

import gpcatalog

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "province"


def raw_parse(folders: list[Path]) -> int:
    count = 0
    for folder in folders:
        for path in [folder / "catalogue.yaml", *sorted((folder / "domains").glob("*.yaml"))]:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
            count += 1
    return count


def gpcatalog_validate(folders: list[Path]) -> int:
    items = 0
    for folder in folders:
        report = gpcatalog.validate(folder)
        assert report.ok, report.errors()[:3]
        items += report.items
    return items


def best_of(runs: int, func, *args):  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    if not DATA.is_dir():
        subprocess.run([sys.executable, str(HERE / "generate.py")], check=True)
    folders = sorted(p for p in DATA.iterdir() if (p / "catalogue.yaml").is_file())
    raw_seconds, files = best_of(3, raw_parse, folders)
    ours_seconds, items = best_of(3, gpcatalog_validate, folders)
    print(f"数据:{len(folders)} 个目录,{files} 个文件,{items} 个事项(3 次取最快)")
    print(f"{'测量':<34}{'秒':>10}")
    print(f"{'PyYAML C 解析(基线)':<30}{raw_seconds:>10.2f}")
    print(f"{'gpcatalog.validate(读取+建模+校验)':<28}{ours_seconds:>10.2f}")
    print(f"{'比值(目标 ≤ 2.0)':<32}{ours_seconds / raw_seconds:>10.2f}")
    print(f"{'每秒事项数':<33}{items / ours_seconds:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
