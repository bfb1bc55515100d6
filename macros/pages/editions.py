"""Editions: what the record (branch `publicerat`) holds, and every new period on `main`.

What was published is read from the record (macros/data/record.py) and never derived
again; main's history only adds editions the record does not hold yet. The rest of this
note is about finding those new ones.

A report's front matter says what its period is (reports.PeriodRule): the latest
month of a dataset (`manadsserie`), or fixed words (`rapportperiod`). Walking the
first-parent history of docs/ and data/, each commit gives each report a period;
edition P is the report as of the LAST commit at which its period was P. So a
correction made while P is still the latest is part of edition P, and once P+1
is published, edition P never changes again. Commits before a page first
declares its period are not editions (older commits used older schemas).

Why the history and not snapshots: the history is already the record of what
was published and when, staff need no extra step (one row in one commit makes
an edition), and a clone with `fetch-depth: 0` has everything.

This module only finds the editions (cheap: one `git log`, file versions read
once and remembered in `.cache-utgavor/`); edition_pages.py renders and writes them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..data import cache, yamlfile
from ..data.catalog import read_dataset
from ..data.history import GitTree, History, HistoryError, Repository
from ..data.problems import Problem
from ..data.record import Record, RecordedEdition
from ..formats import swedish
from ..render.html import slug
from .reports import PeriodRule, listed_front_matter, nav_pages, page_url, split_page

CACHE = Path(".cache-utgavor")  # below the project root; CI keeps it (actions/cache). Not in .cache/, which Zensical empties
EDITIONS = "utgavor"  # an edition's URL: <report>/utgavor/<period>/


@dataclass(frozen=True)
class Period:
    id: str  # in URLs and for period_text: "2022-08", "tertial-1-2019"
    name: str  # for readers: "augusti 2022", "tertial 1 2019"


def period_of(rule: PeriodRule, latest_month) -> Period:
    """The period a rule gives; `latest_month(dataset_id)` answers for monthly reports."""
    if rule.series:
        month = latest_month(rule.series)
        return Period(month, swedish.month_long(month))
    return Period(slug(rule.fixed), rule.fixed)


@dataclass
class Edition:
    source: str  # the report's Markdown file below docs/: "astorp.md"
    report_url: str  # "astorp/"
    period: Period
    first: int  # number of the commit that first published this period
    last: int  # number of the last commit at which the report had this period: the edition's content
    first_sha: str
    last_sha: str
    published: str  # date of `first` (YYYY-MM-DD)
    latest: bool = False  # the report's newest edition that is not withdrawn
    published_at: str = ""  # ISO 8601 with time: when it was first published
    recorded: RecordedEdition | None = None  # as the record keeps it (None: new in this build)
    current: bool = False  # the report's period on main now

    @property
    def url(self) -> str:
        return self.recorded.url if self.recorded else f"{self.report_url}{EDITIONS}/{self.period.id}/"

    @property
    def published_at_time(self):
        return _moment(self.published_at or self.published)

    added: int = 0  # a recorded edition: the number of the record commit that added it (`Record.addition_order`)
    lost: bool = False  # a recorded edition whose commit main no longer has (a force-push dropped it)

    @property
    def order(self) -> tuple:
        """Where it stands in a report's list: the recorded editions in the order the record added them (its line
        is the order of publication, monotonic by construction), then the editions this build adds, in main's
        first-parent order. No clock and no rewrite of main's history moves a published edition (adv17j PW5: a
        month dropped by a force-push and added again, then one committed with a clock in 2020)."""
        if self.recorded is not None:
            return (0, self.added, self.first, self.period.id)
        return (1, 0, self.first, self.period.id)

    @property
    def place(self) -> tuple:
        """Its place in main's first-parent history (a recorded edition whose commit main lost: that of the same
        period in main, else where the record's date puts it, `_from_record`): whether a published edition is
        after main's current one, i.e. reverted (`after`)."""
        return (self.first, self.published_at_time)


def after(edition: Edition, current: Edition) -> bool:
    """Whether `edition` came after `current`, main's edition now, so that main went back (a revert, a force-push):
    two recorded by different publishings by the record's order, no clock's; else by their place in main."""
    if edition.recorded is not None and current.recorded is not None and edition.added != current.added:
        return edition.added > current.added
    if edition.lost and current.recorded is None:
        return False  # main lost its commit, and this build publishes main's current one after it: main moved on
    return edition.place > current.place


def _moment(iso: str):
    """An ISO date or time as an aware datetime, so times with different offsets compare."""
    moment = dt.datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def write_json(path: Path, value) -> None:
    """A cache file in `.cache-utgavor/`, written atomically with its checksum (data/cache.py)."""
    cache.write_json(path, value)


def read_json(path: Path, default):
    """A cache file as `write_json` wrote it, else `default` (absent, of an older format, or changed since)."""
    return cache.read_json(path, default)


class Archive:
    """Every edition of every report in the nav, from the history of `main`.

    `available` is False for a project that is not a git repository (a downloaded
    copy): it builds, without editions. A shallow clone stops with the fix."""

    def __init__(self, root: Path, nav: list, docs_dir: Path, addresses: tuple[str, ...] = ()):
        self.root = Path(root)
        self.addresses = tuple(addresses)  # the site's site_url and earlier addresses (a full address in rattelser.yaml)
        self.docs = Path(docs_dir).resolve().relative_to(self.root.resolve()).as_posix()
        self.pages = [source for _title, source in nav_pages(nav)]
        self.docs_dir = Path(docs_dir)
        self._nav_titles = {page_url(source): title for title, source in nav_pages(nav)}
        self.rules_now: dict[str, PeriodRule | None] = {}  # each report's period rule at the newest commit
        self.cache_dir = self.root / CACHE
        self._titles_of_gone: dict[str, str] = {}  # reports no longer in the nav: their recorded title
        self.correction_problems: list[Problem] = []  # errors in rattelser.yaml: they stop the build
        self.record_errors: list[Problem] = []  # recorded editions the publishing did not make: they stop it too
        self.available = Repository.is_repository(self.root)
        self.repository: Repository | None = None
        self.history = History([])
        self._editions: dict[str, list[Edition]] = {}
        self._families: dict[str, str] = {}  # a report's old address → the report page it continues as (family)
        self.record = Record(None)
        self.problems: list[Problem] = []  # notices for the build's log (Swedish, with codes)
        self.notices: list = []  # withdrawals and corrections (record.RecordNotice), newest first
        self.first_record = False  # this build starts the record (--first-record: `first_record_now`)
        self.moment: dt.datetime | None = None  # a publishing build's moment (`publish_now`): its editions' and record commit's
        if self.available:
            self.repository = Repository(self.root)
            self.repository.require_full_history()
            self.history = History(self.repository.first_parent_log([self.docs, "data"]))
            self._walk()
            self.record = Record(self.repository, self.cache_dir)
            self._merge_record()

    # ------------------------------------------------------------ questions

    def editions(self, report_url: str) -> list[Edition]:
        """A report's editions, oldest first."""
        return self._editions.get(report_url, [])

    def all_editions(self) -> list[Edition]:
        return [e for editions in self._editions.values() for e in editions]

    def edition(self, url: str) -> Edition | None:
        return self.by_url().get(url)

    def report_urls(self) -> list[str]:
        """Every report's URL: the nav's report pages and reports with recorded editions that left the nav."""
        return list(self._editions)

    def by_url(self) -> dict[str, Edition]:
        return {e.url: e for e in self.all_editions()}

    def skip(self, edition: Edition, reason: str) -> None:
        """A new edition that cannot be rendered (a broken version later fixed): left out, and said."""
        from .record import SKIPPED

        editions = self._editions.get(edition.report_url, [])
        if edition in editions:
            editions.remove(edition)
            self._mark_latest(self.family(edition.report_url))
        commit = self.history.commits[edition.last] if self.history.commits else None
        self.problems.append(SKIPPED.problem(
            self.page_path(edition.source), 1, 1, "notice", report=edition.report_url, period=edition.period.name,
            commit=commit.sha[:10] if commit else "?", date=swedish.day(commit.date).isoformat() if commit else "?", reason=reason.rstrip("."),
        ))

    def first_record_now(self, moment: dt.datetime | None = None, live: dict[str, str] | None = None) -> None:
        """A site's first record (--first-record) publishes its editions now: each says it was first
        published the day it is recorded, not on the date of the commit it was made from (adv17b F4),
        since nothing was published as an edition before the record. Its commit stays `incheckning`."""
        self.first_record = True
        self.publish_now(moment, live)

    def publish_now(self, moment: dt.datetime | None = None, live: dict[str, str] | None = None) -> None:
        """A publishing build (--record) dates the editions it publishes with its own moment, when they go online:
        not with their commit's time, which is when someone committed on a laptop (a commit made on 20 November
        and pushed on 8 December, or a clock a day ahead: adv17i PW1, PW2). The record commit gets the same
        moment (`moment`, data/record.append), which is what the record's check holds the date to. A preview
        keeps the commit's time: it builds the same pages each time, and it publishes nothing."""
        self.moment = moment or publication_moment()
        for edition in self.all_editions():
            if edition.recorded is None:
                shown = _live_moment((live or {}).get(edition.url), self.moment)
                # One the live site lists already (`live`: site path → <published>) is recorded again: its moment
                # is the one readers saw (adv17j PW2), never a later one.
                edition.published = (shown or self.moment).date().isoformat()
                edition.published_at = (shown or self.moment).isoformat(timespec="seconds")

    def latest(self, report_url: str) -> Edition | None:
        return next((e for e in self.editions(report_url) if e.latest), None)

    def family(self, report_url: str) -> list[Edition]:
        """A report's editions together with those published at addresses it had before (a renamed
        page continues its report: astorp/ → astorp-bistand/), oldest first. Each keeps its own
        address; the list, the banners' "newer edition" and "senaste" are the continued report's."""
        key = self._families.get(report_url, report_url)
        members = [url for url, family in self._families.items() if family == key]
        if not members:  # the common case: one address, its editions sorted already (`_merge_record`)
            return list(self._editions.get(report_url, []))
        editions = [e for url in dict.fromkeys([key, *members]) for e in self._editions.get(url, [])]
        return sorted(editions, key=lambda e: e.order)

    def newest(self, report_url: str) -> Edition | None:
        """The continued report's newest edition that is not withdrawn."""
        return next((e for e in self.family(report_url) if e.latest), None)

    @property
    def epoch(self) -> int | None:
        """The commit that first published an edition: history before it is not compared."""
        firsts = [e.first for e in self.all_editions()]
        return min(firsts) if firsts else None

    @property
    def titles(self) -> dict[str, str]:
        """Report URL → the report's title (its front matter's, else the nav's), for lists and the feed."""
        if not hasattr(self, "_titles"):
            self._titles = {}
            for source in self.pages:
                path = self.docs_dir / source
                meta = listed_front_matter(path) if path.exists() else {}
                self._titles[page_url(source)] = str(meta.get("title") or self._nav_titles.get(page_url(source)) or source)
            self._titles = {**self._titles_of_gone, **self._titles}
        return self._titles

    def series_reports(self) -> dict[str, str]:
        """Dataset id → the URL of the monthly report that follows it (`manadsserie`)."""
        return {rule.series: page_url(source) for source, rule in self.rules_now.items() if rule and rule.series}

    def page_path(self, source: str) -> str:
        return f"{self.docs}/{source}"

    # ------------------------------------------------------------ the walk

    def _walk(self) -> None:
        commits = self.history.commits
        rules: dict[str, PeriodRule | None] = {}
        periods: dict[str, Period | None] = {}
        runs: dict[str, list[tuple[Period | None, int]]] = {s: [] for s in self.pages}
        dependents: dict[str, set[str]] = {}  # file → reports whose period it can change
        for source in self.pages:
            dependents.setdefault(self.page_path(source), set()).add(source)
        self._known_periods = read_json(self.cache_dir / "perioder.json", {})
        known_before = len(self._known_periods)
        self._rules: dict[str, PeriodRule | None] = {}
        for index, commit in enumerate(commits):
            affected = set()
            for path, _blob in commit.changed:
                affected |= dependents.get(path, set())
            for source in sorted(affected):
                rule = self.period_rule(self.history.blob_at(self.page_path(source), index))
                if rule != rules.get(source):
                    for path in _series_files(rules.get(source)):
                        dependents.get(path, set()).discard(source)
                    for path in _series_files(rule):
                        dependents.setdefault(path, set()).add(source)
                    rules[source] = rule
                period = self.period_at(rule, index)
                if period != periods.get(source):
                    periods[source] = period
                    runs[source].append((period, index))
        self.rules_now = {source: rules.get(source) for source in self.pages}
        if len(self._known_periods) != known_before:
            write_json(self.cache_dir / "perioder.json", self._known_periods)
        for source, source_runs in runs.items():
            self._editions[page_url(source)] = self._from_runs(source, source_runs, len(commits))

    def _from_runs(self, source: str, runs: list[tuple[Period | None, int]], count: int) -> list[Edition]:
        commits = self.history.commits
        found: dict[str, Edition] = {}
        undone = _undone(runs)
        for number, (period, start) in enumerate(runs):
            end = runs[number + 1][1] - 1 if number + 1 < len(runs) else count - 1
            if period is None or number in undone:
                continue
            edition = found.get(period.id)
            if edition is None:
                found[period.id] = Edition(
                    source, page_url(source), period, start, end, commits[start].sha, commits[end].sha,
                    swedish.day(commits[start].date).isoformat(),  # the Swedish day: at 23:30 UTC it is the next
                )
            else:
                edition.last, edition.last_sha = end, commits[end].sha
        if runs and runs[-1][0] is not None:
            found[runs[-1][0].id].latest = found[runs[-1][0].id].current = True
        for edition in found.values():
            edition.published_at = commits[edition.first].date
        return sorted(found.values(), key=lambda e: e.first)

    # ------------------------------------------------------------ the record

    def _merge_record(self) -> None:
        """The record's editions as published, then main's new ones; one edition per period and report."""
        from .record import (NO_PERIOD, PERIOD_GONE, REPORT_GONE, REPORT_RETURNED, REVERTED, SAME_PERIOD, forged_beyond,
                             living_url, read_notices, returned, unproven)

        self.problems += self.record.problems
        by_report: dict[str, list[RecordedEdition]] = {}
        for recorded in self.record.editions.values():
            by_report.setdefault(recorded.report_url, []).append(recorded)
        in_nav = {page_url(source) for source in self.pages}
        merged: dict[str, list[Edition]] = {}
        moved = {old: living_url(self, old) for old in by_report if old not in in_nav}  # a renamed page continues its report
        carried: dict[str, str] = {}  # a report → its current period's edition, published at its old address
        for report_url in sorted(set(self._editions) | set(by_report)):
            recorded = [self._from_record(r) for r in by_report.get(report_url, [])]
            urls = {e.url: e for e in recorded}
            names = {e.period.name: e for e in recorded}
            earlier = {r.period_name: r.url for old, new in moved.items() if new == report_url for r in by_report[old]}
            editions = list(recorded)
            for edition in self._editions.get(report_url, []):
                # `or`: one period may come from two runs of history (a declaration rewritten, then
                # reverted); the recorded edition is current if either is (adv17c).
                if edition.url in urls:
                    urls[edition.url].current = urls[edition.url].current or edition.current
                elif edition.period.name in names:
                    names[edition.period.name].current = names[edition.period.name].current or edition.current
                    if edition.current:  # what the page says now; a declaration reverted before it was ever published is past
                        self.problems.append(SAME_PERIOD.problem(
                            self.page_path(edition.source), 1, 1, "notice", report=report_url, period=edition.period.name,
                            url=names[edition.period.name].url, other=edition.url,
                        ))
                elif edition.period.name in earlier:  # published at the page's old address: not again at the new one
                    if edition.current:  # that edition is the report's current one (a rename undone: adv17f 9)
                        carried[report_url] = earlier[edition.period.name]
                    self.problems.append(SAME_PERIOD.problem(
                        self.page_path(edition.source), 1, 1, "notice", report=report_url, period=edition.period.name,
                        url=earlier[edition.period.name], other=edition.url,
                    ))
                else:
                    editions.append(edition)
            editions.sort(key=lambda e: e.order)
            merged[report_url] = editions
            if report_url not in in_nav and recorded:
                kept = ("dess publicerade utgåva ligger kvar på sin adress" if len(recorded) == 1
                        else f"dess {len(recorded)} publicerade utgåvor ligger kvar på sina adresser")
                if returned(self, report_url):  # no page was renamed: a rename was undone (adv17g 9)
                    self.problems.append(REPORT_RETURNED.problem(
                        "mkdocs.yml", 1, 1, "notice", report=report_url, url=recorded[0].url, more=" …" if len(recorded) > 1 else "",
                        living=moved[report_url], editions=kept[0].upper() + kept[1:], them="den" if len(recorded) == 1 else "dem",
                    ))
                else:
                    self.problems.append(REPORT_GONE.problem(
                        "mkdocs.yml", 1, 1, "notice", report=report_url, url=recorded[0].url, more=" …" if len(recorded) > 1 else "",
                        editions=kept,
                    ))
                self._titles_of_gone[report_url] = recorded[-1].recorded.title
        self._editions = merged
        self.notices, problems = read_notices(
            self.root, self.by_url(), self.titles, set(merged) | {page_url(s) for s in self.pages}, self.record.notices,
            addresses=self.addresses,
        )
        self.correction_problems = [p for p in problems if p.severity == "error"]
        self.problems += [p for p in problems if p.severity != "error"]  # a published act kept after a revert
        self.record_errors = unproven(self)  # editions pushed to the record by hand: they stop the build
        self.record.vouch = lambda commit: forged_beyond(self, commit)  # a tag's commit the record lacks (adv17f 60, 90, 125)
        withdrawn = {n.edition_url for n in self.notices if n.kind == "indragning"}
        self._families = {old: new for old, new in moved.items() if new}
        for report_url in merged:
            if report_url not in self._families:
                self._mark_latest(self.family(report_url), withdrawn)  # a renamed report's as one
        every = {e.url: e for editions in merged.values() for e in editions}
        sources = {page_url(source): source for source in self.pages}
        for report_url, editions in merged.items():
            if report_url not in in_nav and report_url in moved and moved[report_url] in merged and returned(self, report_url):
                # A rename undone by a force-push (adv17g 9): a month published at the renamed address after the
                # report's current one is no longer in main, as a reverted month is.
                living = moved[report_url]
                current = next((e for e in merged[living] if e.current), None) or every.get(carried.get(living, ""))
                for edition in editions:
                    if (edition.recorded and not edition.current and edition.url not in withdrawn and current is not None
                            and edition is not current and after(edition, current)):
                        self.problems.append(REVERTED.problem(
                            self.page_path(sources.get(living, edition.recorded.source)), 1, 1, "notice",
                            period=edition.period.name, report=report_url, url=edition.url,
                        ))
                continue
            current = next((e for e in editions if e.current), None) or every.get(carried.get(report_url, ""))
            if current is None and report_url in sources and self.rules_now.get(sources[report_url]) is None:
                # The page says no period now: no new editions until it does; that, not a revert, is what to say
                # about its published ones (adv17f 94).
                recorded = [e for e in editions if e.recorded]
                if recorded:
                    self.problems.append(NO_PERIOD.problem(
                        self.page_path(sources[report_url]), 1, 1, "notice", report=report_url, url=recorded[-1].url,
                        kept="1 utgåva" if len(recorded) == 1 else f"{len(recorded)} utgåvor",
                    ))
                continue
            for edition in editions:
                if not edition.recorded or edition.current or edition.url in withdrawn or report_url not in in_nav:
                    continue
                if current is None or after(edition, current):
                    self.problems.append(REVERTED.problem(
                        self.page_path(edition.recorded.source), 1, 1, "notice",
                        period=edition.period.name, report=report_url, url=edition.url,
                    ))
                elif _MONTH.fullmatch(edition.period.id) and _MONTH.fullmatch(current.period.id) and later(edition, current):
                    # A later month than the data's latest, published before it: a typo fixed (2023-10 → 2022-10).
                    self.problems.append(PERIOD_GONE.problem(
                        self.page_path(edition.recorded.source), 1, 1, "warning", period=edition.period.name,
                        report=report_url, url=edition.url, current=current.period.name, current_url=current.url,
                    ))
        self._withdrawn = withdrawn

    def is_withdrawn(self, edition: Edition) -> bool:
        """Withdrawn by staff in rattelser.yaml (it stays at its address, with the notice)."""
        return edition.url in getattr(self, "_withdrawn", set())

    def _mark_latest(self, editions: list[Edition], withdrawn: set[str] | None = None) -> None:
        withdrawn = getattr(self, "_withdrawn", set()) if withdrawn is None else withdrawn
        standing = [e for e in editions if e.url not in withdrawn]
        for edition in editions:
            edition.latest = bool(standing) and edition is standing[-1]

    def _from_record(self, recorded: RecordedEdition) -> Edition:
        """A recorded edition, placed in today's history by its commit (or its date, if main lost the commit)."""
        commits = self.history.commits
        index = self.commit_index().get(recorded.commit)
        lost = index is None
        if index is None:  # the same period in main now (a month dropped by a force-push and added again: adv17j PW5)
            index = next((e.first for e in self._editions.get(recorded.report_url, []) if e.url == recorded.url), None)
        if index is None:
            when = _moment(recorded.published_at)
            index = max((i for i, c in enumerate(commits) if _moment(c.date) <= when), default=0)
        return Edition(
            recorded.source, recorded.report_url, Period(recorded.period_id, recorded.period_name), index, index,
            recorded.commit, recorded.commit, recorded.published, published_at=recorded.published_at, recorded=recorded,
            added=self.record.addition_order().get(recorded.url, 0), lost=lost,
        )

    def commit_index(self) -> dict[str, int]:
        """Each commit of main's first-parent history (docs/ and data/) by id → its number in `history`."""
        if not hasattr(self, "_indexes"):
            self._indexes = {c.sha: i for i, c in enumerate(self.history.commits)}
        return self._indexes

    def period_rule(self, blob: str | None) -> PeriodRule | None:
        """The period rule in a version of a page (None: no rule, or a page that did not build)."""
        if blob is None:
            return None
        if blob not in self._rules:
            try:
                meta, _body = split_page(self.repository.read_blob(blob).decode("utf-8"))
                self._rules[blob] = PeriodRule.of(meta)
            except (ValueError, yamlfile.YamlError, UnicodeDecodeError):
                self._rules[blob] = None
        return self._rules[blob]

    def period_at(self, rule: PeriodRule | None, index: int) -> Period | None:
        """The period `rule` gives at commit number `index` (None: no rule, or its dataset has no month then)."""
        if rule is None:
            return None
        if rule.fixed:
            return period_of(rule, None)
        csv_blob = self.history.blob_at(f"data/{rule.series}.csv", index)
        schema_blob = self.history.blob_at(f"data/{rule.series}.schema.yaml", index)
        if csv_blob is None or schema_blob is None:
            return None
        key = f"{READER_VERSION}:{csv_blob}:{schema_blob}"
        if key not in self._known_periods:
            self._known_periods[key] = self.latest_month(csv_blob, schema_blob, rule.series)
        month = self._known_periods[key]
        return Period(month, swedish.month_long(month)) if month else None

    def latest_month(self, csv_blob: str, schema_blob: str, dataset_id: str = "dataset") -> str | None:
        """The last month of one version of a monthly dataset, read and checked as the build reads
        data/ (catalog.read_dataset over the files of that commit): the month its page showed
        then (`Dataset.latest_period`). A version the checks refused (its build published
        nothing) gives the last month the reader could read in it, so the edition it would make is
        tried, and skipped with a notice if it cannot be rendered (`utgava-hoppas-over`); a month
        the calendar lacks (`2022-13`) is no month. Remembered by the two files' versions in
        `.cache-utgavor/perioder.json`: each version is read once, ever."""
        files = {f"{dataset_id}.csv": csv_blob, f"{dataset_id}.schema.yaml": schema_blob}
        dataset = read_dataset(dataset_id, GitTree(self.repository, files), swedish.today(), set(files))
        if dataset.schema is None or not dataset.period_field or dataset.frame.empty:
            return None
        if not dataset.has_errors:
            return dataset.latest_period
        months = dataset.frame[dataset.period_field].dropna()
        return str(months.iloc[-1]) if len(months) else None


READER_VERSION = "3"  # how a version's latest month is read (2: catalog.read_dataset); part of the cached periods' keys


def _undone(runs: list[tuple[Period | None, int]]) -> set[int]:
    """The runs (by number) after which the page went back to a period it had before them (a revert or reset, of a
    month or of a `rapportperiod`): no edition of history. One a build published while it was main's is in the
    record, and stays; one reverted before any build published it was never published, so it is not now (it was:
    a `rapportperiod: "november 2022"` reverted before publishing was published later, and then stood in the way
    of the real month)."""
    periods = [period.id if period is not None else None for period, _start in runs]
    first: dict[str, int] = {}
    for number, period in enumerate(periods):
        if period is not None:
            first.setdefault(period, number)
    undone, back_to = set(), len(runs)  # the earliest first run of any period after this one
    for number in range(len(runs) - 1, -1, -1):
        if periods[number] is not None:
            if back_to < number:
                undone.add(number)
            back_to = min(back_to, first[periods[number]])
    return undone


def publication_moment() -> dt.datetime:
    """Now, in Swedish time (the publishing workflow runs in UTC: a record made at 00:30 Swedish time is
    that day's); SOURCE_DATE_EPOCH, the reproducible-builds convention, names another moment."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return swedish.now()
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).astimezone(swedish.time_zone())  # as the record's notices and the feed


def _live_moment(iso: str | None, moment: dt.datetime) -> dt.datetime | None:
    """The live feed's <published> for an edition, in Swedish time, if it is a moment no later than `moment`."""
    try:
        shown = dt.datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None
    if shown is None or shown.tzinfo is None:
        return None
    shown = shown.astimezone(swedish.time_zone())
    return shown if shown <= moment else None


def later(edition: Edition, other: Edition) -> bool:
    """Whether `edition` is of a later period than `other`: by month for monthly reports, else
    (fixed periods: "tertial 1 2019", "2022") by which was published first (`Edition.order`)."""
    if _MONTH.fullmatch(edition.period.id) and _MONTH.fullmatch(other.period.id):
        return edition.period.id > other.period.id
    return edition.order > other.order


_MONTH = re.compile(r"\d{4}-\d{2}")


def _series_files(rule: PeriodRule | None) -> list[str]:
    return [f"data/{rule.series}.csv", f"data/{rule.series}.schema.yaml"] if rule and rule.series else []


def open_archive(root: Path, nav: list, docs_dir: Path, addresses: tuple[str, ...] = ()) -> Archive:
    """The archive, or a Swedish HistoryError that says how to get the history."""
    try:
        return Archive(root, nav, docs_dir, addresses)
    except HistoryError:
        raise
    except OSError as exc:  # git missing
        raise HistoryError(f"Git-historiken kan inte läsas ({exc}). Installera git och bygg igen.") from exc
