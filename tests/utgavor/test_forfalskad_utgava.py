"""A forged record commit for a real period (adv17g 6): October entered on main, and before the workflow runs someone
with push rights adds a record commit for astorp/utgavor/2022-10/ with the right commit, time, parents and tag, but
an article whose figure is made up ("999" households; the data says 178). The build compares each figure the article
marks (dataset, row, field) with the data in the commit the edition names, and refuses the forgery in Swedish with
advice that never restores it; followed, the genuine October is published."""

from __future__ import annotations

import json

import pytest

from .conftest import git, ok, published
from .test_arkivgrenen import record_clone, stopped
from .test_forfalskat_arkiv import forge
from .test_forfalskat_med_tagg import DELETE_TAG_3, FORCE

pytestmark = pytest.mark.slow

SEPTEMBER = "astorp/utgavor/2022-09/"
OCTOBER = "astorp/utgavor/2022-10/"


def forged_october(remote, change) -> tuple[str, str]:
    """October entered on main, then a record commit for it (right commit, time, parents and tag) made from the
    recorded September with `change(article, chart CSV) → (article, chart CSV)` applied: (the forgery, main)."""
    remote.add_month("2022-10")
    remote.push()
    main = git(remote.bare, "rev-parse", "main").strip()
    when = git(remote.work, "log", "-1", "--format=%cI", main).strip()
    other = record_clone(remote)
    meta = json.loads((other / SEPTEMBER / "utgava.json").read_text(encoding="utf-8"))
    meta.update(period="2022-10", periodnamn="oktober 2022", incheckning=main, publicerad_tid=when, publicerad=when[:10])
    article, chart = change((other / SEPTEMBER / "artikel.html").read_text(encoding="utf-8"),
                            (other / SEPTEMBER / "diagram-hushall-per-manad.csv").read_bytes().decode("utf-8-sig"))
    files = {f"{OCTOBER}utgava.json": json.dumps(meta, ensure_ascii=False, indent=2).encode(),
             f"{OCTOBER}artikel.html": article.encode(),
             f"{OCTOBER}diagram-hushall-per-manad.csv": ("\ufeff" + chart).encode()}
    return forge(remote, files, tag="publicerat-3"), main


def test_a_forged_edition_for_a_real_period_with_made_up_figures_is_refused(remote):
    before = published(remote.site)
    figure = 'data-key="2022-09" data-field="hushall">180</span>'

    def made_up(article: str, chart: str) -> tuple[str, str]:
        assert figure in article
        return article.replace(figure, 'data-key="2022-10" data-field="hushall">999</span>').replace("september 2022", "oktober 2022"), chart

    forged, main = forged_october(remote, made_up)
    out = stopped(remote.publish())
    assert (
        f"publicerat:{OCTOBER}utgava.json: Utgåvan {OCTOBER} i arkivet (lagd i grenen publicerat av incheckningen "
        f"{forged[:10]}) motsvarar ingen version av rapporten: artikel.html visar Antal hushåll (2022-10) i "
        f"astorp/forsorjningsstod som 999, men i incheckningen {main[:10]}, som den säger att den publicerades från, är "
        "värdet 178. Bara publiceringsflödet lägger till utgåvor, och bara för en period som rapporten har haft i main. "
        f"Ta bort incheckningen ur grenen på GitHub (git push --force origin {forged[:10]}^:refs/heads/publicerat, {FORCE}), "
        f"{DELETE_TAG_3}, och låt bara GitHub Actions skriva till grenen (README). [arkivet-okand-utgava]"
    ) in out, out[-3000:]
    assert not (remote.site / OCTOBER).exists() or "999" not in (remote.site / OCTOBER / "index.html").read_text(encoding="utf-8")
    # The advice followed: the branch set back, the tag deleted; the genuine October is published, with 178.
    git(remote.ci, "push", "--quiet", "--force", "origin", f"{forged}^:refs/heads/publicerat")
    git(remote.ci, "push", "--quiet", "origin", ":refs/tags/publicerat-3")
    git(remote.ci, "tag", "-d", "publicerat-3")
    ok(remote.publish())
    now = published(remote.site)
    assert {path: now[path] for path in before} == before
    page = (remote.site / OCTOBER / "index.html").read_text(encoding="utf-8")
    assert 'data-key="2022-10" data-field="hushall">178</span>' in page and "999" not in page


@pytest.mark.parametrize("where", ["tabell", "diagram-csv"])
def test_a_forged_edition_with_made_up_figures_in_a_table_or_a_chart_csv_is_refused(remote, where):
    """The same forgery with every figure of the running text right: one made-up figure in a table, or in a chart's
    CSV only (adv17g 6: neither was compared). Each table cell names its row and field, and a chart's CSV follows its
    table alternative cell by cell: both are compared with the data of the commit the edition names."""
    cell, row = 'data-key="2022-09" data-field="hushall">180</td>', "sep;202;180\r\n"

    def made_up(article: str, chart: str) -> tuple[str, str]:
        assert cell in article and row in chart
        if where == "tabell":
            return article.replace(cell, cell.replace(">180<", ">181<")), chart
        return article, chart.replace(row, "sep;202;181\r\n")

    said = "artikel.html, tabellen diagram-hushall-per-manad-tabell visar" if where == "tabell" else "diagram-hushall-per-manad.csv visar"
    forged, main = forged_october(remote, made_up)
    out = stopped(remote.publish())
    assert (
        f"publicerat:{OCTOBER}utgava.json: Utgåvan {OCTOBER} i arkivet (lagd i grenen publicerat av incheckningen "
        f"{forged[:10]}) motsvarar ingen version av rapporten: {said} Antal hushåll (2022-09) i astorp/forsorjningsstod "
        f"som 181, men i incheckningen {main[:10]}, som den säger att den publicerades från, är värdet 180. "
    ) in out, out[-3000:]
