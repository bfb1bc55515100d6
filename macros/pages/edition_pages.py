"""Editions into the site folder: each framed by its living page, with its banner and notices.

Framing is cheap and done again only when the frame or the edition changed; a banner says
which edition this is, whether a newer one exists (linking to the living page, which shows the
newest: never naming it, so a new month changes only the edition that was the newest) and
carries any withdrawal or correction notice (templates/edition_banner.html). Framed editions are kept in `.cache-utgavor/publicerade/`
and hard-linked into the site folder, which holds only regular files.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from ..formats import swedish
from ..render import html
from .edition_frame import _SKIP_LINK, Chrome
from .edition_render import Rendered, Renderer, copy_new, place, recorded_pdf_name
from .editions import EDITIONS, Archive, Edition, later, read_json, write_json
from .page_macros import pdf_name
from .pdf_notice import with_notices
from .record import living_url
from .site_config import project_config

# ---------------------------------------------------------------- writing the editions


@dataclass
class Written:
    edition: Edition
    renderer: Renderer
    rendered_key: str  # the id of the article it shows (also names its printed PDF in the cache)
    pdf: Path | None  # where its PDF goes in the site (with PDFs on)
    kept_report: Path  # its report's editions folder in the cache's published folder (linked into the site)
    pdf_placed: bool = False  # its PDF is in the site already, checked (the manifest)
    printed: Path | None = None  # the PDF printed for it in this build, as published (what the record gets)

    @property
    def kept(self) -> Path:
        """Its folder in the cache's published folder (a path made only when asked: a build lists every edition)."""
        return self.kept_report / self.edition.period.id

    @cached_property
    def rendered(self) -> Rendered:
        """The article it shows: looked up only when asked (a PDF to print, an edition to record)."""
        return self.renderer.loaded(self.rendered_key, self.edition)

    @property
    def rendered_id(self) -> str:
        return self.rendered.id

    @cached_property
    def recorded_pdf(self) -> Path | None:
        """The PDF the record keeps for it (None: none recorded)."""
        return self.renderer.recorded_pdf(self.edition) if self.pdf is not None else None


@dataclass
class Placed:
    """What `write_editions` put in the site folder."""

    written: list[Written]
    framed: list[Path]  # edition pages and editions folders' pages written anew in this build (checked like the generator's pages)
    folders: list[Path]  # every report's editions folder in the site
    states: dict[str, Path] = field(default_factory=dict)  # report URL → its state file (with the manifest)


PUBLISHED = "publicerade"  # below the cache: each report's edition folders, as the site shows them
# What frames an edition besides its living page and its facts: a changed banner (or folder page) frames every edition anew.
PDF_NOTICE = "pdf-notis-2"  # in the frame key of an edition whose recorded PDF gets a notice (pdf_notice.py; 2: running header, footer, page labels)
FRAME_VERSION = hashlib.sha256(b"".join((html.TEMPLATES / name).read_bytes() for name in ("edition_banner.html", "edition_archive.html", "edition_toc.html"))).hexdigest()[:12]
PLACEMENT = "manifest-1"  # how the published folder is kept: a change starts a new one (every edition placed again)


def write_editions(archive: Archive, renderer: Renderer, site_dir: Path, config: dict, pdf: bool) -> Placed:
    """Every edition of every report into the site, each framed by its living page.

    A report's editions are kept, framed, in the cache (`.cache-utgavor/publicerade/<site>/<report>/utgavor/`)
    and hard-linked into the site folder, file by file: the site folder holds only regular files, so
    `mkdocs gh-deploy`, `cp -r`, `rsync -a` and the Pages upload carry every edition. Of a report whose
    frame and past editions are what they were at the last build, only the newest edition is looked
    at; in a changed report only the editions whose page changed are framed anew. A report that is no
    longer in the nav keeps its recorded editions, framed by the page it was renamed to, or by the site's start page
    if it has ended. (New editions
    were rendered when the build opened the archive: `render_new`.)

    What the site shows is always what the record and the renders hold: each report keeps a manifest
    of the files it placed (inode, size, modification time, taken when placed); every build compares
    the site's files with it (one `stat` each, no reading) and places anew an edition with a file
    that was written to, replaced, removed or added since. The cache's published folder has its own
    copies of the chart files and PDFs, so a write through a hard link in the site never reaches the
    record's files or the renders, and a placed file found changed is replaced, never trusted."""
    placed_now = Placed([], [], [])
    published = _published_dir(renderer.cache / PUBLISHED, Path(site_dir), [FRAME_VERSION, PLACEMENT, renderer.key, pdf, config["site_url"]])
    notices = _notices_by_edition(archive)
    for report_url in sorted({e.report_url for e in archive.all_editions()}):
        report_dir = os.path.join(site_dir, report_url)
        living = os.path.join(report_dir, "index.html")
        frame_url = report_url
        moved = not os.path.exists(living)
        if moved:  # a renamed or removed report: its published editions stay, framed by the page it continues as
            # (its header, description and skip link, not the start page's: adv17f 7), or by the start page if it ended
            target = living_url(archive, report_url)
            if target and os.path.exists(os.path.join(site_dir, target, "index.html")):
                living, frame_url = os.path.join(site_dir, target, "index.html"), target
            else:
                living, frame_url = os.path.join(site_dir, "index.html"), ""
            if not os.path.exists(living):
                continue
        living_html = Path(living).read_text(encoding="utf-8")
        chrome = Chrome(living_html, report_url, config["site_url"], frame_url=frame_url, site_name=config.get("site_name") or "")
        editions = archive.editions(report_url)
        newest = archive.newest(report_url)  # of the continued report: a renamed page's newest is at its new address
        family = archive.family(report_url)
        kept = published / report_url / EDITIONS
        state_file = kept.parent / f"{EDITIONS}.json"
        # Recorded editions never change; a new one follows every commit until it is recorded. The
        # newest edition is not part of the key: a banner only says whether a newer edition exists
        # (`_standing`), so a new month frames anew the editions whose standing changed (the one
        # that was the newest), not every past edition of the report.
        report_key = _digest([
            chrome.key, notices.get(report_url, {}),
            [[e.url, e.latest, archive.is_withdrawn(e)] for e in family if e.report_url != report_url],
            [[e.url, e.first_sha, e.last_sha, e.published, e.period.name] for e in editions if e.recorded or not e.current],
        ])
        state = read_json(state_file, {})
        manifest: dict[str, list] = state.get("files", {})  # "<period>/<name>" → [inode, size, mtime_ns] as placed
        same = state.get("key") == report_key and kept.is_dir()
        site_folder = Path(report_dir, EDITIONS)
        parked = Path(site_dir, PARKED, _digest([report_url]))
        restore = kept.is_dir() and parked.is_dir() and state.get("mirrored") == parked.stat().st_ino and not os.path.lexists(site_folder)
        if restore:
            # The folder this site showed at its last build, parked while the generator emptied the site:
            # put back with one rename; only what was framed anew (found changed included) is linked again,
            # so a report's new month relinks its changed pages, not every file of its past editions.
            # A renamed or removed report has no living page, so its folder may not be there yet.
            os.makedirs(report_dir, exist_ok=True)
            os.rename(parked, site_folder)
        periods = {e.period.id for e in editions}
        # Checked where readers get them: the site's files when put back (links to the published
        # folder's), else the published folder's, which are about to be linked.
        damaged, extra = _damaged(site_folder if restore else kept, manifest, periods)
        before = {url: page for url, page in state.get("pages", {}).items() if url.split("/")[-2] not in damaged}
        to_frame = [
            e for e in editions
            if (e.current and not e.recorded) or e.period.id in damaged or before.get(e.url, {}).get("standing") != _standing(e, newest)
        ] if same else editions
        renderer.prefetch(to_frame)  # the record's files of what may be framed, in one git call
        pages, framed = _frame_report(archive, renderer, chrome, to_frame, newest, kept, config, pdf, before, notices, manifest)
        pages = {**(before if same else {}), **pages}
        placed_now.framed += [site_folder / e.period.id / "index.html" for e in framed if e.recorded is None]
        # The folder's own page lists every edition of the continued report: written anew when that list changed.
        folder_key = _digest([
            living_url(archive, report_url), pdf,
            [[e.url, e.latest, archive.is_withdrawn(e), e.published, e.period.name, e.recorded is not None] for e in family],
        ])
        if not same or state.get("folder") != folder_key or not (kept / "index.html").exists() or "index.html" in damaged:
            _prune(kept, editions, manifest)
            _write_archive(archive, Chrome(living_html, report_url, config["site_url"], below=EDITIONS, frame_url=frame_url, site_name=config.get("site_name") or ""), report_url, family, kept, pdf)
            manifest["index.html"] = _stat(kept / "index.html")
            placed_now.framed.append(site_folder / "index.html")
        if restore:
            for name in extra:  # a file or folder the editions step never placed there
                path = site_folder / name
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            for edition in framed:
                shutil.rmtree(site_folder / edition.period.id, ignore_errors=True)
                mirror(kept / edition.period.id, site_folder / edition.period.id)
            place(kept / "index.html", site_folder / "index.html")
        else:
            shutil.rmtree(parked, ignore_errors=True)
            if os.path.lexists(site_folder) and not os.path.islink(site_folder):
                shutil.rmtree(site_folder)
            mirror(kept, site_folder)
        start_page = os.path.join(site_dir, "index.html")
        if moved and os.path.exists(start_page):  # the report's old address itself says where the report is now (links in editions lead there)
            _write_moved(archive, Chrome(Path(start_page).read_text(encoding="utf-8"), report_url.rstrip("/"), config["site_url"], below="",
                                         frame_url="", site_name=config.get("site_name") or ""), report_url, Path(report_dir))
        new_state = {"key": report_key, "folder": folder_key, "pages": pages, "mirrored": site_folder.stat().st_ino, "files": manifest}
        if state != new_state:
            state = new_state
            write_json(state_file, state)
        placed_now.states[report_url] = state_file
        placed_now.folders.append(site_folder)
        framed_pages = state["pages"]
        for edition in editions:
            pdf_path = Path(site_dir, edition.url, pdf_name(edition)) if has_pdf(edition, pdf) else None
            placed_now.written.append(Written(
                edition, renderer, framed_pages[edition.url]["rendered"], pdf_path, kept,
                pdf_placed=pdf_path is not None and f"{edition.period.id}/{pdf_path.name}" in manifest,
            ))
    renderer.save()
    shutil.rmtree(Path(site_dir, PARKED), ignore_errors=True)  # what was parked and not put back: reports gone
    return placed_now


def has_pdf(edition: Edition, printing: bool) -> bool:
    """Whether an edition's PDF is on the site: always when the record holds one (a recorded file
    like any other, whatever the build's options: `mkdocs build`, `mkdocs gh-deploy`, no --pdf);
    for the others only when this build prints PDFs (--pdf, RAPPORT_PDF=1)."""
    return printing or (edition.recorded is not None and recorded_pdf_name(edition.recorded) is not None)


def place_pdfs(placed: Placed, pdfs: list[tuple[Written, Path]], archive: Archive | None = None, site_url: str = "") -> None:
    """PDFs printed (or found in the cache) after the pages were placed: a copy of each into its
    edition's published folder, linked into the site, and into its report's manifest. The PDF of an
    edition withdrawn or corrected before it was printed is the print (as published: the print hides the
    notices, pdf.PRINT_CSS) with the notice page after it (pdf_notice.py), as the next build frames it from
    the record; the print itself is what the record gets (`Written.printed`, adv17e fault 39)."""
    notices = _notices_by_edition(archive) if archive is not None else {}
    by_report: dict[str, list[tuple[Written, Path]]] = {}
    for w, source in pdfs:
        by_report.setdefault(w.edition.report_url, []).append((w, source))
    for report_url, items in by_report.items():
        state_file = placed.states[report_url]
        state = read_json(state_file, {})
        for w, source in items:
            w.printed = source
            notes = notices.get(report_url, {}).get(w.edition.url, [])
            if notes and w.recorded_pdf is None:
                temporary = w.kept.parent / f".{w.edition.period.id}.{os.getpid()}.pdf"
                temporary.write_bytes(with_notices(source.read_bytes(), notes, site_url, w.rendered.title, w.edition.period.name))
                os.replace(temporary, w.kept / w.pdf.name)
            else:
                copy_new(source, w.kept / w.pdf.name)
            place(w.kept / w.pdf.name, w.pdf)
            state.setdefault("files", {})[f"{w.edition.period.id}/{w.pdf.name}"] = _stat(w.kept / w.pdf.name)
            w.pdf_placed = True
        write_json(state_file, state)


def _stat(path: Path) -> list[int]:
    """What the manifest keeps of a placed file: an in-place write changes its size or modification
    time, a replacement (sed -i, perl -pi, an editor) its inode."""
    info = os.stat(path)
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _damaged(folder: Path, manifest: dict[str, list], periods: set[str]) -> tuple[set[str], list[str]]:
    """The editions (period ids; "index.html" for the folder's own page) in `folder` whose files are
    not as placed (the manifest), and the names in `folder` the editions step never put there.
    One `stat` per file, nothing read: the cost of a build does not grow with the bytes published."""
    expected: dict[str, dict[str, list]] = {}
    for path, info in manifest.items():
        period, _, name = path.partition("/")
        expected.setdefault(period, {})[name] = info
    damaged = {p for p in periods if p not in expected}  # never placed here (or its manifest is gone)
    try:
        top = {entry.name: entry for entry in os.scandir(folder)}
    except FileNotFoundError:
        return damaged | set(expected) | {"index.html"}, []
    extra = [name for name in top if name not in periods and name != "index.html"]
    if "index.html" not in expected or "index.html" not in top or not _same(top["index.html"], expected["index.html"].get("")):
        damaged.add("index.html")
    for period, files in expected.items():
        if period == "index.html" or period not in periods or period in damaged:
            continue
        entry = top.get(period)
        if entry is None or not entry.is_dir(follow_symlinks=False):
            damaged.add(period)
            continue
        found = {e.name: e for e in os.scandir(entry.path)}
        if found.keys() != files.keys() or not all(_same(found[name], info) for name, info in files.items()):
            damaged.add(period)
    return damaged, extra


def _same(entry: os.DirEntry, info: list | None) -> bool:
    if info is None or not entry.is_file(follow_symlinks=False):
        return False
    found = entry.stat(follow_symlinks=False)
    return [found.st_ino, found.st_size, found.st_mtime_ns] == list(info)


PARKED = ".utgavor-under-bygget"  # in the site folder while the generator empties it (a hidden name: MkDocs keeps it)


def park_editions(site_dir: Path, report_urls) -> None:
    """Before the generator empties the site folder: each report's editions folder set aside with one
    rename, so a build puts it back (`write_editions`) instead of linking every past edition's files
    again; publishing a month then costs the same with 10 or 1 000 past editions."""
    parked = Path(site_dir, PARKED)
    for report_url in sorted(set(report_urls)):
        folder = Path(site_dir, report_url, EDITIONS)
        if folder.is_dir() and not folder.is_symlink():
            parked.mkdir(parents=True, exist_ok=True)
            target = parked / _digest([report_url])
            shutil.rmtree(target, ignore_errors=True)
            os.rename(folder, target)


def render_new(archive: Archive, config_file: Path) -> None:
    """Render (or find in the cache) every edition the record does not hold yet, once per build."""
    if not getattr(archive, "new_rendered", False) and Path(config_file).is_file():
        archive.new_rendered = True
        renderer = Renderer(archive, project_config(config_file))
        _render_new(archive, renderer)
        renderer.save()
        archive.rendered_now = renderer.rendered_now


def _render_new(archive: Archive, renderer: Renderer) -> None:
    """Render the editions the record does not hold yet; a historical version that cannot be
    rendered (broken then, fixed later) is left out and said in Swedish, never a traceback."""
    for edition in [e for e in archive.all_editions() if e.recorded is None]:
        try:
            renderer.article(edition)
        except Exception as exc:  # noqa: BLE001 — any failure of an old version skips that version, not the build
            if not _last_good(archive, renderer, edition):
                archive.skip(edition, _reason(exc))


def _last_good(archive: Archive, renderer: Renderer, edition) -> bool:
    """Whether an earlier commit of the edition's period renders (the edition then shows it): the period's last
    commit was broken (its own publishing was refused) and fixed in a later period's commit, so the version the
    site showed for that period is the last good one before it (adv17g 8: a broken `2022-13` row after September
    lost September from every history-made record). Only commits whose page or data differ from the one after are
    tried."""
    history = archive.history
    page = archive.page_path(edition.source)
    broken = (history.blob_at(page, edition.last), history.files_at("data", edition.last))
    tried = {repr(broken)}
    last, last_sha = edition.last, edition.last_sha
    for index in range(edition.last - 1, edition.first - 1, -1):
        state = repr((history.blob_at(page, index), history.files_at("data", index)))
        if state in tried:
            continue
        tried.add(state)
        edition.last, edition.last_sha = index, history.commits[index].sha
        try:
            renderer.article(edition)
            return True
        except Exception:  # noqa: BLE001 — that version is broken too: an earlier one is tried
            continue
    edition.last, edition.last_sha = last, last_sha
    return False


def _reason(exc: Exception) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return "; ".join(p.text for p in problems[:3])
    text = getattr(exc, "text", None)
    if isinstance(text, str):
        return text
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return f"den versionen går inte att visa med dagens kod ({type(exc).__name__}: {exc})"


def _notices_by_edition(archive: Archive) -> dict[str, dict[str, list]]:
    """Report URL → edition URL → its withdrawal and corrections, as plain lists (they also key the frame)."""
    found: dict[str, dict[str, list]] = {}
    for notice in sorted(archive.notices, key=lambda n: (n.date, n.anchor)):
        found.setdefault(notice.report_url, {}).setdefault(notice.edition_url, []).append(
            [notice.kind, notice.date, notice.reason, notice.replaced_by]
        )
    return found


def mirror(source: Path, target: Path) -> None:
    """Every file below `source` into `target` as a regular file (a hard link where the file system
    allows, else a copy): nothing in the site folder points out of it."""
    if os.path.islink(target):
        os.unlink(target)  # a link left by a build before the site folder was self-contained
    for folder, _dirs, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        out = os.path.join(target, relative) if relative != "." else str(target)
        os.makedirs(out, exist_ok=True)
        for name in files:
            place(os.path.join(folder, name), os.path.join(out, name))


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
    if read_json(folder / "site.json", {}).get("site_dir") != site:  # none yet, or of an older format or changed
        write_json(folder / "site.json", {"site_dir": site})
    return folder


def _frame_report(archive, renderer, chrome, editions, newest, kept: Path, config: dict, pdf: bool, before: dict, notices: dict, manifest: dict) -> tuple[dict, list]:
    """Frame editions into their report's folder in the cache; an edition whose framed page is the
    same as at the last build (and whose files were found as placed) is left as it is. Returns
    {edition url: its rendered article and page key} and the editions framed anew; `manifest` gets
    each framed edition's files as placed."""
    pages, framed = {}, []
    kept.mkdir(parents=True, exist_ok=True)
    for edition in editions:
        rendered = renderer.article(edition)
        folder = kept / edition.period.id
        pdf_path = folder / pdf_name(edition) if has_pdf(edition, pdf) else None
        notes = notices.get(edition.report_url, {}).get(edition.url, [])
        facts = _banner_facts(archive, edition, rendered, newest, config, pdf_path, notes)
        # A recorded PDF of an edition withdrawn or corrected carries its notice after it (pdf_notice.py).
        noticed_pdf = renderer.recorded_pdf(edition) if pdf_path is not None and notes else None
        key = _digest([FRAME_VERSION, chrome.key, rendered.id, facts] + ([PDF_NOTICE] if noticed_pdf else []))
        pages[edition.url] = {"rendered": rendered.id, "key": key, "standing": facts["standing"]}
        if before.get(edition.url, {}).get("key") == key and (folder / "index.html").exists():
            continue
        framed.append(edition)
        if before.get(edition.url, {}).get("rendered") != rendered.id or not folder.is_dir():
            # Another article (a revised page or data), or files found changed: start empty, so no
            # file of the earlier one (nor its PDF) stays. Copies, not links: see write_editions.
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            for name in rendered.files:
                copy_new(renderer.file(rendered, name), folder / name)
        if pdf_path is not None:
            # Placed anew from what it prints at every framing, with the notices the edition has now: the PDF
            # framed before may carry a notice since removed (a preview with a correction in rattelser.yaml,
            # then taken out), and the print in the cache is keyed by the article, not by the notices.
            printed = renderer.recorded_pdf(edition) or renderer.proven_print(rendered.id)
            if printed is not None and notes:
                # The published bytes, unchanged, then the notice as an incremental update: a new file, never the record's.
                temporary = kept.parent / f".{edition.period.id}.{os.getpid()}.pdf"
                temporary.write_bytes(with_notices(printed.read_bytes(), notes, config["site_url"], rendered.title, edition.period.name))
                os.replace(temporary, pdf_path)
            elif printed is not None:  # printed already (or recorded): placed now
                copy_new(printed, pdf_path)
            elif pdf_path.exists():  # not printed yet: placed after printing (place_pdfs), with today's notices
                pdf_path.unlink()
        page = chrome.page(edition, rendered, html.render("edition_banner.html", **facts))
        temporary = kept.parent / f".{edition.period.id}.{os.getpid()}.html"  # outside the published folder: never a stray file on the site
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, folder / "index.html")
        prefix = f"{edition.period.id}/"
        for path in [p for p in manifest if p.startswith(prefix)]:
            del manifest[path]
        for entry in os.scandir(folder):
            manifest[prefix + entry.name] = _stat(Path(entry.path))
    return pages, framed


def _write_moved(archive: Archive, chrome: Chrome, report_url: str, report_dir: Path) -> None:
    """A renamed or removed report's own address (`<report>/`): where it lives now (the renamed page,
    or the start page if it has ended) and a link to its editions, so no recorded link leads nowhere."""
    title = archive.titles.get(report_url, report_url)
    moved_to = living_url(archive, report_url)
    here = report_url.rstrip("/")
    skip = _SKIP_LINK.search(chrome.head)
    article = html.render(
        "report_moved.html", title=title, anchor=skip.group(1) if skip else "rapporten", editions=f"{EDITIONS}/",
        living=posixpath.relpath(moved_to.rstrip("/"), here) + "/" if moved_to else None,
        living_title=archive.titles.get(moved_to, moved_to), start=posixpath.relpath(".", here) + "/",
    )
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "index.html").write_text(chrome.frame(title, title, report_url, [], article), encoding="utf-8")


def _write_archive(archive: Archive, chrome: Chrome, report_url: str, editions: list[Edition], kept: Path, pdf: bool) -> None:
    """The editions folder's own page (`<report>/utgavor/`): every edition, newest first, so an
    address cut back to the folder still finds them; a renamed report's editions at its earlier
    addresses too (`Archive.family`)."""
    title = archive.titles.get(report_url, report_url)
    here = f"{report_url}{EDITIONS}"
    items = [
        {"name": e.period.name, "href": posixpath.relpath(e.url.rstrip("/"), here) + "/", "published": _date(e.published),
         "latest": e.latest, "withdrawn": archive.is_withdrawn(e),
         "pdf": posixpath.relpath(e.url + pdf_name(e), here) if has_pdf(e, pdf) else None}
        for e in reversed(editions)
    ]
    skip = _SKIP_LINK.search(chrome.head)  # Material's "skip to content" link names the page's first heading
    living = posixpath.relpath(living_url(archive, report_url).rstrip("/") or ".", f"{report_url}{EDITIONS}") + "/"
    article = html.render("edition_archive.html", title=title, editions=items, living=living, anchor=skip.group(1) if skip else "utgavor")
    temporary = kept.parent / f".{EDITIONS}.{os.getpid()}.html"
    temporary.write_text(chrome.frame(title, f"Utgåvor av {title}", f"{report_url}{EDITIONS}/", [], article), encoding="utf-8")
    os.replace(temporary, kept / "index.html")


def _prune(kept: Path, editions: list[Edition], manifest: dict) -> None:
    """Remove the folders of editions that are no longer in the history (the folder's own page stays)."""
    current = {e.period.id for e in editions} | {"index.html"}
    for entry in os.scandir(kept):
        if entry.name not in current:
            shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
    for path in [p for p in manifest if p.partition("/")[0] not in current]:
        del manifest[path]


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]




@lru_cache(maxsize=4096)
def _date(day: str) -> str:
    return swedish.date_long(day)


def _standing(edition: Edition, newest: Edition | None) -> str:
    """What an edition's banner says of the report's newest edition (`Archive.newest`, of the continued
    report): "newer" (an edition of a later period exists), "latest" (another edition is the newest,
    of no later period: a year typo fixed) or "" (this is the newest). Only the answer frames the
    page, not which edition is the newest: a new month changes the answer of the edition that was
    the newest, and of no other."""
    if newest is None or newest is edition:
        return ""
    return "newer" if later(newest, edition) else "latest"


def _banner_facts(archive: Archive, edition: Edition, rendered: Rendered, newest: Edition | None, config: dict, pdf_path: Path | None, notices: list) -> dict:
    """What the banner says (templates/edition_banner.html): plain strings, so they also key the framed page."""
    history = archive.history
    # A published edition never changes: "senast ändrad" only in a site without a record, whose editions are
    # derived from history at each build. With a record (or its first), an edition published now would lose it
    # when the next build frames it from the record (adv17e fault 1).
    changed_at = None if edition.recorded or archive.record.commit is not None or archive.first_record else history.last_change(
        [archive.page_path(edition.source), *rendered.deps], edition.first + 1, edition.last
    )
    here = edition.url.rstrip("/")
    link = lambda path: posixpath.relpath(path.rstrip("/") or ".", here) + "/"  # noqa: E731 — a site path seen from the edition
    withdrawn = next(({"date": _date(d), "reason": r, "href": link(by) if by else None} for k, d, r, by in notices if k == "indragning"), None)
    corrections = [{"date": _date(d), "reason": r} for k, d, r, _by in notices if k == "rattelse"]
    base = config["site_url"] if config["site_url"].endswith("/") else config["site_url"] + "/"
    standing = _standing(edition, newest)
    living = living_url(archive, edition.report_url)
    return {  # an edition is at <report>/utgavor/<period>/: its siblings are "../<period>/", the report "../../"
        "name": edition.period.name,
        "published": _date(edition.published),
        "changed": _date(swedish.day(history.commits[changed_at].date).isoformat()) if changed_at is not None else None,
        "standing": standing,
        # The continued report (at a renamed page's new address too) has an edition of a later period.
        "newer": standing == "newer",
        # Not the newest, yet no later period exists (a year typo fixed: 2023-10 published, then 2022-10): not "newer".
        "latest": standing == "latest",
        "living": link(living),  # the page it moved to, or the start page
        "ended": not living,  # no living page: "a newer edition" links to the editions folder
        "pdf": pdf_path.name if pdf_path else None,
        "cite": f"{rendered.title}, utgåva {edition.period.name}",
        "address": base + edition.url if config["site_url"] else "",
        "withdrawn": withdrawn,
        "corrections": corrections,
    }
