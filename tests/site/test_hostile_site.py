"""A site built from hostile text in every field never runs it: no dialog, no script, no ``javascript:`` link.

The catalogue is the pilot one (it has extension fields) with every text field replaced by markup, event
handlers, ``javascript:`` URLs, Markdown links and mkdocs/Jinja syntax. Each payload sets ``window.__pwned`` and
opens a dialog if it ever runs. The catalogue is built in memory, not loaded from files, so that what validation
may refuse or warn about (a matter of the package, not of the site) does not decide what the site is tested with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from gpcatalog.loading import load
from gpcatalog.model import Catalogue
from gpcatalog.site import check_links, generate_project
from gpcatalog.site.build import run_mkdocs
from tests.site.browser import FLAGS, chromium, serving

pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)

PAYLOADS = (
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=window.__pwned=2;alert(2)>",
    '"><svg onload=window.__pwned=4;alert(4)>',
    "'><img src=x onerror=alert(6)>",
    "[x](javascript:window.__pwned=5;alert(5))",
    "{{ config }}{% raw %}{{ page }}",
)
HOSTILE = "毒药" + "".join(PAYLOADS)
URL = "javascript:window.__pwned=3;alert(3)"
TEXT_KEYS = {
    "title",
    "description",
    "publisher",
    "place",
    "name",
    "notes",
    "issuer",
    "doc_no",
    "note",
    "subject",
    "text",
    "article",
    "template_note",
    "cunwu_location",
}
LIST_KEYS = {"caveats", "contents", "missing", "extra_channels"}


def _poison(value: Any, parent: str) -> Any:
    """Every text field ``key`` under ``parent`` becomes ``parent.key:`` + the hostile text; URLs javascript:."""
    if isinstance(value, list):
        return [_poison(v, parent) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, inner in value.items():
        if key in TEXT_KEYS:
            out[key] = f"{parent}.{key}:{HOSTILE}"
        elif key in LIST_KEYS:
            out[key] = [f"{parent}.{key}:{HOSTILE}"]
        elif key in ("url", "source"):
            out[key] = URL
        else:
            out[key] = _poison(inner, key)
    return out


def hostile_catalogue() -> Catalogue:
    """The pilot catalogue with hostile text in every text field (catalogue, domain, items, sources, basis …)."""
    pilot = load("cunwu-pilot")
    data = pilot.model_dump(mode="json")
    data["version"] = "0.1"
    data["sources"] = [{"title": "", "issuer": "", "doc_no": "", "url": ""}]
    domain = data["domains"][0]
    domain["sources"] = [{"place": "", "title": "", "issuer": "", "doc_no": "", "url": "", "note": ""}]
    domain["guideline"] = {"issuer": "", "title": "", "doc_no": "", "date": None}
    domain["completeness"] = {
        "status": "partial",
        "template_rows": 3,
        "template_note": "",
        "missing": [],
        "caveats": [],
    }
    domain["extra_channels"] = []
    leaf = domain["items"][0]["children"][0]
    leaf["deadline"] = {"kind": "unparsed", "text": ""}
    leaf["basis"][0]["citations"][0]["doc_no"] = ""
    data = _poison(data, "catalogue")
    data["version"] = f"version:{HOSTILE}"
    leaf = data["domains"][0]["items"][0]["children"][0]
    leaf["channels"] = [*leaf["channels"], data["domains"][0]["extra_channels"][0]]
    return type(pilot).model_validate(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = generate_project("cunwu-pilot", root / "project", catalogue=hostile_catalogue())
    run_mkdocs(project, root / "site")
    return root / "site"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: list[str] = []

    def handle_data(self, data: str) -> None:
        self.data.append(data)


class _Dangers(HTMLParser):
    """Elements of a page that would run or link script: <script> with a payload, on* attributes, javascript:."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"\s*javascript:", value or "", re.I
            ):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("img", "iframe", "object", "embed"):  # the theme draws its icons as inline <svg>
            self.found.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        if "__pwned" in data and self.lasttag == "script":
            self.found.append("<script>__pwned")


def test_every_page_holds_the_hostile_text_as_text(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) == 20  # 19 pages and the 404 page
    dangers = {}
    for page in pages:
        parser = _Dangers()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            dangers[str(page.relative_to(hostile_site))] = parser.found
    assert dangers == {}
    expected = {
        "index.html": {
            "version",
            "catalogue.title",
            "catalogue.description",
            "catalogue.caveats",
            "domains.name",
        },
        "domains/cunwu-gongkai/index.html": {
            "domains.name",
            "domains.notes",
            "guideline.issuer",
            "guideline.title",
            "guideline.doc_no",
            "completeness.missing",
            "completeness.caveats",
            "sources.place",
            "sources.issuer",
            "sources.title",
            "sources.doc_no",
            "sources.note",
            "items.name",
            "children.name",
            "children.contents",
            "basis.text",
            "deadline.text",
            "children.subject",
            "domains.extra_channels",
        },
        "items/cunwu-gongkai-002/index.html": {
            "catalogue.title",
            "domains.name",
            "items.name",
            "children.name",
            "children.contents",
            "basis.text",
            "citations.title",
            "citations.doc_no",
            "citations.article",
            "deadline.text",
            "children.subject",
            "domains.extra_channels",
            "children.cunwu_location",
            "children.caveats",
        },
        "laws/index.html": {"citations.title", "children.name"},
    }
    for name, labels in expected.items():
        shown = _Text()
        shown.feed((hostile_site / name).read_text(encoding="utf-8"))
        # Each field reads back as the very text it holds: escaped, not interpreted, not escaped twice.
        found = set(re.findall(r"([a-z_.]+):" + re.escape(HOSTILE), "".join(shown.data)))
        assert labels - found == set(), name
    item = (hostile_site / "items" / "cunwu-gongkai-002" / "index.html").read_text(encoding="utf-8")
    assert "{{ config }}{% raw %}{{ page }}" in item  # not rendered by mkdocs or Jinja
    assert "[x](javascript:window.__pwned=5;alert(5))" in item  # not read as a Markdown link
    assert check_links(hostile_site) == []


def _dangerous_dom() -> str:
    return """() => {
        const found = [];
        for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
                if (/^\\s*javascript:/i.test(attr.value) && /href|src|action/.test(attr.name))
                    found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
            }
        }
        for (const el of document.querySelectorAll('img, iframe, object, embed'))
            found.push(el.outerHTML.slice(0, 80));
        for (const s of document.scripts) if (s.text.includes('__pwned')) found.push('script');
        if (window.__pwned !== undefined) found.push('__pwned=' + window.__pwned);
        return found;
    }"""


@pytest.fixture
def browser_page(hostile_site: Path) -> Iterator[tuple[Any, str, list[str]]]:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    events: list[str] = []
    with serving(hostile_site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=FLAGS)
        page = browser.new_page()

        def dialog(opened: Any) -> None:
            events.append(f"dialog: {opened.message}")
            opened.dismiss()

        page.on("dialog", dialog)
        page.on("pageerror", lambda error: events.append(f"pageerror: {error}"))
        yield page, address, events
        browser.close()


def test_hostile_site_in_a_real_browser(browser_page: tuple[Any, str, list[str]]) -> None:
    page, address, events = browser_page
    seen = {}
    for path in (
        "/",
        "/domains/cunwu-gongkai/",
        "/items/cunwu-gongkai-002/",
        "/items/cunwu-gongkai-001/",
        "/laws/",
        "/versions/",
        "/downloads/",
    ):
        page.goto(f"{address}{path}")
        page.wait_for_load_state("load")
        assert "毒药" in page.content(), path
        seen[path] = page.evaluate(_dangerous_dom())
    # Search: the results render titles and text from the search index. Typed (the theme searches on key
    # events), for a term of the hostile text and one inside its Jinja syntax; then a result is opened.
    page.goto(f"{address}/")
    box = page.locator(".md-search__input")
    box.click()
    for query in ("毒药", "config"):
        box.fill(query)
        box.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)  # let every result render before looking
        assert page.locator(".md-search-result__item").count() >= 5, query
        seen[f"search {query}"] = page.evaluate(_dangerous_dom())
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("load")
    seen["search result"] = page.evaluate(_dangerous_dom())
    assert {where: found for where, found in seen.items() if found} == {}
    assert page.evaluate("() => window.__pwned") is None
    assert events == []


def test_the_search_index_holds_no_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    raw = [
        doc["location"]
        for doc in index["docs"]
        if any(p in doc.get("text", "") + doc.get("title", "") for p in ("<script", "<img", "<svg"))
    ]
    assert raw == []
