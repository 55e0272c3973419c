"""Audit benchmark: 1,000,000 synthetic publication records against the national default column map.

``python benchmarks/bench_audit.py [--records 1000000]`` writes a CSV of records (columns drawn from the map, one
in a thousand in a column the map does not know, formation dates over 2025–2026, publication 0–45 days later),
then prints, in the same run:

- pandas.read_csv of the file (the baseline a script would start from);
- gpcatalog end to end: read_records (header mapping, date parsing) + audit (working-day deadlines for every
  record, per-column and per-domain summaries); target under 10 s;
- records per second, and the audit's own figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import gpcatalog
from gpcatalog.columns import expand, read_map
from gpcatalog.timeliness import audit, read_records


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv[1:])
    import numpy as np
    import pandas as pd

    catalogue, column_map = gpcatalog.load(), read_map()
    columns = [c for c, ids in expand(column_map, catalogue).items() if ids] + ["lanmu-weizhi"]
    rng = np.random.default_rng(args.seed)
    weights = np.full(len(columns), 1.0)
    weights[-1] = len(columns) / 1000
    chosen = rng.choice(len(columns), size=args.records, p=weights / weights.sum())
    formed = np.datetime64("2025-01-01") + rng.integers(0, 669, size=args.records).astype("timedelta64[D]")
    published = formed + rng.integers(0, 46, size=args.records).astype("timedelta64[D]")
    frame = pd.DataFrame(
        {
            "栏目": np.array(columns, dtype=object)[chosen],
            "标题": [f"信息{i}" for i in range(args.records)],
            "网址": [f"http://www.example.gov.cn/{i}.html" for i in range(args.records)],
            "信息形成日期": formed.astype(str),
            "发布日期": published.astype(str),
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        size = path.stat().st_size
        del frame
        start = time.perf_counter()
        plain = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
        baseline = time.perf_counter() - start
        del plain
        start = time.perf_counter()
        result = audit(read_records(path), column_map, catalogue, late_limit=100)
        ours = time.perf_counter() - start
    print(f"发布记录:{args.records:,} 条,{size / 1e6:.0f} MB CSV;对照表 {len(column_map.columns)} 个栏目")
    print()
    print("| | 秒 | 条/秒 |")
    print("|---|---|---|")
    print(f"| pandas.read_csv(只读) | {baseline:.2f} | {args.records / baseline:,.0f} |")
    print(f"| gpcatalog 读入 + 时效检查(目标 < 10 s) | {ours:.2f} | {args.records / ours:,.0f} |")
    print(f"| 倍数 | {ours / baseline:.2f}× | |")
    print()
    print(
        f"可判断 {result.assessed:,} 条,超期 {result.late:,} 条,按时率 {result.compliance}%;"
        f"栏目不明 {result.unmapped_records:,} 条;超期未更新栏目 {len(result.stale_columns)} 个"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
