"""Site benchmark: build the national site and a synthetic site 10× larger, generation and mkdocs timed apart.

``python benchmarks/bench_site.py [--scale 10]`` prints, for each site, the pages, the generation step
(gpcatalog writing the mkdocs project, downloads and JSON API), ``mkdocs build --strict``, and the share of
generation in the total. Targets: generation under 20% of the total; the national site under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import gpcatalog
from gpcatalog.site import generate_project
from gpcatalog.site.build import run_mkdocs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import build as replicate


def measure(
    name: str, reference: str | None, catalogue: gpcatalog.Catalogue | None, root: Path
) -> tuple[str, int, float, float]:
    start = time.perf_counter()
    project = generate_project(reference, root / name / "project", catalogue=catalogue)
    generated = time.perf_counter() - start
    built = run_mkdocs(project, root / name / "site")
    pages = sum(1 for _ in (root / name / "site").rglob("index.html"))
    return name, pages, generated, built


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args(argv[1:])
    larger = gpcatalog.Catalogue.model_validate(replicate(args.scale))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rows = [
            measure("国家目录", None, None, root),
            measure(f"合成目录(×{args.scale})", "synthetic", larger, root),
        ]
    print("| 网站 | 页面 | 生成(秒) | mkdocs build(秒) | 合计(秒) | 生成占比(目标 < 20%) |")
    print("|---|---|---|---|---|---|")
    for name, pages, generated, built in rows:
        total = generated + built
        print(
            f"| {name} | {pages:,} | {generated:.1f} | {built:.1f} | {total:.1f} | {100 * generated / total:.0f}% |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
