"""What is new: each new edition of a report, and each figure revised after it was published.

Revisions are found by comparing consecutive versions of each dataset on `main`
(from the first published edition on): a value that differs between two versions,
for the same month (or row) and column, is listed as old → new with the date of
the commit. A row a version removed (a revert) and a later one added again is
compared with the last version that had it: a published figure that comes back
different is a revision too. The comparison of two versions is remembered in
`.cache-utgavor/` by their file versions, so each version is read once, ever: a
one-row update reads only the new version and the one before it.

What was published is never said again differently: an edition's headline figures are read at the commit the
edition names (the record's `incheckning`), and each revision is recorded by the build that first publishes it
(`publicerat:andringar/<anchor>.json`) and listed from then on as recorded (`_as_recorded`), whatever later
happens to main's history.

Shown on the "Nytt och ändrat" page (the `changes_list` macro) and as an Atom feed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..data import yamlfile
from ..data.catalog import read_dataset
from ..data.history import GitTree, History, HistoryError
from ..data.periods import year_before
from ..data.problems import AuthorError
from ..formats import swedish
from ..models import versions
from ..models.sentences import change_words, value_text
from ..render import html
from .editions import read_json, write_json
from . import record
from .record import blobs_at, renamed
from .reports import KeyFigures, PeriodRule, split_page

CHANGES_PAGE = "nytt-och-andrat/"  # docs/nytt-och-andrat.md
FEED = "nytt-och-andrat.xml"  # the Atom feed, at the site's root
FEED_ENTRIES = 50
HEADLINES = 200  # the newest editions that get their headline figures (changes_list's default limit):
# reading a dataset version costs ~50 ms, and a site eight years on has 100 000 editions


COMPARISONS = "andringar-versioner-4.json"  # in .cache-utgavor/; -3: short keys, and the rows added and removed; -4: renamed fields
WALKS = "andringar-genomgangar-2.json"  # in .cache-utgavor/: how far each dataset's versions were walked (`_revisions`)
EDITION, REVISION = "edition", "revision"
WITHDRAWAL, CORRECTION = "indragning", "rattelse"  # the record's notices (pages/record.py, issue 17.2)


@dataclass
class Change:
    kind: str  # EDITION, REVISION, WITHDRAWAL or CORRECTION
    index: int  # the commit's number in the history: orders changes of the same time
    date: str  # ISO 8601 with time and offset: the publishing (or revising) commit's time
    title: str
    url: str  # a path in the site: the edition, or the report (or dataset) that shows the revised figures
    anchor: str  # its id on the "Nytt och ändrat" page
    revisions: list[versions.Revision] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # an edition's headline figures; a notice's reason
    replaced_by: str | None = None  # a withdrawn edition's replacement (a path in the site)
    edition: object = None  # the Edition an EDITION entry announces

    def said(self) -> list[str]:
        """What changed, line by line: revised values old → new (as the record keeps them, if it does), or the
        edition's figures, or the reason."""
        return list(self.lines) or [r.line() for r in self.revisions] if self.kind == REVISION else list(self.lines)

    def recorded_fields(self) -> dict:
        """A revision as the record keeps it (data/record.REVISION_FIELDS): what the entry said when first published."""
        return {"anchor": self.anchor, "date": self.date, "title": self.title, "url": self.url,
                "values": [[r.dataset, r.key, r.field, r.field_title, r.key_label, r.old, r.new] for r in self.revisions]}

    def summary(self) -> str:
        """The feed entry's summary, in Swedish, complete without the page."""
        day = swedish.date_long(swedish.day(self.date))
        if self.kind == REVISION:
            return f"Rättat {day}: " + "; ".join(self.said()) + "."
        if self.kind == EDITION:
            figures = "; ".join(self.lines)
            return f"Ny utgåva publicerad {day}." + (f" {figures}." if figures else "")
        what = "Utgåvan är indragen" if self.kind == WITHDRAWAL else "Utgåvan är rättad"
        text = f"{what} {day}. " + " ".join(self.lines)
        return text + (f" Den ersätts av {self.replacement()}." if self.replaced_by else "")

    def replacement(self) -> str:
        """What a withdrawn edition's notice links to, in words."""
        return "den nya utgåvan" if "/utgavor/" in (self.replaced_by or "") else "rapportens aktuella sida"

    def shown(self, link) -> dict:
        """For the page's template, with links relative to the page (`link`)."""
        return {
            "kind": self.kind,
            "anchor": self.anchor,
            "title": self.title,
            "href": link(self.url),
            "date": swedish.date_long(swedish.day(self.date)),
            "iso": swedish.day(self.date).isoformat(),  # the Swedish day, as the date beside it
            "lines": self.said(),
            "replaced_by": link(self.replaced_by) if self.replaced_by else None,
            "replaced_by_title": self.replacement(),
        }


def site_changes(build) -> list[Change]:
    """Every new edition, revised figure, withdrawal and correction, newest first (once per build)."""
    if "changes" not in build._memo:
        archive = build.archive()
        started = time.perf_counter()
        found = [] if archive is None or archive.epoch is None else _changes(build, archive)
        found = sorted(found + _notices(build), key=_order, reverse=True)
        if archive is not None:
            _add_headlines(archive, [c for c in found if c.kind == EDITION][:HEADLINES])
        build._memo["changes"] = found
        build.seconds["ändringar"] = time.perf_counter() - started
    return build._memo["changes"]


def _order(change: Change):
    moment = dt.datetime.fromisoformat(change.date).astimezone(dt.timezone.utc)
    return moment, change.index, change.kind == EDITION, change.title


def _changes(build, archive) -> list[Change]:
    commits = archive.history.commits
    titles = archive.titles
    known = _Comparisons(archive.cache_dir / COMPARISONS)  # what two versions say, by their file ids: kept across builds
    walks = read_json(archive.cache_dir / WALKS, {})
    walks, walked = walks if isinstance(walks, dict) else {}, {}  # kept by the last build; made by this one
    epoch = archive.epoch  # once: it looks at every edition of the site
    slugs = {url: html.slug(url) for url in archive.report_urls()}  # once per report, not per edition
    found = [
        Change(
            EDITION, e.first, e.published_at or commits[e.first].date, f"{titles.get(e.report_url, e.report_url)}: {e.period.name}",
            e.url, f"utgava-{slugs.get(e.report_url) or html.slug(e.report_url)}-{e.period.id}", edition=e,
        )
        for e in archive.all_editions()
    ]
    series_reports = archive.series_reports()
    reader = _Reader(archive.repository)
    for dataset_id in build.catalog.published_ids():  # not the author guide's made-up examples
        url = series_reports.get(dataset_id) or f"data/#{html.slug(dataset_id)}"
        found += _revisions(archive, dataset_id, url, known, reader, epoch, walks, walked)
    found += _published_off_main(archive, series_reports, known, reader)
    found += _published_dropped(build, archive, series_reports, known, reader, found)
    found = _published_now(archive, _as_recorded(archive, found))
    build._memo["versions_read"] = reader.reads  # dataset versions read from git (tests count them)
    known.save()
    if walked != walks:
        write_json(archive.cache_dir / WALKS, walked)
    return found


class _Comparisons:
    """The kept comparisons of two dataset versions (`_compare`), by `_pair` key. Each entry is
    checked when it is used, not all at every build (the cache holds one per version: 10 000 at
    100 reports × 100 months): one that has not `_compare`'s shape (a cache of another shape,
    damaged or tampered with) is compared again, never trusted into a failed build."""

    def __init__(self, path: Path):
        kept = read_json(path, {})
        self.path, self.kept, self.changed = path, kept if isinstance(kept, dict) else {}, False

    def get(self, key: str, compare: Callable[[], dict | None]) -> dict | None:
        entry = self.kept.get(key, _MISSING)
        if entry is _MISSING or not _fits(entry):
            entry = self.kept[key] = compare()
            self.changed = True
        return entry

    def save(self) -> None:
        if self.changed:
            write_json(self.path, self.kept)


_MISSING = object()


def _fits(entry) -> bool:
    """Whether a kept comparison has `_compare`'s shape (None: nothing changed)."""
    if entry is None:
        return True

    def is_list(value, item) -> bool:
        return isinstance(value, list) and all(item(v) for v in value)

    return (
        isinstance(entry, dict) and set(entry) <= {"title", "values", "added", "removed", "renamed"}
        and isinstance(entry.get("renamed", {}), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in entry.get("renamed", {}).items())
        and isinstance(entry.get("title", ""), str)
        and is_list(entry.get("values", []), lambda row: isinstance(row, list) and len(row) == 6)
        and is_list(entry.get("added", []), lambda key: isinstance(key, str))
        and is_list(entry.get("removed", []), lambda key: isinstance(key, str))
    )


def _published_off_main(archive, series_reports: dict[str, str], known: _Comparisons, reader: _Reader) -> list[Change]:
    """Figures of a published edition whose commit later left main (an amend or rebase and a
    force-push): the data as published (the record keeps that commit reachable) compared with
    main's first version of the same period. So a figure changed by rewriting history is a
    revision like any other, dated by the commit that now has the period."""
    history, found = archive.history, []
    on_main = archive.commit_index()
    for recorded in archive.record.editions.values():
        if recorded.commit in on_main:
            continue
        page = archive.page_path(recorded.source)
        rule = archive.period_rule((blobs_at(archive, recorded.commit, [page]) or {}).get(page))
        if rule is None or not rule.series:
            continue
        paths = [f"data/{rule.series}.csv", f"data/{rule.series}.schema.yaml"]
        published = tuple((blobs_at(archive, recorded.commit, paths) or {}).get(path) for path in paths)
        for index in sorted(set(history.changes_of(paths[0]) + history.changes_of(paths[1]))):
            period = archive.period_at(rule, index)
            if period is None or period.id != recorded.period_id:
                continue
            now = (history.blob_at(paths[0], index), history.blob_at(paths[1], index))
            if None not in published and None not in now and now != published:
                compared = known.get(_pair(published, now), lambda: _compare(reader, rule.series, published, now))
                if compared and compared.get("values"):
                    commit = history.commits[index]
                    found.append(Change(
                        REVISION, index, commit.date, f"Rättade uppgifter: {compared['title']}",
                        series_reports.get(rule.series) or f"data/#{html.slug(rule.series)}",
                        f"andring-{commit.sha[:10]}-{html.slug(rule.series)}-publicerad",
                        [versions.Revision(rule.series, *row, commit.date, index) for row in compared["values"]],
                    ))
            break  # main's first version of the period is what replaced the published one
    return found


class _Line:
    """main's first-parent line as a published commit that main no longer holds had it (a force-push dropped
    it; the record keeps it reachable): what `_revisions` and `record.published_points` walk, in place of the
    archive's own history."""

    def __init__(self, archive, tip: str):
        self.repository, self.record, self.docs, self.tip = archive.repository, archive.record, archive.docs, tip
        self.history = History(archive.repository.first_parent_log([archive.docs, "data"], tip))
        self._rewritten = {}  # the line as it was published: no rewrite of it is looked for (record.rewritten)

    def commit_index(self) -> dict[str, int]:
        if "_indexes" not in self.__dict__:
            self._indexes = {c.sha: i for i, c in enumerate(self.history.commits)}
        return self._indexes


DROPPED = "andringar-borttagna-1.json"  # in .cache-utgavor/: what a dropped line published, by its tip (`_published_dropped`)


def _published_dropped(build, archive, series_reports: dict[str, str], known: _Comparisons, reader: _Reader, found: list[Change]) -> list[Change]:
    """Revisions that were published and whose commits main no longer holds (a force-push that dropped them, not
    a rebase of the same content: record.rewritten): the line of the newest such published commit is walked as
    main's is, and each revision it published that main's walk did not find is listed as it was published, with
    its date and anchor (adv17d W1, fault 4). What was published stays published. A line never changes (a commit
    id names all before it): what it published is kept in `.cache-utgavor/` by its tip, so later builds do not
    walk it again."""
    built = archive.record.built() if archive.repository is not None else []
    if not built:
        return []
    on_main = set(record.main_line(archive))
    moved = {old for old, _date in record.rewritten(archive).values()}
    dropped = [b for b in built if b not in on_main and b not in moved]
    if not dropped:
        return []
    ids = list(build.catalog.published_ids())
    key = hashlib.blake2b(repr([COMPARISONS, dropped[-1], ids, sorted(series_reports.items())]).encode(), digest_size=10).hexdigest()
    kept_file = read_json(archive.cache_dir / DROPPED, {})
    entry = kept_file.get(key) if isinstance(kept_file, dict) else None
    said = {(r.dataset, r.key, r.field, r.old, r.new) for c in found if c.kind == REVISION for r in c.revisions}
    try:
        return _dropped_changes(entry, on_main, moved, said)
    except (TypeError, ValueError):  # not kept, or a damaged cache: walked again, never trusted
        pass
    try:
        line = _Line(archive, dropped[-1])
    except HistoryError:
        return []
    points = record.published_points(line)
    entry = []
    for dataset_id in ids if points else []:
        url = series_reports.get(dataset_id) or f"data/#{html.slug(dataset_id)}"
        for change in _revisions(line, dataset_id, url, known, reader, points[0], {}, {}):
            entry.append([line.history.commits[change.index].sha, change.index, change.date, change.title, change.url, change.anchor,
                          [[r.dataset, r.key, r.field, r.field_title, r.key_label, r.old, r.new, r.date, r.index] for r in change.revisions]])
    write_json(archive.cache_dir / DROPPED, {key: entry})  # only the newest line is kept
    return _dropped_changes(entry, on_main, moved, said)


def _as_recorded(archive, found: list[Change]) -> list[Change]:
    """The revisions as the record keeps them (`andringar/<anchor>.json`, written by the build that first
    published each): an entry keeps its anchor, time, title and lines whatever happens to main's history later
    (a rebase gives the revising commit another id and time; a force-push drops it: adv17e 55, 80), and its
    link (a renamed page's old address says where the report went). A revised
    value that main's walk finds today and the record holds (the same row, field title, old and new value) is
    the recorded entry's: its mark on the living page is the walk's (today's field name, so a renamed column
    keeps it) with the recorded date. A recorded value the walk no longer finds is listed as published. What
    the record does not hold yet is new, listed as found (and recorded by this build if it publishes)."""
    recorded = archive.record.revisions if archive.record is not None else {}
    if not recorded:
        return found
    owner: dict[tuple, list[str]] = {}  # a value's revision (row, field title, old, new) → the entries that record it, oldest first
    order = archive.record.revision_order()  # the record's line, not the dates (a 2019 clock: adv17k VR1)
    for anchor, fields in sorted(recorded.items(), key=lambda item: (order.get(item[0], 0), item[1]["date"])):
        for row in fields["values"]:
            owner.setdefault((row[1], row[3], row[5], row[6]), []).append(anchor)
    kept, matched = [], {}
    # One walk revision per recorded one, oldest first: 176 → 177 published, 177 → 176, then 176 → 177 again is a
    # new revision, not the first one's.
    for change in sorted(found, key=lambda c: c.index):
        if change.kind != REVISION:
            kept.append(change)
            continue
        rest = []
        for revision in change.revisions:
            anchors = owner.get((revision.key, revision.field_title, revision.old, revision.new))
            anchor = anchors.pop(0) if anchors else None
            if anchor is None:
                rest.append(revision)
            else:
                matched.setdefault(anchor, []).append(revision)
        if rest:
            anchor = change.anchor if change.anchor not in recorded else f"{change.anchor}-2"
            kept.append(dataclasses.replace(change, revisions=rest, anchor=anchor))
    for anchor, fields in recorded.items():
        date = fields["date"]  # a moment with its offset: the record's check (data/record._revision_shape)
        values = [versions.Revision(*row, date, -1) for row in fields["values"]]
        walked = [dataclasses.replace(r, date=date) for r in matched.get(anchor, [])]
        seen = {(r.key, r.field_title, r.old, r.new) for r in walked}
        kept.append(Change(
            REVISION, min((r.index for r in walked), default=-1), date, fields["title"], fields["url"], anchor,
            walked + [v for v in values if (v.key, v.field_title, v.old, v.new) not in seen], [v.line() for v in values],
        ))
    return kept


def _published_now(archive, found: list[Change]) -> list[Change]:
    """A publishing build dates the revisions it records first with its own moment (`Archive.publish_now`), as its
    editions and acts: not with the revising commit's clock, which a laptop may have in 2027 or 2019 (adv17k PW1,
    PW2). A preview keeps the commit's time; a recorded revision keeps its recorded date."""
    moment = getattr(archive, "moment", None)
    if moment is None:
        return found
    recorded = archive.record.revisions if archive.record is not None else {}
    when = moment.isoformat(timespec="seconds")
    return [dataclasses.replace(c, date=when, revisions=[dataclasses.replace(r, date=when) for r in c.revisions])
            if c.kind == REVISION and c.anchor not in recorded else c for c in found]


def _dropped_changes(entry, on_main: set[str], moved: set[str], said: set) -> list[Change]:
    """The kept walk of a dropped line as Changes, without what main holds or main's walk found (TypeError or
    ValueError: an entry of another shape)."""
    if not isinstance(entry, list):
        raise TypeError("no walk kept")
    kept = []
    for sha, index, date, title, url, anchor, rows in entry:
        if not all(isinstance(v, str) for v in (sha, date, title, url, anchor)) or not isinstance(index, int):
            raise TypeError("another shape")
        revisions = [versions.Revision(*row) for row in rows]
        if sha in on_main or sha in moved:
            continue  # main's own walk has it
        revisions = [r for r in revisions if (r.dataset, r.key, r.field, r.old, r.new) not in said]
        if revisions:
            dt.datetime.fromisoformat(date)  # ValueError: not a moment
            kept.append(Change(REVISION, index, date, title, url, anchor, revisions))
    return kept


def _notices(build) -> list[Change]:
    """Withdrawals and corrections of editions, as staff declared them in rattelser.yaml (the
    record's notices, pages/record.py, issue 17.2), placed at the moment each was published
    (record.notice_moment: its commit's time on its date, never the date's midnight)."""
    return [
        Change(
            n.kind, -1, record.notice_moment(build, n), n.title, n.edition_url, n.anchor,
            lines=[f"Anledning: {n.reason}"], replaced_by=n.replaced_by,
        )
        for n in record.record_notices(build)
    ]


def _add_headlines(archive, editions: list[Change]) -> None:
    cache_path = archive.cache_dir / "andringar-rubriker-2.json"  # by page and data versions; -2: pages' front matter too
    known = read_json(cache_path, {})
    size = len(known)
    for change in editions:
        change.lines = _headline(archive, change.edition, known)
    if len(known) != size:
        write_json(cache_path, known)


def _headline(archive, edition, known: dict) -> list[str]:
    """The new edition's headline figures as it was published (its first commit): the report's
    `nyckeltal`, else the first two measures of its monthly series, each with the change from
    a year earlier: `Antal hushåll: 180 (22 färre än i september 2021)`.

    Read from the commit the edition names (`first_sha`; the record's `incheckning`, kept reachable by the
    record), never from the commit that has its place in main's history today: after a force-push, an amend
    or a rebase that place holds another month's data, and the entry would say another month's figures under
    its own title (adv17e faults 51, 53, 54). A commit id names its files for good, so what the entry says
    is what it said when it was first published."""
    blob_at = _files_of(archive, edition.first_sha)
    page_blob = blob_at(archive.page_path(edition.source))
    if page_blob is None:
        return []
    page_key = f"sida:{page_blob}"  # what a page version's front matter names: read once, not on every build
    if page_key not in known:
        try:
            meta, _body = split_page(archive.repository.read_blob(page_blob).decode("utf-8"))
            figures, rule = KeyFigures.of(meta), PeriodRule.of(meta)
            dataset_id = figures.dataset if figures else rule.series if rule else None
            known[page_key] = [dataset_id, figures.measures if figures else None] if dataset_id else None
        except (AuthorError, ValueError, yamlfile.YamlError, UnicodeDecodeError):
            known[page_key] = None  # a page version that did not build: its edition is listed without figures
    if not known[page_key]:
        return []
    dataset_id, measures = known[page_key]
    blobs = (blob_at(f"data/{dataset_id}.csv"), blob_at(f"data/{dataset_id}.schema.yaml"))
    if None in blobs:
        return []
    key = f"rubrik:{edition.period.id}:{page_blob}:{blobs[0]}:{blobs[1]}"
    if key not in known:
        dataset = _read(archive.repository, dataset_id, blobs)
        known[key] = [] if dataset is None else headline_figures(dataset, measures, edition.period.id)
    return known[key]


def _files_of(archive, sha: str) -> Callable[[str], str | None]:
    """path → its blob id in commit `sha`: from main's history if main holds the commit (the common case, no
    git call), else from git (a commit a history rewrite left behind, which the record keeps reachable)."""
    index = archive.commit_index().get(sha)
    if index is not None:
        return lambda path: archive.history.blob_at(path, index)
    return lambda path: (blobs_at(archive, sha, [path]) or {}).get(path)


def headline_figures(dataset, measures, period: str) -> list[str]:
    """`Antal hushåll: 180 (22 färre än i september 2021)` per measure, for `period` of a monthly
    series (its latest month if it has not that one); [] for a dataset without months."""
    if not dataset.period_field or not len(dataset.frame):
        return []
    if dataset.row(dataset.period_field, period) is None:
        period = dataset.latest_period
    if measures is None:
        measures = [n for n in dataset.schema.shown_fields if dataset.field(n).numeric and not dataset.field(n).computed][:2]
    earlier = year_before(period)
    lines = []
    for name in measures:
        if name not in dataset.fields:
            continue
        value = dataset.value(name, period)
        text = f"{dataset.field(name).title}: {value_text(dataset, name, value)}"
        if not swedish.is_missing(value) and dataset.row(dataset.period_field, earlier) is not None:
            text += f" ({change_words(dataset, name, value, dataset.value(name, earlier), swedish.month_long(earlier))})"
        lines.append(text)
    return lines


def _revisions(archive, dataset_id: str, url: str, known: _Comparisons, reader: _Reader, epoch: int, walks: dict, walked: dict) -> list[Change]:
    """The revisions of one dataset: each version compared with the one before it, from the epoch on.

    The walk goes on where the last build's ended (`walks`, kept in `.cache-utgavor/`; `walked`
    gets where this build's ends): a one-row update looks at the new version only, not again at
    every past month. It is taken up only if the history it walked is still main's (the commit it
    ended at is at the same place: a commit id names all that came before it) and the epoch, the
    dataset's names and the comparisons' cache version are the same; else the dataset is walked
    from the start (a rewritten history, a renamed file)."""
    history = archive.history
    spans = _names(archive, dataset_id, epoch)

    def blobs(index: int) -> tuple[str | None, str | None]:
        _start, csv_path, schema_path = [span for span in spans if span[0] <= index][-1]
        return history.blob_at(csv_path, index), history.blob_at(schema_path, index)

    points = sorted({i for _start, *paths in spans for path in paths for i in history.changes_of(path) if i > epoch})
    start = [COMPARISONS, epoch, history.commits[epoch].sha, [list(span) for span in spans]]
    walk = _resumable(walks.get(dataset_id), start, history)
    if walk is None:
        walk = {"start": start, "at": epoch, "sha": start[2], "before": list(blobs(epoch)), "gone": {}, "found": [], "rows": {}, "renamed": []}
    before = tuple(walk["before"])
    gone = {row: tuple(version) for row, version in walk["gone"].items()}  # a row a version removed → the last version that had it
    found = list(walk["found"])  # [commit number, title, values] of each revision
    rows = {int(i): (added, removed) for i, (added, removed) in walk["rows"].items()}  # commit → (rows it added, rows it removed), for _published_only
    names = [(int(i), dict(fields)) for i, fields in walk["renamed"]]  # [commit, {old field: new field}] of each column renamed
    for index in (i for i in points if i > walk["at"]):
        after = blobs(index)
        if None not in before and None not in after and after != before:
            compared = known.get(_pair(before, after), lambda: _compare(reader, dataset_id, before, after)) or {}
            values, title = list(compared.get("values", [])), compared.get("title")
            for row in [r for r in compared.get("added", []) if r in gone]:  # removed (a revert), now back: as published before
                earlier = gone.pop(row)
                again = known.get(_pair(earlier, after), lambda: _compare(reader, dataset_id, earlier, after)) or {}
                values += [v for v in again.get("values", []) if v[0] == row]
                title = title or again.get("title")
            gone.update((row, before) for row in compared.get("removed", []))
            rows[index] = (compared.get("added", []), compared.get("removed", []))
            if compared.get("renamed"):
                names.append((index, dict(compared["renamed"])))
            if values:
                found.append([index, title, values])
        before = after
    last = len(history.commits) - 1
    walked[dataset_id] = {"start": start, "at": last, "sha": history.commits[last].sha, "before": list(before),
                         "gone": {row: list(version) for row, version in gone.items()}, "found": found,
                         "rows": {str(i): [list(added), list(removed)] for i, (added, removed) in rows.items()},
                         "renamed": [[i, fields] for i, fields in names]}
    changes = []
    moved = record.rewritten(archive)  # a rebased commit: the revision as it was published (its date, its anchor)
    for index, title, values in found:
        commit = history.commits[index]
        sha, date = moved.get(commit.sha, (commit.sha, commit.date))
        changes.append(Change(
            REVISION, index, date, f"Rättade uppgifter: {title}", url,
            f"andring-{sha[:10]}-{html.slug(dataset_id)}",
            [versions.Revision(dataset_id, row[0], _renamed(row[1], index, names), *row[2:], date, index) for row in values],
        ))
    return _published_only(changes, rows, record.published_points(archive))


def _renamed(field: str, index: int, names: list[tuple[int, dict[str, str]]]) -> str:
    """The name a field revised at commit `index` has now, through every later rename of its column (a revised
    value stays marked on the living page after a rename, as the change list keeps listing it: adv17d W2)."""
    for at, fields in names:
        if at > index:
            field = fields.get(field, field)
    return field


def _resumable(walk, start: list, history) -> dict | None:
    """A kept walk of a dataset's versions that this build can go on from, or None: another start
    (epoch, names), a history that no longer has its last commit at the same place, or an entry of
    another shape (a damaged or tampered cache is walked again, never trusted)."""
    try:
        at = walk["at"]
        if walk["start"] != start or not isinstance(at, int) or not 0 <= at < len(history.commits) or history.commits[at].sha != walk["sha"]:
            return None
        pair = lambda value: isinstance(value, list) and len(value) == 2 and all(v is None or isinstance(v, str) for v in value)  # noqa: E731
        if not pair(walk["before"]) or not all(isinstance(k, str) and pair(v) for k, v in walk["gone"].items()):
            return None
        if not all(isinstance(i, int) and 0 <= i <= at and isinstance(t, (str, type(None))) and _fits({"values": v})
                   for i, t, v in walk["found"]):
            return None
        if not all(isinstance(i, str) and i.isdigit() and int(i) <= at and _fits({"added": added, "removed": removed})
                   for i, (added, removed) in walk["rows"].items()):
            return None
        if not all(isinstance(i, int) and 0 <= i <= at and _fits({"renamed": fields}) for i, fields in walk["renamed"]):
            return None
        return walk
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _published_only(found: list[Change], rows: dict, points: list[int] | None) -> list[Change]:
    """Only what changed between published versions (record.published_points; None: every commit counts). A
    value changed twice between two publishings is one revision, first → last, at the last change, and none if
    it came back; a row added since the last publishing had no published value to revise (a typo fixed before
    the publishing, another month's figure passing through a rebase), unless it is a published row that a
    version removed (a revert, published or not, a withdrawal published in between) and a later one added again:
    its value is compared with the published one."""
    if points is None:
        return found
    span = lambda index: bisect.bisect_left(points, index)  # noqa: E731 (P_k-1, P_k] → k
    fresh, removed, chains, done = {}, {}, {}, []
    by_index = {c.index: c for c in found}
    for index in sorted(set(rows) | set(by_index)):
        here = span(index)
        added, gone = rows.get(index, ([], []))
        for key in gone:
            if fresh.get(key) != here:
                removed[key] = here
        for key in added:
            if key not in removed:  # a row removed after it was published comes back with a published value (adv17e 5)
                fresh[key] = here
        for revision in by_index[index].revisions if index in by_index else []:
            if fresh.get(revision.key) == here:
                continue
            chain = chains.get((revision.key, revision.field))
            if chain is not None and chain[0] == here:
                chain[2] = revision
            else:
                chain = chains[(revision.key, revision.field)] = [here, revision, revision]
                done.append(chain)
    kept: dict[int, list] = {}
    for _span, first, last in done:
        if first.old != last.new:
            kept.setdefault(last.index, []).append(dataclasses.replace(last, old=first.old))
    return [dataclasses.replace(c, revisions=kept[c.index]) for c in found if c.index in kept]


def _pair(before: tuple[str, str], after: tuple[str, str]) -> str:
    """Two versions of a dataset by their files' ids (csv, schema): a comparison's key in the cache.
    Ids, not commits, so a rewritten history that has the same files reuses it, and other files are compared
    anew. Hashed short (80 bits): the cache holds a key per version, read on every build."""
    return hashlib.blake2b(f"{before[0]}:{before[1]}>{after[0]}:{after[1]}".encode(), digest_size=10).hexdigest()


def _names(archive, dataset_id: str, epoch: int) -> list[tuple[int, str, str]]:
    """The dataset's files through its renames since the first edition: [(from commit, csv, schema)],
    oldest first. A data file renamed in the same commit as a correction keeps its history (git's
    rename detection), so the correction is a revision, not a new dataset."""
    history = archive.history
    spans = [(0, f"data/{dataset_id}.csv", f"data/{dataset_id}.schema.yaml")]
    while history.blob_at(spans[0][1], epoch) is None and len(spans) < 20:
        changes = history.changes_of(spans[0][1])
        if not changes or changes[0] <= epoch:
            break
        old = next((o for o, new in renamed(archive, changes[0], "data").items() if new == spans[0][1]), None)
        if old is None or not old.endswith(".csv"):
            break
        spans[0] = (changes[0], *spans[0][1:])
        spans.insert(0, (0, old, old.removesuffix(".csv") + ".schema.yaml"))
    return spans


def _compare(reader: "_Reader", dataset_id: str, before: tuple[str, str], after: tuple[str, str]) -> dict | None:
    """The values two versions of a dataset show differently (versions.revised, the comparison
    the review uses), and the rows one has and the other not, remembered as {title, values: [[key,
    field, field title, row label, old, new]], added: [row key], removed: [row key]} (empty ones left
    out, and the title with the values only): a row removed
    (a revert) and added again later is compared with the last version that had it (adv17b F6).
    None: a version that cannot be read, or nothing changed."""
    old, new = (reader.read(dataset_id, blobs) for blobs in (before, after))
    if old is None or new is None:
        return None
    values = [[r.key, r.field, r.field_title, r.key_label, r.old, r.new] for r in versions.revisions_between(old, new, "")]
    old_rows, new_rows = versions.rows(old), versions.rows(new)
    found = {"title": new.title, "values": values, "added": [k for k in new_rows if k not in old_rows],
             "removed": [k for k in old_rows if k not in new_rows], "renamed": versions.renamed_fields(old, new)}
    return {k: v for k, v in found.items() if v} if values or found["added"] or found["removed"] or found["renamed"] else None  # kept small


class _Reader:
    """Versions of datasets read from git, the last two remembered: a dataset's versions are compared
    in order, so the newer of one pair is the older of the next and each version is read once."""

    def __init__(self, repository, keep: int = 2):
        self.repository = repository
        self.keep = keep
        self.reads = 0  # versions read from git (the benchmark and the tests count them)
        self._last: dict[tuple[str, str, str], object] = {}

    def read(self, dataset_id: str, blobs: tuple[str, str]):
        key = (dataset_id, *blobs)
        if key not in self._last:
            if len(self._last) >= self.keep:
                del self._last[next(iter(self._last))]
            self.reads += 1
            self._last[key] = _read(self.repository, dataset_id, blobs)
        return self._last[key]


def _read(repository, dataset_id: str, blobs: tuple[str, str]):
    files = {f"{dataset_id}.csv": blobs[0], f"{dataset_id}.schema.yaml": blobs[1]}
    dataset = read_dataset(dataset_id, GitTree(repository, files), swedish.today(), set(files))
    return None if dataset.has_errors or dataset.schema is None else dataset


def site_revisions(build) -> versions.Revisions:
    """Every published value revised later on main, to mark on the pages (once per build)."""
    if "revisions" not in build._memo:
        found = [r for c in site_changes(build) if c.kind == REVISION for r in c.revisions]
        build._memo["revisions"] = versions.Revisions(found)
    return build._memo["revisions"]


# ---------------------------------------------------------------- the Atom feed


def atom_feed(changes: list[Change], site_url: str, site_name: str, author: str, first_address: str = "") -> bytes:
    """Atom 1.0 (RFC 4287): the newest entries, absolute URLs from `site_url`. Each entry has
    its own commit's time and a summary that says what changed, so a reader of the feed
    learns the news without opening the page. An id never changes (RFC 4287 §4.2.6), also when the site
    moves (adv17i PW7): an edition's is the address it was first published at (utgava.json's `adress`), the
    feed's and every act's and revision's are on the site's first address (`first_address`: `feed_address`);
    only the links point to `site_url`."""
    base = _slash(site_url)
    first = _slash(first_address) if first_address else base
    entries = [
        {
            "id": _edition_id(c, base) if c.kind == EDITION else f"{first}{CHANGES_PAGE}#{c.anchor}",
            "title": xml_text(c.title),
            "href": base + c.url,
            "updated": feed_time(c.date),
            "summary": xml_text(c.summary()),
        }
        for c in changes[:FEED_ENTRIES]
    ]
    newest = max(changes, key=_order, default=None)
    updated = feed_time(newest.date) if newest else "2000-01-01T00:00:00+01:00"  # a fixed date: builds stay byte-identical
    text = html.render(
        "atom.xml", base=base, feed_id=first + CHANGES_PAGE, page=base + CHANGES_PAGE, feed=base + FEED, title=f"Nytt och ändrat – {site_name}",
        author=author, updated=updated, entries=entries,
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def feed_address(archive, site_url: str) -> str:
    """The site's first address, for the ids of the feed, its acts and its revisions: the address of the
    earliest published edition the record holds (a record never loses it, so the ids never change when the site
    moves: `extra.tidigare_adresser`), else `site_url` (no record yet: the site has not moved)."""
    record = getattr(archive, "record", None)
    recorded = [r for r in (record.editions.values() if record is not None else []) if r.address]
    if not recorded:
        return site_url
    return min(recorded, key=lambda r: (_moment(r.published_at or r.published), r.url)).address


def _moment(iso: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(iso)
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def _edition_id(change: Change, base: str) -> str:
    """An edition's entry id: its address where it was first published (recorded), else here (published now)."""
    recorded = getattr(change.edition, "recorded", None)
    return (_slash(recorded.address) if recorded is not None and recorded.address else base) + change.url


def _slash(address: str) -> str:
    return address if address.endswith("/") else address + "/"


def feed_time(iso: str) -> str:
    """A moment as the feed writes it: Swedish time with its offset (`2022-10-20T09:15:00+02:00`), whatever offset
    the commit or the record had (a commit made in UTC, a first record's +01:00), so every entry says it the same
    way (adv17d): RFC 3339, as Atom's date constructs require (RFC 4287 §3.3)."""
    return dt.datetime.fromisoformat(iso).astimezone(swedish.time_zone()).isoformat(timespec="seconds")


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold at all


def xml_text(text: str) -> str:
    """Text a feed can carry: escaping is the template's, but no escape makes a control character well-formed."""
    return NOT_XML.sub("", text)
