"""A municipality's copy of the repository, as staff change it, and the checks of the site it
publishes: the helpers of tests/adoption/ (its fixtures are in conftest.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from forked_python import run_python

REPO = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Handläggare", "GIT_AUTHOR_EMAIL": "handlaggare@ystad.se",
    "GIT_COMMITTER_NAME": "Handläggare", "GIT_COMMITTER_EMAIL": "handlaggare@ystad.se",
}
YSTAD = {
    "--namn": "Socialtjänstens uppföljningar – Ystads kommun",
    "--adress": "https://ystad.github.io/socialrapporter/",
    "--utgivare": "Socialförvaltningen i Ystads kommun",
    "--epost": "socialtjansten@ystad.se",
    "--telefon": "0411-57 70 00",
}
# Whatever names the template's example site: its municipalities, its board and its addresses.
EXAMPLE_NAMES = re.compile(r"Åstorp|Astorp|Katrineholm|\bLund|Exempelkommun|arbetsmarknadsnämnd|example\.invalid", re.I)


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV}, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    if git(root, "status", "--porcelain"):
        git(root, "commit", "-q", "-m", message)


def run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    """One of the repository's own commands, run as staff run it (with this venv's Python)."""
    return run_python([sys.executable, str(root / script), *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"}, timeout=600, check=False)


# ---------------------------------------------------------------- a report, as CONTRIBUTING.md says


def contributing_blocks(section: str) -> list[str]:
    """The code blocks of one section of CONTRIBUTING.md, dedented: what staff copy."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index(f"## {section}\n")
    end = text.find("\n## ", start + 1)
    body = text[start:end if end > 0 else None]
    return [_dedent(m) for m in re.findall(r"^([ \t]*)```[^\n]*\n(.*?)^[ \t]*```", body, re.M | re.S)]


def _dedent(match: tuple[str, str]) -> str:
    indent, block = match
    return "".join(line[len(indent):] if line.startswith(indent) else line for line in block.splitlines(keepends=True))


MONTHS = [f"{y}-{m:02d}" for y, m in [(2023, m) for m in range(5, 13)] + [(2024, m) for m in range(1, 7)]]
HOUSEHOLDS = [181, 176, 170, 168, 174, 179, 177, 183, 180, 174, 177, 171, 166, 163]
RECIPIENTS = [262, 255, 247, 243, 251, 259, 256, 264, 260, 252, 256, 248, 241, 236]
PAID_TKR = [1702, 1655, 1598, 1571, 1630, 1688, 1664, 1721, 1695, 1640, 1668, 1611, 1566, 1538]


def add_monthly_report(root: Path) -> dict:
    """Ystad's monthly series and its report page, made the way CONTRIBUTING.md tells staff:
    a CSV, a schema copied from the guide's and edited, the folder's README, the page from the
    guide's blocks and the nav lines from its example. Returns what the site should then show."""
    folder = root / "data" / "ystad"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [f"{m};{r};{h};{p // 1000} {p % 1000:03d}" for m, r, h, p in zip(MONTHS, RECIPIENTS, HOUSEHOLDS, PAID_TKR)]
    (folder / "forsorjningsstod.csv").write_text("manad;bistandstagare;hushall;utbetalt_tkr\n" + "\n".join(rows) + "\n", encoding="utf-8")
    schema = (root / "data" / "forfattarguide" / "forsorjningsstod.schema.yaml").read_text(encoding="utf-8")
    schema = re.sub(r"^# Författarguidens.*$", "# Ystads kommun: försörjningsstöd per månad. En ny månad = en ny rad sist.", schema, count=1, flags=re.M)
    schema = re.sub(r"^title: .*$", "title: Försörjningsstöd i Ystad per månad", schema, count=1, flags=re.M)
    schema = re.sub(r"^description: >-\n(?:  .*\n)+", "description: Biståndstagare, hushåll och utbetalt försörjningsstöd per månad.\n", schema, count=1, flags=re.M)
    schema = re.sub(r"^source: .*$", "source: Ystads kommun, socialförvaltningen, månadsuppföljning", schema, count=1, flags=re.M)
    schema = re.sub(r"^owner: .*$", "owner: Ystads kommun, socialförvaltningen", schema, count=1, flags=re.M)
    schema = re.sub(r"^  - name: unga_i_insats\n(?:    .*\n)+", "", schema, count=1, flags=re.M)  # a column Ystad does not have
    (folder / "forsorjningsstod.schema.yaml").write_text(schema, encoding="utf-8")
    (folder / "README.md").write_text("# Ystads kommun\n\nKälla: socialförvaltningens månadsuppföljning. Ägare: socialförvaltningen.\n", encoding="utf-8")

    front, body, nav = contributing_blocks("Lägg till en rapportsida")[:3]
    entry = re.search(r"^(\s*)- (.+): (\S+\.md)\s*$", nav.split("Rapporter:", 1)[1], re.M)
    page = entry[3]
    if (root / "docs" / page).exists():  # a municipality's copy that already has the guide's example page
        nav = nav.replace(f": {page}", f": {page.removesuffix('.md')}-ny.md")
        page = f"{page.removesuffix('.md')}-ny.md"
    (root / "docs" / page).write_text(front + "\n" + body, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    nav_lines = nav.splitlines(keepends=True)
    start = next(i for i, line in enumerate(nav_lines) if "- Rapporter:" in line)
    end = next(i for i, line in enumerate(nav_lines) if "- Om webbplatsen:" in line)
    if re.search(r"^  - Rapporter:\s*$", config, re.M):  # the nav has reports: the organisation's section goes under them
        added = "".join(nav_lines[start + 1:end])
        config = re.sub(r"^  - Rapporter:\s*\n", lambda m: m[0] + added, config, count=1, flags=re.M)
    else:  # a site without reports: CONTRIBUTING.md says to write the Rapporter line too
        added = "".join(nav_lines[start:end])
        config = re.sub(r"^  - Start: index\.md\s*\n", lambda m: m[0] + added, config, count=1, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    title = re.search(r"^title: (.+)$", front, re.M)[1]
    return {"page": page, "url": page.removesuffix(".md") + "/", "title": title, "latest": "juni 2024",
            "households": str(HOUSEHOLDS[-1]), "paid": f"{PAID_TKR[-1] // 1000}\u00a0{PAID_TKR[-1] % 1000:03d}\u00a0tkr"}


# ---------------------------------------------------------------- the built site


class _Page(HTMLParser):
    LINKED = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        target = attrs.get(self.LINKED.get(tag, ""))
        if target:
            self.links.append(target)


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, the editions behind their symbolic links included."""
    found = []
    for folder, _dirs, files in os.walk(site, followlinks=True):
        found += [Path(folder, f) for f in files if f.endswith(".html")]
    return sorted(found)


def broken_links(site: Path, site_url: str) -> tuple[list[str], int]:
    """Every link inside the site whose file or #fragment does not exist, and how many were checked."""
    base = urlsplit(site_url).path
    parsed: dict[Path, _Page] = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _Page()
            parsed[path].feed(path.read_text(encoding="utf-8"))
        return parsed[path]

    broken, checked = [], 0
    for path in site_pages(site):
        for link in page(path).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # another site (or mailto:, tel:, data:): not ours to check
            checked += 1
            if parts.path.startswith("/"):
                target = site / unquote(parts.path.removeprefix(base).lstrip("/"))
            else:
                target = (path.parent / unquote(parts.path)) if parts.path else path
            target = Path(os.path.normpath(target))  # as a browser resolves "..": by the address, not through the editions' links
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            where = f"{path.relative_to(site).as_posix()}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                broken.append(f"{where} (no #{parts.fragment})")
    return broken, checked


def example_names(site: Path) -> list[str]:
    """Every place in the built site (pages, feed, sitemap, search index, downloads) that names
    the template's example municipalities or addresses."""
    found = []
    for folder, _dirs, files in os.walk(site, followlinks=True):
        for name in files:
            path = Path(folder, name)
            if path.suffix not in (".html", ".xml", ".json", ".csv", ".yaml", ".txt", ".js") or "assets" in path.relative_to(site).parts[:1]:
                continue
            for match in EXAMPLE_NAMES.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(f"{path.relative_to(site).as_posix()}: {match[0]}")
    return found
