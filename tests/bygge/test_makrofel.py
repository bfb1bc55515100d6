"""A mistake in a macro call or in the template code on a page stops the build with one Swedish line
that names the page, the line and the fix (in a module of its own, beside test_build.py, so the
two share the workers: each case is a build of the smallest project)."""

from __future__ import annotations

import pytest

from .test_build import PAGE_ERROR, STOPPED, append, build, project, said  # noqa: F401 - project is a fixture

AUTHOR_MISTAKES = {
    "fel fältnamn": (
        '{{ year_chart("astorp/forsorjningsstod", "hushal") }}',
        'year_chart("astorp/forsorjningsstod", "hushal"): datasetet astorp/forsorjningsstod har inget fält "hushal". '
        'Menar du "hushall"? Det har: manad, bistandstagare, hushall, utbetalt_tkr, publicerat_tkr_per_hushall, '
        "publicerat_tkr_per_bistandstagare, tkr_per_hushall, tkr_per_bistandstagare. [falt-saknas]",
    ),
    "okänt argument": (
        '{{ value("astorp/forsorjningsstod", "hushall", perod="2022-08") }}',
        'value("astorp/forsorjningsstod", "hushall", perod="2022-08"): inget argument heter "perod". Menar du "period"? '
        "Argumenten är: dataset_id, measure, period, key, unit. [okant-argument]",
    ),
    "fel typ": (
        '{{ month_table("astorp/forsorjningsstod", year="2022") }}',
        'month_table("astorp/forsorjningsstod", year="2022"): argumentet year ska vara ett heltal utan citattecken, '
        'till exempel 2022, men är texten "2022". [argument-fel-typ]',
    ),
    "text i stället för lista": (
        '{{ series_chart("astorp/forsorjningsstod", "hushall") }}',
        'series_chart("astorp/forsorjningsstod", "hushall"): argumentet measures ska vara en lista av texter inom [ ], '
        'till exempel ["hushall", "bistandstagare"], men är texten "hushall". [argument-fel-typ]',
    ),
    "sökväg i stället för id": (
        '{{ data_table("../../etc/passwd") }}',
        'data_table("../../etc/passwd"): datasetet \'../../etc/passwd\' finns inte. Ange ett dataset-id, till exempel '
        '"astorp/forsorjningsstod" för data/astorp/forsorjningsstod.csv; det finns: ',
    ),
    "två texter utan kommatecken": (  # Jinja joins "a" "b" into "ab", as Python does
        '{{ value("astorp/forsorjningsstod" "hushall") }}',
        'value("astorp/forsorjningsstodhushall"): argumentet "measure" saknas. Argumenten är: dataset_id, measure, '
        "period, key, unit. Se Så skriver du en rapportsida (docs/forfattarguide/). [argument-saknas]",
    ),
    "månader ur data utan månader": (
        '{{ year_chart("lund/arbetssokande-juli", "juli_2022") }}',
        'year_chart("lund/arbetssokande-juli", "juli_2022"): year_chart visar månader, men datasetet lund/arbetssokande-juli '
        "har ingen månadskolumn. Använd data_table eller bar_chart. [makro-behover-manader]",
    ),
}


@pytest.mark.parametrize("mistake", AUTHOR_MISTAKES, ids=list(AUTHOR_MISTAKES))
def test_macro_call_mistake_is_one_swedish_line(project, mistake):
    call, message = AUTHOR_MISTAKES[mistake]
    line = append(project, "astorp.md", call)
    result = build(project)
    assert result.returncode == 1
    lines = said(result)
    assert lines[0].startswith(f"docs/astorp.md:{line}:1: {message}")
    assert lines[1:] == [STOPPED, PAGE_ERROR]


SYNTAX_MISTAKES = {
    "parentes saknas": (
        '{{ value("astorp/forsorjningsstod", "hushall" }}',
        "Makrokoden på raden går inte att läsa: en slutparentes ) saknas före }}. "
        'Raden: {{ value("astorp/forsorjningsstod", "hushall" }} [makro-slutparentes-saknas]',
    ),
    "typografiska citattecken": (
        "{{ value(\u201dastorp/forsorjningsstod\u201d, \"hushall\") }}",
        "Makrokoden på raden går inte att läsa: ett tecken som inte får stå i ett makroanrop, till exempel typografiska "
        'citattecken (\u201d \u201d) i stället för raka ("). Raden: {{ value(\u201dastorp/forsorjningsstod\u201d, "hushall") }} [makro-tecken]',
    ),
    "kommatecken saknas": (
        '{{ value("astorp/forsorjningsstod", "hushall" period="2022-08") }}',
        "Makrokoden på raden går inte att läsa: ett kommatecken saknas mellan argumenten. "
        'Raden: {{ value("astorp/forsorjningsstod", "hushall" period="2022-08") }} [makro-kommatecken]',
    ),
    "okänt namn": (
        "{{ hushall_diagram() }}",
        'Okänt namn "hushall_diagram". Makrona heter kpi_cards, value, total, change, period_name, month_table, data_table, '
        "budget_table, goal_table, year_on_year_table, year_chart, series_chart, bar_chart, comparison, kolada_comparison, "
        "dataset_list, has_dataset, report_list, key_figures, period_text, editions_list, changes_list. "
        "Se Så skriver du en rapportsida (docs/forfattarguide/). [okant-namn]",
    ),
    "felstavat makro": (
        '{{ valeu("astorp/forsorjningsstod", "hushall") }}',
        'Okänt namn "valeu". Menar du "value"? Se Så skriver du en rapportsida (docs/forfattarguide/). [okant-namn]',
    ),
    # A page is text with macros, not a program: no other files, no Python insides (which run code).
    "include": (
        '{% include "/etc/passwd" %}',
        "En sida får inte hämta andra filer med {% include %}, {% import %} eller {% extends %}. Skriv texten på sidan "
        "eller använd ett makro. Se Så skriver du en rapportsida (docs/forfattarguide/). [makro-andra-filer]",
    ),
    "pythons insidor": (
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        'Makrokoden använder "__globals__": namn som börjar med _ är inte till för sidor. '
        "Se Så skriver du en rapportsida (docs/forfattarguide/). [makro-privat-namn]",
    ),
}


@pytest.mark.parametrize("mistake", SYNTAX_MISTAKES, ids=list(SYNTAX_MISTAKES))
def test_template_mistake_is_one_swedish_line(project, mistake):
    code, message = SYNTAX_MISTAKES[mistake]
    line = append(project, "astorp.md", code)
    result = build(project)
    assert result.returncode == 1
    assert said(result) == [f"docs/astorp.md:{line}:1: {message}", STOPPED, PAGE_ERROR]
