"""One pure function per page of the site: data in, the page's Markdown (one raw HTML block) out.

Every value from the data is HTML-escaped with :func:`e` and written inside a raw HTML block, so neither HTML nor
Markdown in a cell can change the page; ids are checked (:func:`safe_id`) before they become links and file names.
To add a page: write its function here, then one line in :func:`gpcatalog.site.project.generate_project` that
writes it and puts it in the navigation.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

import yaml

from gpcatalog.changes import CHANGE_LABELS, Change, Diff, Target
from gpcatalog.changes.render import detail_text
from gpcatalog.changes.wording import field_label
from gpcatalog.columns import ColumnCheck, ColumnMap, TreeRow
from gpcatalog.errors import SiteError
from gpcatalog.history import Removal
from gpcatalog.laws import Document
from gpcatalog.model import COMPLETENESS_LABELS, ID_RE, Catalogue, Domain, Item
from gpcatalog.parsing.deadline import KIND_LABELS
from gpcatalog.parsing.text import to_traditional
from gpcatalog.site.data import ALIASES, VersionDiff


def e(value: Any) -> str:
    """HTML-escape a value from the data (None → empty)."""
    return html.escape("" if value is None else str(value), quote=True)


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url) else None


def page(title: str, body: str, *, description: str | None = None) -> str:
    """A Markdown page whose content is one raw HTML block (so nothing in it is read as Markdown)."""
    # The theme writes the title into <title> and the header without escaping it: escape it here.
    meta = {"title": e(title), **({"description": e(description)} if description else {})}
    front = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False)
    return f'---\n{front}---\n\n<div class="gpc">\n{body}\n</div>\n'


def safe_id(item_id: str) -> str:
    if not ID_RE.match(item_id):
        raise SiteError(f"编号“{item_id}”不能用作文件名")
    return item_id


def _tick(value: bool | None) -> str:
    return {True: "√", False: "×", None: "?"}[value]


def _keywords(text: str) -> list[str]:
    return [alias for term, aliases in ALIASES.items() if term in text for alias in aliases]


def home_page(catalogue: Catalogue) -> str:
    cards = []
    for domain in catalogue.domains:
        leaves = len(domain.leaves())
        status = COMPLETENESS_LABELS.get(domain.completeness.status, "") if domain.completeness else ""
        cards.append(
            f'<a class="gpc-card" href="domains/{safe_id(domain.code)}/">'
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
    return page(catalogue.title, body)


def _tree(items: list[Item], prefix: str = "../../items/") -> str:
    if not items:
        return ""
    rows = "".join(
        f'<li><a href="{prefix}{safe_id(i.id)}/">{e(i.name or "(名称不详)")}</a> <code>{e(i.id)}</code>{_tree(i.children, prefix)}</li>'
        for i in items
    )
    return f"<ul>{rows}</ul>"


def _badges(item: Item) -> str:
    if item.channels is None:
        return '<span class="gpc-badge gpc-unknown">渠道不详</span>'
    return " ".join(f'<span class="gpc-badge">{e(c)}</span>' for c in item.channels)


def domain_page(domain: Domain) -> str:
    g = domain.guideline
    guideline = (
        " · ".join(e(v) for v in (g.issuer, g.title, g.doc_no, g.date) if v) or "国家指引的发文信息未找到"
    )
    sources = "".join(
        f"<li>{' · '.join(e(v) for v in (s.place, s.issuer, s.title, s.doc_no) if v)}"
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
            f'<td><a href="../../items/{safe_id(item.id)}/">{e(item.name or "(名称不详)")}</a></td>'
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
    return page(domain.name, body)


def item_page(
    catalogue: Catalogue,
    domain: Domain,
    path: list[Item],
    columns: dict[str, list[str]],
    history: dict[str, list[tuple[str, Change]]],
    local: dict[str, set[str]] | None = None,
    repeated: frozenset[str] = frozenset(),
) -> str:
    """An item's page. Its title carries the domain path (``社会救助 › 最低生活保障 › 审批信息``) when the name is
    in ``repeated`` (names several items share) or missing, so that search results tell such pages apart."""
    item = path[-1]
    rows: list[tuple[str, str]] = [
        ("编号", f"<code>{e(item.id)}</code>"),
        ("领域", f'<a href="../../domains/{safe_id(domain.code)}/">{e(domain.name)}</a>'),
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
            f"{e(field_label(c.field))} {'〔' + e('、'.join(c.records)) + '〕' if c.records else ''}</li>"
            for version, c in changes
        )
        rows.append(("变更历史", f"<ul>{entries}</ul>"))
    fields = (local or {}).get(item.id)
    if fields:
        shown = (
            "全部字段(本地新增的事项)" if "*" in fields else "、".join(field_label(f) for f in sorted(fields))
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
    return page(
        item_title(domain, path, repeated), f"<h1>{e(item.name or '(名称不详)')}</h1>\n<table>{table}</table>"
    )


def item_title(domain: Domain, path: list[Item], repeated: frozenset[str] = frozenset()) -> str:
    """The page title of an item: its name, or its domain path when the name repeats or is missing."""
    item = path[-1]
    if item.name and item.name not in repeated:
        return item.name
    return " › ".join([domain.name, *(p.name or "(名称不详)" for p in path)])


def removed_page(catalogue: Catalogue, removal: Removal) -> str:
    """The page of an item a released version removed (or split or merged away): when, by which records, where
    it stood, with links to the version's changes and to what it became."""
    changes = (
        f"../../versions/{e(removal.last_version)}-{e(removal.version)}/"
        if removal.last_version and removal.version
        else None
    )
    present = {d.code for d in catalogue.domains}
    domain = (
        f'<a href="../../domains/{safe_id(removal.domain)}/">{e(removal.domain_name)}</a>'
        if removal.domain in present
        else e(removal.domain_name)
    )
    when = e(removal.version or "工作副本(尚未发布)")
    if changes:
        when = f'<a href="{changes}">{when}</a>'
    rows: list[tuple[str, str]] = [
        ("编号", f"<code>{e(removal.item_id)}</code>"),
        ("领域", domain),
        ("原位置", " / ".join(e(p) for p in removal.path) or "领域顶层"),
        ("删除于", when + (f"({e(removal.date.isoformat())} 发布)" if removal.date else "")),
    ]
    if removal.last_version:
        rows.append(("最后所在版本", e(removal.last_version)))
    if removal.targets:
        ids = {item.id for item in catalogue.items()}
        links = [
            f'<a href="../{safe_id(t)}/">{e(t)}</a>' if t in ids else f"<code>{e(t)}</code>"
            for t in removal.targets
        ]
        rows.append(("拆分为" if removal.kind.value == "split" else "合并入", "、".join(links)))
    for record in removal.records:
        label = f'<a href="{changes}">{e(record.id)}</a>' if changes else e(record.id)
        text = f"{label} {e(str(record.reason))}({e(record.date.isoformat())}):{e(record.summary)}"
        if record.trigger is not None:
            title = f"《{e(record.trigger.title)}》" + (
                f" {e(record.trigger.doc_no)}" if record.trigger.doc_no else ""
            )
            url = _safe_url(record.trigger.url)
            linked = f'<a href="{e(url)}">{title}</a>' if url else title
            text += f"<br><small>触发文件:{linked}</small>"
        rows.append(("调整记录", text))
    table = "".join(f"<tr><th>{e(label)}</th><td>{value}</td></tr>" for label, value in rows)
    name = removal.name or removal.item_id
    body = (
        f'<h1>{e(name)} <span class="gpc-badge gpc-removed">已删除</span></h1>\n'
        f"<p>事项 <code>{e(removal.item_id)}</code> {e(removal.sentence())}。</p>\n<table>{table}</table>"
    )
    return page(f"{name}(已删除)", body)


def diff_page(result: Diff) -> str:
    rows = "".join(
        f'<tr><td><span class="gpc-badge gpc-{c.type.value}">{e(CHANGE_LABELS[c.type])}</span></td>'
        f"<td>{e(c.id or '、'.join(c.sources))}</td><td>{e(c.name)}</td><td>{e(field_label(c.field, c.target))}</td>"
        f"<td>{e(_short(c))}</td><td>{e('、'.join(c.records))}</td></tr>"
        for c in result.changes
        if not (c.target is Target.CATALOGUE and c.field in ("version", "release_date"))
    )
    body = (
        f"<h1>{e(result.old)} → {e(result.new)}</h1>\n<table><thead><tr><th>类型</th><th>编号</th><th>名称</th>"
        f"<th>字段</th><th>变化</th><th>调整记录</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return page(f"{result.old} → {result.new}", body)


def _short(change: Change) -> str:
    return detail_text(change) if change.type.value == "modified" else ""


def _type(prop: dict[str, Any]) -> str:
    if "type" in prop:
        return str(prop["type"])
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    options = prop.get("anyOf") or []
    return " | ".join(_type(o) for o in options) if options else ""


def versions_page(diffs: list[VersionDiff], changelog: str) -> str:
    """The versions page: a link to each diff between consecutive versions, then the changelog."""
    links = "".join(
        f'<li><a href="{e(v.name)}/">{e(v.old)} → {e(v.new)}</a>:{len(v.result.changes)} 处变化</li>'
        for v in diffs
    )
    body = f'<h1>版本</h1>\n<ul>{links}</ul>\n<pre class="gpc-log">{e(changelog)}</pre>'
    return page("版本", body)


def laws_page(documents: list[Document]) -> str:
    """Every cited document with its 文号, kind, the items citing it, and its successor where superseded."""
    rows = []
    for document in documents:
        items = "、".join(
            f'<a href="../items/{safe_id(c.item.id)}/">{e(c.item.name or c.item.id)}</a>'
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
    return page("依据文件", body)


def columns_page(
    column_map: ColumnMap, check: ColumnCheck, expanded: dict[str, list[str]], rows: list[TreeRow]
) -> str:
    """The website's column tree with the number of items each column publishes, and the coverage figures."""
    entries = "".join(
        f'<li style="margin-left:{(row.level - 1) * 1.5}em">{e(row.column.name)} <code>{e(row.column.id)}</code> '
        f"{e(row.column.path or '')}"
        + (f"({len(expanded.get(row.column.id, []))} 个事项)" if expanded.get(row.column.id) else "")
        + "</li>"
        for row in rows
    )
    c = check.coverage
    body = (
        f"<h1>{e(column_map.title)}</h1>\n<p>栏目 {c.columns} 个(末级 {c.leaf_columns},空白 {c.blank_columns});"
        f"须在网站公开的事项 {c.website_items} 个,已对应栏目 {c.mapped_website_items} 个,覆盖率 {c.coverage:.1f}%。</p>\n"
        f'<ul class="gpc-columns">{entries}</ul>'
    )
    return page("网站栏目", body)


def downloads_page(catalogue: Catalogue, schemas: list[str]) -> str:
    """Links to the whole catalogue and each domain as JSON, Excel and CSV, and to the JSON Schemas."""
    rows = [
        '<tr><td>全部领域</td><td><a href="catalogue.json">JSON</a></td><td><a href="catalogue.xlsx">Excel</a></td>'
        '<td><a href="catalogue.csv">CSV</a></td></tr>'
    ]
    for domain in catalogue.domains:
        code = safe_id(domain.code)
        rows.append(
            f'<tr><td>{e(domain.name)}</td><td><a href="../api/v1/domains/{code}.json">JSON</a></td>'
            f'<td><a href="{code}.xlsx">Excel</a></td><td><a href="{code}.csv">CSV</a></td></tr>'
        )
    links = "".join(f'<li><a href="schemas/{e(name)}">{e(name)}</a></li>' for name in schemas)
    body = (
        "<h1>下载</h1>\n<table><thead><tr><th>范围</th><th>JSON</th><th>Excel</th><th>CSV</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table>\n<h2>JSON Schema</h2>\n<ul>{links}</ul>"
    )
    return page("下载", body)


def model_page(schemas: dict[str, dict[str, Any]]) -> str:
    """The data model, from the JSON Schemas: every definition's fields with Chinese title, type, description."""
    sections = []
    for name, schema in schemas.items():
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
    return page("数据模型", "<h1>数据模型</h1>\n" + "\n".join(sections))


def python_page(modules: list[tuple[str, str, list[tuple[str, str, str]]]]) -> str:
    """The Python reference: for each module its summary, then each public function's signature and summary."""
    entries = []
    for module_name, summary, functions in modules:
        entries.append(f"<h2><code>{e(module_name)}</code></h2><p>{e(summary)}</p>")
        for name, signature, doc in functions:
            entries.append(f"<h3><code>{e(name)}{e(signature)}</code></h3><p>{e(doc)}</p>")
    return page("Python 接口", "<h1>Python 接口</h1>\n" + "\n".join(entries))


def json_api_page() -> str:
    """What the static JSON API published with the pages holds."""
    body = (
        "<h1>静态 JSON 接口</h1>\n<p>与页面一同发布,不需要 Python 即可读取:</p>\n<ul>"
        "<li><code>api/v1/catalogue.json</code>:目录元数据和领域列表</li>"
        "<li><code>api/v1/domains/{code}.json</code>:一个领域,含完整的事项树(结构同 catalogue.export.schema.json 的领域)</li>"
        "<li><code>api/v1/items/{id}.json</code>:一个事项(不含下级,<code>children</code> 为下级编号),<code>domain</code> 为领域代码</li>"
        "</ul>"
    )
    return page("JSON 接口", body)
