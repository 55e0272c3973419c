"""JSON Schema (2020-12) generated from the pydantic models, checked in under ``schemas/``.

``gpcatalog schema --output schemas`` (or ``make generate``) rewrites them; a test fails when the checked-in
files drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from gpcatalog.adjustment import Adjustments, History
from gpcatalog.changes import Diff
from gpcatalog.model import Catalogue, Domain, model_types
from gpcatalog.schema.report import Report
from gpcatalog.store.yamlio import write_text_atomic

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file name → (model, mode, Chinese title, description)
SCHEMAS: dict[str, tuple[type[BaseModel], Literal["validation", "serialization"], str, str]] = {
    "catalogue.schema.json": (
        Catalogue,
        "validation",
        "目录元数据文件(catalogue.yaml)",
        "目录包根目录下的 catalogue.yaml:编号、名称、版本、发布日期、层级和来源。领域放在 domains/ 下。",
    ),
    "domain.schema.json": (
        Domain,
        "validation",
        "领域文件(domains/*.yaml)",
        "一个领域的事项树及其来源。公开时限和公开依据可以写成原文字符串。",
    ),
    "catalogue.export.schema.json": (
        Catalogue,
        "serialization",
        "目录导出(JSON)",
        "gpcatalog.to_dict() 和 JSON 导出的结构:公开时限、公开依据同时给出原文和解析结果。",
    ),
    "report.schema.json": (
        Report,
        "serialization",
        "校验报告(JSON)",
        "gpcatalog validate --format json 和 gpcatalog verify --format json 输出的结构。",
    ),
    "adjustments.schema.json": (
        Adjustments,
        "validation",
        "调整记录文件(adjustments.yaml)",
        "目录包根目录下的 adjustments.yaml:每条调整记录的申请、批准、原因、触发文件和调整内容。",
    ),
    "history.schema.json": (
        History,
        "validation",
        "版本历史文件(history.yaml)",
        "由 gpcatalog release 写入:每个已发布版本的日期、上一版本、纳入的调整记录和文件哈希。",
    ),
    "diff.schema.json": (
        Diff,
        "serialization",
        "目录差异(JSON)",
        "gpcatalog diff --format json 和 gpcatalog.diff() 的结构:每处变化的类型、对象、字段、新旧值和位置。",
    ),
}


def build_schemas() -> dict[str, dict[str, Any]]:
    """Return every schema by file name, as JSON-ready dicts."""
    out: dict[str, dict[str, Any]] = {}
    for name, (model, mode, title, description) in SCHEMAS.items():
        schema = model.model_json_schema(mode=mode)
        _fill_titles(schema, model)
        schema = {"$schema": DIALECT, "$id": name, **schema, "title": title, "description": description}
        out[name] = schema
    return out


def render_schema(schema: dict[str, Any]) -> str:
    """Return the checked-in text of a schema (stable key order, UTF-8 characters kept)."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def extension_schemas() -> dict[str, dict[str, Any]]:
    """The domain schema composed with each bundled extension: ``extensions/<name>.domain.schema.json``."""
    from gpcatalog.schema.extensions import EXTENSIONS_DIR, compose
    from gpcatalog.store.resources import catalogues_root

    folder = catalogues_root() / EXTENSIONS_DIR
    found: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        name = entry.name.removesuffix(".yaml")
        composition = compose([name], "0.1.0")
        extension = composition.extensions[0]
        schema = dict(composition.schema)
        schema["$id"] = f"extensions/{name}.domain.schema.json"
        schema["title"] = f"领域文件(使用扩展 {name}:{extension.title})"
        schema["description"] = (
            f"核心 domain.schema.json 加上扩展 {name} {extension.version} 的合并补丁(RFC 7386)。"
        )
        found[f"extensions/{name}.domain.schema.json"] = schema
    return found


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory`` (atomically, one file at a time); return the paths written."""
    written = []
    for name, schema in {**build_schemas(), **extension_schemas()}.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, render_schema(schema))
        written.append(path)
    return written


def _fill_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Copy Chinese titles and descriptions onto properties that pydantic renders as a bare ``$ref``."""
    models: dict[str, type[BaseModel]] = {}

    def collect(cls: type[BaseModel]) -> None:
        if cls.__name__ in models:
            return
        models[cls.__name__] = cls
        for info in cls.model_fields.values():
            for sub in model_types(info.annotation):
                collect(sub)

    collect(model)
    targets = [(schema, model)] + [
        (definition, models[name]) for name, definition in schema.get("$defs", {}).items() if name in models
    ]
    for definition, cls in targets:
        for name, prop in definition.get("properties", {}).items():
            info = cls.model_fields.get(name)
            if info is None:
                continue
            if "title" not in prop and info.title:
                prop["title"] = info.title
            if "description" not in prop and info.description:
                prop["description"] = info.description
