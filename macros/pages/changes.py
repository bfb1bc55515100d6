"""What is new: each new edition of a report, and each figure revised after it was published.

Revisions are found by comparing consecutive versions of each dataset on `main`
(from the first published edition on): a value that differs between two versions,
for the same month (or row) and column, is listed as old → new with the date of
the commit. The comparison of two versions is remembered in `.cache-utgavor/`
by their file versions, so the history is read once, not on every build.

Shown on the "Nytt och ändrat" page (the `changes_list` macro) and as an Atom feed.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from ..data.catalog import read_dataset
from ..data.history import GitTree
from ..data.schema import NOTE_FIELDS, ROW_UNIT
from ..formats import swedish
from ..models.sentences import value_text
from ..render import html
from .editions import read_json, write_json

CHANGES_PAGE = "nytt-och-andrat/"  # docs/nytt-och-andrat.md
FEED = "nytt-och-andrat.xml"  # the Atom feed, at the site's root
FEED_ENTRIES = 50


@dataclass
class Revision:
    field_title: str
    key_label: str  # "juli 2022", or the row's name
    old: str
    new: str

    def line(self) -> str:
        return f"{self.field_title}, {self.key_label}: {self.old} → {self.new}"


@dataclass
class Change:
    kind: str  # "edition" or "revision"
    index: int  # the commit's number in the history: orders the list
    date: str  # ISO 8601 with time and offset
    title: str
    url: str  # a path in the site: the edition, or the report (or dataset) that shows the revised figures
    anchor: str  # its id on the "Nytt och ändrat" page
    revisions: list[Revision] = field(default_factory=list)
    reason: str = ""  # a withdrawal's or correction's (kind "indragning" or "rattelse"), from rattelser.yaml

    def shown(self, link) -> dict:
        """For the page's template, with links relative to the page (`link`)."""
        return {
            "kind": self.kind,
            "anchor": self.anchor,
            "title": self.title,
            "href": link(self.url),
            "date": swedish.date_long(self.date[:10]),
            "iso": self.date[:10],
            "lines": [f"Anledning: {self.reason}"] if self.reason else [r.line() for r in self.revisions],
        }


def site_changes(build) -> list[Change]:
    """Every new edition and every revised figure, newest first (once per build)."""
    if "changes" not in build._memo:
        archive = build.archive()
        started = time.perf_counter()
        build._memo["changes"] = [] if archive is None or archive.epoch is None else _changes(build, archive)
        build.seconds["ändringar"] = time.perf_counter() - started
    return build._memo["changes"]


def _changes(build, archive) -> list[Change]:
    commits = archive.history.commits
    titles = archive.titles
    found = [
        Change(
            "edition", e.first, e.published_at or commits[e.first].date, f"{titles.get(e.report_url, e.report_url)}: {e.period.name}",
            e.url, f"utgava-{html.slug(e.report_url)}-{e.period.id}",
        )
        for e in archive.all_editions()
    ]
    for notice in archive.notices:  # withdrawals and corrections (pages/record.py), placed by their date
        index = max((i for i, c in enumerate(commits) if c.date[:10] <= notice.date), default=0)
        found.append(Change(notice.kind, index, f"{notice.date}T00:00:00+00:00", notice.title, notice.edition_url, notice.anchor, reason=notice.reason))
    series_reports = archive.series_reports()
    cache_path = archive.cache_dir / "andringar.json"
    known = read_json(cache_path, {})
    size = len(known)
    for dataset_id in build.catalog.published_ids():  # not the author guide's made-up examples
        url = series_reports.get(dataset_id) or f"data/#{html.slug(dataset_id)}"
        found += _revisions(archive, dataset_id, url, known)
    if len(known) != size:
        write_json(cache_path, known)
    return sorted(found, key=lambda c: (c.index, c.kind == "edition", c.title), reverse=True)


def _revisions(archive, dataset_id: str, url: str, known: dict) -> list[Change]:
    history, epoch = archive.history, archive.epoch
    csv_path, schema_path = f"data/{dataset_id}.csv", f"data/{dataset_id}.schema.yaml"
    points = sorted({i for i in history.changes_of(csv_path) + history.changes_of(schema_path) if i > epoch})
    before = (history.blob_at(csv_path, epoch), history.blob_at(schema_path, epoch))
    found = []
    for index in points:
        after = (history.blob_at(csv_path, index), history.blob_at(schema_path, index))
        if None not in before and None not in after and after != before:
            key = f"{before[0]}:{before[1]}>{after[0]}:{after[1]}"
            if key not in known:
                known[key] = _compare(archive.repository, dataset_id, before, after)
            if known[key]:
                commit = history.commits[index]
                title = known[key][0][0]
                found.append(Change(
                    "revision", index, commit.date, f"Ändrade uppgifter: {title}", url,
                    f"andring-{commit.sha[:10]}-{html.slug(dataset_id)}",
                    [Revision(*row) for _title, *row in known[key]],
                ))
        before = after
    return found


def _compare(repository, dataset_id: str, before: tuple[str, str], after: tuple[str, str]) -> list[list[str]]:
    """The values that differ between two versions of a dataset: [dataset title, field title,
    row, old, new] per value. Rows only in the newer version are new periods, not revisions."""
    old, new = (_read(repository, dataset_id, blobs) for blobs in (before, after))
    if old is None or new is None:
        return []
    key = new.period_field or new.key_field
    if key not in old.frame or key not in new.frame:
        return []
    hidden = {key, ROW_UNIT, *NOTE_FIELDS, *new.schema.check_only}
    names = [f.name for f in new.schema.columns if f.name not in hidden and f.name in old.frame]
    old_rows = {str(k): i for i, k in enumerate(old.frame[key])}
    found = []
    for position, row_key in enumerate(str(k) for k in new.frame[key]):
        if row_key not in old_rows:
            continue
        for name in names:
            was, now = old.frame[name].iloc[old_rows[row_key]], new.frame[name].iloc[position]
            if _same(was, now):
                continue
            label = swedish.month_long(row_key) if new.period_field else row_key
            found.append([
                new.title, new.field(name).title, label, value_text(old, name, was), value_text(new, name, now),
            ])
    return found


def _same(a, b) -> bool:
    if swedish.is_missing(a) or swedish.is_missing(b):
        return swedish.is_missing(a) and swedish.is_missing(b)
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def _read(repository, dataset_id: str, blobs: tuple[str, str]):
    files = {f"{dataset_id}.csv": blobs[0], f"{dataset_id}.schema.yaml": blobs[1]}
    dataset = read_dataset(dataset_id, GitTree(repository, files), dt.date.today(), set(files))
    return None if dataset.has_errors or dataset.schema is None else dataset


# ---------------------------------------------------------------- the Atom feed


def atom_feed(changes: list[Change], site_url: str, site_name: str, author: str) -> bytes:
    """Atom 1.0 (RFC 4287): the newest entries, absolute URLs from `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    entries = [
        {
            "id": base + c.url if c.kind == "edition" else f"{base}{CHANGES_PAGE}#{c.anchor}",  # a notice: its own id
            "title": c.title,
            "href": base + c.url,
            "updated": c.date,
            "summary": (
                "Ny utgåva publicerad." if c.kind == "edition"
                else f"Anledning: {c.reason}" if c.reason else "; ".join(r.line() for r in c.revisions)
            ),
        }
        for c in changes[:FEED_ENTRIES]
    ]
    newest = max(changes, key=lambda c: dt.datetime.fromisoformat(c.date), default=None)
    updated = newest.date if newest else "2000-01-01T00:00:00+00:00"  # a fixed date: builds stay byte-identical
    text = html.render(
        "atom.xml", base=base, page=base + CHANGES_PAGE, feed=base + FEED, title=f"Nytt och ändrat – {site_name}",
        author=author, updated=updated, entries=entries,
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")
