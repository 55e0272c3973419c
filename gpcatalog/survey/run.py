"""Survey many catalogues against the standard: resolve the paths to places, run :func:`compare` for each under
any ``concurrent.futures.Executor``, and cache each result by the content hash of its inputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpcatalog import loading
from gpcatalog.errors import CatalogueReadError
from gpcatalog.model import Catalogue
from gpcatalog.survey.compare import PlaceResult, compare, content_hash

DEFAULT_STANDARD = "national@2026.2"


@dataclass(slots=True)
class SurveyResult:
    standard: str
    places: list[PlaceResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"standard": self.standard, "places": [p.to_dict() for p in self.places]}


def _packages(path: Path) -> list[Path]:
    if (path / "catalogue.yaml").is_file() or path.name == "catalogue.yaml":
        return [path]
    if path.is_dir():
        found = sorted(p.parent for p in path.glob("*/catalogue.yaml"))
        if found:
            return found
    raise CatalogueReadError(f"{path}:不是目录包,也不是包含目录包的文件夹")


def compare_cached(catalogue: Catalogue, standard: Catalogue, cache: str | None) -> dict[str, Any]:
    """:func:`compare` as plain data, read from / written to ``cache`` (a folder) by content hash."""
    file = None
    if cache is not None:
        file = Path(cache) / f"{content_hash(catalogue, standard)}.json"
        if file.is_file():
            data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
            return data
    data = compare(catalogue, standard).to_dict()
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(file)
    return data


def survey(
    paths: Sequence[str | Path],
    *,
    standard: str | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    cache: str | Path | None = None,
) -> SurveyResult:
    """Compare every place under ``paths`` with the standard (``standard``, else each one's declared base, else
    national@2026.2). ``executor`` is any Executor (a dask Client's ``get_executor()`` works); by default a
    ProcessPoolExecutor with ``jobs`` workers."""
    from gpcatalog.survey.compare import DomainResult, Finding

    places = [p for path in paths for p in _packages(Path(path))]
    catalogues = [loading.load(p) for p in places]
    standards: dict[str, Catalogue] = {}
    pairs = []
    for cat in catalogues:
        ref = standard or DEFAULT_STANDARD
        if ref not in standards:
            standards[ref] = loading.load(ref)
        pairs.append((cat, standards[ref]))
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=jobs)
    try:
        futures = [pool.submit(compare_cached, c, s, None if cache is None else str(cache)) for c, s in pairs]
        raw = [f.result() for f in futures]
    finally:
        if own:
            pool.shutdown()
    out = SurveyResult(standard=standard or DEFAULT_STANDARD)
    for data in raw:
        data["domains"] = [DomainResult(**d) for d in data["domains"]]
        data["findings"] = [Finding(**f) for f in data["findings"]]
        out.places.append(PlaceResult(**data))
    return out
