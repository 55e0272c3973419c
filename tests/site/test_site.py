"""The catalogue site: generated from the data, built strictly, links checked, and used in a real browser
(Debian's Chromium through Playwright, see :mod:`tests.site.browser`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from gpcatalog.errors import SiteError, WriteError
from gpcatalog.site import build_site, check_links, generate_project
from gpcatalog.site.project import Writer
from tests.helpers import LATEST, NATIONAL, NEXT, release_removal
from tests.site.browser import FLAGS, chromium, serving

# The standard-library HTTP server used to serve the built site may leave a keep-alive socket of the browser
# open when the server stops; that is the test server's housekeeping, not the site's.
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    result = build_site(None, root)
    assert result.pages >= 480
    return result.site


def test_pages_api_downloads_and_search_dictionary(built: Path) -> None:
    project = built.parent / "project"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "lang: zh" in config and "jieba_dict_user" in config
    dictionary = (project / "jieba_user_dict.txt").read_text(encoding="utf-8").splitlines()
    assert "最低生活保障 20000" in dictionary
    longest = max((line.rsplit(" ", 1)[0] for line in dictionary), key=len)
    assert len(longest) == 82 and longest.startswith(
        "对未取得《消毒产品生产企业卫生许可证》"
    )  # under the limit
    home = (built / "index.html").read_text(encoding="utf-8")
    assert home.count('class="gpc-card"') == 26
    assert f"版本 {LATEST} · 发布日期 2026-12-02 · 26 个领域" in home
    item = (built / "items" / "huanjing-baohu-003" / "index.html").read_text(encoding="utf-8")
    assert "主席令第104号" in item and "2026-001" in item  # structured basis and its change history
    assert "制定或获取信息之日起 10 个工作日内" in (
        built / "items" / "shehui-jiuzhu-002" / "index.html"
    ).read_text(encoding="utf-8")
    assert "综合业务" in (built / "columns" / "index.html").read_text(encoding="utf-8")
    api = json.loads((built / "api" / "v1" / "items" / "shehui-jiuzhu-005.json").read_text(encoding="utf-8"))
    assert (api["id"], api["domain"]) == ("shehui-jiuzhu-005", "shehui-jiuzhu")
    assert (
        len(json.loads((built / "api" / "v1" / "catalogue.json").read_text(encoding="utf-8"))["domains"])
        == 26
    )
    for name in (
        "catalogue.json",
        "catalogue.xlsx",
        "catalogue.csv",
        "shehui-jiuzhu.xlsx",
        "schemas/diff.schema.json",
    ):
        assert (built / "downloads" / name).is_file(), name
    assert (built / "versions" / "2019.1-2026.1" / "index.html").is_file()
    assert (built / "versions" / f"2026.1-{LATEST}" / "index.html").is_file()


def test_no_broken_links_or_missing_assets(built: Path) -> None:
    assert check_links(built) == []


def test_chinese_search_index(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    page = next(text for location, text in texts.items() if location.startswith("items/shehui-jiuzhu-005"))
    assert "低保" in page and "最低生活保障" in page
    assert "法規" in page  # the traditional form of the name, so traditional input finds it too


def test_values_are_escaped_and_paths_stay_inside(tmp_path: Path) -> None:
    package = tmp_path / "xss"
    shutil.copytree(NATIONAL, package, ignore=shutil.ignore_patterns("versions", "history.yaml", "columns"))
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: 政策法规文件\n", "name: <script>alert(1)</script>**粗体**[链接](javascript:alert(2))\n", 1
    )
    path.write_text(text, encoding="utf-8")
    result = build_site(str(package), tmp_path / "out")
    page = (result.site / "items" / "shehui-jiuzhu-002" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;**粗体**[链接](javascript:alert(2))" in page
    assert "<script>alert(1)</script>" not in page and 'href="javascript' not in page
    with pytest.raises(SiteError, match="拒绝写到输出目录之外"):
        Writer(tmp_path / "w").text("../escape.md", "x")


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    with serving(built) as address:
        yield address


def test_in_a_real_browser(server: str, tmp_path: Path) -> None:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=FLAGS)
        page = browser.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        page.goto(f"{server}/")
        assert page.locator(".gpc-card").count() == 26
        page.screenshot(path=str(tmp_path / "home.png"))
        page.click("text=社会救助")
        page.wait_for_url("**/domains/shehui-jiuzhu/")
        assert page.locator("h1").first.inner_text() == "社会救助"
        page.locator('a[href$="items/shehui-jiuzhu-006/"]').first.click()
        page.wait_for_url("**/items/shehui-jiuzhu-006/")
        assert "公开依据" in page.content()
        page.screenshot(path=str(tmp_path / "item.png"))
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").fill("低保")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.locator(".md-search-result__item").all_inner_texts()
        assert any("最低生活保障" in text for text in results), results[:3]
        page.screenshot(path=str(tmp_path / "search.png"))
        page.locator(".md-search__input").fill("工作日")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item").count() > 0
        browser.close()
    assert errors == []


def test_site_command_with_a_relative_output(tmp_path: Path) -> None:
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "gpcatalog", "site", "build", "--output", "网站"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "  运行 mkdocs build --strict" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-2].startswith(f"网站已构建:{tmp_path / '网站' / 'site'}(")
    assert (tmp_path / "网站" / "site" / "index.html").is_file()


def test_derived_and_pilot_sites_show_their_layers(tmp_path: Path) -> None:
    derived = build_site("haifeng-yanglao", tmp_path / "haifeng")
    page = (derived.site / "items" / "yanglao-fuwu-002" / "index.html").read_text(encoding="utf-8")
    assert "本地</span> 公开渠道、公开层级、公开主体;其余字段沿用基础目录 national@2026.1" in page
    assert "本地调整" not in (derived.site / "items" / "yanglao-fuwu-003" / "index.html").read_text(
        encoding="utf-8"
    )
    pilot = build_site("cunwu-pilot", tmp_path / "pilot")
    page = (pilot.site / "items" / "cunwu-gongkai-002" / "index.html").read_text(encoding="utf-8")
    assert "公开周期(扩展 cunwu)</th><td>每月" in page
    assert check_links(derived.site) == [] and check_links(pilot.site) == []


def test_an_output_folder_that_cannot_be_written_is_a_chinese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "占位文件"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(WriteError, match="无法写入网站项目") as info:
        generate_project(None, blocker / "project")
    assert info.value.file is not None and "占位文件" in info.value.file


def test_titles_and_domain_names_with_markup_are_escaped_on_every_page(tmp_path: Path) -> None:
    """The catalogue title goes into the header, nav and <title> of every page, domain names into the nav."""
    package = tmp_path / "xss"
    shutil.copytree(NATIONAL, package, ignore=shutil.ignore_patterns("versions", "history.yaml", "columns"))
    meta = package / "catalogue.yaml"
    text = meta.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    meta.write_text(text.replace(title, 'title: "<script>alert(1)</script>目录"', 1), encoding="utf-8")
    domain = package / "domains" / "18-shehui-jiuzhu.yaml"
    domain.write_text(
        domain.read_text(encoding="utf-8").replace(
            "name: 社会救助\n", 'name: "社会救助<svg onload=alert(2)>"\n', 1
        ),
        encoding="utf-8",
    )
    result = build_site(str(package), tmp_path / "out")
    pages = sorted(result.site.rglob("*.html"))
    assert len(pages) > 400
    raw = [
        p.name for p in pages if "<script>alert" in (t := p.read_text(encoding="utf-8")) or "<svg onload" in t
    ]
    assert raw == []
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;目录" in home and "社会救助&lt;svg onload=alert(2)&gt;" in home
    )


def test_a_very_long_name_stays_out_of_the_search_dictionary(tmp_path: Path) -> None:
    """jieba adds every prefix of a dictionary word and walks them from every character: a 20,000-character name
    in the dictionary made the build take hours (cubic); out of it, the name is segmented like any text."""
    from gpcatalog.loading import load
    from gpcatalog.site.build import run_mkdocs
    from gpcatalog.site.project import DICTIONARY_WORD_LIMIT

    pilot = load("cunwu-pilot")
    data = pilot.model_dump(mode="json")
    long_name = "事" * 20_000
    data["domains"][0]["items"][0]["children"][0]["name"] = long_name
    project = generate_project(
        "cunwu-pilot", tmp_path / "project", catalogue=type(pilot).model_validate(data)
    )
    words = [
        line.rsplit(" ", 1)[0] for line in (project / "jieba_user_dict.txt").read_text("utf-8").splitlines()
    ]
    assert long_name not in words and "财务收支情况" not in words and "村级财务" in words
    assert max(len(w) for w in words) <= DICTIONARY_WORD_LIMIT == 100
    run_mkdocs(project, tmp_path / "site")
    page = (tmp_path / "site" / "items" / "cunwu-gongkai-002" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{long_name}</h1>" in page


def test_a_removed_item_has_a_page_not_a_404(package: Path, tmp_path: Path) -> None:
    release_removal(package)  # NEXT (2026.3) removes yanglao-fuwu-013 with record 2026-005
    result = build_site(str(package), tmp_path / "out")
    page = (result.site / "items" / "yanglao-fuwu-013" / "index.html").read_text(encoding="utf-8")
    assert f"已于 {NEXT} 删除,调整记录 2026-005" in page
    assert f'<a href="../../versions/{LATEST}-{NEXT}/">{NEXT}</a>(2026-12-02 发布)' in page
    assert "养老机构评估信息并入备案信息公开,删去该事项(示例)" in page
    assert check_links(result.site) == []


def test_item_pages_that_share_a_name_carry_their_domain_path_in_the_title(built: Path) -> None:
    """办事指南 names five items: its page title (and so the search result) says which one; a name only one item
    has stays as it is; an item without a name gets its path too."""
    page = (built / "items" / "shehui-jiuzhu-006" / "index.html").read_text(encoding="utf-8")
    assert "<title>社会救助 › 最低生活保障 › 办事指南 - " in page
    assert "<h1>办事指南</h1>" in page
    unique = (built / "items" / "shehui-jiuzhu-008" / "index.html").read_text(encoding="utf-8")
    assert "<title>审核信息 - " in unique
    unnamed = (built / "items" / "shehui-jiuzhu-013" / "index.html").read_text(encoding="utf-8")
    assert "<title>社会救助 › 特困人员救助供养 › (名称不详) - " in unnamed
