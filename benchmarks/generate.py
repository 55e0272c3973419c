"""Synthetic province-scale data: N county catalogues derived from the bundled national one with local edits.

``python benchmarks/generate.py [--counties 100] [--extra 3] [--out benchmarks/data/province]`` writes one
catalogue package per county. Each county renames its 公开主体, drops a few rows, renames a few items and
adds local 二级事项 under every 一级事项 (``--extra`` under each 一级事项), so that the default run
holds about 100,000 items.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import gpcatalog
from gpcatalog.model import Catalogue, Item, Scope
from gpcatalog.store.atomic import write_atomic
from gpcatalog.store.package import write_domain
from gpcatalog.store.yamlio import dump_yaml

HERE = Path(__file__).resolve().parent


def derive(national: Catalogue, number: int, extra: int, rng: random.Random) -> Catalogue:
    """Return a county catalogue derived from ``national`` with random local edits."""
    county = national.model_copy(deep=True)
    county.id = f"county-{number:03d}"
    county.title = f"某省第{number}县基层政务公开标准目录(合成数据)"
    county.scope = Scope.COUNTY
    for domain in county.domains:
        serial = 0
        for parent in domain.items:
            kept: list[Item] = []
            for leaf in parent.children:
                if rng.random() < 0.03:
                    continue  # dropped: does not apply locally
                if rng.random() < 0.05 and leaf.name:
                    leaf.name = leaf.name + "(本县)"
                leaf.subject = f"第{number}县{domain.name}主管部门"
                kept.append(leaf)
            template = kept or parent.children
            for _ in range(extra):
                serial += 1
                base = rng.choice(template) if template else None
                local = (base or parent).model_copy(deep=True)
                local.id = f"{domain.code}-l{serial:04d}"
                local.name = f"本地事项{serial}"
                local.children = []
                kept.append(local)
            parent.children = kept
    return county


def write_package(catalogue: Catalogue, folder: Path) -> None:
    """Write ``catalogue`` as a package folder (catalogue.yaml + domains/)."""
    if folder.exists():
        shutil.rmtree(folder)
    meta = catalogue.model_dump(mode="json", exclude={"domains"}, exclude_defaults=True)
    write_atomic(folder / "catalogue.yaml", dump_yaml(meta))
    for domain in catalogue.domains:
        write_domain(folder / "domains" / f"{domain.number:02d}-{domain.code}.yaml", domain)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--extra", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--out", type=Path, default=HERE / "data" / "province")
    args = parser.parse_args(argv)
    national = gpcatalog.load()
    rng = random.Random(args.seed)
    total = 0
    for number in range(1, args.counties + 1):
        county = derive(national, number, args.extra, rng)
        write_package(county, args.out / county.id)
        total += sum(1 for _ in county.items())
    print(f"已生成 {args.counties} 个县级目录,共 {total} 个事项:{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
