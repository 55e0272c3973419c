"""Safe YAML reading, and dumping in the package's style.

Reading uses PyYAML's C loader where present, refuses duplicate keys and alias bombs ("billion laughs"), and
turns every failure into a :class:`~gpcatalog.errors.CatalogueReadError` that names the file, line and column in
Chinese. Dumping writes block-style UTF-8 in key order; files are written through :mod:`gpcatalog.store.atomic`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import CatalogueReadError, YAMLSyntaxError
from gpcatalog.store.limits import MAX_DEPTH, MAX_YAML_BYTES, read_file

if TYPE_CHECKING:
    import yaml

MAX_EXPANSION = 10
"""Refuse a document whose aliases expand it more than this many times (and past :data:`MIN_BOMB_NODES`)."""
MIN_BOMB_NODES = 100_000


Lines = dict[int, tuple[int, int, dict[Any, tuple[int, int]]]]
"""Positions recorded while loading: ``id(mapping)`` → (line, column, {key: (line, column)})."""


@lru_cache(maxsize=1)
def _loader() -> type[Any]:
    """The safe loader class (PyYAML imported on first use, so that ``import gpcatalog`` stays light)."""
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        """Safe loader that refuses duplicate mapping keys (a typo must not silently replace a value)."""

        lines: Lines | None = None

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                seen: set[Any] = set()
                for key_node, _value_node in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    if key in seen:
                        raise _Refused(f"键“{key}”在同一个映射中出现了两次", key_node.start_mark)
                    seen.add(key)
            return mapping

        def construct_yaml_map(self, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
            data: dict[Any, Any] = {}
            yield data
            data.update(self.construct_mapping(node))
            if self.lines is not None:
                # Where each mapping and each of its keys stands, so reports can name lines without re-parsing.
                start = node.start_mark
                keys = {k.value: (k.start_mark.line + 1, k.start_mark.column + 1) for k, _v in node.value}
                self.lines[id(data)] = (start.line + 1, start.column + 1, keys)

        def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:  # 2019-02-30: the pattern of a date, but no such day
                why = next((c for e, c in _DATE_PROBLEMS.items() if str(exc).startswith(e)), "不是有效的日期")
                raise _Refused(f"日期“{node.value}”不存在({why})", node.start_mark) from None

    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_yaml_map)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


class _Refused(Exception):
    """A document PyYAML would build but gpcatalog refuses (a duplicate key, a date that does not exist)."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”(可能缺少引号,或缩进不对)",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用制表符(Tab)缩进,请改用空格",
    "found undefined alias": "引用了未定义的锚点(*别名)",
    "expected <block end>, but found": "缩进不一致",
    "did not find expected key": "缩进不一致,找不到预期的键",
    "found unexpected end of stream": "文件意外结束(引号或括号没有闭合)",
    "did not find expected ',' or ']'": "方括号列表没有闭合",
    "did not find expected ',' or '}'": "花括号映射没有闭合",
    "found unacceptable character": "含有不允许的控制字符",
    "exceeded maximum nesting depth": "嵌套层数过深(列表或映射套得太深),拒绝读取",
}

_DATE_PROBLEMS = {
    "day is out of range for month": "这个月没有这一天",
    "month must be in 1..12": "月份应为 1–12",
    "year": "年份超出范围",
}


def _translate(problem: str | None) -> str:
    problem = problem or ""
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return f"YAML 语法错误({problem})" if problem else "YAML 语法错误"


def position(data: Any, lines: Lines, path: Sequence[str | int]) -> tuple[int | None, int | None]:
    """Return the (line, column) of ``path`` inside ``data`` from positions recorded by :func:`parse_yaml`.

    A key that exists gives its own line; a missing key gives the line of the mapping that lacks it.
    """
    found: tuple[int | None, int | None] = (None, None)
    node = data
    for part in path:
        if isinstance(node, dict):
            record = lines.get(id(node))
            if record is not None:
                found = record[2].get(part, (record[0], record[1]))
            if part not in node:
                break
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, dict) and id(node) in lines:
                record = lines[id(node)]
                found = (record[0], record[1])
        else:
            break
    return found


def decode_text(data: bytes, file: str | os.PathLike[str]) -> str:
    """Decode UTF-8 (with or without BOM); raise a Chinese error naming the line of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "看起来是 GB18030/GBK 编码,"
        except UnicodeDecodeError:
            pass
        raise CatalogueReadError(
            f"文件不是 UTF-8 编码,{hint}请另存为 UTF-8 后再试", file=file, line=line, column=column
        ) from None


def _expanded_size(root: Any) -> tuple[int, int]:
    """Return (nodes counted with aliases expanded, distinct container nodes), iteratively."""
    memo: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if key in memo:
            continue
        children: Sequence[Any]
        if isinstance(node, dict):
            children = [*node.keys(), *node.values()]
        elif isinstance(node, list):
            children = node
        else:
            continue
        if ready:
            memo[key] = 1 + sum(memo.get(id(c), 1) for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if isinstance(c, (dict, list)) and id(c) not in memo)
    total = memo.get(id(root), 1)
    return total, len(memo)


def _children(node: Any) -> list[Any]:
    """The child nodes of a composed YAML node (keys and values of a mapping, items of a sequence)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_nesting(root: Any) -> None:
    """Refuse a document nested deeper than :data:`~gpcatalog.store.limits.MAX_DEPTH` or holding an anchor
    inside itself (``&a [*a]``), at the line where it happens; iteratively, before anything recurses over it.

    Shared nodes (aliases) are walked once: their height is remembered and added to the depth they are used at.
    """
    if root is None or not _children(root):
        return
    height: dict[int, int] = {}
    open_nodes = {id(root)}
    stack: list[tuple[Any, Iterator[Any]]] = [(root, iter(_children(root)))]
    while stack:
        node, pending = stack[-1]
        child = next(pending, None)
        if child is None:
            stack.pop()
            open_nodes.discard(id(node))
            height[id(node)] = 1 + max((height.get(id(c), 0) for c in _children(node)), default=0)
            continue
        if not _children(child):
            continue
        if id(child) in open_nodes:
            raise _Refused("锚点(&)在它自己的内容里被引用(*),形成无限嵌套,拒绝读取", child.start_mark)
        if len(stack) + height.get(id(child), 1) > MAX_DEPTH:
            # A node seen before is an alias used here: name the place it is used, not where it was defined.
            mark = node.start_mark if id(child) in height else child.start_mark
            raise _Refused(f"嵌套层数超过上限 {MAX_DEPTH} 层(列表或映射套得太深),拒绝读取", mark)
        if id(child) not in height:
            open_nodes.add(id(child))
            stack.append((child, iter(_children(child))))


def parse_yaml(text: str, file: str | os.PathLike[str], lines: Lines | None = None) -> Any:
    """Parse YAML text safely; when ``lines`` is given, record where every mapping and key stands in it.

    Raises:
        YAMLSyntaxError: malformed YAML, a duplicate key, aliases that expand the document explosively or
            refer to themselves, or nesting deeper than :data:`~gpcatalog.store.limits.MAX_DEPTH`; the
            message names the file, line and column.
    """
    import yaml

    try:
        loader = _loader()(text)
        loader.lines = lines
        try:
            node = loader.get_single_node()
            _check_nesting(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as exc:
        raise YAMLSyntaxError(
            exc.message,
            file=file,
            line=exc.mark.line + 1,
            column=exc.mark.column + 1,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YAMLSyntaxError(
            _translate(exc.problem),
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise YAMLSyntaxError(_translate(str(exc)), file=file) from None
    except RecursionError:
        raise YAMLSyntaxError("YAML 嵌套层数过深,拒绝读取", file=file) from None
    if "&" in text and "*" in text:
        expanded, distinct = _expanded_size(data)
        if expanded > MIN_BOMB_NODES and expanded > MAX_EXPANSION * max(distinct, 1):
            raise YAMLSyntaxError(
                f"YAML 别名(&锚点/*引用)展开后有 {expanded} 个节点,是原文的 {expanded // max(distinct, 1)} 倍,"
                "疑似“十亿笑声”攻击,拒绝读取",
                file=file,
            )
    return data


def read_yaml(path: Path | Any, display: str | None = None, lines: Lines | None = None) -> Any:
    """Read and parse one YAML file (a :class:`~pathlib.Path` or an ``importlib.resources`` Traversable).

    Raises:
        CatalogueReadError: the file is missing, unreadable, not a regular file, larger than
            :data:`~gpcatalog.store.limits.MAX_YAML_BYTES`, not UTF-8 or empty.
        YAMLSyntaxError: the file is not well-formed YAML (see :func:`parse_yaml`).
    """
    name = display or str(path)
    data = read_file(path, MAX_YAML_BYTES, display=name)
    text = decode_text(data, name)
    if not text.strip():
        raise CatalogueReadError("文件为空", file=name)
    return parse_yaml(text, name, lines)


def _represent_dict(dumper: Any, data: dict[str, Any]) -> Any:
    # Tick groups ({society: true, specific_groups: false}) read best on one line, as in the tables.
    flow = 0 < len(data) <= 3 and all(isinstance(v, (bool, type(None))) for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


@lru_cache(maxsize=1)
def _dumper() -> type[Any]:
    import yaml

    base: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]
        pass

    Dumper.add_representer(dict, _represent_dict)
    return Dumper


def dump_yaml(data: Any) -> str:
    """Dump ``data`` as block-style UTF-8 YAML in key order, the way the package files are written."""
    import yaml

    text: str = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=1000)
    return text
