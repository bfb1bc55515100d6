"""The step after the generator has built the pages: editions, the feed of what is new, PDFs.

One plain function, `publish`, called by MkDocs after every build (`on_post_build`
in macros/__init__.py, so `mkdocs build` and `mkdocs serve` are complete) and by
scripts/build after any generator (Zensical has no post-build hook).
"""

from __future__ import annotations

import dataclasses
import hashlib
import fnmatch
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..data import cache, record
from ..data.history import HistoryError
from ..data.messages import Message
from ..data.problems import Problem
from ..render import leaks
from ..render.summary import key_message
from .build import Build
from .changes import EDITION, FEED, REVISION, FEED_ENTRIES, atom_feed, feed_address, site_changes
from .edition_pages import PARKED, Written, place_pdfs, render_new, write_editions
from .edition_render import Renderer, recorded_pdf_name
from . import live_site
from .settings import place, same_address
from .site_config import project_config
from .pdf import print_pages
from .editions import read_json, write_json
from .record import CORRECTION_KEPT, SAME_PERIOD, SKIPPED, act_moment


# Decisions about history, said by the build that first makes them: nothing is left to do about them. A fault
# staff must put right (a deleted tag witness, arkivet-tagg-saknas) is said by every build until it is.
ONCE = (SKIPPED.code, SAME_PERIOD.code, CORRECTION_KEPT.code)
SAID = "noteringar-sagda-1.json"  # in .cache-utgavor/: the hashes of those notices said already


def to_say(archive, problems: list[Problem]) -> tuple[list[Problem], list[str]]:
    """The notices to say now, and the list of those said to keep. A historical version skipped
    (`utgava-hoppas-over`), a period not published again (`utgava-samma-period`) or a published act that stays when
    its line leaves rattelser.yaml (`rattelse-finns-kvar`) is a decision that every later
    build makes the same way: said by the first build that makes it, not forever after, so staff do not learn to
    read past notices (adv17d fault 8). What was said is kept in `.cache-utgavor/` (CI's cache carries it; a lost
    cache, or a new machine, says each once more). Every other notice is said every time."""
    kept = read_json(archive.cache_dir / SAID, [])
    kept = [k for k in kept if isinstance(k, str)] if isinstance(kept, list) else []
    known, now, said = set(kept), [], list(kept)
    for problem in problems:
        if problem.code in ONCE:
            key = hashlib.blake2b(str(problem).encode("utf-8"), digest_size=10).hexdigest()
            if key in known:
                continue
            known.add(key)
            said.append(key)
        now.append(problem)
    return now, said


def keep_said(archive, said: list[str]) -> None:
    """Remember the decisions said (`to_say`), once the build that said them is through."""
    if said != read_json(archive.cache_dir / SAID, []):
        write_json(archive.cache_dir / SAID, said)



@dataclass
class Published:
    editions: int = 0
    rendered: int = 0  # editions rendered in this build (not read from the cache)
    pdfs_printed: int = 0
    recorded: int = 0  # editions added to the record (branch publicerat) by this build
    pdfs_recorded: int = 0  # PDFs added to editions the record held without one
    # withdrawals, corrections and revisions added to the record by this build (adv17j: the line said "0 nya")
    acts_recorded: tuple[int, int, int] = (0, 0, 0)
    framed: list[Path] = field(default_factory=list)  # edition pages written anew (checked like the generator's pages)
    edition_folders: list[Path] = field(default_factory=list)  # every report's editions folder in the site
    seconds: dict[str, float] = field(default_factory=dict)
    history: bool = True  # False: not a git clone, so no editions
    shown: list = field(default_factory=list)  # pages whose text shows Markdown (render/leaks.py): the build is refused

    def __str__(self) -> str:
        spent = ", ".join(f"{k} {v:.2f} s" for k, v in self.seconds.items())
        if not self.history:
            return f"Utgåvor: inga, eftersom mappen inte är en git-klon (utgåvorna byggs ur historiken) ({spent})."
        return (
            f"Utgåvor: {self.editions} publicerade, {self.rendered} nyrenderade, "
            f"{self.pdfs_printed} PDF utskrivna, {self._recorded()} nya i arkivet{self._pdfs_recorded()} ({spent})."
        )

    def _recorded(self) -> str:
        """What this build added to the record: "2", or "1 utgåva, 1 rättelse och 1 ändrad uppgift"."""
        if not any(self.acts_recorded):
            return str(self.recorded)
        withdrawals, corrections, revisions = self.acts_recorded
        counted = [(self.recorded, "utgåva", "utgåvor"), (withdrawals, "indragning", "indragningar"),
                   (corrections, "rättelse", "rättelser"), (revisions, "ändrad uppgift", "ändrade uppgifter")]
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counted if n]
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"

    def _pdfs_recorded(self) -> str:
        return (
            f", {self.pdfs_recorded} PDF tillagda i arkivet till utgåvor som publicerades utan PDF"
            if self.pdfs_recorded else ""
        )


def publish(
    build: Build, site_dir: Path, config_file: Path, pdf: bool | None = None, refusals: Callable[[], list] | None = None,
) -> Published:
    """Write every edition, the Atom feed and (with `pdf`) each edition's PDF into `site_dir`.
    `result.shown` holds every page that shows Markdown (checked here, before the record). With
    --record the record (branch publicerat, arkiv-sett.txt) is appended to last, and only when
    every check of the build passed: those pages, and `refusals` (the generator's own, e.g. MkDocs'
    strict warnings). A refused build must never leave a published act behind."""
    pdf = build.pdf if pdf is None else pdf
    config = project_config(config_file)
    site_dir = Path(site_dir)
    result = Published()
    archive = build.archive()
    if archive is not None and build.record:
        refused = [
            *record_problems(archive, config["site_url"], config["earlier_addresses"], config_file), *not_on_main(archive),
            *map(str, archive.record.refusals(build.first_record)),
        ]
        first = build.first_record and archive.record.commit is None and not archive.record.first_unpushed()
        if not refused and first:
            # Branch, tags and cache all gone: the published site is the last witness that a record existed.
            refused += live_site.first_record_refusals(config["site_url"])
        if not refused:  # a laptop's record older than GitHub's would record a month GitHub Actions has (adv17g 4)
            behind = archive.record.behind_github()
            if behind is not None and behind.code == record.RECORD_BEHIND.code:
                refused.append(str(dataclasses.replace(behind, severity="error")))
        if not refused:
            refused += unpushed_lost(archive)
        if not refused and not first:  # every edition the published site lists is one this build publishes (adv17i PW4)
            refused += witness(build, archive, config, config_file)
        if refused:
            raise HistoryError("\n".join(refused))
        if archive.record.unpushed is not None:  # the last build's addition never reached GitHub: added again now
            archive.problems.append(archive.record.unpushed)
        archive.problems += archive.record.missing_tags()  # a witness deleted: said, and how to put it back
    elif archive is not None and build.deploy:  # mkdocs gh-deploy publishes: only the record GitHub has (adv17i PW5, PW6)
        behind = archive.record.behind_github()
        if behind is not None and behind.code == record.RECORD_BEHIND.code:  # said of what gh-deploy puts out
            behind = dataclasses.replace(behind, message=behind.message.replace(
                f"saknas i {record.PREVIEW},", f"saknas i {record.DEPLOYED},", 1))
        main_behind = archive.record.main_behind_github()
        refused = [str(main_behind)] if main_behind is not None else []
        refused += [str(dataclasses.replace(p, severity="error")) for p in [*archive.record.problems, behind]
                    if p is not None and p.code in (record.RECORD_NOT_FETCHED.code, record.RECORD_BEHIND.code)]
        refused = refused or witness(build, archive, config, config_file)
        if refused:
            raise HistoryError("\n".join(refused))
    elif archive is not None:  # a preview: is the record here GitHub's? (a clone's origin/publicerat may be behind)
        behind = archive.record.behind_github()
        if behind is not None:
            archive.problems.append(behind)
    written = []
    result.history = archive is not None
    if archive is not None:
        step = time.perf_counter()
        render_new(archive, config_file)  # done already when the generator's glue opened the archive
        renderer = Renderer(archive, config)
        placed = write_editions(archive, renderer, site_dir, config, pdf)
        written = placed.written
        result.framed, result.edition_folders = placed.framed, placed.folders
        notices, said = to_say(archive, archive.problems)  # a decision about history is said by the first build only
        for problem in notices:  # skipped historical versions, reverts, moved reports: said once per build
            build.notice(problem)
        for problem in cache.take_notices():  # cache files changed since the build wrote them (derived again)
            build.notice(problem)
        result.editions, result.rendered = len(written), renderer.rendered_now + getattr(archive, "rendered_now", 0)
        result.seconds["utgåvor"] = time.perf_counter() - step
    step = time.perf_counter()
    changes = site_changes(build)
    if archive is not None:
        from .record import undone_revisions

        undone = undone_revisions(archive, changes)  # a published correction main no longer has (adv17g 7)
        if undone:  # the living page would contradict it, unmarked: refused in the pull request's check already
            raise HistoryError("\n".join(str(dataclasses.replace(p, severity="error")) for p in undone))
    _key_messages(changes, written)
    feed = atom_feed(changes, config["site_url"], config["site_name"], config["author"], feed_address(archive, config["site_url"]))
    (site_dir / FEED).write_bytes(feed)
    first = build.first_record and archive is not None and archive.record.commit is None and not archive.record.first_unpushed()
    if archive is not None and (build.record and not first or build.deploy):
        moved = feed_witness(archive, config, config_file, feed)  # what was published, not only where (adv17j PW1)
        if moved:
            raise HistoryError("\n".join(moved))
    result.seconds["flöde"] = time.perf_counter() - step
    result.seconds = {**build.seconds, **result.seconds}  # the history and the changes were read while pages rendered
    if any(w.pdf is not None for w in written):
        step = time.perf_counter()
        # Placed and checked already (the manifest): nothing to do. A recorded edition keeps the PDF
        # it was published with, with or without --pdf; the others are printed (only with --pdf)
        # once and kept in the cache (a print changed there is printed again: Renderer.proven_print).
        missing = [(w, w.recorded_pdf or w.renderer.proven_print(w.rendered_id) or w.renderer.print_file(w.rendered_id))
                   for w in written if w.pdf is not None and not w.pdf_placed and (pdf or w.recorded_pdf is not None)]
        jobs = [(w.edition.url, pdf_path) for w, pdf_path in missing if not pdf_path.exists()]
        print_pages(site_dir, jobs)
        if jobs:
            written[0].renderer.remember_prints([pdf_path for _url, pdf_path in jobs])
        place_pdfs(placed, missing, archive, config["site_url"])
        result.pdfs_printed = len(jobs)
        result.seconds["pdf"] = time.perf_counter() - step
    for problem in cache.take_notices():  # found by the feed's and the PDFs' steps
        build.notice(problem)
    result.shown = leaks.site_problems(site_dir, pages_to_check(site_dir, result))  # Markdown a reader would see
    if archive is not None and not result.shown:
        keep_said(archive, said)
    if archive is not None and build.record and not result.shown and not (refusals and refusals()):
        step = time.perf_counter()
        result.recorded, result.pdfs_recorded, result.acts_recorded = record_new(archive, written, config["site_url"], changes)
        archive.record.remember()  # what GitHub's record is, or what this build added (and its tag) once the workflow pushes it
        result.seconds["arkiv"] = time.perf_counter() - step
    return result


def witness(build: Build, archive, config: dict, config_file: Path) -> list[str]:
    """The published site as witness (pages/live_site.py): a refusal naming each edition its feed lists that this
    build does not publish; a site that does not answer is said (`build.notice`) and not waited for."""
    tags = [int(t.removeprefix(record.TAG)) for t in archive.record.tags if t.removeprefix(record.TAG).isdigit()]
    where = place(config_file, "site_url") if config_file and Path(config_file).is_file() else "mkdocs.yml"
    refused, notices = live_site.lost_editions(
        config["site_url"], config["earlier_addresses"], {e.url for e in archive.all_editions()},
        f"{record.TAG}{max(tags, default=0) + 1}", where,
    )
    for problem in notices:
        build.notice(problem)
    return refused


def feed_witness(archive, config: dict, config_file: Path, feed: bytes) -> list[str]:
    """The live feed against the one this build wrote (live_site.feed_refusals)."""
    tags = [int(t.removeprefix(record.TAG)) for t in archive.record.tags if t.removeprefix(record.TAG).isdigit()]
    where = place(config_file, "site_url") if config_file and Path(config_file).is_file() else "mkdocs.yml"
    return live_site.feed_refusals(config["site_url"], feed, f"{record.TAG}{max(tags, default=0) + 1}", where)


def unpushed_lost(archive) -> list[str]:
    """The last build's record commit never reached GitHub (`arkivet-inte-pa-github`) is harmless only when this build
    publishes again every edition it added; one it does not was set back with the record, not lost in a push."""
    rec = archive.record
    if rec.unpushed is None:
        return []
    published = {e.url for e in archive.all_editions()}
    lost = [url for url in rec.unpushed_urls if url not in published]
    if not lost:
        return []
    commit, tag = rec._seen()
    return [str(record.RECORD_UNPUSHED_LOST.problem(
        record.ON_GITHUB, 0, 0, branch=record.BRANCH, commit=(commit or "?")[:10], tag=tag,
        editions=", ".join(lost), them="dem" if len(lost) > 1 else "den",
    ))]


def pages_to_check(site_dir: Path, published: Published) -> list[Path]:
    """The HTML pages this build wrote, for the check that no reader sees Markdown (render/leaks.py):
    the generator's pages and the edition pages framed anew. Editions placed as before are not read
    again (a build with 100 past editions per report reads no more than one with 10), and a recorded
    edition is never judged again by today's checks."""
    skipped = {os.path.realpath(f) for f in published.edition_folders}
    found = []
    for folder, dirs, files in os.walk(site_dir):
        dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(folder, d)) not in skipped and d != PARKED]
        found += [Path(folder, name) for name in files if name.endswith(".html")]
    return sorted(found) + [p for p in published.framed if p.exists()]


RECORD_OTHER_SITE = Message(
    "arkivet-annan-webbplats",
    "site_url: Grenen publicerat innehåller utgåvor som publicerades på {other}, men site_url i mkdocs.yml är "
    "{ours}. Registret är det som har publicerats och ska finnas kvar: ta inte bort grenen. Har webbplatsen flyttat "
    "(till exempel till en egen domän), skriv den gamla adressen under extra i mkdocs.yml, tidigare_adresser: "
    "[\"{other}\"], så blir flytten en del av webbplatsens historik och utgåvorna publiceras på den nya adressen. "
    "Ändrades site_url av misstag, skriv tillbaka {other}. Är registret en annan webbplats (till exempel mallen ni "
    "utgick från), kontakta den som förvaltar webbplatsen innan ni publicerar.",
    "Registret över publicerade utgåvor (grenen publicerat) publicerades på en annan adress än site_url i mkdocs.yml. "
    "En flytt skrivs in som extra.tidigare_adresser; en adress som ändrats av misstag skrivs tillbaka. Samma adress "
    "med eller utan / på slutet, eller med andra versaler i https:// och värdnamnet, är samma webbplats.",
)


NOT_ON_MAIN = Message(
    "arkivet-inte-main",
    "Incheckningen {commit} som byggs finns inte i {main}, så bygget med --record lägger inte till något i arkivet "
    "(grenen publicerat): bara det som har publicerats i main får bli utgåvor för alltid. Publicera genom att slå ihop "
    "ändringen med main och låta publiceringsflödet bygga main (på en dator: git switch main, git pull och sedan "
    "scripts/build.py --record). Vill du bara se sidorna, bygg utan --record.",
    "Ett bygge med --record gjordes på en incheckning som inte finns i main (till exempel en utkastgren). Det som "
    "läggs i arkivet går aldrig att ta bort, så bara main:s incheckningar publiceras. Jämförs med origin/main, "
    "eller med main när förrådet saknar GitHub-kopia.",
)


def not_on_main(archive) -> list[str]:
    """Why this build must not add to the record: the commit built is not on main. GitHub's main
    (origin/main) when the clone has one, as the publish workflow's clone has; the local main
    otherwise (a project without a remote). A draft branch built with --record would otherwise
    record a period that main never had, for good (adv17b F103)."""
    record = archive.record
    head = record._resolve("HEAD")
    for ref, name in (("refs/remotes/origin/main", "origin/main"), ("refs/heads/main", "main")):
        main = record._resolve(ref)
        if main is not None:
            return [] if head is None or record._is_ancestor(head, main) else [NOT_ON_MAIN.coded(commit=head[:10], main=name)]
    return [NOT_ON_MAIN.coded(commit=(head or "?")[:10], main="main (förrådet har ingen gren main)")]


def _key_messages(changes, written: list[Written]) -> None:
    """An edition without headline figures from a monthly series (a report for a tertial, a year,
    January–August) is announced in the feed with its own summary ("I korthet"), where its
    author put its headline figures: never only "Ny utgåva publicerad". Only the feed's entries
    (the newest FEED_ENTRIES) are read: a site with 100 past editions per report reads no more
    articles than one with 10."""
    by_url = {w.edition.url: w for w in written}
    for change in changes[:FEED_ENTRIES]:
        if change.kind == EDITION and not change.lines and change.url in by_url:
            message = key_message(by_url[change.url].rendered.article).rstrip(".")  # the summary ends the sentence itself
            change.lines = [message] if message else []


def record_problems(archive, site_url: str, earlier: list[str] = (), config_file: Path | None = None) -> list[str]:
    """Why this build must not add to the record: it holds editions published at an address that is
    neither this site's (written any way: trailing slash, letter case of scheme and host) nor one
    it moved from (`extra.tidigare_adresser`), at mkdocs.yml's site_url line."""
    ours = [site_url, *earlier]
    others = sorted({r.address for r in archive.record.editions.values()
                     if r.address and not any(same_address(r.address, a) for a in ours if a)})
    if not others:
        return []
    where = place(config_file, "site_url") if config_file and Path(config_file).is_file() else "mkdocs.yml"
    return [f"{where}: " + RECORD_OTHER_SITE.coded(other=others[0], ours=site_url or "(ingen)")]


def record_new(archive, written: list[Written], site_url: str = "", changes: list = ()) -> tuple[int, int, tuple[int, int, int]]:
    """Append to the branch `publicerat` (locally; the publish workflow pushes it) the editions this
    build published and the record does not hold yet, and the PDFs printed for recorded editions
    that were published without one (an added file, never a changed one). Returns how many of each,
    and of the withdrawals, corrections and revisions it added."""
    new, pdfs = [], 0
    for w in written:
        edition = w.edition
        if edition.recorded is not None:
            # Whether a PDF is recorded, by name: `w.recorded_pdf` unpacks and proves the file, which a build
            # does only for what it places (a build with 100 past editions reads no more than one with 10).
            if w.pdf is not None and w.pdf_placed and recorded_pdf_name(edition.recorded) is None and w.pdf.exists():
                # The print as published, not the site's file, which may carry a notice after it (place_pdfs).
                printed = w.printed if w.printed is not None and w.printed.exists() else w.pdf
                new.append(record.NewEdition(edition.url, None, b"", {w.pdf.name: printed}))
                pdfs += 1
            continue
        files = {name: Path(Renderer.file(w.rendered, name)) for name in w.rendered.files}
        pdf_name = w.pdf.name if w.pdf is not None and w.pdf.exists() else None
        if pdf_name:  # the print as published, not the site's file, which may carry a notice after it (place_pdfs)
            files[pdf_name] = w.printed if w.printed is not None and w.printed.exists() else (
                w.renderer.proven_print(w.rendered_id) or w.pdf)
        new.append(record.NewEdition(edition.url, {
            "rapport": edition.report_url, "sida": edition.source, "period": edition.period.id,
            "periodnamn": edition.period.name, "titel": w.rendered.title, "publicerad": edition.published,
            "publicerad_tid": edition.published_at, "incheckning": edition.first_sha, "innehall": w.rendered.toc,
            "pdf": pdf_name, "adress": site_url,
        }, w.rendered.article.encode("utf-8"), files))
    # A withdrawal or correction, once published, is part of the record too (a revert of its line stays said).
    # With the moment it is first published at ("Nytt och ändrat", the feed), which no later rewrite of main's
    # history changes (adv17f 54, 96, 107, 115, 123), as a revision keeps its date.
    notices = {n.anchor: {**dataclasses.asdict(n), record.NOTICE_MOMENT: act_moment(archive, n)}
               for n in archive.notices if n.anchor not in archive.record.notices}
    # A revision listed for the first time is recorded as it was listed (its anchor, time, title and values), so
    # that no later rewrite of main's history gives it another anchor or time, or drops it (adv17e 55, 80).
    revisions = {c.anchor: c.recorded_fields() for c in changes if c.kind == REVISION and c.anchor not in archive.record.revisions}
    if not new and not notices and not revisions:
        return 0, 0, (0, 0, 0)
    added = len(new) - pdfs
    names = ", ".join([n.url for n in new[:3]] + [f"{n} (rättelse)" for n in list(notices)[:3 - min(3, len(new))]]
                      + [f"{a} (rättad uppgift)" for a in list(revisions)[:max(0, 3 - len(new) - len(notices))]])
    more = " …" if len(new) + len(notices) + len(revisions) > 3 else ""
    title = "Publicerade utgåvor" if not pdfs else (
        "Publicerade utgåvor och PDF till utgåvor publicerade utan PDF" if added else "PDF till utgåvor publicerade utan PDF"
    )
    record.append(archive.repository, archive.record, new, f"{title}: {names}{more}", notices, revisions,
                  moment=getattr(archive, "moment", None))
    kinds = [n["kind"] for n in notices.values()]
    return added, pdfs, (kinds.count("indragning"), kinds.count("rattelse"), len(revisions))


def site_files(site_dir: Path, pattern: str = "*") -> list[Path]:
    """Every file of a built site whose name matches `pattern`, sorted, editions included."""
    found = []
    for folder, _dirs, files in os.walk(site_dir, followlinks=True):
        found += [Path(folder, name) for name in files if fnmatch.fnmatchcase(name, pattern)]
    return sorted(found)
