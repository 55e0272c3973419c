"""Writing the mkdocs project: ``mkdocs.yml``, the pages, downloads, the static JSON API, the search dictionary
and the asset files (``gpcatalog/site/assets/``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from gpcatalog.api import build_schemas, to_json
from gpcatalog.columns import check_map, expand, tree
from gpcatalog.errors import SiteError, WriteError
from gpcatalog.model import Catalogue, Channel, Item
from gpcatalog.site import pages
from gpcatalog.site.data import ALIASES, SiteData, gather, python_reference
from gpcatalog.site.pages import page, safe_id
from gpcatalog.site.staging import check_replaceable, mark, remove_made
from gpcatalog.store.resources import data_root
from gpcatalog.tables import write_csv, write_xlsx

Progress = Callable[[str], None]

DICTIONARY_WORD_LIMIT = 100
"""The longest term put in the search dictionary. jieba adds every prefix of a dictionary word to its prefix
table and, segmenting a page, walks that table from every character: a name of n repeated characters costs
n² memory to load and n³ steps to segment (5,000 characters: two minutes; 20,000: hours). Longer terms are left
to jieba's own dictionary and are still found by their parts. The longest term of the national catalogue has 82."""


GUIDE = [
    ("editing.md", "编辑目录"),
    ("adjustment.md", "动态调整与发布"),
    ("tables.md", "Excel 和 CSV"),
    ("columns.md", "网站栏目与时效检查"),
    ("derived.md", "本地目录与试点扩展"),
]


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


def generate_project(
    catalogue_ref: str | None,
    output: Path,
    *,
    progress: Progress | None = None,
    catalogue: Catalogue | None = None,
) -> Path:
    """Write the mkdocs project for a catalogue into ``output``; return its folder.

    ``output`` is replaced if a site build made it (it holds the marker file ``.gpcatalog-site``, written into
    every project) or is empty; any other existing folder is refused. :func:`gpcatalog.site.build_site` writes
    into a staging folder and switches it in, so a build that fails leaves the previous project whole.

    Args:
        catalogue_ref: the catalogue (default: the bundled national one); versions, column maps and laws of it
            are included when it has them.
        catalogue: an already loaded catalogue (tests, synthetic sites); ``catalogue_ref`` then only names it.

    Raises:
        SiteError: ``output`` exists and was not made by a site build.
        WriteError: ``output`` cannot be written.
    """
    say = progress or (lambda _message: None)
    check_replaceable(Path(output))  # before the work, not after it
    data = gather(catalogue_ref, catalogue)
    try:
        return _write_project(data, Path(output), say)
    except OSError as exc:  # the output folder is read-only, full, or a file is in the way
        where = exc.filename or output
        raise WriteError(f"无法写入网站项目:{exc.strerror or exc}", file=where) from exc


def _write_project(data: SiteData, project: Path, say: Progress) -> Path:
    catalogue = data.catalogue
    remove_made(project)
    project.mkdir(parents=True)
    mark(project)
    docs = Writer(project / "docs")
    say(f"生成页面:{catalogue.title},{len(catalogue.domains)} 个领域")
    docs.text("index.md", pages.home_page(catalogue))
    for version_diff in data.diffs:
        docs.text(f"versions/{version_diff.name}.md", pages.diff_page(version_diff.result))
    docs.text("versions/index.md", pages.versions_page(data.diffs, data.changelog))
    say(f"生成版本页:{data.versions} 个版本,{len(data.diffs)} 个差异")
    nav_domains = []
    names = Counter(item.name for _domain, _depth, item in catalogue.walk() if item.name)
    repeated = frozenset(name for name, count in names.items() if count > 1)
    for domain in catalogue.domains:
        docs.text(f"domains/{safe_id(domain.code)}/index.md", pages.domain_page(domain))
        nav_domains.append({pages.e(domain.name): f"domains/{domain.code}/index.md"})
        for path in _paths(domain.items, []):
            text = pages.item_page(catalogue, domain, path, data.columns, data.history, data.local, repeated)
            docs.text(f"items/{safe_id(path[-1].id)}/index.md", text)
    for removal in data.removed.values():
        docs.text(f"items/{safe_id(removal.item_id)}/index.md", pages.removed_page(catalogue, removal))
    say(f"生成事项页:{sum(1 for _ in catalogue.items())} 个,已删除事项页 {len(data.removed)} 个")
    docs.text("laws.md", pages.laws_page(data.documents))
    nav: list[Any] = [
        {"首页": "index.md"},
        {"领域": nav_domains},
        {"版本": "versions/index.md"},
        {"依据文件": "laws.md"},
    ]
    if data.column_map is not None:
        check = check_map(data.column_map, catalogue)
        expanded = expand(data.column_map, catalogue)
        docs.text("columns.md", pages.columns_page(data.column_map, check, expanded, tree(data.column_map)))
        nav.append({"网站栏目": "columns.md"})
    _downloads(catalogue, docs, say)
    _api(catalogue, docs)
    _reference(docs)
    guide = _guide(docs)
    words = _dictionary(data, project / "jieba_user_dict.txt")
    say(f"生成搜索词典:{words} 个词")
    nav += [{"下载": "downloads.md"}, {"使用指南": guide}, {"参考": _reference_nav()}]
    _config(catalogue, project, nav)
    assets = files("gpcatalog.site") / "assets"
    for asset in assets.iterdir():
        if asset.name.endswith((".css", ".js")):
            docs.text(f"assets/{asset.name}", asset.read_text(encoding="utf-8"))
    say(f"写入 {docs.files} 个文件")
    return project


def _paths(items: list[Item], above: list[Item]) -> Iterator[list[Item]]:
    for item in items:
        yield [*above, item]
        yield from _paths(item.children, [*above, item])


def _downloads(catalogue: Catalogue, docs: Writer, say: Progress) -> None:
    docs.text("downloads/catalogue.json", to_json(catalogue) + "\n")
    write_xlsx(catalogue, docs.path("downloads/catalogue.xlsx"))
    write_csv(catalogue, docs.path("downloads/catalogue.csv"))
    for domain in catalogue.domains:
        code = safe_id(domain.code)
        write_xlsx(catalogue, docs.path(f"downloads/{code}.xlsx"), domains=[code])
        write_csv(catalogue, docs.path(f"downloads/{code}.csv"), domains=[code])
    names = []
    for entry in sorted((data_root() / "schemas").iterdir(), key=lambda x: x.name):
        if entry.name.endswith(".json"):
            docs.text(f"downloads/schemas/{entry.name}", entry.read_text(encoding="utf-8"))
            names.append(entry.name)
    docs.text("downloads/index.md", pages.downloads_page(catalogue, names))
    docs.text("downloads.md", page("下载", '<p><a href="../downloads/">打开下载页</a></p>'))
    say(f"生成下载文件:{2 * len(catalogue.domains) + 3} 个")


def _api(catalogue: Catalogue, docs: Writer) -> None:
    data = catalogue.model_dump(mode="json")
    summary = {k: v for k, v in data.items() if k != "domains"}
    summary["domains"] = [
        {"code": d["code"], "name": d["name"], "url": f"domains/{d['code']}.json"} for d in data["domains"]
    ]
    docs.json("api/v1/catalogue.json", summary)
    for domain, raw in zip(catalogue.domains, data["domains"], strict=True):
        docs.json(f"api/v1/domains/{safe_id(domain.code)}.json", raw)
        for _domain, _depth, item in [(domain, 0, i) for _d, i in domain.walk()]:
            dumped = item.model_dump(mode="json", exclude={"children"})
            dumped["domain"] = domain.code
            dumped["children"] = [c.id for c in item.children]
            docs.json(f"api/v1/items/{safe_id(item.id)}.json", dumped)


def _reference(docs: Writer) -> None:
    docs.text("reference/model.md", pages.model_page(build_schemas()))
    cli = data_root() / "docs" / "cli.md"
    text = cli.read_text(encoding="utf-8") if cli.is_file() else "# 命令行参考\n\n(未随包附带)\n"
    docs.text("reference/cli.md", text)
    docs.text("reference/python.md", pages.python_page(python_reference()))
    docs.text("reference/json-api.md", pages.json_api_page())


def _reference_nav() -> list[dict[str, str]]:
    return [
        {"数据模型": "reference/model.md"},
        {"命令行": "reference/cli.md"},
        {"Python 接口": "reference/python.md"},
        {"JSON 接口": "reference/json-api.md"},
    ]


def _guide(docs: Writer) -> list[dict[str, str]]:
    nav = []
    folder = data_root() / "docs"
    for name, title in GUIDE:
        source = folder / name
        if source.is_file():
            docs.text(f"guide/{name}", source.read_text(encoding="utf-8").replace("](docs/", "]("))
            nav.append({title: f"guide/{name}"})
    return nav


def _dictionary(data: SiteData, path: Path) -> int:
    """A jieba user dictionary of the catalogue's own terms, so that they stay whole in the search index."""
    catalogue = data.catalogue
    words: set[str] = set()
    for _domain, _depth, item in catalogue.walk():
        if item.name:
            words.add(item.name)
        if item.subject:
            words.update(re.split(r"[、,,;;]", item.subject))
    words.update(d.name for d in catalogue.domains)
    words.update(str(c) for c in Channel)
    words.update(document.title for document in data.documents)
    words.update(alias for aliases in ALIASES.values() for alias in aliases)
    words.update(ALIASES)
    words.update(("工作日", "公开时限", "公开依据", "公开主体"))
    clean = sorted(
        w.strip()
        for w in words
        if w and w.strip() and not re.search(r"\s", w.strip()) and len(w.strip()) <= DICTIONARY_WORD_LIMIT
    )
    path.write_text("".join(f"{w} 20000\n" for w in clean), encoding="utf-8")
    return len(clean)


def _config(catalogue: Catalogue, project: Path, nav: list[Any]) -> None:
    config = {
        "site_name": pages.e(catalogue.title),  # the theme writes it unescaped on every page
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
