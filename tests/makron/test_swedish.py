"""Swedish formats, exact strings (U+00A0 no-break space, U+2212 minus)."""

import pytest

from macros.formats import swedish

NB = "\u00a0"


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((1690,), {}, f"1{NB}690"),
        ((8.8125, 1), {}, "8,8"),
        ((6.4,), {"decimals": 1, "unit": "%"}, f"6,4{NB}%"),
        ((-14891,), {}, f"\u221214{NB}891"),
        ((1551,), {"unit": "tkr"}, f"1{NB}551{NB}tkr"),
        ((22632677,), {"unit": "kr"}, f"22{NB}632{NB}677{NB}kr"),
        ((2332,), {"sign": True}, f"+2{NB}332"),
        ((-4249,), {"sign": True}, f"\u22124{NB}249"),
        ((0,), {"sign": True}, "0"),
        ((-0.04, 1), {}, "0,0"),
        ((8.85, 1), {}, "8,9"),  # half up, as the reports round
        ((6.0, 1), {}, "6,0"),
        ((None,), {}, "uppgift saknas"),
        ((float("nan"),), {}, "uppgift saknas"),
    ],
)
def test_number(args, kwargs, expected):
    assert swedish.number(*args, **kwargs) == expected


def test_percent():
    assert swedish.percent(6.4) == f"6,4{NB}%"
    assert swedish.percent(94.9) == f"94,9{NB}%"


def test_month_names_lower_case_without_full_stop():
    assert swedish.month_names() == ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"]
    assert swedish.month_names("wide")[7] == "augusti"


def test_periods_and_dates():
    assert swedish.month_short("2022-08") == "aug 2022"
    assert swedish.month_long("2022-08") == "augusti 2022"
    assert swedish.date_long("2022-08-31") == "31 augusti 2022"


def test_plotly_locale_uses_our_months_and_separators():
    locale = swedish.plotly_locale()
    assert locale["format"]["shortMonths"][2] == "mars"
    assert locale["format"]["decimal"] == ","
    assert locale["format"]["thousands"] == NB
