"""Pilot extensions (试点扩展): declared data that patches the core schemas with a JSON Merge Patch (RFC 7386).

An extension lives in ``catalogues/extensions/<name>.yaml``::

    name: cunwu
    title: 村(居)务公开试点扩展
    namespace: cunwu                   # every field it adds is called cunwu_…
    owner: …
    pilot_site: …
    version: 0.1.0
    core: ">=0.1,<1"                   # the gpcatalog versions it works with
    depends: []                        # other extensions it needs
    patch:                             # merge patch on domain.schema.json
      $defs:
        Item:
          properties:
            cunwu_period: {title: 公开周期, enum: [每月, 每季度, 每年, 随时], description: …}
        Channel:
          enum: [政府网站, …, 村务公开栏]   # arrays are replaced whole: the core values plus the new ones

It may add fields (named ``<namespace>_…``), add enum values, and tighten constraints of core fields (min/max
length, pattern, bounds); it may not redefine core fields or touch ids. A catalogue lists the extensions it uses
in ``extensions:``; validation composes core + extensions, and the pydantic models are extended with the new
fields (typed from their schema), so they load as data.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from gpcatalog.base import GpModel
from gpcatalog.errors import ExtensionError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.schema.generate import build_schemas
from gpcatalog.store.resources import catalogues_root
from gpcatalog.store.yamlio import read_yaml
from gpcatalog.version import __version__

EXTENSIONS_DIR = "extensions"
TIGHTENING = {
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "exclusiveMinimum",
}
PATCHABLE_DEFS = {"Item", "Domain", "Channel", "Levels"}


class Extension(GpModel):
    """试点扩展: its declaration and its merge patch."""

    model_config = ConfigDict(extra="forbid", title="试点扩展")

    name: str = Field(pattern=r"^[a-z][a-z0-9]*$", title="名称", description="扩展名称,如 cunwu。")
    title: str = Field(title="中文名称", description="如 村(居)务公开试点扩展。")
    namespace: str = Field(pattern=r"^[a-z][a-z0-9]*$", title="命名空间", description="新增字段名的前缀。")
    owner: str = Field(title="负责单位", description="维护这个扩展的单位。")
    pilot_site: str | None = Field(default=None, title="试点地", description="试点的村、社区或乡镇。")
    version: str = Field(title="版本", description="扩展的版本号。")
    core: str = Field(
        default=">=0.1", title="适用的核心版本", description="适用的 gpcatalog 版本范围,如 >=0.1,<1。"
    )
    depends: list[str] = Field(default_factory=list, title="依赖", description="需要同时使用的其他扩展。")
    example: bool = Field(default=False, title="示例", description="true 表示扩展内容是演示用的示例。")
    description: str | None = Field(default=None, title="说明", description="扩展的用途和依据。")
    patch: dict[str, Any] = Field(
        title="合并补丁", description="对 domain.schema.json 的 JSON Merge Patch(RFC 7386)。"
    )


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch: objects merge key by key, ``null`` removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@lru_cache(maxsize=32)
def load_extension(reference: str) -> Extension:
    """Read a bundled extension by name (``cunwu`` or ``cunwu@0.1.0``).

    Raises:
        ExtensionError: no such extension, or not that version.
    """
    name, _, version = reference.partition("@")
    if name.endswith((".yaml", ".yml")):  # an extension of one's own, by path
        from pathlib import Path

        path = Path(name)
        if not path.is_file():
            raise ExtensionError(f"扩展文件“{name}”不存在")
        return _parse(read_yaml(path, display=name), name, version)
    folder = catalogues_root() / EXTENSIONS_DIR
    resource = folder / f"{name}.yaml"
    if not resource.is_file():
        known = sorted(e.name.removesuffix(".yaml") for e in folder.iterdir()) if folder.is_dir() else []
        raise ExtensionError(f"未知的扩展“{name}”。可用的扩展:{'、'.join(known) or '无'}")
    display = f"catalogues/{EXTENSIONS_DIR}/{name}.yaml"
    return _parse(read_yaml(resource, display=display), display, version)


def _parse(data: Any, display: str, version: str) -> Extension:
    try:
        extension = Extension.model_validate(data)
    except ValueError as exc:
        raise ExtensionError(f"扩展的声明有误:{exc}", file=display) from exc
    if version and extension.version != version:
        raise ExtensionError(f"扩展“{extension.name}”的版本是 {extension.version},目录要求 {version}")
    return extension


def _compatible(spec: str, version: str) -> bool:
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    return Version(version) in SpecifierSet(spec)


@dataclass
class Composition:
    """Core + extensions: the composed schema, the added fields, the added channels, the extended models."""

    extensions: list[Extension]
    schema: dict[str, Any]
    fields: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    """Added item field → (extension name, its schema)."""
    channels: dict[str, str] = field(default_factory=dict)
    """Added channel → extension name."""
    catalogue_model: type[Catalogue] = Catalogue
    domain_model: type[Domain] = Domain
    item_model: type[Item] = Item


def compose(references: list[str], core_version: str) -> Composition:
    """Compose the core domain schema with the extensions ``references`` (and what they depend on).

    The same references give the same composition, and so the same model classes: catalogues built with
    them compare equal.

    Raises:
        ExtensionError: unknown extension, core version outside the extension's range, a missing dependency,
            two extensions adding the same field, or a patch that redefines a core field or touches ids.
    """
    return _compose(tuple(references), core_version)


@lru_cache(maxsize=32)
def _compose(references: tuple[str, ...], core_version: str) -> Composition:
    """The cached work of :func:`compose`.

    Raises:
        ExtensionError: unknown extension, core version outside the extension's range, a missing dependency,
            two extensions adding the same field, or a patch that redefines a core field or touches ids.
    """
    core = build_schemas()["domain.schema.json"]
    schema = copy.deepcopy(core)
    extensions = [load_extension(r) for r in references]
    names = {e.name for e in extensions}
    composition = Composition(extensions, schema)
    for extension in extensions:
        if not _compatible(extension.core, core_version):
            raise ExtensionError(
                f"扩展“{extension.name}” {extension.version} 适用于 gpcatalog {extension.core},当前为 {core_version}"
            )
        for dependency in extension.depends:
            if dependency.partition("@")[0] not in names:
                raise ExtensionError(f"扩展“{extension.name}”依赖扩展“{dependency}”,目录没有声明它")
        _check_patch(extension, core, composition)
        composition.schema = merge_patch(composition.schema, extension.patch)
    composition.catalogue_model, composition.domain_model, composition.item_model = _models(composition)
    return composition


def _check_patch(extension: Extension, core: dict[str, Any], composition: Composition) -> None:
    defs = extension.patch.get("$defs", {})
    unknown = set(extension.patch) - {"$defs"} or set(defs) - PATCHABLE_DEFS
    if unknown:
        raise ExtensionError(
            f"扩展“{extension.name}”只能修补 {'、'.join(sorted(PATCHABLE_DEFS))},不能修补 {'、'.join(sorted(unknown))}"
        )
    for definition, patch in defs.items():
        base = core["$defs"].get(definition, {})
        if "enum" in patch:
            added = [v for v in patch["enum"] if v not in base.get("enum", [])]
            missing = [v for v in base.get("enum", []) if v not in patch["enum"]]
            if missing:
                raise ExtensionError(
                    f"扩展“{extension.name}”不能去掉 {definition} 的取值:{'、'.join(missing)}"
                )
            if definition == "Channel":
                for value in added:
                    composition.channels[value] = extension.name
        if "required" in patch and not set(base.get("required", [])) <= set(patch["required"]):
            raise ExtensionError(f"扩展“{extension.name}”不能取消 {definition} 的必填字段")
        for name, prop in (patch.get("properties") or {}).items():
            if name in base.get("properties", {}):
                if name == "id" or not isinstance(prop, dict) or set(prop) - TIGHTENING:
                    raise ExtensionError(
                        f"扩展“{extension.name}”不能重新定义核心字段 {definition}.{name}(只能收紧 {'、'.join(sorted(TIGHTENING))})"
                    )
                continue
            if definition != "Item" or not name.startswith(f"{extension.namespace}_"):
                raise ExtensionError(
                    f"扩展“{extension.name}”新增的字段须加在 Item 上,并以“{extension.namespace}_”开头:{definition}.{name}"
                )
            if name in composition.fields:
                raise ExtensionError(
                    f"扩展“{extension.name}”和“{composition.fields[name][0]}”都新增了字段 {name}"
                )
            composition.fields[name] = (extension.name, prop)


def _python_type(prop: dict[str, Any]) -> Any:
    if "enum" in prop:
        return Literal[tuple(prop["enum"])]
    kind = prop.get("type")
    if kind == "array":
        return list[_python_type(prop.get("items") or {})]  # type: ignore[misc]
    return {"string": str, "integer": int, "number": float, "boolean": bool}.get(str(kind), Any)


def _models(composition: Composition) -> tuple[type[Catalogue], type[Domain], type[Item]]:
    if not composition.fields:
        return Catalogue, Domain, Item
    suffix = "_".join(e.name for e in composition.extensions)
    fields: dict[str, Any] = {
        name: (
            _python_type(prop) | None,
            Field(default=None, title=prop.get("title"), description=prop.get("description")),
        )
        for name, (_extension, prop) in composition.fields.items()
    }
    item_name = f"Item_{suffix}"
    item_model = create_model(
        item_name,
        __base__=Item,
        children=(
            list[item_name],  # type: ignore[valid-type]
            Field(default_factory=list, title="下级事项", description="下级事项。"),
        ),
        **fields,
    )
    item_model.model_rebuild(_types_namespace={item_name: item_model})
    domain_model = create_model(
        f"Domain_{suffix}",
        __base__=Domain,
        items=(list[item_model], Field(default_factory=list, title="事项", description="一级事项列表。")),
    )
    catalogue_model = create_model(
        f"Catalogue_{suffix}",
        __base__=Catalogue,
        domains=(list[domain_model], Field(default_factory=list, title="领域", description="领域。")),
    )
    return catalogue_model, domain_model, item_model


def extension_of(field_name: str, item: BaseModel) -> str | None:
    """The extension that added ``field_name`` to ``item``'s model (its namespace), or None for a core field."""
    if field_name in Item.model_fields or field_name not in type(item).model_fields:
        return None
    return field_name.split("_", 1)[0]


def extension_schemas() -> dict[str, dict[str, Any]]:
    """The domain schema composed with each bundled extension: ``extensions/<name>.domain.schema.json``."""
    folder = catalogues_root() / EXTENSIONS_DIR
    found: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        name = entry.name.removesuffix(".yaml")
        composition = compose([name], __version__)
        extension = composition.extensions[0]
        schema = dict(composition.schema)
        schema["$id"] = f"extensions/{name}.domain.schema.json"
        schema["title"] = f"领域文件(使用扩展 {name}:{extension.title})"
        schema["description"] = (
            f"核心 domain.schema.json 加上扩展 {name} {extension.version} 的合并补丁(RFC 7386)。"
        )
        found[f"extensions/{name}.domain.schema.json"] = schema
    return found
