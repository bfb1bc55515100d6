"""An edition as a page: its article rendered once from the history, then framed in the site.

Rendering does not go through the generator (it renders every page of every build;
17 000 editions would be half an hour). An edition's Markdown, as of its commit,
goes through Jinja with the same page macros over a Catalog that reads the data
of that commit, then through Python-Markdown with mkdocs.yml's extensions. The
result is kept in `.cache-utgavor/renders/`, keyed by what it was made from (the
page's version, the versions of the data files it read, the Markdown settings):
a published edition is rendered once, ever, as long as CI keeps the cache.

Framing is cheap and done again only when the frame or the edition changed: the
living page that the generator just built gives the header, navigation and footer
(so editions follow the site's look, whichever generator built it); the article
and table of contents are replaced, relative URLs are corrected for the deeper
folder, and a banner says which edition this is and links to the newest. Framed
editions are kept in `.cache-utgavor/publicerade/` and linked into the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import time
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import jinja2
import markdown
import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import escape

from ..data.catalog import Catalog
from ..data.history import GitTree
from ..formats import swedish
from ..render import html
from ..render.hyphenation import HyphenationExtension
from .build import Build
from .editions import EDITIONS, Archive, Edition, read_json, write_json
from .page_macros import MACRO_NAMES, PageMacros, pdf_name
from .reports import page_url, split_page

RENDER_VERSION = "1"  # raise to render every edition again (a deliberate change of how editions look)
MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs always adds


# ---------------------------------------------------------------- the project's settings


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags (!ENV, !!python/name:…) that only the generator understands."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_config(config_file: Path) -> dict:
    """The parts of mkdocs.yml that editions need, read without the generator."""
    doc = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506 — safe loader subclass
    extensions, configs = list(MKDOCS_DEFAULT_EXTENSIONS), {}
    for item in doc.get("markdown_extensions") or []:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name not in extensions:
            extensions.append(name)
        if options:
            configs[name] = options
    extra = doc.get("extra") or {}
    return {
        "site_url": doc.get("site_url") or "",
        "site_name": doc.get("site_name") or "",
        "author": (extra.get("utgivare") or {}).get("namn") or doc.get("site_name") or "",
        "publisher": extra.get("utgivare") or {},
        "extensions": extensions,
        "extension_configs": configs,
        "nav": doc.get("nav") or [],
        "docs_dir": doc.get("docs_dir") or "docs",
        "site_dir": doc.get("site_dir") or "site",
    }


# ---------------------------------------------------------------- rendering an article


class _EditionLinks(Treeprocessor):
    """Markdown links to other pages (`data.md#x`) and files, made relative to the edition's URL,
    as MkDocs does for the living page."""

    def __init__(self, md, source: str, url: str):
        super().__init__(md)
        self.source_dir = posixpath.dirname(source)
        self.url_dir = url.rstrip("/") or "."

    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    element.set(attribute, self.convert(value))

    def convert(self, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or value.startswith("/"):
            return value
        target = posixpath.normpath(posixpath.join(self.source_dir, parts.path))
        if target.endswith(".md"):
            target = page_url(target) or "."
        relative = posixpath.relpath(target, self.url_dir)
        if target.endswith("/") or target == ".":
            relative += "/"
        return urlunsplit(("", "", relative, parts.query, parts.fragment))


class _EditionLinksExtension(Extension):
    def __init__(self, source: str, url: str):
        super().__init__()
        self.source, self.url = source, url

    def extendMarkdown(self, md):  # noqa: N802 — Python-Markdown's name
        md.treeprocessors.register(_EditionLinks(md, self.source, self.url), "edition_links", 1)


class Rendered:
    """A rendered edition article in the cache; the article and its contents are read only
    when a page has to be framed anew."""

    def __init__(self, folder: Path, title: str, files: list[str], deps: list[str]):
        self.folder, self.id = folder, folder.name
        self.title = title  # the page's title (front matter), for <title> and the PDF
        self.files = files  # files beside the page (chart data), in the render's folder files/
        self.deps = deps  # the data files it read, below the project root ("data/astorp/x.csv")

    @cached_property
    def article(self) -> str:
        return (self.folder / "article.html").read_text(encoding="utf-8")

    @cached_property
    def toc(self) -> list:
        return read_json(self.folder / "meta.json", {})["toc"]  # Python-Markdown's toc_tokens


class Renderer:
    """Edition articles, rendered once and then read from `.cache-utgavor/`."""

    def __init__(self, archive: Archive, config: dict):
        self.archive, self.config = archive, config
        self.cache = archive.cache_dir
        settings = json.dumps([RENDER_VERSION, config["extensions"], config["extension_configs"]], sort_keys=True, default=str)
        self.key = hashlib.sha256(settings.encode()).hexdigest()[:12]
        self.memo: dict[str, str] = read_json(self.cache / "utgavor.json", {})  # edition at a commit → render id
        self.renders: dict[str, dict] = read_json(self.cache / "renderingar.json", {})  # render id → title, files, deps
        self._sizes = (len(self.memo), len(self.renders))
        self.rendered_now = 0
        self._jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # Markdown, as mkdocs-macros renders it
        self._templates: dict[str, jinja2.Template] = {}

    def article(self, edition: Edition) -> Rendered:
        history = self.archive.history
        memo_key = f"{self.key}|{edition.url}|{edition.last_sha}"
        found = self.memo.get(memo_key)
        if found in self.renders:
            return self._load(found)
        page_blob = history.blob_at(self.archive.page_path(edition.source), edition.last)
        names = history.names_at("data", edition.last)
        index_path = self.cache / "sidor" / f"{hashlib.sha256(f'{self.key}|{edition.url}|{page_blob}'.encode()).hexdigest()[:24]}.json"
        index = read_json(index_path, [])
        for entry in index:
            if entry["names"] == names and all(
                history.blob_at(f"data/{name}", edition.last) == blob for name, blob in entry["deps"].items()
            ) and entry["id"] in self.renders:
                self.memo[memo_key] = entry["id"]
                return self._load(entry["id"])
        rendered, deps = self._render(edition, page_blob)
        index = [e for e in index if e["id"] != rendered.id] + [{"names": names, "deps": deps, "id": rendered.id}]
        write_json(index_path, index)
        self.memo[memo_key] = rendered.id
        self.rendered_now += 1
        return rendered

    def save(self) -> None:
        if (len(self.memo), len(self.renders)) != self._sizes:
            write_json(self.cache / "utgavor.json", self.memo)
            write_json(self.cache / "renderingar.json", self.renders)

    def _render(self, edition: Edition, page_blob: str) -> tuple[Rendered, dict]:
        archive, history = self.archive, self.archive.history
        meta, body = split_page(archive.repository.read_blob(page_blob).decode("utf-8"))
        tree = GitTree(archive.repository, history.files_at("data", edition.last))
        build = Build(
            archive.root, self.config["nav"], archive.root / archive.docs,
            catalog=Catalog(archive.root, files=tree),
        )
        macros = PageMacros(build, edition=edition)
        macros.start_page(edition.url, None, meta)
        if page_blob not in self._templates:  # a page version is compiled once for all its editions
            self._templates[page_blob] = self._jinja.from_string(body)
        text = self._templates[page_blob].render(
            {name: getattr(macros, name) for name in MACRO_NAMES},
            page={"meta": meta, "url": edition.url, "title": meta.get("title", "")},
        )
        md = markdown.Markdown(
            extensions=[*self.config["extensions"], _EditionLinksExtension(edition.source, edition.url), HyphenationExtension()],
            extension_configs=self.config["extension_configs"],
        )
        article = md.convert(text)
        deps = dict(sorted(tree.used.items()))
        made = json.dumps([self.key, edition.url, page_blob, history.names_at("data", edition.last), deps], sort_keys=True)
        rendered_id = hashlib.sha256(made.encode()).hexdigest()[:24]
        folder = self.cache / "renders" / rendered_id
        files = {}
        for site_path, content in build.files.items():
            name = site_path.removeprefix(edition.url)
            if "/" in name or name.startswith("."):
                raise ValueError(f"{edition.url}: filen {site_path} hamnar utanför utgåvans mapp")
            files[name] = content
        for name, content in files.items():
            (folder / "files").mkdir(parents=True, exist_ok=True)
            (folder / "files" / name).write_bytes(content)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.html").write_text(article, encoding="utf-8")
        write_json(folder / "meta.json", {"toc": md.toc_tokens})
        self.renders[rendered_id] = {"title": str(meta.get("title") or edition.report_url), "files": sorted(files), "deps": deps}
        return self._load(rendered_id), deps

    def _load(self, rendered_id: str) -> Rendered:
        entry = self.renders[rendered_id]
        return Rendered(self.cache / "renders" / rendered_id, entry["title"], entry["files"], [f"data/{n}" for n in entry["deps"]])

    @staticmethod
    def file(rendered: Rendered, name: str) -> str:
        return os.path.join(rendered.folder, "files", name)


# ---------------------------------------------------------------- the frame from the living page

ARTICLE = '<article class="md-content__inner md-typeset">'
_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SKIP_LINK = re.compile(r'<a href="#([^"]+)" class="md-skip">')
_CANONICAL = re.compile(r'(<link rel="canonical" href=")([^"]*)(")')


def rebase(value: str, page_dir: str, new_dir: str) -> str:
    """A relative URL written on a page in `page_dir`, rewritten for a page in `new_dir`."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path or value.startswith(("/", "#")):
        return value
    target = posixpath.normpath(posixpath.join(page_dir or ".", parts.path))
    relative = posixpath.relpath(target, new_dir or ".")
    if parts.path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return urlunsplit(("", "", relative, parts.query, parts.fragment))


def _matching_end(text: str, start: int, tag: str) -> int:
    """The index of the `</tag>` that closes the element opened at `start`."""
    depth, position = 0, start
    opening, closing = re.compile(rf"<{tag}\b"), f"</{tag}>"
    while True:
        next_open = opening.search(text, position + 1)
        next_close = text.find(closing, position + 1)
        if next_close < 0:
            return -1
        if next_open and next_open.start() < next_close:
            depth, position = depth + 1, next_open.start()
        elif depth:
            depth, position = depth - 1, next_close
        else:
            return next_close


class Chrome:
    """A living page's HTML as the frame of its editions: everything but the article and
    the table of contents, with relative URLs corrected for the edition's folder."""

    def __init__(self, living: str, report_url: str, site_url: str, below: str = f"{EDITIONS}/x"):
        start, end = living.find(ARTICLE), living.rfind("</article>")
        if start < 0 or end < 0:
            raise ValueError(f"{report_url}: sidan saknar {ARTICLE}; utgåvorna kan inte ramas in")
        head, tail = living[: start + len(ARTICLE)], living[end:]
        depth_example = f"{report_url}{below}"  # every edition of a report is as deep as this (`below` the report)
        rewrite = lambda m: m.group(1) + rebase(m.group(2), report_url.rstrip("/"), depth_example) + m.group(3)  # noqa: E731
        head, tail = _ATTRIBUTE.sub(rewrite, head), _ATTRIBUTE.sub(rewrite, tail)
        head, tail = (_CONFIG.sub(lambda m: m.group(1) + self._config(m.group(2), report_url, depth_example) + m.group(3), part) for part in (head, tail))
        self.head, self.tail, self.site_url = head, tail, site_url
        self.key = hashlib.sha256(f"{head}\0{tail}\0{site_url}".encode()).hexdigest()[:16]
        self.living_title = (_TITLE.search(head).group(1) if _TITLE.search(head) else "").strip()

    @staticmethod
    def _config(text: str, report_url: str, new_dir: str) -> str:
        config = json.loads(text)
        for key in ("base", "search"):
            if isinstance(config.get(key), str):
                config[key] = rebase(config[key], report_url.rstrip("/"), new_dir)
        return json.dumps(config, ensure_ascii=False)

    def page(self, edition: Edition, rendered: Rendered, banner: str) -> str:
        """An edition: its article with the banner under the heading."""
        article = rendered.article
        closing = article.find("</h1>")
        at = closing + len("</h1>") if closing >= 0 else 0
        return self.frame(
            rendered.title, f"{rendered.title}, utgåva {edition.period.name}", edition.url, rendered.toc,
            article[:at] + "\n" + banner + "\n" + article[at:],
        )

    def frame(self, living_title: str, title: str, url: str, toc: list, article: str) -> str:
        """`article` in the living page's frame, named `title` where the living page says `living_title`
        ("<page title> - <site name>", as the generator writes it)."""
        old, new = str(escape(living_title)), str(escape(title))
        shown = self.living_title.replace(old, new, 1) if old in self.living_title else new
        head = _TITLE.sub(lambda m: f"<title>{shown}</title>", self.head, count=1)
        if self.site_url:
            head = _CANONICAL.sub(lambda m: m.group(1) + self.site_url + url + m.group(3), head, count=1)
        return self._toc(head, toc) + "\n" + article + "\n" + self.tail

    @staticmethod
    def _toc(head: str, tokens: list) -> str:
        """The edition's own headings in the tables of contents (Material has two: the sidebar's,
        and one inside the navigation for small screens)."""
        if len(tokens) == 1 and tokens[0]["level"] == 1:
            tokens = tokens[0]["children"]  # as Material: the page title is not in its own contents
        items = _toc_items(tokens)
        position = 0
        while True:
            marker = head.find('data-md-component="toc"', position)
            if marker < 0:
                return head
            start = head.rfind("<ul", 0, marker)
            open_end = head.find(">", marker) + 1
            end = _matching_end(head, start, "ul") if start >= 0 else -1
            if end < 0:
                return head
            head = head[:open_end] + items + head[end:]
            position = open_end + len(items)


def _toc_items(tokens: list) -> str:
    items = []
    for token in tokens:
        name = escape(re.sub(r"<[^>]+>", "", token["name"]))
        children = (
            f'<nav class="md-nav" aria-label="{name}"><ul class="md-nav__list">{_toc_items(token["children"])}</ul></nav>'
            if token.get("children") else ""
        )
        items.append(
            f'<li class="md-nav__item"><a href="#{escape(token["id"])}" class="md-nav__link">'
            f'<span class="md-ellipsis">{name}</span></a>{children}</li>'
        )
    return "".join(items)


# ---------------------------------------------------------------- writing the editions


@dataclass
class Written:
    edition: Edition
    rendered_id: str  # the rendered article it shows (also names its PDF in the cache)
    pdf: Path | None  # where its PDF goes in the site (with PDFs on)


PUBLISHED = "publicerade"  # below the cache: each report's edition folders, as the site shows them
# What frames an edition besides its living page and its facts: a changed banner (or folder page) frames every edition anew.
FRAME_VERSION = hashlib.sha256(b"".join((html.TEMPLATES / name).read_bytes() for name in ("edition_banner.html", "edition_archive.html"))).hexdigest()[:12]


def write_editions(archive: Archive, renderer: Renderer, site_dir: Path, config: dict, pdf: bool) -> list[Written]:
    """Every edition of every report into the site, each framed by its living page.

    A report's editions are kept, framed, in the cache (`.cache-utgavor/publicerade/<site>/<report>/utgavor/`)
    and the site gets one symbolic link to that folder per report. The generator empties the site
    folder before every build; a link is removed and made again at once, so a build costs the same
    with 10 or with 10 000 past editions. Of a report whose frame and past editions are what they
    were at the last build, only the newest edition is looked at; in a changed report only the
    editions whose page changed are framed anew. (GitHub Pages' upload follows links; copy the site yourself with `cp -rL`.)"""
    written = []
    published = _published_dir(renderer.cache / PUBLISHED, Path(site_dir), [FRAME_VERSION, renderer.key, pdf, config["site_url"]])
    for report_url in sorted({e.report_url for e in archive.all_editions()}):
        report_dir = os.path.join(site_dir, report_url)
        living = os.path.join(report_dir, "index.html")
        if not os.path.exists(living):
            continue  # the report is no longer built: its editions go with it
        living_html = Path(living).read_text(encoding="utf-8")
        chrome = Chrome(living_html, report_url, config["site_url"])
        editions = archive.editions(report_url)
        newest = next((e for e in editions if e.latest), None)
        kept = published / report_url / EDITIONS
        state_file = kept.parent / f"{EDITIONS}.json"
        # Editions before the newest are fixed by their commits; the newest follows every commit.
        report_key = _digest([
            chrome.key, newest.url if newest else None,
            [[e.url, e.first_sha, e.last_sha, e.published, e.period.name] for e in editions if not e.latest],
        ])
        state = read_json(state_file, {})
        same = state.get("key") == report_key and kept.is_dir()
        to_frame = [e for e in editions if e.latest] if same else editions
        pages = _frame_report(archive, renderer, chrome, to_frame, newest, kept, config, pdf, state.get("pages", {}))
        pages = {**(state.get("pages", {}) if same else {}), **pages}
        if not same or not (kept / "index.html").exists():
            _prune(kept, editions)
            _write_archive(archive, Chrome(living_html, report_url, config["site_url"], below=EDITIONS), report_url, editions, kept, pdf)
        if state != {"key": report_key, "pages": pages}:
            state = {"key": report_key, "pages": pages}
            write_json(state_file, state)
        link = os.path.join(report_dir, EDITIONS)
        if os.path.islink(link) or os.path.isfile(link):
            os.unlink(link)
        elif os.path.isdir(link):
            shutil.rmtree(link)  # a real folder left by an older build
        os.symlink(kept.resolve(), link, target_is_directory=True)
        for edition in editions:
            folder = Path(site_dir, edition.url)
            written.append(Written(edition, state["pages"][edition.url]["rendered"], folder / pdf_name(edition) if pdf else None))
    renderer.save()
    return written


def _published_dir(root: Path, site_dir: Path, settings: list) -> Path:
    """The cache folder whose editions `site_dir` links to. Each site folder and its settings
    (site address, PDFs or not) has its own, so a build never changes what another site folder
    shows (`mkdocs serve` beside `scripts/build.py`, two generators); folders of site folders
    that are gone, or that a build with other settings has taken over, are removed."""
    site = os.path.realpath(site_dir)
    name = _digest([*settings, site])[:12]
    if root.is_dir():
        for entry in os.scandir(root):
            owner = read_json(Path(entry.path) / "site.json", {}).get("site_dir")
            if owner is None and time.time() - entry.stat().st_mtime < 3600:
                continue  # being made by a build running beside this one
            if entry.name != name and (owner is None or owner == site or not os.path.isdir(owner)):
                shutil.rmtree(entry.path, ignore_errors=True)
    folder = root / name
    if not (folder / "site.json").exists():
        write_json(folder / "site.json", {"site_dir": site})
    return folder


def _frame_report(archive, renderer, chrome, editions, newest, kept: Path, config: dict, pdf: bool, before: dict) -> dict:
    """Frame editions into their report's folder in the cache; an edition whose framed page is the
    same as at the last build is left as it is. Returns {edition url: its rendered article and page key}."""
    pages = {}
    kept.mkdir(parents=True, exist_ok=True)
    for edition in editions:
        rendered = renderer.article(edition)
        folder = kept / edition.period.id
        pdf_path = folder / pdf_name(edition) if pdf else None
        facts = _banner_facts(archive, edition, rendered, newest, config, pdf_path)
        key = _digest([FRAME_VERSION, chrome.key, rendered.id, facts])
        pages[edition.url] = {"rendered": rendered.id, "key": key}
        if before.get(edition.url, {}).get("key") == key and (folder / "index.html").exists():
            continue
        if before.get(edition.url, {}).get("rendered") != rendered.id or not folder.is_dir():
            # Another article (a revised page or data): start empty, so no file of the earlier one (nor its PDF) stays.
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            for name in rendered.files:
                place(renderer.file(rendered, name), folder / name)
        page = chrome.page(edition, rendered, html.render("edition_banner.html", **facts))
        temporary = kept.parent / f".{edition.period.id}.{os.getpid()}.html"  # outside the published folder: never a stray file on the site
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, folder / "index.html")
    return pages


def _write_archive(archive: Archive, chrome: Chrome, report_url: str, editions: list[Edition], kept: Path, pdf: bool) -> None:
    """The editions folder's own page (`<report>/utgavor/`): every edition, newest first, so an
    address cut back to the folder still finds them."""
    title = archive.titles.get(report_url, report_url)
    items = [
        {"name": e.period.name, "href": f"{e.period.id}/", "published": _date(e.published), "latest": e.latest,
         "pdf": f"{e.period.id}/{pdf_name(e)}" if pdf else None}
        for e in reversed(editions)
    ]
    skip = _SKIP_LINK.search(chrome.head)  # Material's "skip to content" link names the page's first heading
    article = html.render("edition_archive.html", title=title, editions=items, living="../", anchor=skip.group(1) if skip else "utgavor")
    temporary = kept.parent / f".{EDITIONS}.{os.getpid()}.html"
    temporary.write_text(chrome.frame(title, f"Utgåvor av {title}", f"{report_url}{EDITIONS}/", [], article), encoding="utf-8")
    os.replace(temporary, kept / "index.html")


def _prune(kept: Path, editions: list[Edition]) -> None:
    """Remove the folders of editions that are no longer in the history (the folder's own page stays)."""
    current = {e.period.id for e in editions} | {"index.html"}
    for entry in os.scandir(kept):
        if entry.name not in current:
            shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]


def place(cached, target) -> None:
    """A cached file into the site: a hard link where the file system allows (the site folder is
    emptied before every build, so nothing writes through it), else a copy."""
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


@lru_cache(maxsize=4096)
def _date(day: str) -> str:
    return swedish.date_long(day)


def _banner_facts(archive: Archive, edition: Edition, rendered: Rendered, newest: Edition | None, config: dict, pdf_path: Path | None) -> dict:
    """What the banner says (templates/edition_banner.html): plain strings, so they also key the framed page."""
    history = archive.history
    changed_at = history.last_change(
        [archive.page_path(edition.source), *rendered.deps], edition.first + 1, edition.last
    )
    base = config["site_url"] if config["site_url"].endswith("/") else config["site_url"] + "/"
    return {  # an edition is at <report>/utgavor/<period>/: its siblings are "../<period>/", the report "../../"
        "name": edition.period.name,
        "published": _date(edition.published),
        "changed": _date(history.commits[changed_at].date[:10]) if changed_at is not None else None,
        "newest": {"name": newest.period.name, "href": f"../{newest.period.id}/"} if newest and newest is not edition else None,
        "living": "../../",
        "pdf": pdf_path.name if pdf_path else None,
        "cite": f"{rendered.title}, utgåva {edition.period.name}",
        "address": base + edition.url if config["site_url"] else "",
    }
