"""Validation: build the model from a package and collect every problem, never stopping at the first.

:func:`check_package` turns a :class:`~gpcatalog.store.package.RawPackage` into a
:class:`~gpcatalog.model.Catalogue` (what could be built) and a :class:`Report`. pydantic's errors are
translated into issues with Chinese messages; rules the schema cannot express (duplicate ids, undeclared
channels, rows without basis, unparsed 时限, the 26 domains of the national catalogue) are checked on the model.
Line numbers come from positions the YAML loader records as it builds each mapping, so no file is parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from gpcatalog.errors import GpCatalogError, YAMLSyntaxError
from gpcatalog.model import Catalogue, Channel, DeadlineKind, Domain, Item, Scope, model_types
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.schema.safety import text_issues
from gpcatalog.schema.supersession import superseded_by
from gpcatalog.store.limits import MAX_NAME_CHARS
from gpcatalog.store.package import RawFile, RawPackage
from gpcatalog.version import __version__

if TYPE_CHECKING:
    from gpcatalog.schema.extensions import Composition

NATIONAL_DOMAIN_COUNT = 26

_TYPE_NAMES = {
    "string_type": "字符串",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表",
    "dict_type": "映射(键: 值)",
    "model_type": "映射(键: 值)",
    "model_attributes_type": "映射(键: 值)",
    "date_type": "日期(YYYY-MM-DD)",
    "date_parsing": "日期(YYYY-MM-DD)",
    "date_from_datetime_parsing": "日期(YYYY-MM-DD)",
    "date_from_datetime_inexact": "日期(YYYY-MM-DD)",
    "tuple_type": "列表",
}

_YAML_TYPES = {
    str: "字符串",
    int: "整数",
    float: "小数",
    bool: "布尔值",
    list: "列表",
    dict: "映射",
    type(None): "空值",
}


def json_path(parts: Sequence[str | int]) -> str:
    """Return a JSON path (``$.items[0].children[1].name``) for a pydantic location or a key path."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Return the keys allowed in the mapping at ``loc`` of ``model`` (for "unknown key" messages)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        current = next(iter(model_types(field.annotation)), None)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def translate_error(error: Any, model: type[BaseModel]) -> tuple[str, str]:
    """Return (code, Chinese message) for one pydantic error dict."""
    kind = error["type"]
    loc = error["loc"]
    key = str(loc[-1]) if loc else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = f"允许的键:{'、'.join(allowed)}" if allowed else ""
        return "unknown-key", f"未知的键“{key}”(拼写错误?){hint}"
    if kind == "missing":
        return "missing-field", f"缺少必填的键“{key}”"
    if kind in _TYPE_NAMES:
        got = _YAML_TYPES.get(type(value), type(value).__name__)
        return "wrong-type", f"“{key}”的值类型不对:应为{_TYPE_NAMES[kind]},实际是{got}({value!r:.40})"
    if kind == "string_pattern_mismatch":
        return (
            "bad-value",
            f"“{key}”的值“{value}”格式不对:只能含小写字母、数字和单个连字符,如 shehui-jiuzhu-001",
        )
    if kind == "string_too_short":
        return "bad-value", f"“{key}”不能为空"
    if kind == "string_too_long":
        return "bad-value", f"“{key}”太长:{error['ctx'].get('max_length')} 个字符以内"
    if kind == "enum":
        return "bad-value", f"“{key}”的值“{value}”不在允许的取值中:{error['ctx'].get('expected')}"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            "bad-value",
            f"“{key}”的值 {value!r} 太小:应不小于 {error['ctx'].get('ge', error['ctx'].get('gt'))}",
        )
    if kind == "value_error":
        return "bad-value", str(error["ctx"]["error"])
    return "bad-value", f"“{key}”的值不对:{error['msg']}"


class Collector:
    """Accumulates issues, with lines from the positions recorded while each file was read."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        raw: RawFile | None = None,
        path: Sequence[str | int] = (),
        item_id: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        if raw is not None and line is None and raw.error is None:
            line, column = raw.position(path)
        self.issues.append(
            Issue(
                code=code,
                severity=severity,
                message=message,
                file=raw.name if raw else None,
                line=line,
                column=column,
                path=json_path(path) if path else None,
                item_id=item_id,
            )
        )


def _item_id_at(data: Any, loc: Sequence[str | int]) -> str | None:
    """Return the id of the innermost item dict along ``loc`` in raw ``data``."""
    found = None
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str) and "name" in node:
            found = node["id"]
    return found


def build_model(raw: RawFile, model: type[BaseModel], out: Collector) -> Any:
    """Validate one file's data against ``model``; report its errors; return the model or None."""
    if raw.error is not None:
        failure = raw.error
        code = "yaml-syntax" if isinstance(failure, YAMLSyntaxError) else "read-error"
        out.add(code, Severity.ERROR, failure.message, raw, line=failure.line, column=failure.column)
        return None
    for code, severity, message, where in text_issues(raw.data):
        out.add(code, severity, message, raw, path=where, item_id=_item_id_at(raw.data, where))
    if not isinstance(raw.data, dict):
        got = _YAML_TYPES.get(type(raw.data), type(raw.data).__name__)
        out.add(
            "not-a-mapping", Severity.ERROR, f"文件顶层应为“键: 值”映射,实际是{got}", raw, line=1, column=1
        )
        return None
    try:
        return model.model_validate(raw.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            code, message = translate_error(error, model)
            loc = list(error["loc"])
            out.add(code, Severity.ERROR, message, raw, path=loc, item_id=_item_id_at(raw.data, loc))
        return None


def _walk(items: list[Item], prefix: list[str | int]) -> Iterator[tuple[list[str | int], Item, list[Item]]]:
    """Yield (JSON path, item, siblings) for every item, depth-first."""
    for index, item in enumerate(items):
        path = [*prefix, index]
        yield path, item, items
        yield from _walk(item.children, [*path, "children"])


def _provenance(item: Item) -> str | None:
    """The source URL of an item, or of its first descendant that has one (一级事项 carry none of their own).

    Rows read from different published tables may repeat a name on purpose; only repeats within one table
    are reported.
    """
    for _depth, node in item.walk():
        if node.source:
            return node.source
    return None


def _too_long(what: str, text: str) -> str:
    return f"{what}有 {len(text)} 个字符,上限 {MAX_NAME_CHARS} 个字符(“{text[:20]}…”)"


def check_domain(
    domain: Domain,
    raw: RawFile,
    scope: Scope,
    seen_ids: dict[str, str],
    out: Collector,
    extra_standard: Iterable[str] = (),
) -> int:
    """Check the rules the schema cannot express for one domain; return the number of items.

    ``extra_standard``: channels that extensions the catalogue uses add to the 13 standard ones."""
    standard = {channel.value for channel in Channel} | set(extra_standard)
    declared = set(domain.extra_channels)
    count = 0
    names: dict[tuple[int, str, str | None], str] = {}
    if domain.completeness is not None and domain.completeness.status != "complete":
        missing = "、".join(domain.completeness.missing) or "未列明"
        out.add(
            "partial-domain",
            Severity.INFO,
            f"领域“{domain.name}”只有国家模板的一部分({domain.completeness.status});已知缺失:{missing}",
            raw,
            path=["completeness"],
        )
    if len(domain.name) > MAX_NAME_CHARS:
        out.add("name-too-long", Severity.ERROR, _too_long("领域名称", domain.name), raw, path=["name"])
    for path, item, siblings in _walk(domain.items, ["items"]):
        count += 1
        where: dict[str, Any] = {"raw": raw, "item_id": item.id}
        if item.id in seen_ids:
            out.add(
                "duplicate-id",
                Severity.ERROR,
                f"事项编号“{item.id}”重复(另见 {seen_ids[item.id]});编号必须唯一",
                path=[*path, "id"],
                **where,
            )
        else:
            seen_ids[item.id] = raw.name
        if item.name is None:
            out.add(
                "unknown-name",
                Severity.WARNING,
                "事项名称在来源中不可见(null)",
                path=[*path, "name"],
                **where,
            )
        elif not item.name.strip():
            out.add("empty-name", Severity.ERROR, "事项名称为空", path=[*path, "name"], **where)
        elif (key := (id(siblings), item.name, _provenance(item))) in names:
            out.add(
                "duplicate-name",
                Severity.WARNING,
                f"同一来源、同一上级下已有名为“{item.name}”的事项({names[key]})",
                path=[*path, "name"],
                **where,
            )
        else:
            names[key] = item.id
        if item.name is not None and len(item.name) > MAX_NAME_CHARS:
            out.add(
                "name-too-long",
                Severity.ERROR,
                _too_long("事项名称", item.name),
                path=[*path, "name"],
                **where,
            )
        for index, channel in enumerate(item.channels or []):
            if channel not in standard and channel not in declared:
                out.add(
                    "unknown-channel",
                    Severity.ERROR,
                    f"渠道“{channel}”不是标准渠道,也没有在本领域的 extra_channels 中声明",
                    path=[*path, "channels", index],
                    **where,
                )
        if item.is_leaf and not item.basis:
            out.add("missing-basis", Severity.WARNING, "二级事项没有公开依据", path=path, **where)
        for index, basis in enumerate(item.basis or []):
            for citation in basis.citations:
                replaced = superseded_by(citation)
                if replaced is not None:
                    when = f"{replaced.effective.isoformat()}起" if replaced.effective else ""
                    out.add(
                        "superseded-citation",
                        Severity.WARNING,
                        f"依据《{citation.title}》已被{replaced.new_label}取代({when}施行),请复核",
                        path=[*path, "basis", index],
                        **where,
                    )
        deadline = item.deadline
        if deadline is not None:
            if deadline.kind == DeadlineKind.UNPARSED:
                out.add(
                    "unparsed-deadline",
                    Severity.WARNING,
                    f"公开时限“{deadline.text}”无法解析,已照录原文",
                    path=[*path, "deadline"],
                    **where,
                )
            elif deadline.kind == DeadlineKind.SAME_AS_ABOVE:
                out.add(
                    "same-as-above",
                    Severity.WARNING,
                    "公开时限写作“同上”,请展开为上一行的时限",
                    path=[*path, "deadline"],
                    **where,
                )
            if deadline.truncated:
                out.add(
                    "truncated-deadline",
                    Severity.INFO,
                    f"公开时限原文在来源中被截断:“{deadline.text}”",
                    path=[*path, "deadline"],
                    **where,
                )
        if item.levels.village is not None and scope not in (Scope.VILLAGE, Scope.TOWNSHIP):
            out.add(
                "reserved-level",
                Severity.ERROR,
                "村级层级只用于村(居)务试点目录(scope 为 township 或 village)",
                path=[*path, "levels", "village"],
                **where,
            )
    return count


def check_package(package: RawPackage) -> tuple[Catalogue | None, Report]:
    """Build the catalogue from ``package`` and validate it.

    Returns:
        ``(catalogue, report)``: the catalogue holds every domain that could be built (``None`` when the
        metadata file itself could not); ``report.ok`` says whether there was any error.
    """
    out = Collector()
    composition = _composition(package, out)
    catalogue_model = composition.catalogue_model if composition else Catalogue
    domain_model = composition.domain_model if composition else Domain
    catalogue = build_model(package.catalogue, catalogue_model, out)
    domains: list[Domain] = []
    seen_ids: dict[str, str] = {}
    items = 0
    scope = catalogue.scope if isinstance(catalogue, Catalogue) else Scope.NATIONAL
    claimed: dict[tuple[str, object], str] = {}  # (field, value) → the file that has it first
    for raw in package.domains:
        domain = build_model(raw, domain_model, out)
        if domain is None:
            continue
        if composition is not None:
            _check_composed(raw, composition, out)
        for field, label in (("code", "代码"), ("number", "序号")):
            value = getattr(domain, field)
            if value is None:
                continue
            if (field, value) in claimed:
                message = f"领域{label}“{value}”与 {claimed[field, value]} 重复"
                out.add("duplicate-domain", Severity.ERROR, message, raw, path=[field])
            else:
                claimed[field, value] = raw.name
        extra = composition.channels if composition else ()
        items += check_domain(domain, raw, scope, seen_ids, out, extra)
        domains.append(domain)
    if isinstance(catalogue, Catalogue) and len(catalogue.title) > MAX_NAME_CHARS:
        message = _too_long("目录名称", catalogue.title)
        out.add("name-too-long", Severity.ERROR, message, package.catalogue, path=["title"])
    if not package.domains:
        out.add("no-domains", Severity.ERROR, "目录没有任何领域文件(domains/*.yaml)", package.catalogue)
    elif scope == Scope.NATIONAL and len(package.domains) != NATIONAL_DOMAIN_COUNT:
        out.add(
            "domain-count",
            Severity.ERROR,
            f"国家目录应有 {NATIONAL_DOMAIN_COUNT} 个领域,实际有 {len(package.domains)} 个领域文件",
            package.catalogue,
            path=["scope"],
        )
    if isinstance(catalogue, Catalogue):
        catalogue.domains = sorted(domains, key=lambda d: (d.number is None, d.number or 0, d.code))
    report = Report(catalogue=package.location, files=len(package.files()), items=items, issues=out.issues)
    return catalogue, report


def _composition(package: RawPackage, out: Collector) -> Composition | None:
    data = package.catalogue.data
    references = data.get("extensions") if isinstance(data, dict) else None
    if not references or not isinstance(references, list):
        return None
    from gpcatalog.schema.extensions import compose  # only catalogues with extensions pay for it

    try:
        composition = compose([str(r) for r in references], __version__)
    except GpCatalogError as error:
        out.add("extension-error", Severity.ERROR, error.message, package.catalogue, path=["extensions"])
        return None
    for extension in composition.extensions:
        added = [
            f"{name}({prop.get('title', name)})"
            for name, (owner, prop) in composition.fields.items()
            if owner == extension.name
        ]
        channels = [c for c, owner in composition.channels.items() if owner == extension.name]
        parts = [f"新增字段 {'、'.join(added)}"] if added else []
        parts += [f"新增渠道 {'、'.join(channels)}"] if channels else []
        marker = "(示例)" if extension.example else ""
        message = f"使用扩展 {extension.name} {extension.version}({extension.title}{marker}):{';'.join(parts) or '只收紧约束'}"
        out.add("extension-used", Severity.INFO, message, package.catalogue, path=["extensions"])
    return composition


def _check_composed(raw: RawFile, composition: Composition, out: Collector) -> None:
    """Constraints the extensions tighten, checked with the composed JSON Schema (the models hold the rest)."""
    import json

    import jsonschema

    data = json.loads(json.dumps(raw.data, default=str))
    validator = jsonschema.Draft202012Validator(composition.schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        message = f"不符合扩展的约束({error.validator}):{error.message}"
        out.add(
            "extension-constraint",
            Severity.ERROR,
            message,
            raw,
            path=path,
            item_id=_item_id_at(raw.data, path),
        )


def report_from_error(location: str, error: GpCatalogError) -> Report:
    """Return a one-issue report for a package that could not be read at all (not a catalogue, missing)."""
    issue = Issue(
        code="read-error",
        severity=Severity.ERROR,
        message=error.message,
        file=error.file,
        line=error.line,
        column=error.column,
    )
    return Report(catalogue=location, issues=[issue])
