"""Editions, what is new, and PDFs, as staff and readers meet them.

The tests' project (conftest.site_project) is built once with PDFs (conftest.pdf_site, shared
with lasare/test_pdf.py); then, in a copy of it, as staff would, a month is added to Åstorp in
one commit and an earlier month is revised in a second, and the site is built again. The checks read what readers
get: the living page, the earlier edition, the "Nytt och ändrat" page, the Atom feed,
and the text of each report's first PDF (pdftotext).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PINNED, require_tool, site_pages, site_project


from macros.formats import swedish
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros
from forked_python import run_python

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
GOLDEN = sorted((REPO / "tests" / "golden").glob("*.yaml"))
REPORTS = {"000": "astorp/", "001": "katrineholm/", "002": "lund-2021/", "003": "namndrapport/", "004": "lund-2022/"}
ATOM = "{http://www.w3.org/2005/Atom}"
NUMBER = re.compile(r"[+\u2212]?\d{1,3}(?: \d{3})*(?:,\d+)?(?: ?%| tkr| kr)?")
NEW_ROW = "2022-09;250;180;1 612;;"
# Words that say a page is unfinished: a reader must never see them.
PLACEHOLDERS = re.compile(
    r"publiceras när|kommer snart|\bTODO\b|lorem ipsum|placeholder|platshållare|\bXXX\b",
    re.IGNORECASE,
)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def build(project: Path, site: str, *extra: str) -> Path:
    result = run_python(
        [sys.executable, "scripts/build.py", "--site-dir", site, *extra],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ", strip=True).replace("\u00a0", " ").replace("\u00ad", "")).strip()


def visible(element) -> str:
    """What a reader sees of an element: without footnote marks and screen-reader-only words."""
    copy = BeautifulSoup(str(element), "html.parser")
    for hidden in copy.select("sup.note-ref, .visually-hidden, a.headerlink"):
        hidden.decompose()
    return text(copy)


@pytest.fixture(scope="module")
def project(tmp_path_factory, pdf_site) -> Path:
    """The tests' project (pinned series, one commit of history) in a copy of its own, with the
    editions cache of its first build (`first`), as a project has after a build."""
    target = tmp_path_factory.mktemp("klon") / "projekt"
    shutil.copytree(pdf_site.parent, target, symlinks=True, ignore=shutil.ignore_patterns("site"))
    git(target, "config", "user.name", "Testperson")
    git(target, "config", "user.email", "test@example.invalid")
    return target


@pytest.fixture(scope="module")
def first(pdf_site) -> Path:
    """The site before the new month, with PDFs: the run's shared build (conftest.pdf_site). Read only."""
    return pdf_site


@pytest.fixture(scope="module")
def second(project, first) -> tuple[Path, str, str]:
    """Staff add September 2022 in one commit, then correct July's households in another. Returns the site,
    the correcting commit's date and its moment (ISO): the feed gives that moment in Swedish time, which
    is the next day between 23:00 and 24:00 UTC."""
    data = project / "data/astorp/forsorjningsstod.csv"
    data.write_text(data.read_text(encoding="utf-8") + NEW_ROW + "\n", encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "Åstorp: september 2022")
    lines = data.read_text(encoding="utf-8").splitlines()
    (july,) = [i for i, line in enumerate(lines) if line.startswith("2022-07;")]
    assert lines[july].split(";")[2] == "167"
    fields = lines[july].split(";")
    fields[2] = "169"
    lines[july] = ";".join(fields)
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "Åstorp: efterregistrering juli 2022")
    revised_on = swedish.day(git(project, "log", "-1", "--format=%cI").strip()).isoformat()  # the Swedish day
    committed = git(project, "log", "-1", "--format=%cI").strip()
    return build(project, "site-andra"), revised_on, committed


def cell(page: BeautifulSoup, dataset: str, key: str, field: str) -> list[str]:
    return [
        text(td) for table in page.select(f'table[data-dataset="{dataset}"]')
        for td in table.select(f'td[data-key="{key}"][data-field="{field}"]')
    ]


# ---------------------------------------------------------------- a month added, a month revised


def test_living_page_shows_the_new_month(second):
    site, _, _ = second
    page = soup(site / "astorp/index.html")
    assert cell(page, "astorp/forsorjningsstod", "2022-09", "hushall")[0] == "180"
    assert "uppföljning jan 2021–sep 2022" in text(page.select_one("article"))
    assert "Uppgifterna avser jan 2021–sep 2022." in text(page.select_one(".chart-meta"))
    # The text written for August is not beside September's figures, but stays in August's edition.
    assert page.find(id="varfor-minskade-forsorjningsstodet-fram-till-augusti-2022") is None
    editions = [(text(li.a), text(li)) for li in page.select(".editions-list li")]
    assert [name for name, _ in editions] == ["september 2022", "augusti 2022"]
    assert "(senaste), publicerad" in editions[0][1] and "(senaste)" not in editions[1][1]


def test_previous_edition_keeps_its_own_figures(first, second):
    site, _, _ = second
    page = soup(site / "astorp/utgavor/2022-08/index.html")
    assert cell(page, "astorp/forsorjningsstod", "2022-09", "hushall") == []
    assert cell(page, "astorp/forsorjningsstod", "2022-08", "hushall")[0] == "176"
    assert set(cell(page, "astorp/forsorjningsstod", "2022-07", "hushall")) == {"167"}  # before the revision
    assert page.find(id="varfor-minskade-forsorjningsstodet-fram-till-augusti-2022") is not None
    for toc in page.select('[data-md-component="toc"]'):  # the sidebar's, and the one for small screens
        assert "#varfor-minskade-forsorjningsstodet-fram-till-augusti-2022" in [a["href"] for a in toc.select("a")]
    assert "Uppgifterna avser jan 2021–aug 2022." in text(page.select_one(".chart-meta"))
    banner = page.select_one(".edition-banner")
    assert text(banner).startswith("Utgåva augusti 2022 Publicerad ")
    # That a newer edition exists, not which: the living page shows the newest (a new month changes no older banner).
    newer = banner.select_one(".edition-facts .edition-newer")
    assert text(newer) == "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan ."
    assert urljoin("https://x.invalid/astorp/utgavor/2022-08/", newer.a["href"]) == "https://x.invalid/astorp/"
    # Nothing in August's edition changed when September came, but the banner (and the new chart CSV names).
    before = soup(first / "astorp/utgavor/2022-08/index.html").select_one("article")
    before.select_one(".edition-banner").decompose()
    page.select_one(".edition-banner").decompose()
    assert str(before) == str(page.select_one("article"))
    assert set(p.name for p in (site / "astorp/utgavor/2022-08").iterdir()) == set(
        p.name for p in (first / "astorp/utgavor/2022-08").iterdir() if p.suffix != ".pdf"
    )
    assert (site / "astorp/utgavor/2022-09/index.html").exists()
    assert set(cell(soup(site / "astorp/utgavor/2022-09/index.html"), "astorp/forsorjningsstod", "2022-07", "hushall")) == {"169"}


def test_new_and_revised_are_listed_newest_first(second):
    site, revised_on, _ = second
    page = soup(site / "nytt-och-andrat/index.html")
    items = page.select(".changes-list > li")
    first_two = [text(li) for li in items[:2]]
    revised_day = dt.date.fromisoformat(revised_on)
    assert items[0].select_one("time")["datetime"] == revised_on
    assert "Rättade uppgifter: " in first_two[0] and "Antal hushåll, juli 2022: 167 → 169" in first_two[0]
    assert "Ny utgåva: Försörjningsstöd och unga i KAA – Åstorp: september 2022" in first_two[1]
    assert f"{revised_day.day} " in text(items[0].select_one("time"))


def test_feed_is_atom_and_lists_the_new_month_and_the_revision(second):
    site, revised_on, committed = second
    feed = ET.parse(site / "nytt-och-andrat.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "https://example.invalid/socialrapporter/nytt-och-andrat.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{name}").text or "").strip(), name
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)  # RFC 3339
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://example.invalid/socialrapporter/")
    assert entries[0].find(f"{ATOM}summary").text.startswith(
        f"Rättat {swedish.date_long(revised_on)}: Antal hushåll, juli 2022: 167 → 169;"
    )
    assert dt.datetime.fromisoformat(entries[0].find(f"{ATOM}updated").text) == dt.datetime.fromisoformat(committed)
    assert ids[1] == "https://example.invalid/socialrapporter/astorp/utgavor/2022-09/"


def test_zensical_build_gets_the_same_editions(project, second):
    result = run_python(
        [sys.executable, "scripts/build.py", "--generator", "zensical"], cwd=project, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site, _, _ = second
    page = soup(project / "site/astorp/utgavor/2022-08/index.html")
    assert cell(page, "astorp/forsorjningsstod", "2022-09", "hushall") == []
    assert text(page.select_one(".edition-facts .edition-newer")) == "Det finns en nyare utgåva: de senaste siffrorna finns på den löpande sidan ."
    assert (project / "site/nytt-och-andrat.xml").read_bytes() == (site / "nytt-och-andrat.xml").read_bytes()


# ---------------------------------------------------------------- the first edition of every report, and its PDF


def golden(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["figures"]


def shown_field(project: Path, dataset: str, field: str) -> str:
    """A `publicerat_*` column is shown as the computed field it checks (see tests/test_golden.py)."""
    schema = yaml.safe_load((project / "data" / f"{dataset}.schema.yaml").read_text(encoding="utf-8"))
    return next((d["name"] for d in schema.get("derived") or [] if d.get("published") == field), field)


def first_edition(site: Path, report: str) -> Path:
    (folder,) = sorted(p for p in (site / report / "utgavor").iterdir() if p.is_dir())  # the folder also has its own page
    return folder


def pdf_text(pdf: Path) -> str:
    require_tool(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_figures_in_first_edition_and_its_pdf(project, first, path):
    folder = first_edition(first, REPORTS[path.stem[:3]])
    page = soup(folder / "index.html")
    (pdf,) = folder.glob("*.pdf")
    printed = pdf_text(pdf)
    missing = []
    for figure in golden(path):
        field = shown_field(project, figure["dataset"], figure["field"])
        key = str(figure["key"])
        elements = [
            e for e in page.select(f'[data-key="{key}"][data-field="{field}"]')
            if (e.get("data-dataset") or e.find_parent(attrs={"data-dataset": True}).get("data-dataset")) == figure["dataset"]
        ]
        if not elements:
            missing.append(f"sidan: {figure['dataset']} {key} {field}")
            continue
        for element in elements:
            if element.get("data-missing") == "true":
                continue  # shown as the legend's mark; the golden test checks it is a missing value
            shown = visible(element)
            if shown not in printed:
                missing.append(f"PDF: {figure['dataset']} {key} {field} = {shown!r}")
    assert not missing, "\n".join(missing)


def test_pdfs_are_a4_swedish_titled_with_bookmarks_and_every_table(first):
    from pypdf import PdfReader

    pdfs = sorted(first.glob("*/utgavor/*/*.pdf"))
    reports = [f"{pdf.relative_to(first).parts[0]}/" for pdf in pdfs]  # the examples, and any other report the site has
    assert set(REPORTS.values()) <= set(reports) and len(reports) == len(set(reports)), f"en PDF per rapportutgåva: {reports}"
    for pdf in pdfs:
        reader = PdfReader(pdf)
        page = soup(pdf.parent / "index.html")
        period = text(page.select_one(".edition-banner .admonition-title")).removeprefix("Utgåva ")
        assert reader.metadata.title == text(page.select_one("title"))
        assert f", utgåva {period} - " in reader.metadata.title
        assert reader.trailer["/Root"]["/Lang"] == "sv"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (596, 843)  # A4 in points
        bookmarks = [item.title for item in _flat(reader.outline)]
        # The editions list and its heading are for the screen only (site.css, @media print).
        headings = [visible(h) for h in page.select("article h1, article h2, article h3")
                    if not (h.name == "h2" and h.find_next_sibling() is not None and "editions-list" in (h.find_next_sibling().get("class") or []))]
        # Chromium drops the space where a heading wraps; soft hyphens (Pyphen's break points) are not text.
        squeeze = lambda items: [re.sub(r"[\s\u00ad\u2010]", "", t) for t in items]  # a soft hyphen at a wrap becomes U+2010 in the outline  # noqa: E731
        assert squeeze(bookmarks) == squeeze(headings), pdf.name
        printed = pdf_text(pdf)
        plain = printed.replace("\u00ad", "")  # Chromium keeps the soft hyphens in the PDF's text
        tables = page.select("article table")
        assert tables, pdf.name
        for table in tables:  # every cell of every table, the charts' tables too
            for td in table.select("td, th"):
                shown = visible(td)
                # A figure whole; a text cell word by word, and a word piece by piece where it may
                # break at a soft hyphen (a long heading wraps inside its cell).
                words = [] if NUMBER.fullmatch(shown) else [w for w in re.split(r"\s+|(?<=-)(?=\w)|\u00ad", shown) if w]
                # A word may break at any of Swedish hyphenation's points, so each piece is looked for.
                parts = [shown] if not words else [p for w in words for p in (w if w in plain else swedish.hyphenate(w)).split("\u00ad") if p]
                assert all(p in printed or p in plain for p in parts), f"{pdf.name}: tabellen {table.get('id')} saknar {shown!r} i PDF:en"
        assert "Det finns en nyare utgåva" not in printed and "Ladda ner som PDF" not in printed
        assert "Hänvisa till utgåvan" in printed


def _flat(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


def test_edition_links_its_pdf(first):
    for report in REPORTS.values():
        folder = first_edition(first, report)
        link = soup(folder / "index.html").select_one(".edition-pdf a")
        assert text(link) == "Ladda ner som PDF"
        assert (folder / link["href"]).is_file()


# ---------------------------------------------------------------- the whole site


def test_no_public_page_has_placeholder_text(built_site):
    found = []
    for page in site_pages(built_site, include_404=True):
        body = soup(page).select_one("article") or soup(page).body
        for match in PLACEHOLDERS.finditer(text(body)):
            found.append(f"{page.relative_to(built_site)}: {match.group()!r}")
    assert not found, "\n".join(found)


def test_every_page_links_the_feed(built_site):
    for page in site_pages(built_site, include_404=True):
        link = soup(page).select_one('head link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None, page
        if page.name == "index.html" and page.parent != built_site:
            depth = len(page.relative_to(built_site).parts) - 1
            assert link["href"] == "../" * depth + "nytt-och-andrat.xml", page
    ET.parse(built_site / "nytt-och-andrat.xml")


def test_every_report_lists_its_editions_and_each_edition_exists(built_site):
    for report in REPORTS.values():
        links = soup(built_site / report / "index.html").select(".editions-list a")
        assert links, report
        for a in links:
            assert (built_site / report / a["href"] / "index.html").is_file(), (report, a["href"])


def test_the_editions_folder_lists_every_edition(built_site):
    """An edition's address cut back to its folder (`astorp/utgavor/`) still finds every edition."""
    for report in REPORTS.values():
        living = [urljoin(f"https://x.invalid/{report}", a["href"]) for a in soup(built_site / report / "index.html").select(".editions-list a")]
        page = soup(built_site / report / "utgavor/index.html")
        assert text(page.select_one("article h1")).startswith("Utgåvor av "), report
        listed = [urljoin(f"https://x.invalid/{report}utgavor/", a["href"]) for a in page.select(".editions-archive li > a:first-child")]
        assert listed == [u for u in living if not u.endswith(".pdf")], report
        back = page.select_one("article p a")
        assert urljoin(f"https://x.invalid/{report}utgavor/", back["href"]) == f"https://x.invalid/{report}"


def test_planned_measures_are_for_authors_not_readers(built_site):
    result = run_python([sys.executable, str(REPO / "scripts/validate.py"), "--root", str(site_project())], capture_output=True, text=True)
    notice = [line for line in result.stdout.splitlines() if line.startswith("data/namndrapport/nyckeltal.schema.yaml") and "notering:" in line]
    assert notice and "planerade mått har inga värden ännu och visas inte på webbplatsen" in notice[0]
    assert "Öppna ekonomiutredningar" in notice[0]
    page = text(soup(built_site / "namndrapport/index.html").select_one("article"))
    assert "Månadsserien publiceras" not in page and "planerade mått" not in page


# ---------------------------------------------------------------- period_text


def test_period_text_shows_only_on_its_period():
    macros = PageMacros(Build(site_project()))
    macros.start_page("astorp/", meta={"manadsserie": "astorp/forsorjningsstod"})
    latest = macros.load("astorp/forsorjningsstod").latest_period
    assert macros.period_text(latest, caller=lambda: "Text för perioden.") == "Text för perioden."
    with pytest.raises(ValueError, match=r"texten för 2000-01 visas aldrig"):  # a month the page never reaches
        macros.period_text("2000-01", caller=lambda: "Text för perioden.")
    with pytest.raises(ValueError, match="ÅÅÅÅ-MM"):
        macros.period_text("augusti 2022", caller=lambda: "x")
    macros.start_page("om/", meta={})
    with pytest.raises(ValueError, match="manadsserie eller rapportperiod"):
        macros.period_text(latest, caller=lambda: "x")
    assert macros.period_text(latest, dataset="astorp/forsorjningsstod", caller=lambda: "Ja.") == "Ja."
    macros.start_page("katrineholm/", meta={"rapportperiod": "tertial 1 2019"})
    assert macros.period_text("tertial 1 2019", caller=lambda: "Ja.") == "Ja."
    with pytest.raises(ValueError, match="inte sidans period"):
        macros.period_text("tertial 2 2019", caller=lambda: "x")


# ---------------------------------------------------------------- the history walk


def test_editions_follow_main_first_parent_line(tmp_path):
    """A month added on a branch and merged is published by the merge; the branch's own
    commits were never published. History before the page declares its period is no edition."""
    from macros.pages.editions import Archive

    root = tmp_path / "projekt"
    (root / "data/astorp").mkdir(parents=True)
    (root / "docs").mkdir()
    for suffix in (".csv", ".schema.yaml"):
        shutil.copy(PINNED / f"astorp/forsorjningsstod{suffix}", root / f"data/astorp/forsorjningsstod{suffix}")
    page = root / "docs/astorp.md"
    page.write_text("---\ntitle: Åstorp\n---\n# Åstorp\n", encoding="utf-8")
    git(tmp_path, "init", "--quiet", "-b", "main", str(root))
    git(root, "config", "user.name", "Testperson")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Före utgåvorna")
    page.write_text("---\ntitle: Åstorp\nmanadsserie: astorp/forsorjningsstod\n---\n# Åstorp\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Perioden ur data")
    git(root, "checkout", "--quiet", "-b", "september")
    data = root / "data/astorp/forsorjningsstod.csv"
    data.write_text(data.read_text(encoding="utf-8") + NEW_ROW + "\n", encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "September")
    git(root, "checkout", "--quiet", "main")
    git(root, "merge", "--quiet", "--no-ff", "-m", "Slå ihop september", "september")

    archive = Archive(root, [{"Åstorp": "astorp.md"}], root / "docs")
    editions = archive.editions("astorp/")
    commits = archive.history.commits
    assert [e.period.id for e in editions] == ["2022-08", "2022-09"]
    assert [e.latest for e in editions] == [False, True]
    august, september = editions
    assert git(root, "log", "-1", "--format=%s", august.last_sha).strip() == "Perioden ur data"
    assert git(root, "log", "-1", "--format=%s", september.first_sha).strip() == "Slå ihop september"
    assert len(commits) == 3  # the branch's own commit is not on the first-parent line
    assert september.url == "astorp/utgavor/2022-09/"


# ---------------------------------------------------------------- kept editions follow the site's look


def test_past_editions_take_a_new_site_look_and_keep_their_figures(project, second):
    """Past editions are kept framed between builds (put back into the site folder, not framed
    again): a new look of the site (here its name) must still reach every one of them, with their own figures."""
    site, _, _ = second
    new_name = "Socialtjänstens uppföljning, ny rubrik"
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    assert not (site / "astorp/utgavor").is_symlink()
    assert new_name not in (site / "astorp/utgavor/2022-08/index.html").read_text(encoding="utf-8")
    config.write_text(original.replace("site_name: Uppföljning av ekonomiskt bistånd och arbetsmarknadsinsatser", f"site_name: {new_name}", 1), encoding="utf-8")
    try:
        build(project, "site-andra")
        for edition in site_pages(site / "astorp/utgavor"):
            assert new_name in text(soup(edition).select_one("header")), edition
        august = soup(site / "astorp/utgavor/2022-08/index.html")
        assert set(cell(august, "astorp/forsorjningsstod", "2022-07", "hushall")) == {"167"}
        assert cell(august, "astorp/forsorjningsstod", "2022-09", "hushall") == []
    finally:
        config.write_text(original, encoding="utf-8")
        build(project, "site-andra")
    assert new_name not in (site / "astorp/utgavor/2022-08/index.html").read_text(encoding="utf-8")
