"""The start page lists whatever reports exist: key figures only from a report that names its own
(front matter `nyckeltal`), and words, not an empty table, when there are none. A tiny project:
one monthly dataset (the author guide's, copied) and report pages written per case."""

from __future__ import annotations

import re
import shutil

import pytest

from macros.data.problems import AuthorError
from macros.pages.build import Build
from macros.pages.page_macros import PageMacros

from .kommun import REPO

GUIDE_SERIES = REPO / "data" / "forfattarguide" / "forsorjningsstod"


def project(tmp_path, pages: dict[str, str]) -> PageMacros:
    """data/ystad/bistand (the guide's monthly series) and docs/<name>.md with each page's front
    matter, all under the nav section Rapporter."""
    (tmp_path / "data" / "ystad").mkdir(parents=True)
    for suffix in (".csv", ".schema.yaml"):
        shutil.copy(GUIDE_SERIES.with_name(GUIDE_SERIES.name + suffix), tmp_path / "data" / "ystad" / f"bistand{suffix}")
    (tmp_path / "docs").mkdir()
    for name, front in pages.items():
        (tmp_path / "docs" / f"{name}.md").write_text(f"---\n{front}---\n# {name}\n", encoding="utf-8")
    nav = [{"Start": "index.md"}, {"Rapporter": [{"Ystads kommun": [{name.title(): f"{name}.md"} for name in pages]}]}] if pages else [{"Start": "index.md"}]
    return PageMacros(Build(tmp_path, nav))


def test_key_figures_come_from_the_reports_own_declaration(tmp_path):
    macros = project(tmp_path, {
        "manad": "title: Försörjningsstöd – Ystad\nmanadsserie: ystad/bistand\nnyckeltal: [hushall, utbetalt_tkr]\n",
        "tertial": 'title: Tertialrapport – Ystad\nrapportperiod: "tertial 1 2024"\nnyckeltal: {dataset: ystad/bistand, matt: [bistandstagare]}\n',
        "utan": "title: Utan nyckeltal\nmanadsserie: ystad/bistand\n",
    })
    shown = macros.key_figures().replace("\u00ad", "")  # soft hyphens: break points, not text
    headings = re.findall(r"<h3 id=\"([^\"]+)\"><a href=\"([^\"]+)\">([^<]+)</a>, ([^<]+)</h3>", shown)
    assert headings == [
        ("nyckeltal-manad", "manad/", "Försörjningsstöd – Ystad", "juni 2024"),
        ("nyckeltal-tertial", "tertial/", "Tertialrapport – Ystad", "tertial 1 2024"),
    ]
    assert re.findall(r'data-field="([^"]+)">([^<]+)<', shown) == [
        ("hushall", "180"), ("utbetalt_tkr", "1\u00a0738\u00a0tkr"), ("bistandstagare", "258"),
    ]


def test_no_report_names_key_figures_so_there_are_none(tmp_path):
    assert project(tmp_path, {"manad": "title: A\nmanadsserie: ystad/bistand\n"}).key_figures() == ""


def test_a_site_without_reports_says_so(tmp_path):
    macros = project(tmp_path, {})
    assert macros.key_figures() == ""
    assert macros.report_list() == '<p class="report-list-empty">Inga rapporter är publicerade här ännu.</p>'


@pytest.mark.parametrize(("front", "said"), [
    ("manadsserie: ystad/bistand\nnyckeltal: [hushal]\n",
     'docs/manad.md: nyckeltal i sidans inledning: datasetet ystad/bistand har inget fält "hushal". Menar du "hushall"? Det har: '),
    ('rapportperiod: "2024"\nnyckeltal: [hushall]\n',
     "docs/manad.md: nyckeltal i sidans inledning: nyckeltal ska vara en lista med mått ur manadsserie, till exempel "
     "nyckeltal: [hushall, utbetalt_tkr], eller dataset och mått, till exempel nyckeltal: {dataset: ystad/volymer, "
     "matt: [hushall]}. Sidan har ingen manadsserie: ange dataset."),
    ("manadsserie: ystad/bistand\nnyckeltal: {dataset: ystad/bistand, mått: [hushall]}\n",
     "docs/manad.md: nyckeltal i sidans inledning: nyckeltal ska vara en lista med mått ur manadsserie"),
])
def test_a_mistake_in_a_reports_key_figures_names_the_report(tmp_path, front, said):
    with pytest.raises(AuthorError) as error:
        project(tmp_path, {"manad": front}).key_figures()
    assert str(error.value).startswith(said)
