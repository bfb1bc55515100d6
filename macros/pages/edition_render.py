"""An edition's article: rendered once from the history, or unpacked from the record.

Rendering does not go through the generator (it renders every page of every build;
17 000 editions would be half an hour). An edition's Markdown, as of its commit,
goes through Jinja with the same page macros over a Catalog that reads the data
of that commit, then through Python-Markdown with mkdocs.yml's extensions. The
result is kept in `.cache-utgavor/renders/`, keyed by what it was made from (the
page's version, the versions of the data files it read, the Markdown settings):
a new edition is rendered once, ever, as long as CI keeps the cache; once published it
is read from the record (macros/data/record.py), byte for byte, and never rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..data import cache
from ..data.catalog import Catalog
from ..data.history import GitTree
from ..render.hyphenation import HyphenationExtension
from .build import Build
from .editions import Archive, Edition, read_json, write_json
from .page_macros import MACRO_NAMES, PageMacros
from .pdf import PDF_VERSION
from .reports import page_url, split_page

PRINTS = "utskrifter.json"  # in .cache-utgavor/pdf/: each print's sha256, by its name (`Renderer.proven_print`)
RENDER_VERSION = "1"  # raise to render every edition again (a deliberate change of how editions look)


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
    when a page has to be framed anew. Each file is compared with the sha256 kept for it when it was
    rendered (`sums`, in renderingar.json, itself a checked cache file) when it is read or copied: one
    changed in the cache is rendered again (`repair`) and said (cache-andrad), never published."""

    def __init__(self, folder: Path, title: str, files: list[str], deps: list[str], sums: dict | None = None, repair=None):
        self.folder, self.id = folder, folder.name
        self.title = title  # the page's title (front matter), for <title> and the PDF
        self.files = files  # files beside the page (chart data), in the render's folder files/
        self.deps = deps  # the data files it read, below the project root ("data/astorp/x.csv")
        self.sums, self.repair = sums, repair

    def _proven(self, name: str) -> Path:
        """The render's file `name` ("article.html", "files/<name>"), proven to be what was rendered."""
        path = self.folder / name
        if self.sums is None:
            return path
        try:
            content = path.read_bytes()
        except OSError:
            content = None
        if content is None or hashlib.sha256(content).hexdigest() != self.sums.get(name):
            if content is not None:
                cache.changed(path)
            self.repair()
        return path

    @cached_property
    def article(self) -> str:
        return self._proven("article.html").read_text(encoding="utf-8")

    @cached_property
    def toc(self) -> list:
        found = read_json(self.folder / "meta.json", {})
        if "toc" not in found and self.repair is not None:
            self.repair()
            found = read_json(self.folder / "meta.json", {})
        return found["toc"]  # Python-Markdown's toc_tokens

    def file(self, name: str) -> str:
        """Where one of its files (chart data) is in the cache."""
        return str(self._proven(f"files/{name}"))


class RecordedArticle(Rendered):
    """A recorded edition's article, read straight from the record's files in the cache
    (`.cache-utgavor/arkiv/<blob id>`, unpacked from git once): nothing is copied per edition."""

    def __init__(self, recorded, blobs: Path, record):
        pdf = recorded_pdf_name(recorded)
        self.record = record
        self.folder, self.title, self.deps = blobs, recorded.title, []
        self.files = sorted(name for name in recorded.files if name != pdf)
        self.id = "arkiv-" + hashlib.sha256(json.dumps([recorded.url, recorded.article, recorded.files], sort_keys=True).encode()).hexdigest()[:24]
        self.recorded = recorded
        self.__dict__["toc"] = recorded.toc  # the cached property, filled: the record keeps the contents

    @cached_property
    def article(self) -> str:
        return self.record.materialize(self.recorded.article, self.folder).read_text(encoding="utf-8")

    def file(self, name: str) -> str:
        return str(self.record.materialize(self.recorded.files[name], self.folder))

    def blobs(self) -> list[str]:
        return [self.recorded.article, *(self.recorded.files[name] for name in self.files)]


def recorded_pdf_name(recorded) -> str | None:
    """The name of a recorded edition's PDF: the one its utgava.json names, or one a later build
    added to its folder (utgava.json is never rewritten)."""
    if recorded.pdf and recorded.pdf in recorded.files:
        return recorded.pdf
    return next((name for name in sorted(recorded.files) if name.endswith(".pdf")), None)


class Renderer:
    """Edition articles, rendered once and then read from `.cache-utgavor/`."""

    def __init__(self, archive: Archive, config: dict):
        self.archive, self.config = archive, config
        self.cache = archive.cache_dir
        settings = json.dumps([RENDER_VERSION, config["extensions"], config["extension_configs"]], sort_keys=True, default=str)
        self.key = hashlib.sha256(settings.encode()).hexdigest()[:12]
        self.memo: dict[str, str] = read_json(self.cache / "utgavor.json", {})  # edition at a commit → render id
        # render id → title, files, deps and each file's sha256 (an entry without them, of an older build, is rendered again)
        renders = read_json(self.cache / "renderingar.json", {})
        self.renders: dict[str, dict] = {
            key: entry for key, entry in (renders.items() if isinstance(renders, dict) else ()) if isinstance(entry, dict) and "sums" in entry
        }
        self._changed = False
        self._sizes = (len(self.memo), len(self.renders))
        self.rendered_now = 0
        self._jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # Markdown, as mkdocs-macros renders it
        self._templates: dict[str, jinja2.Template] = {}
        self._recorded_articles: dict[str, RecordedArticle] = {}  # edition URL → its recorded article

    def article(self, edition: Edition) -> Rendered:
        """The edition's article: as the record keeps it, or rendered from main's history (once)."""
        if edition.recorded is not None:
            return self._recorded(edition.recorded)
        history = self.archive.history
        memo_key = f"{self.key}|{edition.url}|{edition.last_sha}"
        found = self.memo.get(memo_key)
        if found in self.renders:
            return self._load(found, edition)
        page_blob = history.blob_at(self.archive.page_path(edition.source), edition.last)
        names = history.names_at("data", edition.last)
        index_path = self.cache / "sidor" / f"{hashlib.sha256(f'{self.key}|{edition.url}|{page_blob}'.encode()).hexdigest()[:24]}.json"
        index = read_json(index_path, [])
        for entry in index:
            if entry["names"] == names and all(
                history.blob_at(f"data/{name}", edition.last) == blob for name, blob in entry["deps"].items()
            ) and entry["id"] in self.renders:
                self.memo[memo_key] = entry["id"]
                return self._load(entry["id"], edition)
        rendered, deps = self._render(edition, page_blob)
        index = [e for e in index if e["id"] != rendered.id] + [{"names": names, "deps": deps, "id": rendered.id}]
        write_json(index_path, index)
        self.memo[memo_key] = rendered.id
        self.rendered_now += 1
        return rendered

    def save(self) -> None:
        if (len(self.memo), len(self.renders)) != self._sizes or self._changed:
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
        sums = {f"files/{name}": hashlib.sha256(content).hexdigest() for name, content in files.items()}
        sums["article.html"] = hashlib.sha256(article.encode("utf-8")).hexdigest()
        self.renders[rendered_id] = {
            "title": str(meta.get("title") or edition.report_url), "files": sorted(files), "deps": deps, "sums": sums,
        }
        self._changed = True
        return self._load(rendered_id, edition), deps

    def _recorded(self, recorded) -> RecordedArticle:
        """A recorded edition's article and files, byte for byte as published (unpacked from git
        by `prefetch`, or here one by one)."""
        found = self._recorded_articles.get(recorded.url)
        if found is None:
            found = self._recorded_articles[recorded.url] = RecordedArticle(recorded, self.cache / "arkiv", self.archive.record)
        return found

    def prefetch(self, editions) -> None:
        """The record's files of these editions unpacked into the cache, all in one git call."""
        articles = [self._recorded(e.recorded) for e in editions if e.recorded is not None]
        self.archive.record.materialize_all([blob for a in articles for blob in a.blobs()], self.cache / "arkiv")

    def recorded_pdf(self, edition: Edition) -> Path | None:
        """The PDF the record keeps for an edition (None: none recorded)."""
        recorded = edition.recorded
        name = recorded_pdf_name(recorded) if recorded is not None else None
        if name is None:
            return None
        return self.archive.record.materialize(recorded.files[name], self.cache / "arkiv")

    def print_file(self, rendered_id: str) -> Path:
        """Where the print of a rendered edition is kept (`proven_print` says whether it is there as printed)."""
        return self.cache / "pdf" / f"{rendered_id}-{PDF_VERSION}.pdf"

    def proven_print(self, rendered_id: str) -> Path | None:
        """The print of a rendered edition as it was printed (its sha256 kept in PRINTS, a checked cache file), or
        None: not printed, or changed since (removed, so it is printed again; said, cache-andrad, unless it is
        a print of a build before the sums)."""
        path = self.print_file(rendered_id)
        try:
            content = path.read_bytes()
        except OSError:
            return None
        kept = self._prints().get(path.name)
        if kept == hashlib.sha256(content).hexdigest():
            return path
        if kept is not None:
            cache.changed(path)
        path.unlink()
        return None

    def remember_prints(self, paths) -> None:
        """Keep the sha256 of PDFs printed now (`proven_print`)."""
        prints = self._prints()
        for path in paths:
            if Path(path).exists():
                prints[Path(path).name] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        write_json(self.cache / "pdf" / PRINTS, prints)

    def _prints(self) -> dict:
        if "_kept_prints" not in self.__dict__:
            found = read_json(self.cache / "pdf" / PRINTS, {})
            self._kept_prints = found if isinstance(found, dict) else {}
        return self._kept_prints

    def _load(self, rendered_id: str, edition: Edition) -> Rendered:
        entry = self.renders[rendered_id]
        return Rendered(self.cache / "renders" / rendered_id, entry["title"], entry["files"], [f"data/{n}" for n in entry["deps"]],
                        entry["sums"], lambda: self._repair(edition))

    def _repair(self, edition: Edition) -> None:
        """A render found changed in the cache, made again from git into its own folder (its id is what it is made of)."""
        self._render(edition, self.archive.history.blob_at(self.archive.page_path(edition.source), edition.last))

    def loaded(self, rendered_id: str, edition: Edition) -> Rendered:
        return self._recorded(edition.recorded) if edition.recorded is not None else self._load(rendered_id, edition)

    @staticmethod
    def file(rendered: Rendered, name: str) -> str:
        return rendered.file(name)


def place(cached, target) -> None:
    """A file of the published folder in the cache into the site: a hard link where the file system
    allows, else a copy. Only `.cache-utgavor/publicerade/` is linked into the site, and what is
    there is checked at every build (edition_pages.py: the placement manifest)."""
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def copy_new(source, target) -> None:
    """A copy of `source` at `target`, a new file (never a link): what is linked into the site
    never shares its bytes with the renders and the record's files in the cache, so a deploy step
    that writes into the site in place cannot change them."""
    target = Path(target)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)
