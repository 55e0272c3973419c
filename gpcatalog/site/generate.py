"""Write the mkdocs project: ``mkdocs.yml``, pages, downloads, the static JSON API, the search dictionary."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from gpcatalog.adjustment import CHANGE_LABELS
from gpcatalog.changes import Change, Diff, Target
from gpcatalog.columnmap import ColumnMap
from gpcatalog.errors import GpCatalogError
from gpcatalog.model import COMPLETENESS_LABELS, ID_RE, Catalogue, Channel, Domain, Item
from gpcatalog.parsing.deadline import KIND_LABELS
from gpcatalog.parsing.text import to_traditional
from gpcatalog.store.resources import data_root

Progress = Callable[[str], None]

# Everyday abbreviations put beside the full terms, so that searching 低保 finds 最低生活保障.
ALIASES: dict[str, tuple[str, ...]] = {
    "最低生活保障": ("低保",),
    "特困人员": ("特困", "五保"),
    "临时救助": ("临救",),
    "社会保险": ("社保",),
    "医疗保险": ("医保",),
    "养老保险": ("养老金",),
    "农村危房改造": ("危改",),
    "保障性住房": ("保障房",),
    "公共租赁住房": ("公租房",),
    "政府信息公开条例": ("信息公开条例", "条例"),
    "义务教育": ("中小学",),
}
PYTHON_MODULES = [
    "gpcatalog.api",
    "gpcatalog.compare",
    "gpcatalog.history",
    "gpcatalog.derived",
    "gpcatalog.laws",
    "gpcatalog.tables",
    "gpcatalog.table_import",
    "gpcatalog.columns",
    "gpcatalog.audit",
]
"""Modules whose public functions the Python reference page lists (gpcatalog re-exports the main ones)."""
GUIDE = [
    ("editing.md", "编辑目录"),
    ("adjustment.md", "动态调整与发布"),
    ("tables.md", "Excel 和 CSV"),
    ("columns.md", "网站栏目与时效检查"),
    ("derived.md", "本地目录与试点扩展"),
]


class SiteError(GpCatalogError, ValueError):
    """A site that cannot be generated safely (an id that is not a safe file name, a path outside the output)."""


def e(value: Any) -> str:
    """HTML-escape a value from the data (None → empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url) else None


class Writer:
    """Writes files under the project folder, refusing any path that would leave it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.files = 0

    def path(self, relative: str) -> Path:
        target = (self.root / relative).resolve()
        if self.root not in target.parents and target != self.root:
            raise SiteError(f"拒绝写到输出目录之外:{relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def text(self, relative: str, content: str) -> None:
        self.path(relative).write_text(content, encoding="utf-8")
        self.files += 1

    def json(self, relative: str, data: Any) -> None:
        self.text(relative, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")


def _page(title: str, body: str, *, description: str | None = None) -> str:
    """A Markdown page whose content is one raw HTML block (so nothing in it is read as Markdown)."""
    # The theme writes the title into <title> and the header without escaping it: escape it here.
    meta = {"title": e(title), **({"description": e(description)} if description else {})}
    front = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)
    return f'---\n{front}---\n\n<div class="gpc">\n{body}\n</div>\n'


def _safe_id(item_id: str) -> str:
    if not ID_RE.match(item_id):
        raise SiteError(f"编号“{item_id}”不能用作文件名")
    return item_id


def _tick(value: bool | None) -> str:
    return {True: "√", False: "×", None: "?"}[value]


def _keywords(text: str) -> list[str]:
    return [alias for term, aliases in ALIASES.items() if term in text for alias in aliases]


# --- pages ------------------------------------------------------------------------------------------------------


def _home(catalogue: Catalogue) -> str:
    cards = []
    for domain in catalogue.domains:
        leaves = len(domain.leaves())
        status = COMPLETENESS_LABELS.get(domain.completeness.status, "") if domain.completeness else ""
        cards.append(
            f'<a class="gpc-card" href="domains/{_safe_id(domain.code)}/">'
            f'<span class="gpc-number">{e(domain.number or "")}</span>'
            f"<strong>{e(domain.name)}</strong>"
            f"<span>{len(domain.items)} 个一级事项 · {leaves} 个二级事项</span>"
            f'<span class="gpc-status">{e(status)}</span></a>'
        )
    release = catalogue.release_date.isoformat() if catalogue.release_date else "未发布"
    body = (
        f"<h1>{e(catalogue.title)}</h1>\n"
        f'<p class="gpc-meta">版本 {e(catalogue.version)} · 发布日期 {e(release)} · {len(catalogue.domains)} 个领域</p>\n'
        f"<p>{e(catalogue.description)}</p>\n"
        + "".join(f'<p class="gpc-caveat">注意:{e(c)}</p>\n' for c in catalogue.caveats)
        + f'<div class="gpc-cards">\n{"".join(cards)}\n</div>'
    )
    return _page(catalogue.title, body)


def _tree(items: list[Item], prefix: str = "../../items/") -> str:
    if not items:
        return ""
    rows = "".join(
        f'<li><a href="{prefix}{_safe_id(i.id)}/">{e(i.name or "(名称不详)")}</a> <code>{e(i.id)}</code>{_tree(i.children, prefix)}</li>'
        for i in items
    )
    return f"<ul>{rows}</ul>"


def _badges(item: Item) -> str:
    if item.channels is None:
        return '<span class="gpc-badge gpc-unknown">渠道不详</span>'
    return " ".join(f'<span class="gpc-badge">{e(c)}</span>' for c in item.channels)


def _domain(domain: Domain) -> str:
    g = domain.guideline
    guideline = (
        " · ".join(e(v) for v in (g.issuer, g.title, g.doc_no, g.date) if v) or "国家指引的发文信息未找到"
    )
    sources = "".join(
        f"<li>{e(s.place or s.title or '')}"
        + (f' <a href="{e(u)}">{e(u)}</a>' if (u := _safe_url(s.url)) else "")
        + (f"<br><small>{e(s.note)}</small>" if s.note else "")
        + "</li>"
        for s in domain.sources
    )
    completeness = ""
    if domain.completeness is not None:
        c = domain.completeness
        missing = "、".join(c.missing) or "未列明"
        completeness = (
            f"<p>完整程度:<strong>{e(COMPLETENESS_LABELS.get(c.status, c.status))}</strong>"
            + (f",国家模板共 {e(c.template_rows)} 项" if c.template_rows else "")
            + f"。已知缺失:{e(missing)}</p>"
            + "".join(f'<p class="gpc-caveat">注意:{e(v)}</p>' for v in c.caveats)
        )
    rows = []
    for _depth, item in domain.walk():
        if not item.is_leaf:
            continue
        rows.append(
            "<tr>"
            f'<td><a href="../../items/{_safe_id(item.id)}/">{e(item.name or "(名称不详)")}</a></td>'
            f"<td>{'<br>'.join(e(c) for c in item.contents or [])}</td>"
            f"<td>{'<br>'.join(e(b.text) for b in item.basis or [])}</td>"
            f"<td>{e(item.deadline.text if item.deadline else '')}</td>"
            f"<td>{e(item.subject)}</td><td>{_badges(item)}</td>"
            f"<td>全社会 {_tick(item.audience.society)} 特定 {_tick(item.audience.specific_groups)}</td>"
            f"<td>主动 {_tick(item.mode.proactive)} 依申请 {_tick(item.mode.on_request)}</td>"
            f"<td>县 {_tick(item.levels.county)} 乡 {_tick(item.levels.township)}</td>"
            "</tr>"
        )
    table = (
        "<table><thead><tr><th>事项</th><th>公开内容</th><th>公开依据</th><th>公开时限</th><th>公开主体</th>"
        "<th>渠道</th><th>对象</th><th>方式</th><th>层级</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    body = (
        f"<h1>{e(domain.name)}</h1>\n<p>国家标准指引:{guideline}</p>\n{completeness}\n"
        f"<h2>事项</h2>\n{_tree(domain.items)}\n<h2>全部属性</h2>\n{table}\n"
        f"<h2>来源</h2>\n<ul>{sources}</ul>\n"
        + (f"<h2>整理说明</h2>\n<p>{e(domain.notes)}</p>" if domain.notes else "")
    )
    return _page(domain.name, body)


def _item(
    catalogue: Catalogue,
    domain: Domain,
    path: list[Item],
    columns: dict[str, list[str]],
    history: dict[str, list[tuple[str, Change]]],
    local: dict[str, set[str]] | None = None,
) -> str:
    item = path[-1]
    rows: list[tuple[str, str]] = [
        ("编号", f"<code>{e(item.id)}</code>"),
        ("领域", f'<a href="../../domains/{domain.code}/">{e(domain.name)}</a>'),
    ]
    if len(path) > 1:
        rows.append(("上级事项", " / ".join(e(p.name or p.id) for p in path[:-1])))
    if item.seq is not None:
        rows.append(("序号", e(item.seq)))
    if item.contents:
        rows.append(("公开内容", "<ul>" + "".join(f"<li>{e(c)}</li>" for c in item.contents) + "</ul>"))
    if item.basis is not None:
        grouped: dict[str, list[str]] = defaultdict(list)
        for basis in item.basis:
            if not basis.citations:
                grouped["未解析出文件"].append(e(basis.text))
            for citation in basis.citations:
                label = f"《{e(citation.title)}》" if citation.title else ""
                label += f" <code>{e(citation.doc_no)}</code>" if citation.doc_no else ""
                label += f" {e(citation.article)}" if citation.article else ""
                grouped[citation.kind.value if citation.kind else "其他"].append(label)
        parts = "".join(
            f"<li><strong>{e(kind)}</strong>:{';'.join(entries)}</li>" for kind, entries in grouped.items()
        )
        rows.append(
            ("公开依据", f"<ul>{parts}</ul><small>原文:{'<br>'.join(e(b.text) for b in item.basis)}</small>")
        )
    if item.deadline is not None:
        d = item.deadline
        rows.append(("公开时限", f"{e(d.text)}<br><small>{e(KIND_LABELS[d.kind])}:{e(d.describe())}</small>"))
    if item.subject:
        rows.append(("公开主体", e(item.subject)))
    if item.is_leaf:
        rows.append(("公开渠道", _badges(item)))
        a, m, lv = item.audience, item.mode, item.levels
        rows.append(("公开对象", f"全社会 {_tick(a.society)} · 特定群体 {_tick(a.specific_groups)}"))
        rows.append(("公开方式", f"主动 {_tick(m.proactive)} · 依申请 {_tick(m.on_request)}"))
        village = f" · 村级 {_tick(lv.village)}" if lv.village is not None else ""
        rows.append(("公开层级", f"县级 {_tick(lv.county)} · 乡级 {_tick(lv.township)}{village}"))
    for name, info in type(item).model_fields.items():
        if name not in Item.model_fields and getattr(item, name) is not None:
            rows.append((f"{info.title or name}(扩展 {name.split('_', 1)[0]})", e(getattr(item, name))))
    if item.id in columns:
        rows.append(("网站栏目", "、".join(e(c) for c in columns[item.id])))
    if (url := _safe_url(item.source)) is not None:
        rows.append(("来源", f'<a href="{e(url)}">{e(url)}</a>'))
    if item.caveats:
        rows.append(("注意事项", "<ul>" + "".join(f"<li>{e(c)}</li>" for c in item.caveats) + "</ul>"))
    changes = history.get(item.id, [])
    if changes:
        entries = "".join(
            f'<li><span class="gpc-badge gpc-{c.type.value}">{e(CHANGE_LABELS[c.type])}</span> {e(version)}:'
            f"{e(c.field or '')} {'〔' + e('、'.join(c.records)) + '〕' if c.records else ''}</li>"
            for version, c in changes
        )
        rows.append(("变更历史", f"<ul>{entries}</ul>"))
    fields = (local or {}).get(item.id)
    if fields:
        from gpcatalog.changes import FIELD_LABELS

        shown = (
            "全部字段(本地新增的事项)"
            if "*" in fields
            else "、".join(FIELD_LABELS.get(f, f) for f in sorted(fields))
        )
        rows.append(
            (
                "本地调整",
                f'<span class="gpc-badge gpc-modified">本地</span> {e(shown)};其余字段沿用基础目录 {e(catalogue.base)}',
            )
        )
    keywords = _keywords(" ".join(p.name or "" for p in path))
    traditional = [
        t for t in (to_traditional(p.name or "") for p in path) if t and t not in {p.name for p in path}
    ]
    if keywords or traditional:
        rows.append(("关键词", "、".join(e(k) for k in [*keywords, *traditional])))
    table = "".join(f"<tr><th>{e(label)}</th><td>{value}</td></tr>" for label, value in rows)
    return _page(item.name or item.id, f"<h1>{e(item.name or '(名称不详)')}</h1>\n<table>{table}</table>")


def _diff_page(result: Diff) -> str:
    rows = "".join(
        f'<tr><td><span class="gpc-badge gpc-{c.type.value}">{e(CHANGE_LABELS[c.type])}</span></td>'
        f"<td>{e(c.id or '、'.join(c.sources))}</td><td>{e(c.name)}</td><td>{e(c.field)}</td>"
        f"<td>{e(_short(c))}</td><td>{e('、'.join(c.records))}</td></tr>"
        for c in result.changes
        if not (c.target is Target.CATALOGUE and c.field in ("version", "release_date"))
    )
    body = (
        f"<h1>{e(result.old)} → {e(result.new)}</h1>\n<table><thead><tr><th>类型</th><th>编号</th><th>名称</th>"
        f"<th>字段</th><th>变化</th><th>调整记录</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return _page(f"{result.old} → {result.new}", body)


def _short(change: Change) -> str:
    from gpcatalog.diff_output import detail_text

    return detail_text(change) if change.type.value == "modified" else ""


# --- the project ------------------------------------------------------------------------------------------------------


def generate_project(
    catalogue_ref: str | None,
    output: Path,
    *,
    progress: Progress | None = None,
    catalogue: Catalogue | None = None,
) -> Path:
    """Write the mkdocs project for a catalogue into ``output`` (replaced if it exists); return its folder.

    Args:
        catalogue_ref: the catalogue (default: the bundled national one); versions, column maps and laws of it
            are included when it has them.
        catalogue: an already loaded catalogue (tests, synthetic sites); ``catalogue_ref`` then only names it.
    """
    from gpcatalog.api import load

    say = progress or (lambda _message: None)
    reference = catalogue_ref or "national"
    local: dict[str, set[str]] = {}
    if catalogue is None:
        from gpcatalog.derived import base_of, compile_catalogue

        if base_of(reference) is not None:
            compiled = compile_catalogue(reference)
            catalogue, local = compiled.catalogue, compiled.local
        else:
            catalogue = load(reference)
    project = Path(output)
    if project.exists():
        shutil.rmtree(project)
    docs = Writer(project / "docs")
    say(f"生成页面:{catalogue.title},{len(catalogue.domains)} 个领域")
    docs.text("index.md", _home(catalogue))
    column_map = _column_map(reference)
    columns = _columns_of(catalogue, column_map)
    history = _history(reference, docs, say, catalogue)
    nav_domains = []
    for domain in catalogue.domains:
        docs.text(f"domains/{_safe_id(domain.code)}/index.md", _domain(domain))
        nav_domains.append({domain.name: f"domains/{domain.code}/index.md"})
        for path in _paths(domain.items, []):
            page = _item(catalogue, domain, path, columns, history, local)
            docs.text(f"items/{_safe_id(path[-1].id)}/index.md", page)
    say(f"生成事项页:{sum(1 for _ in catalogue.items())} 个")
    _laws(catalogue, docs)
    maps = _column_pages(catalogue, column_map, docs)
    _downloads(catalogue, docs, say)
    _api(catalogue, docs)
    _reference(docs)
    guide = _guide(docs)
    words = _dictionary(catalogue, project / "jieba_user_dict.txt")
    say(f"生成搜索词典:{words} 个词")
    nav: list[Any] = [
        {"首页": "index.md"},
        {"领域": nav_domains},
        {"版本": "versions/index.md"},
        {"依据文件": "laws.md"},
    ]
    if maps:
        nav.append({"网站栏目": "columns.md"})
    nav += [{"下载": "downloads.md"}, {"使用指南": guide}, {"参考": _reference_nav()}]
    _config(catalogue, project, nav)
    (project / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "gpcatalog.css").write_text(CSS, encoding="utf-8")
    say(f"写入 {docs.files} 个文件")
    return project


def _paths(items: list[Item], above: list[Item]) -> Iterator[list[Item]]:
    for item in items:
        yield [*above, item]
        yield from _paths(item.children, [*above, item])


def _column_map(reference: str) -> ColumnMap | None:
    """The bundled column map of the national catalogue (other catalogues ship none)."""
    from gpcatalog.columns import read_map

    return read_map() if reference.split("@")[0] == "national" else None


def _columns_of(catalogue: Catalogue, column_map: ColumnMap | None) -> dict[str, list[str]]:
    """Item id → the names of the columns that publish it."""
    from gpcatalog.columns import columns_of

    if column_map is None:
        return {}
    names = {c.id: c.name for c in column_map.columns}
    return {item: [names[c] for c in columns] for item, columns in columns_of(column_map, catalogue).items()}


def _history(
    reference: str, docs: Writer, say: Progress, current: Catalogue | None = None
) -> dict[str, list[tuple[str, Change]]]:
    from gpcatalog.compare import diff
    from gpcatalog.history import open_history, records_between
    from gpcatalog.schema.validate import load_catalogue

    history: dict[str, list[tuple[str, Change]]] = defaultdict(list)
    base = reference.split("@")[0]
    try:
        found = open_history(base)
    except GpCatalogError:
        found = None
    entries = found.history.versions if found else []
    pages = []
    from gpcatalog.store.history import hash_files

    same_as_working = bool(
        found and entries and current is not None and hash_files(found.folder) == entries[-1].files
    )
    cache: dict[str, Catalogue] = {}

    def loaded(version: str) -> Catalogue:
        """A released version; the latest one is the catalogue already loaded when its files are the same."""
        if version not in cache:
            reuse = same_as_working and version == entries[-1].version and current is not None
            cache[version] = current if reuse and current is not None else load_catalogue(f"{base}@{version}")
        return cache[version]

    for older, newer in pairwise(entries):
        result = diff(
            loaded(older.version),
            loaded(newer.version),
            records=records_between(found, older.version, newer.version) if found else (),
        )
        name = f"{older.version}-{newer.version}"
        docs.text(f"versions/{name}.md", _diff_page(result))
        pages.append((name, older.version, newer.version, result))
        for change in result.changes:
            for part in change.flat():
                if part.target is Target.ITEM and part.id:
                    history[part.id].append((newer.version, part))
    log_file = found.folder / "CHANGELOG.md" if found else None
    log = (
        log_file.read_text(encoding="utf-8")
        if log_file is not None and log_file.is_file()
        else "还没有发布过版本。\n"
    )
    links = "".join(
        f'<li><a href="{name}/">{e(old)} → {e(new)}</a>:{len(result.changes)} 处变化</li>'
        for name, old, new, result in pages
    )
    body = f'<h1>版本</h1>\n<ul>{links}</ul>\n<pre class="gpc-log">{e(log)}</pre>'
    docs.text("versions/index.md", _page("版本", body))
    say(f"生成版本页:{len(entries)} 个版本,{len(pages)} 个差异")
    return history


def _laws(catalogue: Catalogue, docs: Writer) -> None:
    from gpcatalog.laws import registry

    rows = []
    for document in registry([catalogue]).values():
        items = "、".join(
            f'<a href="../items/{_safe_id(c.item.id)}/">{e(c.item.name or c.item.id)}</a>'
            for c in document.citing
        )
        replaced = (
            f"<br><small>已被{e(document.superseded.new_label)}取代</small>" if document.superseded else ""
        )
        rows.append(
            f"<tr><td>《{e(document.title)}》{replaced}</td><td>{e(document.doc_no or '')}</td>"
            f"<td>{e(document.kind or '')}</td><td>{len(document.citing)}</td><td>{items}</td></tr>"
        )
    body = (
        "<h1>依据文件</h1>\n<p>文号相同即同一文件;没有文号时按标题归并。</p>\n<table><thead><tr><th>文件</th><th>文号</th>"
        f"<th>类型</th><th>事项数</th><th>引用的事项</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    docs.text("laws.md", _page("依据文件", body))


def _column_pages(catalogue: Catalogue, column_map: ColumnMap | None, docs: Writer) -> int:
    from gpcatalog.columns import check_map, expand, tree

    if column_map is None:
        return 0
    result = check_map(column_map, catalogue)
    expanded = expand(column_map, catalogue)
    rows = "".join(
        f'<li style="margin-left:{(row.level - 1) * 1.5}em">{e(row.column.name)} <code>{e(row.column.id)}</code> '
        f"{e(row.column.path or '')}"
        + (f"({len(expanded.get(row.column.id, []))} 个事项)" if expanded.get(row.column.id) else "")
        + "</li>"
        for row in tree(column_map)
    )
    c = result.coverage
    body = (
        f"<h1>{e(column_map.title)}</h1>\n<p>栏目 {c.columns} 个(末级 {c.leaf_columns},空白 {c.blank_columns});"
        f"须在网站公开的事项 {c.website_items} 个,已对应栏目 {c.mapped_website_items} 个,覆盖率 {c.coverage:.1f}%。</p>\n"
        f'<ul class="gpc-columns">{rows}</ul>'
    )
    docs.text("columns.md", _page("网站栏目", body))
    return 1


def _downloads(catalogue: Catalogue, docs: Writer, say: Progress) -> None:
    from gpcatalog.api import to_json
    from gpcatalog.tables import write_csv, write_xlsx

    docs.text("downloads/catalogue.json", to_json(catalogue) + "\n")
    write_xlsx(catalogue, docs.path("downloads/catalogue.xlsx"))
    write_csv(catalogue, docs.path("downloads/catalogue.csv"))
    rows = [
        '<tr><td>全部领域</td><td><a href="catalogue.json">JSON</a></td><td><a href="catalogue.xlsx">Excel</a></td>'
        '<td><a href="catalogue.csv">CSV</a></td></tr>'
    ]
    for domain in catalogue.domains:
        code = _safe_id(domain.code)
        write_xlsx(catalogue, docs.path(f"downloads/{code}.xlsx"), domains=[code])
        write_csv(catalogue, docs.path(f"downloads/{code}.csv"), domains=[code])
        rows.append(
            f'<tr><td>{e(domain.name)}</td><td><a href="../api/v1/domains/{code}.json">JSON</a></td>'
            f'<td><a href="{code}.xlsx">Excel</a></td><td><a href="{code}.csv">CSV</a></td></tr>'
        )
    schemas = data_root() / "schemas"
    links = []
    for entry in sorted(schemas.iterdir(), key=lambda x: x.name):
        if entry.name.endswith(".json"):
            docs.text(f"downloads/schemas/{entry.name}", entry.read_text(encoding="utf-8"))
            links.append(f'<li><a href="schemas/{e(entry.name)}">{e(entry.name)}</a></li>')
    body = (
        "<h1>下载</h1>\n<table><thead><tr><th>范围</th><th>JSON</th><th>Excel</th><th>CSV</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table>\n<h2>JSON Schema</h2>\n<ul>{''.join(links)}</ul>"
    )
    docs.text("downloads/index.md", _page("下载", body))
    docs.text("downloads.md", _page("下载", '<p><a href="../downloads/">打开下载页</a></p>'))
    say(f"生成下载文件:{2 * len(catalogue.domains) + 3} 个")


def _api(catalogue: Catalogue, docs: Writer) -> None:
    data = catalogue.model_dump(mode="json")
    summary = {k: v for k, v in data.items() if k != "domains"}
    summary["domains"] = [
        {"code": d["code"], "name": d["name"], "url": f"domains/{d['code']}.json"} for d in data["domains"]
    ]
    docs.json("api/v1/catalogue.json", summary)
    for domain, raw in zip(catalogue.domains, data["domains"], strict=True):
        docs.json(f"api/v1/domains/{_safe_id(domain.code)}.json", raw)
        for _domain, _depth, item in [(domain, 0, i) for _d, i in domain.walk()]:
            dumped = item.model_dump(mode="json", exclude={"children"})
            dumped["domain"] = domain.code
            dumped["children"] = [c.id for c in item.children]
            docs.json(f"api/v1/items/{_safe_id(item.id)}.json", dumped)


def _reference(docs: Writer) -> None:
    from gpcatalog.schema.generate import build_schemas

    sections = []
    for name, schema in build_schemas().items():
        definitions = {"(根)": schema, **schema.get("$defs", {})}
        parts = []
        for key, definition in definitions.items():
            rows = "".join(
                f"<tr><td><code>{e(field)}</code></td><td>{e(prop.get('title'))}</td><td>{e(_type(prop))}</td>"
                f"<td>{e(prop.get('description'))}</td></tr>"
                for field, prop in (definition.get("properties") or {}).items()
            )
            if rows:
                parts.append(
                    f"<h3>{e(key)} {e(definition.get('title', ''))}</h3><table><thead><tr><th>字段</th><th>中文</th>"
                    f"<th>类型</th><th>说明</th></tr></thead><tbody>{rows}</tbody></table>"
                )
        sections.append(f"<h2>{e(schema.get('title'))}(<code>{e(name)}</code>)</h2>{''.join(parts)}")
    docs.text("reference/model.md", _page("数据模型", "<h1>数据模型</h1>\n" + "\n".join(sections)))
    cli = data_root() / "docs" / "cli.md"
    text = cli.read_text(encoding="utf-8") if cli.is_file() else "# 命令行参考\n\n(未随包附带)\n"
    docs.text("reference/cli.md", text)
    import importlib
    import inspect

    entries = []
    for module_name in PYTHON_MODULES:
        module = importlib.import_module(module_name)
        summary = (module.__doc__ or "").strip().split("\n\n")[0]
        functions = [
            (name, value)
            for name, value in vars(module).items()
            if not name.startswith("_")
            and inspect.isfunction(value)
            and value.__module__ == module_name
            and value.__doc__
        ]
        if not functions:
            continue
        entries.append(f"<h2><code>{e(module_name)}</code></h2><p>{e(summary)}</p>")
        for name, value in functions:
            doc = (value.__doc__ or "").strip().split("\n\n")[0]
            entries.append(
                f"<h3><code>{e(name)}{e(str(inspect.signature(value)))}</code></h3><p>{e(doc)}</p>"
            )
    docs.text("reference/python.md", _page("Python 接口", "<h1>Python 接口</h1>\n" + "\n".join(entries)))
    api_doc = (
        "<h1>静态 JSON 接口</h1>\n<p>与页面一同发布,不需要 Python 即可读取:</p>\n<ul>"
        "<li><code>api/v1/catalogue.json</code>:目录元数据和领域列表</li>"
        "<li><code>api/v1/domains/{code}.json</code>:一个领域,含完整的事项树(结构同 catalogue.export.schema.json 的领域)</li>"
        "<li><code>api/v1/items/{id}.json</code>:一个事项(不含下级,<code>children</code> 为下级编号),<code>domain</code> 为领域代码</li>"
        "</ul>"
    )
    docs.text("reference/json-api.md", _page("JSON 接口", api_doc))


def _reference_nav() -> list[dict[str, str]]:
    return [
        {"数据模型": "reference/model.md"},
        {"命令行": "reference/cli.md"},
        {"Python 接口": "reference/python.md"},
        {"JSON 接口": "reference/json-api.md"},
    ]


def _type(prop: dict[str, Any]) -> str:
    if "type" in prop:
        return str(prop["type"])
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    options = prop.get("anyOf") or []
    return " | ".join(_type(o) for o in options) if options else ""


def _guide(docs: Writer) -> list[dict[str, str]]:
    nav = []
    folder = data_root() / "docs"
    for name, title in GUIDE:
        source = folder / name
        if source.is_file():
            docs.text(f"guide/{name}", source.read_text(encoding="utf-8").replace("](docs/", "]("))
            nav.append({title: f"guide/{name}"})
    return nav


def _dictionary(catalogue: Catalogue, path: Path) -> int:
    """A jieba user dictionary of the catalogue's own terms, so that they stay whole in the search index."""
    from gpcatalog.laws import registry

    words: set[str] = set()
    for _domain, _depth, item in catalogue.walk():
        if item.name:
            words.add(item.name)
        if item.subject:
            words.update(re.split(r"[、,,;;]", item.subject))
    words.update(d.name for d in catalogue.domains)
    words.update(str(c) for c in Channel)
    words.update(document.title for document in registry([catalogue]).values())
    words.update(alias for aliases in ALIASES.values() for alias in aliases)
    words.update(ALIASES)
    words.update(("工作日", "公开时限", "公开依据", "公开主体"))
    clean = sorted(w.strip() for w in words if w and w.strip() and not re.search(r"\s", w.strip()))
    path.write_text("".join(f"{w} 20000\n" for w in clean), encoding="utf-8")
    return len(clean)


def _config(catalogue: Catalogue, project: Path, nav: list[Any]) -> None:
    config = {
        "site_name": catalogue.title,
        "site_description": "基层政务公开事项标准目录,由 gpcatalog 从数据包生成",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": "zh",
            "font": False,  # no Google Fonts: the site must work offline and on government intranets
            "features": ["navigation.sections", "search.highlight", "content.code.copy"],
        },
        "plugins": [
            {
                "search": {
                    "lang": "zh",
                    "separator": r"[\s\u200b\-]",
                    "jieba_dict_user": str((project / "jieba_user_dict.txt").resolve()),
                }
            }
        ],
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "toc"],
        "extra_css": ["assets/gpcatalog.css"],
        "nav": nav,
        "validation": {
            "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn"}
        },
    }
    (project / "mkdocs.yml").write_text(
        "# 由 gpcatalog site build 生成,请勿手改。只用 Zensical 也支持的 mkdocs.yml 设置。\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


CSS = """
.gpc-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .8rem; }
.gpc-card { display: flex; flex-direction: column; padding: .8rem; border: 1px solid var(--md-default-fg-color--lightest);
  border-radius: .3rem; }
.gpc-card strong { font-size: 1.1em; }
.gpc-number { color: var(--md-default-fg-color--light); font-size: .8em; }
.gpc-status { font-size: .8em; color: var(--md-accent-fg-color); }
.gpc-badge { display: inline-block; padding: 0 .4em; margin: .1em; border-radius: .2em; font-size: .8em;
  background: var(--md-code-bg-color); }
.gpc-added { background: #d4f4dd; } .gpc-removed { background: #f9d6d5; } .gpc-modified { background: #fff3c4; }
.gpc-renamed, .gpc-moved { background: #d6e9f9; } .gpc-split, .gpc-merged { background: #ecdcf7; }
.gpc-caveat { color: var(--md-default-fg-color--light); font-size: .85em; }
.gpc-log { white-space: pre-wrap; }
"""
