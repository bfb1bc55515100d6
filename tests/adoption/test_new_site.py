"""A municipality makes the site its own and its staff add a report, following only README and
CONTRIBUTING.md; then the site is checked as CI checks it before publishing: validation,
`scripts/build.py --publish` (strict build), every internal link, the new report on the start
page, and no trace of the template's example site.

These are whole-site builds because the whole adopted site is the subject (two builds, no PDFs).
"""

from __future__ import annotations

import json
import re

import yaml

from macros.pages.reports import report_entries

from .kommun import YSTAD, add_monthly_report, broken_links, commit, example_names, git, run, site_pages


EXAMPLE_ADDRESS = re.compile(r"^site_url: https://example\.invalid/", re.M)  # the template's settings, not a municipality's


def adopt(root, *extra: str):
    options = [item for pair in YSTAD.items() for item in pair]
    return run(root, "scripts/ny-webbplats.py", *options, *extra)


def check_site(root, site, report: dict, publish: bool) -> str:
    """Validate, build (with --publish when the settings are the site's own) and check links and
    the start page; returns the start page's HTML."""
    validated = run(root, "scripts/validate.py")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    said = validated.stdout + validated.stderr
    assert re.search(r"datafiler kontrollerade: 0 fel, 0 varningar", said), said
    built = run(root, "scripts/build.py", *(["--publish"] if publish else []), "--site-dir", str(site))
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    broken, checked = broken_links(site, "https://ystad.github.io/socialrapporter/" if publish else "https://example.invalid/socialrapporter/")
    assert checked > 200, f"only {checked} links were checked"
    assert not broken, "\n".join(broken[:30])

    start = (site / "index.html").read_text(encoding="utf-8").replace("\u00ad", "")  # soft hyphens are break points
    listed = re.search(r'<table class="data-table" id="rapportlista">.*?</table>', start, re.S)
    assert listed, "the start page has no list of reports"
    assert f'<a href="{report["url"]}">' in listed[0]
    figures = re.search(rf'<section class="key-figures"[^>]*>\s*<h3 id="[^"]+"><a href="{report["url"]}">{re.escape(report["title"])}</a>, '
                        rf'{report["latest"]}</h3>(.*?)</section>', start, re.S)
    assert figures, "the new report's key figures are not on the start page"
    values = re.findall(r'<p class="kpi-value"[^>]*>([^<]+)</p>', figures[1])
    assert values == [report["households"], report["paid"]]
    page = (site / report["url"] / "index.html").read_text(encoding="utf-8")
    assert 'class="chart-plot"' in page and f'data-key="2024-06" data-field="hushall">{report["households"]}<' in page
    assert (site / report["url"] / "utgavor" / "2024-06" / "index.html").is_file(), "the report's first edition is missing"
    return start


def test_an_adopted_site_with_a_new_monthly_report_publishes_and_names_no_example(branch, tmp_path):
    adopted = adopt(branch, "--utan-exempel")
    assert adopted.returncode == 0, adopted.stderr
    assert re.search(r"^1\. Granska ändringarna", adopted.stdout, re.M) and "Settings → Pages" in adopted.stdout
    commit(branch, "Ystads webbplats")
    before = reports(branch)  # none in the template; a municipality's copy has its own
    empty_site = branch / "tom-site"
    built = run(branch, "scripts/build.py", "--publish", "--site-dir", str(empty_site))
    assert built.returncode == 0, built.stderr[-3000:]
    if not before:
        assert "Inga rapporter är publicerade här ännu." in (empty_site / "index.html").read_text(encoding="utf-8")
        assert "Senaste nyckeltal" not in (empty_site / "index.html").read_text(encoding="utf-8")
    package_before = empty_site / "data" / "datapackage.json"
    datasets_before = {r["path"] for r in json.loads(package_before.read_text(encoding="utf-8"))["resources"]} if package_before.exists() else set()

    report = add_monthly_report(branch)
    commit(branch, "Ny rapport: försörjningsstöd per månad")
    site = tmp_path / "site"
    start = check_site(branch, site, report, publish=True)

    key_figures = sum(1 for entry in before if entry.meta.get("nyckeltal")) + 1
    assert "Senaste nyckeltal" in start and start.count('class="key-figures"') == key_figures
    assert not example_names(site), "\n".join(example_names(site)[:20])
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == datasets_before | {"ystad/forsorjningsstod.csv"}
    assert package["homepage"] == "https://ystad.github.io/socialrapporter/"
    assert len(site_pages(site)) >= 8


def reports(root) -> list:
    """The reports the repository lists under Rapporter in its nav, with their front matter."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return report_entries(config.get("nav"), "Rapporter", root / "docs")


def test_one_more_report_in_the_repository_as_shipped_builds_and_is_listed(branch, tmp_path):
    """A sixth report in the repository as shipped (or one more in a municipality's copy)."""
    before = reports(branch)
    report = add_monthly_report(branch)
    commit(branch, "En rapport till")
    start = check_site(branch, tmp_path / "site", report, publish=not EXAMPLE_ADDRESS.search((branch / "mkdocs.yml").read_text(encoding="utf-8")))
    # the reports that name their key figures, and the new one
    assert start.count('class="key-figures"') == sum(1 for entry in before if entry.meta.get("nyckeltal")) + 1
    assert len(re.findall(r'<th scope="row"><a href=', start)) == len(before) + 1
    if EXAMPLE_ADDRESS.search((branch / "mkdocs.yml").read_text(encoding="utf-8")):
        # Publishing the template as it is would put its example addresses on a public site: refused, in Swedish.
        refused = run(branch, "scripts/build.py", "--publish")
        assert refused.returncode == 1
        assert [line.split(": ", 2)[1] for line in refused.stderr.splitlines()[:-1]] == [
            "site_url", "extra.utgivare.namn", "extra.utgivare.epost", "extra.utgivare.telefon",
        ]
    assert git(branch, "status", "--porcelain") == ""
