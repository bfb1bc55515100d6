"""The record of what was published: the git branch `publicerat`, which only grows.

Why a branch of its own and not main's history: main's history can be rewritten (a
revert, a force-push, a merge from a stale branch, a rebase, a renamed page), and an
edition derived again from it would change or vanish. What the publish workflow has
published is written, once, into `publicerat`: each edition's rendered article, its
chart CSVs, its PDF and a small `utgava.json` (period, title, publication date, commit).
The build reads the record first and takes from main's history only editions the
record does not hold yet; nothing in the record is rendered again or checked again.

Layout of the branch (one folder per edition, at the edition's address in the site):

    <report>/utgavor/<period>/utgava.json
    <report>/utgavor/<period>/artikel.html
    <report>/utgavor/<period>/<chart CSVs, the PDF>

The branch is written with git's plumbing (a private index, `commit-tree`, `update-ref`
with the old value), never through a work tree, and only by adding files: `append`
refuses to replace a path, and `Record.load` refuses a branch whose history changed or
removed a file. Only the publish workflow pushes it (fast-forward, never forced).

Each record commit's second parent is the commit on main that was built: the commit an
edition names (`incheckning`) stays reachable from the record after a force-push drops it
from main, so every build can check that a recorded edition is the period its report had
in that commit (pages/record.py: a forged edition pushed to the branch is refused).
Each record commit is also tagged, `publicerat-<n>` (the n-th commit the publishing added), and
the tag travels with the branch in one atomic push: the tags are a witness on GitHub that does
not move with the branch. A tag whose commit is not in the record's line means the record was set
back, deleted or rewritten; the build refuses and names the tag to restore it from, with or
without a cache (GitHub evicts Actions caches after 7 days). The build also remembers the record
it last read or added (`arkiv-sett.txt` in the cache, kept by CI, checked as every cache file): a commit
it added on GitHub's present record whose tag never reached GitHub was not pushed (the record job failed),
which is said and added again, provided this build publishes every edition it held again; a record seen on
GitHub and gone is refused, also for a record from before the tags.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import swedish
from . import cache
from .history import HistoryError, Repository
from .messages import Message
from .problems import Problem

BRANCH = "publicerat"
LOCAL_REF = f"refs/heads/{BRANCH}"
REMOTE_REF = f"refs/remotes/origin/{BRANCH}"
META = "utgava.json"
ARTICLE = "artikel.html"
NOTICES = "rattelser/"  # published withdrawals and corrections: rattelser/<anchor>.json (pages/record.py)
REVISIONS = "andringar/"  # published revisions of figures, as "Nytt och ändrat" listed them: andringar/<anchor>.json (pages/changes.py)
SEEN = "arkiv-sett.txt"  # in the cache: the record's commit this build's site last read or added on GitHub
TAG = f"{BRANCH}-"  # each record commit's tag, the witness on GitHub that does not move with the branch: publicerat-<n>
PROVEN = "arkiv-provat.txt"  # in the cache: "<commit> <number> <built commit>" per record commit a publishing build judged
OPENED = "arkiv-oppnat.json"  # in the cache: the record as the last build opened it, by its commit (`_opened_before`)
OPENED_VERSION = 2  # -2: the record's revisions (andringar/) too; what `_remember_opened` keeps and how: a new version is read anew
EDITIONS_PROVEN = "arkiv-utgavor-provade.txt"  # in the cache: the key of the record whose every edition was proven
OWN = "egen"  # in arkiv-sett.txt after the commit and its tag: added by this build, not yet seen on GitHub
HERE = BRANCH  # where a message about the local branch points staff
ON_GITHUB = f"origin/{BRANCH}"  # where a message about GitHub's record points staff


class RecordError(HistoryError):
    """The record cannot be used as it is: a Swedish message and where staff look (`where`)."""

    def __init__(self, message: str, where: str = ON_GITHUB):
        super().__init__(message)
        self.where = where

    def problem(self) -> Problem:
        return Problem(self.where, 0, 0, str(self))

RECORD_REWRITTEN = Message(
    "arkivet-omskrivet",
    "Grenen {branch} (arkivet över publicerade utgåvor) har ändrats eller fått filer borttagna i "
    "incheckningen {commit}: {paths}. Arkivet får bara växa. Återställ grenen {restore}, och skydda grenen och "
    "taggarna {branch}-* mot force-push och borttagning (README).",
    "Arkivgrenen publicerat får bara få nya filer. Någon har ändrat eller tagit bort en publicerad fil där (till "
    "exempel git push --force origin main:publicerat). Grenen återställs från den senaste taggen publicerat-<n> "
    "(eller en klon som har grenen som den var) och skyddas mot force-push.",
)
RECORD_DIVERGED = Message(
    "arkivet-isargatt",
    "Den lokala grenen {branch} och origin/{branch} har gått isär; bygget läser origin/{branch}, som är "
    "det som är publicerat. Ta bort den lokala grenen med git branch -D {branch} om du inte behöver den "
    "(bygget med --record lägger inte till något förrän du har gjort det).",
    "En lokal kopia av arkivgrenen har fått egna incheckningar. Bygget använder GitHubs version och vägrar "
    "att lägga till utgåvor (--record) tills den lokala grenen är borttagen.",
)
RECORD_MISSING = Message(
    "arkivet-saknas",
    "Grenen {branch} (arkivet över publicerade utgåvor) finns inte, varken här eller på GitHub "
    "(origin/{branch}), så bygget vet inte vad som redan är publicerat. Har webbplatsen publicerats förut "
    "har grenen tagits bort: återställ den från en klon eller säkerhetskopia som har den (git push origin "
    "origin/{branch}:refs/heads/{branch}) och publicera igen. Är det webbplatsens första publicering: kör "
    "Actions ▸ Publicera ▸ Run workflow med Första publiceringen ikryssad (på en dator: scripts/build.py "
    "--record --first-record).",
    "Arkivgrenen publicerat saknas. Bygget gör inget nytt arkiv ur historiken av sig självt: återställ "
    "grenen om den har tagits bort, eller starta webbplatsens första publicering uttryckligen.",
)
RECORD_DELETED_SEEN = Message(
    "arkivet-borttaget",
    "Grenen {branch} (arkivet över publicerade utgåvor) och taggarna {branch}-* finns inte på GitHub, men ett tidigare "
    "bygge {how} arkivets incheckning {commit} (.cache-utgavor/{seen}): arkivet har funnits och har tagits bort. "
    "Bygget gör inte om det ur historiken, inte heller med --first-record (Första publiceringen): utgåvorna skulle få "
    "nya datum, och publicerade utgåvor, indragningar och rättelser skulle kunna försvinna. Återställ grenen och "
    "taggarna från en klon eller säkerhetskopia som har incheckningen {commit} (där svarar git cat-file -t {commit} "
    "commit): git push origin {commit}:refs/heads/{branch} och git push origin 'refs/tags/{branch}-*:refs/tags/{branch}-*'"
    ", och publicera igen. Skydda sedan grenen och taggarna {branch}-* mot borttagning (README).",
    "Arkivgrenen publicerat och dess taggar saknas på GitHub, men byggets cache (.cache-utgavor/arkiv-sett.txt) visar "
    "att ett arkiv fanns. Bygget gör aldrig om publicerade utgåvor ur historiken, inte heller som en första "
    "publicering: återställ grenen och taggarna från en klon eller säkerhetskopia som har incheckningen.",
)
RECORD_NOT_FETCHED = Message(
    "arkivet-inte-hamtat",
    "Den här klonen hämtar inte grenen {branch} från GitHub (den klonades med --single-branch eller hämtar bara "
    "vissa grenar, se git config remote.origin.fetch), så bygget vet inte vad som är publicerat: utgåvorna den visar "
    "är gjorda ur historiken här, med andra datum och PDF:er, och är inte de publicerade. Hämta arkivet och bygg igen: "
    "git remote set-branches --add origin {branch} och git fetch --tags origin. Till dess prövas rattelser.yaml inte "
    "mot de publicerade utgåvorna (en riktig post kan nämna en utgåva som bara arkivet har).",
    "En klon utan arkivgrenen publicerat visar utgåvor gjorda ur historiken, inte de publicerade. Ett vanligt bygge "
    "säger det; ett bygge som ska publiceras (--record, --publish) vägrar tills arkivet är hämtat.",
)
RECORD_BEHIND = Message(
    "arkivet-efter-github",
    "Arkivet som bygget läser här ({used}) är äldre än grenen {branch} på GitHub (incheckningen {github}): det som "
    "har publicerats sedan dess saknas i {built}, så den kan visa utgåvor på andra adresser och med andra "
    "datum än webbplatsen, och godta poster i rattelser.yaml som publiceringen vägrar. Hämta arkivet och bygg igen: "
    "git fetch origin {branch}.",
    "git push och git pull hämtar inte alltid grenen publicerat, så en klon kan ha ett äldre arkiv än GitHubs. Ett "
    "vanligt bygge jämför med GitHub när det går (git ls-remote) och säger det; publiceringen hämtar alltid arkivet först.",
)
PREVIEW = "förhandsvisningen"  # what a plain build makes; a deploy (mkdocs gh-deploy) puts out the site itself
DEPLOYED = "versionen av webbplatsen som mkdocs gh-deploy lägger ut"
MAIN_BEHIND = Message(
    "main-efter-github",
    "main i den här klonen (incheckningen {here}) är äldre än main på GitHub (incheckningen {github}): mkdocs "
    "gh-deploy skulle lägga ut rapporternas löpande sidor som de var före det som har kommit till main sedan dess, "
    "och utgåvor som har publicerats sedan dess skulle se ut att vara återställda i main. Bygget lägger inte ut något. "
    "Hämta main och kör igen: git pull (och git fetch origin publicerat).",
    "mkdocs gh-deploy lägger ut webbplatsen som den byggs i klonen. Den frågar GitHub (git ls-remote) om main där är "
    "nyare, och stoppar i så fall i stället för att lägga ut gamla sidor.",
)
RECORD_NOT_COMPARED = Message(
    "arkivet-inte-jamfort",
    "GitHub gick inte att nå, så bygget vet inte om arkivet här ({used}) är det senaste. Förhandsvisningen visar "
    "utgåvorna som de var publicerade då; har något publicerats sedan dess, hämta arkivet när du är uppkopplad: "
    "git fetch origin {branch}.",
    "Ett vanligt bygge jämför arkivgrenen publicerat med GitHubs när det går. Utan nät säger det vilket arkiv det läser.",
)
RECORD_REWOUND = Message(
    "arkivet-tillbakasatt",
    "Grenen {branch} saknar incheckningen {commit}, som publicerades och har taggen {tag}: grenen har satts "
    "tillbaka, tagits bort eller skrivits om, och publicerade utgåvor saknas i arkivet. Bygget gör inte om dem ur "
    "historiken. Återställ grenen från taggen: {restore}. Skydda sedan grenen och taggarna {branch}-* mot "
    "force-push och borttagning (README). Gjordes taggen av ett bygge på den här datorn som aldrig kom till GitHub, "
    "ta i stället bort den: git tag -d {tag}.",
    "Varje incheckning i arkivgrenen publicerat har en tagg (publicerat-1, publicerat-2 …) som inte följer med när "
    "grenen sätts tillbaka. En tagg vars incheckning inte finns i grenen betyder att grenen har satts tillbaka eller "
    "tagits bort, också när byggets cache är borta. Återställ grenen från taggen; bygget gör aldrig om publicerade "
    "utgåvor ur historiken i tysthet.",
)
RECORD_REWOUND_NEWER = Message(
    "arkivet-tillbakasatt-nyare",
    "Grenen {branch} saknar incheckningen {commit}, som publicerades och har taggen {tag}, och byggets cache "
    "(.cache-utgavor/arkiv-sett.txt) känner en nyare incheckning i arkivet ovanpå den, {seen}, som den här klonen har: "
    "grenen har satts tillbaka eller tagits bort, och taggarna efter {tag} med den. Återställ grenen från den nyaste "
    "incheckningen, inte från taggen (då skulle det som publicerades efter {tag} läggas till igen med nya tider): "
    "git push origin {seen}:refs/heads/{branch}, och publicera igen; nästa bygge säger hur taggar som saknas läggs "
    "tillbaka. Skydda sedan grenen och taggarna {branch}-* mot force-push och borttagning (README).",
    "Byggets cache minns den senaste incheckningen i arkivet som ett bygge läste eller lade till. Är den nyare än "
    "den nyaste taggen som finns kvar, och har klonen den, återställs grenen från den.",
)
RECORD_LOCAL_TAG = Message(
    "arkivet-lokal-tagg",
    "Taggen {tag} här pekar på incheckningen {commit}, som bara den här klonen har: på GitHub pekar {tag} på "
    "incheckningen {github}, som finns i grenen {branch} där (origin/{branch}, den som bygget läser). Taggen gjordes av ett bygge med --record på den här datorn som "
    "aldrig kom till GitHub (till exempel när GitHub Actions publicerade samma månad först). GitHubs arkiv är helt: "
    "skriv inget dit härifrån. Ta bort taggen och den lokala grenen här och hämta GitHubs: git tag -d {tag}, git "
    "branch -D {branch} och git fetch --tags origin.",
    "En tagg publicerat-<n> som bara finns i den här klonen (ett bygge med --record här som aldrig pushades) säger "
    "inget om GitHubs arkiv. Bygget ändrar inget på GitHub för den: ta bort taggen här.",
)
RECORD_REWOUND_SEEN = Message(
    "arkivet-tillbakasatt-sett",
    "Grenen {branch} på GitHub saknar incheckningen {commit}, som ett tidigare bygge läste där: grenen har satts "
    "tillbaka, tagits bort eller skrivits om, och publicerade utgåvor saknas i arkivet. Återställ den från en klon "
    "som har incheckningen (git push origin {commit}:refs/heads/{branch}) och skydda grenen och taggarna {branch}-* "
    "(README). Lade ett bygge från före taggarna till incheckningen och kom den aldrig till GitHub (jobbet Arkivera "
    "misslyckades), ta i stället bort cachen utgavor-… under Actions ▸ Caches (på en dator filen .cache-utgavor/{seen}) "
    "och publicera igen.",
    "Arkivgrenen på GitHub saknar en incheckning som ett tidigare bygge läste där (.cache-utgavor/arkiv-sett.txt), "
    "och ingen tagg visar vad som saknas (ett arkiv från före taggarna, eller taggarna borttagna). Återställ grenen; "
    "bygget gör aldrig om publicerade utgåvor ur historiken i tysthet.",
)
RECORD_SEEN_UNKNOWN = Message(
    "arkivet-sett-okant",
    "Byggets cache (.cache-utgavor/{seen}) säger att ett tidigare bygge läste incheckningen {commit} i grenen {branch} "
    "på GitHub, men grenen saknar den och den här klonen har den inte alls (git cat-file -t {commit} hittar den inte). "
    "Finns den inte heller i någon annan klon eller säkerhetskopia, är cachen fel (ändrad för hand eller från en annan "
    "klon): ta bort cachen utgavor-… under Actions ▸ Caches (på en dator filen .cache-utgavor/{seen}) och publicera "
    "igen. Finns den någonstans, har grenen satts tillbaka: återställ den därifrån (git push origin "
    "{commit}:refs/heads/{branch}) och skydda grenen och taggarna {branch}-* (README).",
    "Byggets cache nämner en incheckning i arkivgrenen som varken grenen på GitHub eller klonen har. Oftast är cachen "
    "fel; annars har grenen satts tillbaka och incheckningen finns bara i en annan klon eller säkerhetskopia.",
)
RECORD_UNPUSHED = Message(
    "arkivet-inte-pa-github",
    "Förra publiceringen lade till incheckningen {commit} ({tag}) i grenen {branch}, men den kom aldrig till GitHub "
    "(taggen {tag} finns inte där: jobbet Arkivera misslyckades eller kördes inte). Grenen på GitHub är inte "
    "tillbakasatt. Det här bygget lägger till de utgåvor som saknas i arkivet igen; se efter under Actions att jobbet "
    "Arkivera går igenom den här gången.",
    "Förra publiceringens tillägg till arkivgrenen publicerat nådde aldrig GitHub. Det är inget fel i arkivet: "
    "utgåvorna läggs till igen av nästa publicering.",
)


RECORD_UNPUSHED_LOST = Message(
    "arkivet-inte-pa-github-saknas",
    "Förra publiceringen lade till incheckningen {commit} ({tag}) i grenen {branch} med {editions}, och varken "
    "incheckningen eller taggen {tag} finns på GitHub nu, men det här bygget publicerar inte {them} igen: main har "
    "inte längre det som publicerades. Grenen och taggen kan ha satts tillbaka efter att de publicerades (till exempel "
    "git push --mirror eller --force från en gammal klon), och bygget lägger inte till något som skulle ta bort "
    "publicerade utgåvor från webbplatsen. Återställ grenen och taggen från en klon eller säkerhetskopia som har "
    "incheckningen {commit} (där svarar git cat-file -t {commit} commit): git push origin {commit}:refs/heads/{branch} "
    "och git push origin {tag}, och main om den också sattes tillbaka; publicera sedan igen och skydda grenen, taggarna "
    "{branch}-* och main mot force-push (README).",
    "Byggets cache säger att förra publiceringen lade till utgåvor som inte finns på GitHub nu och som det här bygget "
    "inte gör igen ur main. Det är inte ett jobb Arkivera som misslyckades (då görs utgåvorna igen) utan ett arkiv som "
    "har satts tillbaka: återställ grenen och taggen från en klon som har dem.",
)


RECORD_UNREADABLE = Message(
    "arkivet-olasbar-fil",
    "Filen {path} i grenen publicerat (lagd av incheckningen {added}) är inte en fil som publiceringen skriver: "
    "den är ingen JSON med en publicerad utgåvas eller en indragnings eller rättelses uppgifter (eller är en länk). "
    "Bara publiceringsflödet skriver till grenen. Ta bort incheckningen ur grenen på GitHub (git push --force origin "
    "{added}^:refs/heads/publicerat, med force-push tillfälligt tillåtet i reglerna för grenen) och låt bara GitHub "
    "Actions skriva till grenen (README).",
    "En fil i arkivgrenen publicerat går inte att läsa som det publiceringen skriver. Någon har skrivit till grenen "
    "för hand. Ta bort incheckningen och skydda grenen.",
)
RECORD_FOREIGN = Message(
    "arkivet-okand-fil",
    "Incheckningen {commit} i grenen publicerat lade till {path}, men den är inte gjord av publiceringen: {why}. "
    "Publiceringen lägger bara till en ny mapp per utgåva (utgava.json, artikel.html och filerna som utgava.json "
    "räknar upp), en PDF till en utgåva som publicerades utan PDF, indragningar och rättelser "
    "(rattelser/<namn>.json) och rättade uppgifter (andringar/<namn>.json), i incheckningar med den byggda incheckningen i main som andra förälder. Återställ "
    "grenen {restore}, och låt bara GitHub Actions skriva till grenen och taggarna publicerat-* (README).",
    "En incheckning i arkivgrenen publicerat har inte gjorts av publiceringen: den lägger till en fil i en "
    "publicerad utgåva, en utgåva vars filer inte stämmer med dess utgava.json, en fil utanför utgåvornas mappar, "
    "eller saknar den byggda incheckningen som förälder. Någon har skrivit till grenen för hand. Grenen återställs "
    "från den senaste äkta taggen publicerat-<n>, och taggar som pekar på den förfalskade incheckningen tas bort.",
)
RECORD_TAG_MISSING = Message(
    "arkivet-tagg-saknas",
    "Taggen {tag} saknas: den är vittnet om arkivets incheckning nummer {number} ({commit}) i grenen {branch}, och "
    "någon har tagit bort den (på GitHub eller i den här klonen). Inget publicerat har ändrats, men utan taggen "
    "märks det inte om grenen sätts tillbaka till före den. Lägg tillbaka den: git tag -a -m \"Publicerade "
    "utgåvor\" {tag} {commit} och git push origin {tag}, och skydda taggarna publicerat-* (README).",
    "En tagg publicerat-<n> som publiceringen gjorde finns inte längre. Taggarna är ett vittne om arkivet som "
    "inte flyttar med grenen; lägg tillbaka taggen på samma incheckning och skicka den till GitHub.",
)
RECORD_FORGED_TAG = Message(
    "arkivet-okand-tagg",
    "Taggen {tag} pekar på incheckningen {commit}, som inte är publiceringens: {why}. Taggen är inget vittne om "
    "arkivet, och bygget följer den inte. Ta bort den på GitHub och här: git push origin :refs/tags/{tag} (med "
    "borttagning tillfälligt tillåten i reglerna för taggarna publicerat-*) och git tag -d {tag}, och publicera "
    "igen. Låt bara GitHub Actions skriva taggarna (README).",
    "En tagg publicerat-<n> har inte gjorts av publiceringen: den pekar på en incheckning som inte hör till "
    "arkivet, har fel nummer (publicerat-<n> är arkivets n:te incheckning) eller är ingen annoterad tagg. Den "
    "stoppar publiceringen, eftersom nästa publicering annars inte kan skicka sin egen tagg med det numret. Ta "
    "bort taggen, på GitHub och lokalt.",
)
# What a recorded file must hold (field → the JSON types it may have): utgava.json and rattelser/<anchor>.json.
EDITION_FIELDS = {
    "rapport": (str,), "sida": (str,), "period": (str,), "periodnamn": (str,), "titel": (str,), "publicerad": (str,),
    "publicerad_tid": (str,), "incheckning": (str,),
}
# A published revision (pages/changes.py): its anchor, time, title and link as first published, and its values
# [[dataset, row key, field, field title, row label, old, new]].
REVISION_FIELDS = {"anchor": (str,), "date": (str,), "title": (str,), "url": (str,), "values": (list,)}
NOTICE_FIELDS = {
    "kind": (str,), "edition_url": (str,), "report_url": (str,), "date": (str,), "reason": (str,),
    "replaced_by": (str, type(None)), "title": (str,), "anchor": (str,),
}
# A published withdrawal's or correction's moment on "Nytt och ändrat" and in the feed, as first published (an ISO
# time with its offset, as an edition's publicerad_tid and a revision's date): written by every publishing since
# adv17f; a notice recorded before it has none (pages/record.notice_moment then reads it from the commit built).
NOTICE_MOMENT = "published_at"


@dataclass(frozen=True)
class RecordedEdition:
    """One edition as it was published."""

    url: str  # "astorp/utgavor/2022-08/"
    report_url: str  # "astorp/"
    source: str  # the report's page below docs/ when it was published: "astorp.md"
    period_id: str
    period_name: str
    title: str  # the page's title
    published: str  # YYYY-MM-DD
    published_at: str  # ISO 8601 with time and offset (the commit that first published it)
    commit: str  # that commit on main, as it was then
    toc: list = field(default_factory=list, compare=False, hash=False)  # Python-Markdown's toc_tokens
    article: str = ""  # blob id of artikel.html
    files: dict = field(default_factory=dict, compare=False, hash=False)  # name → blob id (chart CSVs, the PDF)
    pdf: str | None = None  # the PDF's name among `files`
    address: str = ""  # the site's address (site_url) it was published at


@dataclass
class NewEdition:
    """What `append` writes for one edition: its facts and the bytes of its files."""

    url: str
    meta: dict | None  # utgava.json's content (without "filer"); None: an edition already recorded, files added
    article: bytes
    files: dict[str, Path]  # name → a file on disk (chart CSVs, the PDF)


class Record:
    """The editions in the branch `publicerat` (the newer of the local branch and origin's)."""

    def __init__(self, repository: Repository | None, cache_dir: Path | None = None):
        self.repository = repository
        self.cache_file = Path(cache_dir) / "arkiv.json" if cache_dir else None  # utgava.json by blob id
        self.seen_file = Path(cache_dir) / SEEN if cache_dir else None
        self.proven_file = Path(cache_dir) / PROVEN if cache_dir else None
        self.opened_file = Path(cache_dir) / OPENED if cache_dir else None
        self.ref: str | None = None
        self.commit: str | None = None
        self.editions: dict[str, RecordedEdition] = {}
        self.notices: dict[str, dict] = {}  # anchor → a published withdrawal's or correction's fields
        self.revisions: dict[str, dict] = {}  # anchor → a published revision's fields (REVISION_FIELDS)
        self.problems: list[Problem] = []  # notices for the build's log
        self.remote: str | None = None  # GitHub's record (origin/publicerat), if fetched
        self.appended: str | None = None  # the commit `append` made in this build
        self.diverged = False  # the local branch has commits GitHub's record lacks, and lacks some of its
        self.tags: dict[str, str] = {}  # publicerat-<n> → the record commit it names
        self.appended_tag: str | None = None  # the tag `append` made in this build
        self.unpushed: Problem | None = None  # the notice that the last build's addition never reached GitHub
        self.unpushed_urls: list[str] = []  # the editions that addition held (arkiv-sett.txt)
        self.appended_urls: list[str] = []  # the editions `append` added in this build
        # Why a record commit that the record read lacks is not the publishing's, by what it adds (None: nothing
        # found): set by the pages' layer, which can compare an edition, act or revision with main's history
        # (pages/record.forged_beyond). A tag on such a commit is forged (`tag_problem`), never a place to restore from.
        self.vouch = None
        if repository is not None:
            self._load()

    def _load(self) -> None:
        local, remote = (self._resolve(ref) for ref in (LOCAL_REF, REMOTE_REF))
        self.remote = remote
        chosen = local or remote
        if local and remote and local != remote:
            if self._is_ancestor(local, remote):
                chosen = remote
            elif not self._is_ancestor(remote, local):
                chosen = remote
                self.diverged = True
                self.problems.append(RECORD_DIVERGED.problem(HERE, 0, 0, "notice", branch=BRANCH))
        self.tags = self._tags()
        if chosen is None:
            if not fetches_record(self.repository):  # a --single-branch clone: what it shows is not what was published
                self.problems.append(RECORD_NOT_FETCHED.problem(ON_GITHUB, 0, 0, "notice", branch=BRANCH))
            return
        self.commit = chosen
        if self._opened_before(chosen):  # this very record judged and listed by an earlier build
            return
        self._check_only_added(chosen)
        listing = self.repository._git("ls-tree", "-r", "-z", chosen)
        folders: dict[str, dict[str, str]] = {}
        modes: dict[str, str] = {}
        for entry in filter(None, listing.split("\0")):
            info, _, path = entry.partition("\t")
            folder, _, name = path.rpartition("/")
            folders.setdefault(folder + "/", {})[name] = info.split()[2]
            modes[path] = info.split()[0]
        known = _read_json(self.cache_file) if self.cache_file else {}
        known = {blob: value for blob, value in known.items() if isinstance(value, dict)}
        size = len(known)
        for name, blob in folders.get(NOTICES, {}).items():
            if blob not in known:
                known[blob] = self._json(f"{NOTICES}{name}", blob, modes.get(f"{NOTICES}{name}"), NOTICE_FIELDS)
        for name, blob in folders.get(REVISIONS, {}).items():
            if blob not in known:
                known[blob] = self._json(f"{REVISIONS}{name}", blob, modes.get(f"{REVISIONS}{name}"), REVISION_FIELDS)
        for folder, files in folders.items():
            if META in files and files[META] not in known:
                known[files[META]] = self._json(f"{folder}{META}", files[META], modes.get(f"{folder}{META}"), EDITION_FIELDS)
        self._fill(folders, known)
        if self.cache_file and len(known) != size:
            cache.write_json(self.cache_file, known, sort_keys=False)
        self._known, self._listing = known, folders
        self._check_made_by_publishing(chosen)
        self._remember_opened(chosen, folders, known)

    def _fill(self, folders: dict[str, dict[str, str]], known: dict[str, dict], tocs: list | None = None,
              toc_of: dict[str, int] | None = None) -> None:
        """`notices` and `editions` from the record's files (folder → name → blob id) and their JSON by blob id
        (`toc_of`: an edition's contents kept once per distinct contents in `tocs`, by its utgava.json's blob)."""
        for name, blob in folders.get(NOTICES, {}).items():
            self.notices[name.removesuffix(".json")] = known[blob]
        for name, blob in folders.get(REVISIONS, {}).items():
            self.revisions[name.removesuffix(".json")] = known[blob]
        for folder, files in folders.items():
            if META not in files:
                continue
            blob = files[META]
            meta = known[blob]
            kept = {name: b for name, b in files.items() if name not in (META, ARTICLE)}
            toc = tocs[toc_of[blob]] if toc_of and blob in toc_of else meta.get("innehall", [])
            self.editions[folder] = RecordedEdition(
                url=folder, report_url=meta["rapport"], source=meta["sida"], period_id=meta["period"],
                period_name=meta["periodnamn"], title=meta["titel"], published=meta["publicerad"],
                published_at=meta["publicerad_tid"], commit=meta["incheckning"], toc=toc,
                article=files.get(ARTICLE, ""), files=kept, pdf=meta.get("pdf"), address=meta.get("adress", ""),
            )

    # ------------------------------------------------------------ the record opened before, by its commit

    def _opened_before(self, commit: str) -> bool:
        """Take the record as an earlier build opened it (`_remember_opened`), if that build opened this very
        commit and judged its line from the same start (`_proven_start`). A commit id names the whole line, every
        file and every file's bytes, so a changed, rewritten or forged record is another commit and is read
        and judged anew; what is kept is only what that reading found, and only for a line it found whole
        (every check of `_check_only_added` and `_check_made_by_publishing` passed). Saves the listing of
        every recorded file and the judging of every record commit: a build that reads an unchanged record
        does not grow with the years of editions (issue 17.5)."""
        if self.opened_file is None:
            return False
        kept = _read_json(self.opened_file)
        if kept.get("version") != OPENED_VERSION or kept.get("commit") != commit:
            return False
        try:
            folders, metas, tocs, toc_of = kept["folders"], kept["metas"], kept["tocs"], kept["toc_of"]
            chain = [(sha, int(number), built) for sha, number, built in kept["chain"]]
            added_at = {folder: int(position) for folder, position in kept["added_at"].items()}
            self._listing = folders
            if (self._proven_start(commit)[0] or None) != kept["start"]:
                raise ValueError("judged from another start")
            self._fill(folders, metas, tocs, toc_of)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            self.editions, self.notices, self.revisions, self._listing = {}, {}, {}, None
            return False
        at = self.__dict__.setdefault("_at", {})
        for sha, number, _built in chain:
            at[sha] = (number, None)
        self._chain = chain
        if added_at:
            self.__dict__["added_at"] = added_at
        self._judged_from = kept["start"]
        return True

    def _editions_key(self, context: tuple[str, ...]) -> str | None:
        """What the editions' proof (`editions_proven`) depends on: the record's commit (every edition, the commit it
        names, and through it that commit's page and data), where the line was judged from (which editions carry
        the number of the commit that added them: `added_at`), the caller's `context` and the code (every module
        of macros/: a changed rule is judged anew)."""
        if self.commit is None or self.opened_file is None or not hasattr(self, "_judged_from"):
            return None
        digest = hashlib.sha256()
        for part in (self.commit, str(self._judged_from), *context, _code_digest()):
            digest.update(part.encode("utf-8", errors="surrogateescape") + b"\0")
        return digest.hexdigest()

    def editions_proven(self, *context: str) -> bool:
        """Whether an earlier build found every recorded edition of this very record to be the period its report
        had in the commit it names (pages/record.unproven), under the same `context` and code."""
        key = self._editions_key(context)
        try:
            return key is not None and (cache.read_text(self.opened_file.parent / EDITIONS_PROVEN) or "").strip() == key
        except OSError:
            return False

    def remember_editions_proven(self, *context: str) -> None:
        """Note that every recorded edition was found to be its report's period (`editions_proven`)."""
        key = self._editions_key(context)
        if key is None:
            return
        cache.write_text(self.opened_file.parent / EDITIONS_PROVEN, key + "\n")

    def _remember_opened(self, commit: str, folders: dict[str, dict[str, str]], known: dict[str, dict]) -> None:
        """Keep what `_load` found in `commit` for the next build (`_opened_before`): the listing, each recorded
        JSON (an edition's contents once per distinct contents: a report's months mostly share theirs), and the
        judged line. Only for a line judged whole (called after every check passed)."""
        if self.opened_file is None or self._entry(commit)[1] is not None:
            return
        tocs: list = []
        index: dict[str, int] = {}
        metas: dict[str, dict] = {}
        toc_of: dict[str, int] = {}
        for folder, files in folders.items():
            for name, blob in files.items():
                if not (name == META or folder in (NOTICES, REVISIONS)) or blob in metas:
                    continue
                meta = dict(known[blob])
                if folder not in (NOTICES, REVISIONS) and "innehall" in meta:
                    toc = meta.pop("innehall")
                    toc_of[blob] = index.setdefault(json.dumps(toc, ensure_ascii=False, sort_keys=True), len(index))
                    if toc_of[blob] == len(tocs):
                        tocs.append(toc)
                metas[blob] = meta
        kept = {
            "version": OPENED_VERSION, "commit": commit, "start": getattr(self, "_judged_from", None), "folders": folders,
            "metas": metas, "tocs": tocs, "toc_of": toc_of, "chain": getattr(self, "_chain", []),
            "added_at": self.__dict__.get("added_at", {}),
        }
        cache.write_json(self.opened_file, kept, sort_keys=False)

    def _json(self, path: str, blob: str, mode: str | None, fields: dict[str, tuple]) -> dict:
        """A recorded utgava.json or rattelser/<anchor>.json as the publish workflow writes it (a file,
        JSON, an object with its fields), or a Swedish refusal at it, never a traceback (adv17b F66)."""
        try:
            value = json.loads(self.repository.read_blob(blob).decode("utf-8")) if mode == "100644" else None
        except (UnicodeDecodeError, ValueError):
            value = None
        if not isinstance(value, dict) or any(not isinstance(value.get(k), kinds) for k, kinds in fields.items()) or (
            fields is REVISION_FIELDS and (set(value) != set(fields) or not _revision_shape(value, path))
        ) or (fields is NOTICE_FIELDS and (  # its moment since adv17f; a notice recorded before has none
            set(value) - {NOTICE_MOMENT} != set(fields) or (NOTICE_MOMENT in value and not _moment(value[NOTICE_MOMENT])))
        ):
            out = self.repository._git(
                "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--name-only", "--format=%x01%H",
                self.commit, "--", path,
            )
            commits = [chunk.split()[0] for chunk in out.split("\x01")[1:] if chunk.split()]
            added = (commits[-1] if commits else "?")[:10]
            raise RecordError(RECORD_UNREADABLE.coded(path=path, added=added), f"{BRANCH}:{path}")
        return value

    def _resolve(self, ref: str) -> str | None:
        try:
            return self.repository._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip() or None
        except HistoryError:
            return None

    def _is_ancestor(self, older: str, newer: str) -> bool:
        return subprocess.run(
            ["git", "merge-base", "--is-ancestor", older, newer], cwd=self.repository.root,
            capture_output=True, check=False,
        ).returncode == 0

    def behind_github(self, timeout: float = 10) -> Problem | None:
        """A plain build's word on a record older than GitHub's (adv17d W5): `git push` does not fetch publicerat, so
        staff's clone may preview editions at other addresses and accept entries the publishing refuses. One `git
        ls-remote` (no password prompt, `timeout` seconds): None when the record here is GitHub's or ahead of it,
        when there is no `origin`, or when GitHub has no record (refusals say that where it matters); a notice naming
        the record used and `git fetch origin publicerat` when it is behind, or when GitHub could not be reached."""
        if self.repository is None:
            return None
        try:
            self.repository._git("remote", "get-url", "origin")
        except HistoryError:
            return None  # a project that is not on GitHub: nothing to compare with
        if self.commit is None and not fetches_record(self.repository):
            return None  # arkivet-inte-hamtat says it already
        key = (str(self.repository.root), self.commit)
        if key not in _COMPARED:  # once per process and record: `mkdocs serve` rebuilds do not ask GitHub again
            _COMPARED[key] = self._compare_with_github(timeout)
        return _COMPARED[key]

    def _compare_with_github(self, timeout: float) -> Problem | None:
        used = self._described()
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=5"}
        try:
            result = subprocess.run(
                ["git", "ls-remote", "origin", LOCAL_REF], cwd=self.repository.root, capture_output=True, text=True,
                timeout=timeout, check=False, env=env,
            )
        except (subprocess.TimeoutExpired, OSError):
            result = None
        if result is None or result.returncode != 0:
            return RECORD_NOT_COMPARED.problem(ON_GITHUB, 0, 0, "notice", used=used, branch=BRANCH) if self.commit else None
        github = (result.stdout.split() or [None])[0]
        if github is None or github == self.commit:
            return None
        if self.commit is not None and self._resolve(github) and self._is_ancestor(github, self.commit):
            return None  # this clone's record is ahead (a --record build not pushed yet)
        return RECORD_BEHIND.problem(ON_GITHUB, 0, 0, "notice", used=used, branch=BRANCH, github=github[:10], built=PREVIEW)

    def main_behind_github(self, timeout: float = 10) -> Problem | None:
        """A deploy's refusal when the commit built (HEAD) is behind main on GitHub (adv17j PW4: a clone that was
        not pulled deploys stale living pages): one `git ls-remote`; None when it is GitHub's main or ahead of it,
        when there is no `origin`, or when GitHub could not be asked (the record's own comparison says that)."""
        if self.repository is None:
            return None
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=5"}
        try:
            result = subprocess.run(["git", "ls-remote", "origin", "refs/heads/main"], cwd=self.repository.root,
                                    capture_output=True, text=True, timeout=timeout, check=False, env=env)
        except (subprocess.TimeoutExpired, OSError):
            return None
        github = (result.stdout.split() or [None])[0] if result.returncode == 0 else None
        here = self._resolve("HEAD")
        if github is None or here is None or github == here:
            return None
        if self._resolve(github) and self._is_ancestor(github, here):
            return None  # ahead: commits of this clone's own on top of GitHub's
        return MAIN_BEHIND.problem("main", 0, 0, here=here[:10], github=github[:10])

    def _on_github(self, timeout: float = 10) -> dict[str, str] | None:
        """GitHub's branch publicerat and tags publicerat-* as `git ls-remote` says them now ({ref: commit}, a tag
        by the commit it points at), asked once per process and record; None: no origin, or GitHub not reached. For
        advice that must tell what GitHub has from what only this clone has (adv17g 3, 4)."""
        if self.repository is None:
            return None
        key = (str(self.repository.root), self.commit)
        if key not in _ON_GITHUB:
            env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes -o ConnectTimeout=5"}
            try:
                result = subprocess.run(
                    ["git", "ls-remote", "origin", LOCAL_REF, f"refs/tags/{TAG}*"], cwd=self.repository.root,
                    capture_output=True, text=True, timeout=timeout, check=False, env=env,
                )
            except (subprocess.TimeoutExpired, OSError):
                result = None
            found = None
            if result is not None and result.returncode == 0:
                found = {}
                for line in result.stdout.splitlines():
                    sha, _, ref = line.partition("\t")
                    if ref.endswith("^{}"):
                        found[ref[:-3]] = sha  # an annotated tag's commit
                    else:
                        found.setdefault(ref, sha)
            _ON_GITHUB[key] = found
        return _ON_GITHUB[key]

    def _described(self) -> str:
        """The record this build reads, for a message: `origin/publicerat, incheckningen 1a2b3c4d5e från 7 december
        2026` (or that there is none here)."""
        if self.commit is None:
            return "inget arkiv hämtat"
        ref = ON_GITHUB if self.commit == self.remote else HERE
        try:
            day = swedish.day(self.repository._git("show", "-s", "--format=%cI", self.commit).strip())
        except HistoryError:
            return f"{ref}, incheckningen {self.commit[:10]}"
        return f"{ref}, incheckningen {self.commit[:10]} från {swedish.date_long(day)}"

    def _check_only_added(self, commit: str) -> None:
        """Every commit of the record only added files (a changed or removed file is refused).
        The record's own line is its first parents (the second is main's commit that was built)."""
        found = self._rewritten(commit)
        if found:
            sha, paths = found
            raise RecordError(
                RECORD_REWRITTEN.coded(branch=BRANCH, commit=sha[:10], paths=", ".join(paths[:5]), restore=self._restore(sha)),
                f"{BRANCH}:{paths[0]}",
            )

    def _rewritten(self, commit: str) -> tuple[str, list[str]] | None:
        """(the newest commit of `commit`'s line that changed or removed files, those files), or None."""
        out = self.repository._git(
            "log", "--first-parent", "--diff-merges=first-parent", "--format=%x01%H", "--no-renames",
            "--diff-filter=MDT", "--name-only", commit,
        )
        for chunk in out.split("\x01")[1:]:
            sha, *paths = [line for line in chunk.splitlines() if line]
            if paths:
                return sha, paths
        return None

    def _restore(self, bad: str) -> str:
        """How to restore a rewritten record: from its newest tag whose commit is whole (GitHub's branch is
        the broken copy: `git push --force origin main:publicerat` leaves nothing to fetch), else from a
        clone that has the branch as it was."""
        force = "med force-push tillfälligt tillåtet i reglerna för grenen"
        if self.remote is not None and self.commit != self.remote and not self._is_ancestor(bad, self.remote):
            # Only this clone's branch has the commit (adv17e fault 74): GitHub's is whole, so the fix is local.
            return (f"här, inte på GitHub: incheckningen finns bara i den lokala grenen {BRANCH}, inte i origin/{BRANCH}. "
                    f"Sätt den lokala grenen till GitHubs: git branch -f {BRANCH} origin/{BRANCH} (eller ta bort den: "
                    f"git branch -D {BRANCH})")
        github = (self._on_github() or {}).get(LOCAL_REF)
        if github and self.remote and github != self.remote and github != bad:
            # GitHub's branch is not the one this clone read (adv17g 3): it changed since the last fetch (restored,
            # most likely). Nothing is advised onto GitHub from a stale copy: fetch it and build again.
            return (f"här, inte på GitHub: grenen {BRANCH} på GitHub är nu incheckningen {github[:10]}, inte den som den här "
                    f"klonen hämtade (origin/{BRANCH}, {self.remote[:10]}), så GitHubs gren har ändrats sedan dess. Skriv "
                    f"inget till GitHub härifrån; hämta GitHubs gren och taggar och bygg igen: git fetch --tags origin. "
                    f"Säger bygget samma sak efter det, är det GitHubs gren som ska återställas")
        tags = self.tags or self._tags()
        for tag in sorted(tags, key=_tag_number, reverse=True):
            commit = tags[tag]
            if commit != bad and self._rewritten(commit) is None and self.tag_problem(tag) is None:
                return f"från taggen {tag}, den senaste publiceringen: git push --force origin '{tag}^{{commit}}:refs/heads/{BRANCH}' ({force})"
        return (f"från en klon eller säkerhetskopia som har grenen som den var (git push --force origin "
                f"<incheckningen>:refs/heads/{BRANCH}, {force}); grenen på GitHub är den ändrade kopian")

    # ------------------------------------------------------------ made by the publishing, and nothing else

    def _check_made_by_publishing(self, commit: str) -> None:
        """Every commit of the record's line is one the publishing makes (`_line`): refused at the
        first that is not, with the newest genuine tag to restore from and the tags to delete."""
        bad = self._foreign(commit)
        if bad is None:
            return
        sha, path, why = bad
        restore = self._restore(sha)
        forged = sorted((t for t, c in self.tags.items() if self._foreign(c) is not None), key=_tag_number)
        if forged:
            restore += ", och ta bort " + ", ".join(
                f"taggen {t}, som pekar på en incheckning som inte är publiceringens (git push origin :refs/tags/{t} "
                f"och git tag -d {t})" for t in forged
            )
        raise RecordError(
            RECORD_FOREIGN.coded(commit=sha[:10], path=path or "(ingen fil)", why=why, restore=restore),
            f"{BRANCH}:{path}" if path else BRANCH,
        )

    def _foreign(self, commit: str) -> tuple[str, str, str] | None:
        """(the commit, the file, why) of the oldest commit in `commit`'s line (it and the record's commits before
        it) that the publishing did not make, or None."""
        return self._entry(commit)[1]

    def _entry(self, commit: str) -> tuple[int, tuple[str, str, str] | None]:
        """(`commit`'s number in its line: publicerat-<n>, the line's first commit the publishing did not make)."""
        at = self.__dict__.setdefault("_at", {})
        if commit not in at and commit != self.commit and commit in self._proven():  # the record's own: read (`_chain`)
            at[commit] = (self._proven()[commit][0], None)
        if commit not in at:
            self._read_line(commit)
        return at.get(commit, (0, (commit, "", "git hittar inte incheckningen")))

    def _read_line(self, tip: str) -> None:
        """Judge the record's line up to `tip` (`_at`: commit → its number, the first foreign commit up to it) with
        one `git log`. What the publishing makes (`append`): an empty first commit; then each commit has two
        parents (the record before it, the commit on main that was built) and adds only regular files: a new
        folder <report>/utgavor/<period>/ named by its utgava.json with exactly utgava.json, artikel.html and the
        files its "filer" lists; one PDF to a recorded edition that has none; rattelser/<anchor>.json.
        Of the record's own line only the commits after the newest one a publishing build judged already
        (`arkiv-provat.txt`, written by `remember`) are read: a build does not grow with the years of editions."""
        at = self.__dict__.setdefault("_at", {})
        start, chain = self._proven_start(tip) if tip == self.commit else (None, [])
        if tip == self.commit:
            self._judged_from = start  # kept with the opened record (`_remember_opened`)
        try:
            out = self.repository._git(
                "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
                "--root", "--raw", "--no-abbrev", "-z", "--reverse", "--format=%x01%H %P", tip, *([f"^{start}"] if start else []),
            )
        except HistoryError:
            at[tip] = (0, (tip, "", "git hittar inte incheckningen"))
            return
        commits = []
        for chunk in out.split("\x01")[1:]:
            head, _, rest = chunk.partition("\0")
            sha, *parents = head.split()
            fields = rest.strip("\n\0").split("\0")
            entries = [(*fields[i].split()[1:5:2], fields[i].split()[4], fields[i + 1])
                       for i in range(0, len(fields) - 1, 2) if fields[i].startswith(":")]
            commits.append((sha, parents, entries))
        folders: dict[str, bool] = {}  # each recorded edition's folder → whether it holds a PDF
        if start:  # the editions recorded up to `start`: the record's files now, less those added since
            added = {path for _sha, _parents, entries in commits for *_info, path in entries}
            for folder, files in self._listing.items():
                before = [name for name in files if folder + name not in added]
                if before and folder not in (NOTICES, REVISIONS):
                    folders[folder] = any(name.endswith(".pdf") for name in before)
        for sha, number, _built in chain:
            at[sha] = (number, None)
        first = chain[-1][1] + 1 if chain else 0
        bad = None
        for position, (sha, parents, entries) in enumerate(commits, start=first):
            if bad is None:
                problem = self._commit_problem(position, parents, entries, folders)
                bad = (sha, *problem) if problem else None
            at[sha] = (position, bad)
            chain.append((sha, position, parents[1] if len(parents) == 2 else "-"))
        if tip == self.commit:
            self._chain = chain  # the record's line, oldest first: (commit, number, built commit)

    def _proven(self) -> dict[str, tuple[int, str]]:
        """The record commits a publishing build judged the publishing's (`remember`): commit → (number, built)."""
        if "_proven_commits" not in self.__dict__:
            found = {}
            try:
                for line in (cache.read_text(self.proven_file) or "").splitlines() if self.proven_file else []:
                    sha, number, built = line.split()
                    found[sha] = (int(number), built)
            except (OSError, ValueError):
                found = {}
            self._proven_commits = found
        return self._proven_commits

    def _proven_start(self, tip: str) -> tuple[str | None, list[tuple[str, int, str]]]:
        """The newest commit of `tip`'s line judged already, if its number there is the one it was judged with,
        and the line up to it (oldest first); (None, []): judge the whole line."""
        proven = self._proven()
        if not proven or getattr(self, "_listing", None) is None:
            return None, []
        line = self.repository._git("rev-list", "--first-parent", tip).split()  # ids only: cheap
        for newest, sha in enumerate(line):
            if sha in proven:
                if proven[sha][0] != len(line) - 1 - newest:
                    return None, []
                older = list(reversed(line[newest:]))
                return sha, [(c, n, proven.get(c, (n, "-"))[1]) for n, c in enumerate(older)]
        return None, []

    def addition_order(self) -> dict[str, int]:
        """Each recorded edition's folder → the number of the record commit that added it (1 for the first record).
        The record's line is the order of publication, whatever the clocks of the commits it was made from say and
        whatever main's history later became (adv17j PW5). From the check of the line when it read the whole of it
        (`added_at`), else from one `git log` of the record's utgava.json files."""
        if self.commit is None:
            return {}
        if "_addition" not in self.__dict__:
            known = self.__dict__.get("added_at", {})
            if all(folder in known for folder in self.editions):
                self._addition = dict(known)
            else:
                self._addition = {}
                for number, path in self._added_in_order(f":(glob)**/{META}"):
                    if path.endswith(f"/{META}"):
                        self._addition.setdefault(path[: -len(META)], number)
        return self._addition

    def revision_order(self) -> dict[str, int]:
        """Each recorded revision's anchor → the rank of the record commit that added it: the order the publishing
        recorded them in, whatever the clocks of the commits that revised the figures said (adv17k VR1)."""
        if self.commit is None:
            return {}
        if "_revision_addition" not in self.__dict__:
            self._revision_addition = {}
            for number, path in self._added_in_order(f":(glob){REVISIONS}*.json"):
                if path.startswith(REVISIONS):
                    self._revision_addition.setdefault(path[len(REVISIONS):].removesuffix(".json"), number)
        return self._revision_addition

    def _added_in_order(self, pathspec: str) -> list[tuple[int, str]]:
        """(rank, path) of each file matching `pathspec` that the record's line added, oldest first: the rank of the
        record commit among those that added such files. One `git log` of the record's first parents."""
        out = self.repository._git(
            "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A",
            "--name-only", "--reverse", "--format=%x01%H", self.commit, "--", pathspec,
        )
        return [(number, path.strip()) for number, chunk in enumerate(filter(str.strip, out.split("\x01")), start=1)
                for path in chunk.split("\n")[1:] if path.strip()]

    def built(self) -> list[str]:
        """The commits on main that the publishing built and recorded, oldest first (each record commit's
        second parent): the versions that were published, for the change list (pages/changes.py)."""
        if self.commit is None:
            return []
        self._entry(self.commit)
        return [built for _sha, _number, built in getattr(self, "_chain", []) if built != "-"]

    def _commit_problem(self, position: int, parents: list[str], entries: list[tuple[str, str, str, str]], folders: dict) -> tuple[str, str] | None:
        """Why one commit of the record's line (number `position`) is not one the publishing makes, or None.
        `folders`: the editions recorded before it (folder → holds a PDF), brought up to date."""
        if position == 0:
            if parents or entries:
                return (entries[0][3] if entries else "", "arkivets första incheckning ska vara tom och sakna föräldrar")
            return None
        if len(parents) != 2:
            return (entries[0][3] if entries else "", "den har inte den byggda incheckningen i main som andra förälder")
        if not entries:
            return ("", "den lägger inte till någon fil")
        added: dict[str, dict[str, tuple[str, str]]] = {}
        for mode, blob, status, path in entries:
            if status != "A":
                return (path, "den ändrar eller tar bort en publicerad fil")
            if mode != "100644":
                return (path, f"den är ingen vanlig fil (läget {mode})")
            if path.startswith(NOTICES):
                if "/" in path.removeprefix(NOTICES) or not path.endswith(".json"):
                    return (path, "bara filer rattelser/<namn>.json hör till indragningarna och rättelserna")
                continue
            if path.startswith(REVISIONS):
                if "/" in path.removeprefix(REVISIONS) or not path.endswith(".json"):
                    return (path, "bara filer andringar/<namn>.json hör till de rättade uppgifterna")
                named = re.match(r"andring-([0-9a-f]{10})-", path.removeprefix(REVISIONS))
                found = self._resolve(named.group(1)) if named else None
                if found is None or not any(self._is_ancestor(found, parent) for parent in parents):
                    return (path, "en rättad uppgift i arkivet heter efter incheckningen i main som rättade den "
                            "(andringar/andring-<incheckning>-<data>.json), och den incheckningen finns inte i det "
                            "som publiceringen byggde")
                continue
            folder, _, name = path.rpartition("/")
            if folder.rpartition("/")[0].rpartition("/")[2] != "utgavor":
                return (path, "filen ligger utanför utgåvornas mappar (<rapport>/utgavor/<period>/)")
            added.setdefault(folder + "/", {})[name] = (blob, path)
        for folder, names in added.items():
            if folder in folders:
                pdfs = [n for n in names if n.endswith(".pdf")]
                if len(names) != 1 or not pdfs or folders[folder]:
                    name = sorted(set(names) - set(pdfs[:1]))[0] if len(names) > 1 or not pdfs else pdfs[0]
                    return (names[name][1], "utgåvan är redan publicerad, och till en publicerad utgåva lägger publiceringen "
                            "bara till en PDF om den publicerades utan")
                folders[folder] = True
                continue
            if META not in names or ARTICLE not in names:
                missing = META if META not in names else ARTICLE
                return (f"{folder}{missing}", f"en ny utgåva har alltid {META} och {ARTICLE}, och mappen saknar {missing}")
            meta = self._meta(f"{folder}{META}", names[META])
            expected = f"{meta.get('rapport')}utgavor/{meta.get('period')}/"
            if expected != folder:
                return (f"{folder}{META}", f"{META} säger rapporten {meta.get('rapport')} och perioden {meta.get('period')}, "
                        f"vars adress är {expected}")
            listed = meta.get("filer")
            listed = set(listed) if isinstance(listed, list) and all(isinstance(n, str) for n in listed) else None
            if listed is None:
                return (f"{folder}{META}", f"{META} räknar inte upp utgåvans filer (fältet filer)")
            extra = sorted(set(names) - {META, ARTICLE} - listed)
            if extra:
                return (f"{folder}{extra[0]}", f"filen står inte bland utgåvans filer i {META}")
            lacking = sorted(listed - set(names))
            if lacking:
                return (f"{folder}{META}", f"{META} räknar upp filen {lacking[0]}, som mappen saknar")
            pdf = meta.get("pdf")
            if pdf is not None and pdf not in listed:
                return (f"{folder}{META}", f"{META} säger att PDF:en är {pdf}, som inte står bland filerna")
            folders[folder] = any(n.endswith(".pdf") for n in listed)
            self.__dict__.setdefault("added_at", {}).setdefault(folder, position)
        return None

    def _meta(self, path: str, entry: tuple[str, str]) -> dict:
        """A new edition's utgava.json (read once: `_load`'s cache by blob id); {} if it is no JSON object."""
        blob = entry[0]
        known = self.__dict__.setdefault("_known", {})
        if blob not in known:
            try:
                value = json.loads(self.repository.read_blob(blob).decode("utf-8"))
            except (UnicodeDecodeError, ValueError, HistoryError):
                value = None
            if not isinstance(value, dict):
                return {}
            known[blob] = value
        return known[blob]

    # ------------------------------------------------------------ what the last build saw

    def refusals(self, first_record: bool = False) -> list[Problem]:
        """Why a publishing build (--record) must not add to this record: a tag names a commit the
        record's line lacks (set back, deleted, rewritten: the witness needs no cache), it is missing
        (deleted, or a first publication nobody asked for), GitHub's lacks a commit the last build
        read there, or the local branch went its own way."""
        if self.repository is None:
            return []
        if self.commit is None and not fetches_record(self.repository):  # GitHub may well have it (and its tags are here)
            return [RECORD_NOT_FETCHED.problem(ON_GITHUB, 0, 0, branch=BRANCH)]
        forged = self.forged_tags()  # first: a forged tag's advice ("restore from it") would lead back here
        if forged:
            return forged
        behind = self.set_back()
        if behind:
            return [behind]
        seen, own = self._seen()
        if self.commit is None:
            # The cache names a record commit read on GitHub or added there: a record existed and was deleted with
            # its tags (adv17f 63). Only the first record that never reached GitHub (publicerat-1) may be made again.
            if seen and own != f"{TAG}1":
                return [RECORD_DELETED_SEEN.problem(
                    ON_GITHUB, 0, 0, branch=BRANCH, commit=seen[:10], seen=SEEN,
                    how="lade till" if own else "läste på GitHub",
                )]
            opened = _read_json(self.opened_file).get("commit") if self.opened_file and not seen else None
            if isinstance(opened, str) and opened:  # a clone's plain builds read a record here (arkiv-oppnat.json)
                return [RECORD_DELETED_SEEN.problem(ON_GITHUB, 0, 0, branch=BRANCH, commit=opened[:10], seen=OPENED, how="läste")]
            return [] if first_record else [RECORD_MISSING.problem(ON_GITHUB, 0, 0, branch=BRANCH)]
        if seen and self.remote and seen != self.remote and not (
            self._resolve(seen) and (self._is_ancestor(seen, self.remote) or self._foreign(seen) is not None or self._beyond(seen))
        ):  # a commit seen that the publishing did not make (a forgery, since removed) is not missed
            parent, urls = self._seen_added()
            if own and parent and (parent == "-" or self._resolve(parent) and self._is_ancestor(parent, self.remote)):
                # Added by the last build on a record GitHub still has (its own, or one published after it), its tag
                # not there: never pushed (the record job failed; a fresh clone never had the commit). Harmless only
                # if this build publishes every edition it held again: else refused (publish.unpushed_lost, adv17i PW3).
                self.unpushed = RECORD_UNPUSHED.problem(ON_GITHUB, 0, 0, "notice", branch=BRANCH, commit=seen[:10], tag=own)
                self.unpushed_urls = urls
            elif not self._resolve(seen):  # nowhere here, and not on top of GitHub's record: most likely a wrong cache
                return [RECORD_SEEN_UNKNOWN.problem(ON_GITHUB, 0, 0, branch=BRANCH, commit=seen[:10], seen=SEEN)]
            else:
                return [RECORD_REWOUND_SEEN.problem(ON_GITHUB, 0, 0, branch=BRANCH, commit=seen[:10], seen=SEEN)]
        if self.diverged:
            return [RECORD_DIVERGED.problem(HERE, 0, 0, branch=BRANCH)]
        return []

    def set_back(self) -> Problem | None:
        """The refusal for the newest tag publicerat-<n> whose commit is not in the record's line
        (the record's first parents), or None. Restoring the branch to that tag's commit is a
        fast-forward when the branch was set back or deleted, a force-push when it was rewritten."""
        line = self._line()
        missing = sorted((n for n, c in self.tags.items() if c not in line and self.tag_problem(n) is None), key=_tag_number)
        if not missing:
            return None
        tag = missing[-1]
        commit = self.tags[tag]
        if self.commit is not None and self._is_ancestor(self.commit, commit):
            # Only this clone's origin/publicerat may be behind (git fetch origin main fetched the tags, not the
            # branch): GitHub's is asked, and a whole one is fetched, not restored (adv17f 101).
            behind = self.behind_github()
            if behind is not None and behind.code == RECORD_BEHIND.code:
                return dataclasses.replace(behind, severity="error")
        github = self._on_github()
        there = (github or {}).get(f"refs/tags/{tag}")
        if there and there != commit and github.get(LOCAL_REF) == self.remote and self._is_ancestor(there, self.remote or there):
            # GitHub has not this tag on this commit, and its branch is the one read here: the tag was made by a
            # build on this machine and never pushed (adv17g 4: CI published the same month first). GitHub's record
            # is whole; nothing of this clone's is to go there.
            return RECORD_LOCAL_TAG.problem(HERE, 0, 0, branch=BRANCH, commit=commit[:10], tag=tag, github=there[:10])
        seen, _own = self._seen()
        if (seen and seen != commit and self._resolve(seen) and self._is_ancestor(commit, seen)
                and (self.commit is None or self._is_ancestor(self.commit, seen))
                and self._foreign(seen) is None and not self._beyond(seen)):
            # The cache knows a newer record commit of the publishing's on top of the tag: restoring from the tag would
            # lose it, and the next build would record its editions again (adv17j PW2).
            return RECORD_REWOUND_NEWER.problem(ON_GITHUB, 0, 0, branch=BRANCH, commit=commit[:10], tag=tag, seen=seen[:10])
        if self.commit is None or self._is_ancestor(self.commit, commit):
            restore = f"git push origin '{tag}^{{commit}}:refs/heads/{BRANCH}'"
        else:
            restore = (f"git push --force origin '{tag}^{{commit}}:refs/heads/{BRANCH}' (med force-push tillfälligt "
                       "tillåtet i reglerna för grenen)")
        return RECORD_REWOUND.problem(ON_GITHUB, 0, 0, branch=BRANCH, commit=commit[:10], tag=tag, restore=restore)

    def _tags(self) -> dict[str, str]:
        out = self.repository._git(
            "for-each-ref", "--format=%(refname:strip=2) %(objecttype) %(objectname) %(*objectname)", f"refs/tags/{TAG}*",
        )
        found = {}
        self._lightweight = set()  # tags the publishing did not make: it makes annotated ones (`append`)
        for line in out.splitlines():
            name, kind, *ids = line.split()
            if name.removeprefix(TAG).isdigit():
                found[name] = ids[-1]  # an annotated tag: the commit it points at
                if kind != "tag":
                    self._lightweight.add(name)
        return found

    def tag_problem(self, tag: str) -> str | None:
        """Why the tag `tag` is not the publishing's witness (None: it is): the publishing tags its n-th record
        commit publicerat-<n>, annotated, in a line it made from the empty start (`append`)."""
        commit = self.tags[tag]
        position, bad = self._entry(commit)
        if bad is not None:
            sha, path, why = bad
            return f"incheckningen {sha[:10]} i dess linje lade till {path or '(ingen fil)'}: {why}"
        if position != _tag_number(tag):
            return f"incheckningen är arkivets incheckning nummer {position}, och dess tagg heter {TAG}{position}"
        if tag in getattr(self, "_lightweight", set()):
            return "taggen är ingen annoterad tagg, som publiceringens"
        return self._beyond(commit)

    def _beyond(self, commit: str) -> str | None:
        """`vouch`'s word on a commit outside the record's line (None for one in it: the record's own checks judge
        those), asked once per commit."""
        if self.vouch is None or commit in self._line():
            return None
        kept = self.__dict__.setdefault("_vouched", {})
        if commit not in kept:
            kept[commit] = self.vouch(commit)
        return kept[commit]

    def _line(self) -> set[str]:
        """The record's own line (its first parents), listed once."""
        if "_line_set" not in self.__dict__:
            self._line_set = set(self.repository._git("rev-list", "--first-parent", self.commit).split()) if self.commit else set()
        return self._line_set

    def forged_tags(self) -> list[Problem]:
        """A refusal for each tag publicerat-<n> the publishing did not make (`tag_problem`)."""
        found = []
        for tag in sorted(self.tags, key=_tag_number):
            why = self.tag_problem(tag)
            if why:
                found.append(RECORD_FORGED_TAG.problem(ON_GITHUB, 0, 0, tag=tag, commit=self.tags[tag][:10], why=why))
        return found

    def missing_tags(self) -> list[Problem]:
        """A notice for each record commit after the first tagged one whose tag publicerat-<n> is gone (deleted on
        GitHub and pruned here, or deleted here: adv17e fault 72). A record from before the tags has no tags for
        its first commits: only the numbers from the oldest tag on are looked for."""
        if not self.tags or self.commit is None:
            return []
        self._entry(self.commit)
        first = min(_tag_number(t) for t in self.tags)
        return [
            RECORD_TAG_MISSING.problem(ON_GITHUB, 0, 0, "notice", tag=f"{TAG}{number}", number=number, commit=sha[:10], branch=BRANCH)
            for sha, number, _built in getattr(self, "_chain", []) if number > first and f"{TAG}{number}" not in self.tags
        ]

    def newest_tag(self) -> str | None:
        return max(self.tags, key=_tag_number) if self.tags else None

    def remember(self, commit: str | None = None) -> None:
        """Note the record as GitHub has it, or the commit (and its tag) this build added, which the
        publish workflow pushes next (`arkivet-inte-pa-github` if it never arrives), with the record commit it
        was added on and the editions it added: "<commit> <tag> <parent> <edition address>…"."""
        if self.appended:
            line = " ".join([self.appended, self.appended_tag or OWN, self.commit or "-", *self.appended_urls])
        else:
            line = commit or self.remote
        # Checked like every cache file (data/cache.py): a line edited by hand reads as absent, never as advice.
        if self.seen_file and line:
            cache.write_text(self.seen_file, line + "\n")
        self._remember_proven()

    def _remember_proven(self) -> None:
        """Note the record's line, judged the publishing's by this build, whose every check passed (and the commit
        it added): later builds judge only what comes after it (`_read_line`)."""
        chain = list(getattr(self, "_chain", []))
        if not self.proven_file or not chain or self._foreign(chain[-1][0]) is not None:
            return
        if self.appended:
            chain.append((self.appended, chain[-1][1] + 1, self.repository._git("rev-parse", f"{self.appended}^2").strip()))
        text = "".join(f"{sha} {number} {built}\n" for sha, number, built in chain)
        cache.write_text(self.proven_file, text)

    def _seen_words(self) -> list[str]:
        return ((cache.read_text(self.seen_file) if self.seen_file else None) or "").split()

    def _seen(self) -> tuple[str | None, str | None]:
        """(the commit the last build read or added, its tag if that build added it itself)."""
        words = self._seen_words()
        return (words[0] if words else None), (words[1] if len(words) > 1 else None)

    def _seen_added(self) -> tuple[str | None, list[str]]:
        """(the record commit the last build added its commit on, the editions it added), as `remember` wrote them."""
        words = self._seen_words()
        return (words[2] if len(words) > 2 else None), words[3:]

    def first_unpushed(self) -> bool:
        """Whether the last build made this site's first record and it never reached GitHub (publicerat-1 its own
        in arkiv-sett.txt): the site may show those editions already (the deploy comes before the record's push)."""
        return self._seen()[1] == f"{TAG}1"

    def added_by(self, url: str) -> str:
        """The record commit that added an edition's folder (for a message that says which to undo)."""
        out = self.repository._git(
            "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--name-only", "--format=%x01%H",
            self.commit, "--", f"{url}{META}",
        )
        chunks = out.split("\x01")[1:]
        return chunks[-1].split()[0] if chunks else "?"

    def read(self, blob: str) -> bytes:
        return self.repository.read_blob(blob)

    def materialize(self, blob: str, folder: Path) -> Path:
        """A recorded file as a file on disk, `folder/<blob id>`, unpacked once (content-addressed).
        Nothing in the site folder links to these files (the site gets copies), so what a deploy
        step writes into the site never reaches them. Before its first use in a build the file is
        proven to be its blob (data/cache.is_blob): one changed in the cache (by hand, a tool) is
        unpacked again and said, never published. Only the files of editions framed now are read."""
        path = Path(folder) / blob
        proven = self.__dict__.setdefault("_materialized", set())
        if path in proven:
            return path
        try:
            content = path.read_bytes()
        except OSError:
            content = None
        if content is None or not cache.is_blob(blob, content):
            if content is not None:
                cache.blob_changed(path, blob, BRANCH)
            cache.write_raw(path, self.read(blob))
        proven.add(path)
        return path

    def materialize_all(self, blobs, folder: Path) -> None:
        """`materialize` for many blobs at once: those not on disk yet are read through ONE
        `git cat-file --batch` fed every id at once (a round trip per blob costs a millisecond
        or more; a first build places thousands of recorded editions)."""
        folder = Path(folder)
        missing = sorted({b for b in blobs if b and not (folder / b).exists()})
        if not missing or self.repository is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.repository.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        feeder = threading.Thread(target=_feed, args=(process.stdin, missing), daemon=True)
        feeder.start()  # a thread writes the ids while this one reads: neither pipe fills up and blocks
        try:
            for blob in missing:
                header = process.stdout.readline().split()
                if len(header) != 3:
                    raise HistoryError(f"git hittar inte filversionen {blob} i grenen {BRANCH}.")
                content = process.stdout.read(int(header[2]))
                process.stdout.read(1)  # the newline after the content
                cache.write_raw(folder / blob, content)
                self.__dict__.setdefault("_materialized", set()).add(folder / blob)  # straight from git: proven
        finally:
            feeder.join()
            process.stdout.close()
            process.wait()


_ON_GITHUB: dict[tuple[str, str | None], dict[str, str] | None] = {}  # Record._on_github's answers in this process
_COMPARED: dict[tuple[str, str | None], Problem | None] = {}  # Record.behind_github's answers in this process


def fetches_record(repository: Repository) -> bool:
    """False when the record is not here and this clone's `origin` never fetches it (`git clone
    --single-branch`: remote.origin.fetch names main only). A clone without `origin` (a project that
    is not on GitHub) has nothing to fetch: True."""
    if any(repository._git("for-each-ref", "--format=%(refname)", ref).strip() for ref in (LOCAL_REF, REMOTE_REF)):
        return True
    try:
        specs = repository._git("config", "--get-all", "remote.origin.fetch").split()
    except HistoryError:  # no origin (or no refspec): nothing this clone could fetch
        return True
    sources = [spec.lstrip("+").partition(":")[0] for spec in specs]
    return any(source in ("refs/heads/*", LOCAL_REF) for source in sources)


_CODE: list[str] = []


def _code_digest() -> str:
    """A digest of every module of macros/ (read once per process)."""
    if not _CODE:
        digest = hashlib.sha256()
        package = Path(__file__).resolve().parents[1]
        for path in sorted(package.rglob("*.py")):
            if "__pycache__" not in path.parts:
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def _tag_number(name: str) -> int:
    return int(name.removeprefix(TAG))


def _feed(stdin, blobs: list[str]) -> None:
    try:
        stdin.write("".join(f"{b}\n" for b in blobs).encode())
    finally:
        stdin.close()


def _revision_shape(value: dict, path: str) -> bool:
    """Whether a recorded revision is as the publishing writes it: named by its anchor (`andring-<commit>-<dataset>`),
    its values [[dataset, row key, field, field title, row label, old, new]], its date a moment with its offset."""
    anchor = value["anchor"]
    if path != f"{REVISIONS}{anchor}.json" or not re.fullmatch(r"andring-[0-9a-f]{10}-[a-z0-9-]+", anchor):
        return False
    return _moment(value["date"]) and bool(value["values"]) and all(
        isinstance(row, list) and len(row) == 7 and all(isinstance(v, str) for v in row) for row in value["values"])


def _moment(value) -> bool:
    """Whether `value` is a moment with its offset ("2022-10-01T08:03:00+02:00"), as the publishing writes one."""
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _read_json(path: Path) -> dict:
    """A JSON object kept in the cache (data/cache.py: checked against its checksum), else {}."""
    value = cache.read_json(path, {})
    return value if isinstance(value, dict) else {}


def append(
    repository: Repository, record: Record, editions: list[NewEdition], message: str, notices: dict[str, dict] | None = None,
    revisions: dict[str, dict] | None = None, moment: dt.datetime | None = None,
) -> str | None:
    """Add `editions` (and published withdrawals and corrections, `notices` by anchor) to the branch
    `publicerat` in one commit on top of what `record` read. Returns the new commit (None: nothing
    to add). A path already in the record is never replaced: of an edition already recorded only
    files it does not hold yet are added (a PDF printed by a later build: an addition, as the
    record allows, not a rewrite; its utgava.json stays as it was). `moment`: the publishing's, which dates the
    editions it adds (pages/editions.Archive.publish_now), is the commit's time too: what the record's check
    holds an edition's date to."""
    editions = [e for e in editions if e.url not in record.editions or _added_files(record, e)]
    notices = {anchor: fields for anchor, fields in (notices or {}).items() if anchor not in record.notices}
    revisions = {anchor: fields for anchor, fields in (revisions or {}).items() if anchor not in record.revisions}
    if not editions and not notices and not revisions:
        return None
    git = repository._git
    with tempfile.TemporaryDirectory() as temporary:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(temporary) / "index")}
        for role in ("AUTHOR", "COMMITTER"):  # the workflow's clone has no user: the record names the publishing step
            env.setdefault(f"GIT_{role}_NAME", "Publiceringen")
            env.setdefault(f"GIT_{role}_EMAIL", "publicering@invalid")
            if moment is not None:
                env[f"GIT_{role}_DATE"] = moment.isoformat(timespec="seconds")

        def run(*args: str, data: bytes | None = None) -> str:
            result = subprocess.run(["git", *args], cwd=repository.root, env=env, input=data, capture_output=True, check=False)
            if result.returncode != 0:
                raise HistoryError(f"git {args[0]} misslyckades: {result.stderr.decode(errors='replace').strip()}")
            return result.stdout.decode()

        if record.commit:
            run("read-tree", record.commit)
        else:
            run("read-tree", "--empty")
        for edition in editions:
            if edition.url in record.editions:
                for name, path in sorted(_added_files(record, edition).items()):
                    blob = run("hash-object", "-w", "--", str(path)).strip()
                    run("update-index", "--add", "--cacheinfo", f"100644,{blob},{edition.url}{name}")
                continue
            files = dict(edition.files)
            meta = {**edition.meta, "filer": sorted(files)}
            blobs = {
                META: run("hash-object", "-w", "--stdin", data=(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()),
                ARTICLE: run("hash-object", "-w", "--stdin", data=edition.article),
            }
            for name, path in files.items():
                blobs[name] = run("hash-object", "-w", "--", str(path))
            for name, blob in sorted(blobs.items()):
                run("update-index", "--add", "--cacheinfo", f"100644,{blob.strip()},{edition.url}{name}")
        for anchor, fields in sorted(notices.items()):
            blob = run("hash-object", "-w", "--stdin", data=(json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
            run("update-index", "--add", "--cacheinfo", f"100644,{blob.strip()},{NOTICES}{anchor}.json")
        for anchor, fields in sorted(revisions.items()):
            blob = run("hash-object", "-w", "--stdin", data=(json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
            run("update-index", "--add", "--cacheinfo", f"100644,{blob.strip()},{REVISIONS}{anchor}.json")
        tree = run("write-tree").strip()
        # The record's own line comes first; a new record starts with an empty commit of its own, so
        # that main's commit is never a first parent.
        start = record.commit or run("commit-tree", run("mktree", data=b"").strip(), "-m", "Arkivet över publicerade utgåvor").strip()
        built = run("rev-parse", "--verify", "--quiet", "HEAD^{commit}").strip()
        parents = ["-p", start] + (["-p", built] if built else [])  # keeps the editions' commits on main reachable (see above)
        commit = run("commit-tree", tree, *parents, "-m", message).strip()
        # Moves the local branch only from what it was (none, or an older record than the one read).
        git("update-ref", "-m", "utgåvor publicerade", LOCAL_REF, commit, record._resolve(LOCAL_REF) or "0" * 40)
        # Its witness: publicerat-<n>, the n-th commit the publishing added (the empty start is not counted),
        # pushed with the branch in one atomic push (git push --atomic --follow-tags origin publicerat).
        tag = f"{TAG}{int(run('rev-list', '--first-parent', '--count', commit).strip()) - 1}"
        # -f: a tag of that name here names a commit outside the record's line, which --record refuses
        # (`set_back`) unless it is this clone's own, never pushed: replaced, as the local branch was.
        run("tag", "-f", "-a", "-m", message, tag, commit)
    record.appended, record.appended_tag = commit, tag
    record.appended_urls = [e.url for e in editions if e.url not in record.editions]
    return commit


def _added_files(record: Record, edition: NewEdition) -> dict[str, Path]:
    """The files of `edition` that its recorded folder does not hold yet (never utgava.json or the article)."""
    recorded = record.editions.get(edition.url)
    if recorded is None:
        return dict(edition.files)
    return {name: path for name, path in edition.files.items() if name not in recorded.files and name not in (META, ARTICLE)}
