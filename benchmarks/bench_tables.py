"""Table benchmark: export and import a 10,000-row workbook, beside a plain pandas.read_excel of the same file.

``python benchmarks/bench_tables.py [--copies 35]`` builds a catalogue of about 10,000 rows from the national one
(each domain's item tree repeated with fresh ids), then prints, best of 3:

- gpcatalog.export_table to xlsx (target under 5 s);
- gpcatalog.read_table of that workbook, checks included (target under 3 s);
- pandas.read_excel(sheet_name=None) of the same file with its default engine (openpyxl), values only: the
  baseline a script would start from;
- whether the imported catalogue equals the exported one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import gpcatalog
from gpcatalog.tables import export_table, read_table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import build


def best_of(runs: int, func: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=35)
    args = parser.parse_args(argv[1:])
    catalogue = gpcatalog.Catalogue.model_validate(build(args.copies))
    rows = sum(len(d.leaves()) for d in catalogue.domains)
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "目录.xlsx"
        export_time, _ = best_of(3, export_table, catalogue, path)
        import_time, result = best_of(3, read_table, path, catalogue_id=catalogue.id)
        pandas_time, frames = best_of(3, pd.read_excel, path, sheet_name=None, engine="openpyxl")
        size = path.stat().st_size
    same = result.catalogue == catalogue
    print(f"工作簿:{rows:,} 行事项,{len(catalogue.domains)} 个工作表,{size / 1e6:.1f} MB")
    print()
    print("| | 秒 |")
    print("|---|---|")
    print(f"| gpcatalog 导出 xlsx(目标 < 5 s) | {export_time:.2f} |")
    print(f"| gpcatalog 导入(含校验;目标 < 3 s) | {import_time:.2f} |")
    print(f"| pandas.read_excel(openpyxl,只读值) | {pandas_time:.2f} |")
    print(f"| 导入 / pandas | {import_time / pandas_time:.2f}× |")
    print()
    print(
        f"pandas 读到 {sum(len(f) for f in frames.values()):,} 行;导入结果与导出的目录{'相同' if same else '不同'}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
