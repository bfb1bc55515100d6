"""A page's period declaration rewritten from `manadsserie` to `rapportperiod: "oktober 2022"` (adv17i UM3): its
`period_text("2022-08")` blocks were refused (`period-text-fel-period`) without saying what to do. The refusal says
it: remove a block for another period (the published editions keep their text), or name the page's period as the
page now writes it. Following it publishes, and the editions published before keep their text."""

from __future__ import annotations

import pytest

from .conftest import PAGE, build, ok, published

pytestmark = pytest.mark.slow

AUGUST = '{% call period_text("2022-08") %}Augusti var en lugn månad.{% endcall %}\n'
OCTOBER = '{% call period_text("2022-10") %}I oktober kom fler hushåll.{% endcall %}\n'
REFUSED = (
    "docs/astorp.md:{line}:1: period_text(\"{period}\"): perioden '{period}' är inte sidans period (oktober 2022). Sidan "
    "har rapportperiod: oktober 2022 och visar bara text för den perioden. Gäller texten oktober 2022, skriv "
    "period_text(\"oktober 2022\"). Gäller den en annan period, ta bort blocket, från {{% call period_text(\"{period}\") %}} "
    "till {{% endcall %}}: de utgåvor som redan är publicerade behåller sin text. [period-text-fel-period]"
)


def test_period_text_of_a_month_after_the_rewrite_says_what_to_do(remote):
    page = remote.work / "docs/astorp.md"
    page.write_text(PAGE + "\n" + AUGUST + "\n" + OCTOBER, encoding="utf-8")
    remote.add_month("2022-10")
    remote.push()
    ok(remote.publish())
    edition = remote.site / "astorp/utgavor/2022-10/index.html"
    assert "I oktober kom fler hushåll." in edition.read_text(encoding="utf-8")
    before = published(remote.site)
    page.write_text(page.read_text(encoding="utf-8").replace(
        "manadsserie: astorp/forsorjningsstod\n", 'rapportperiod: "oktober 2022"\n'), encoding="utf-8")
    remote.commit("Åstorp: perioden som text")
    remote.push()
    result = build(remote.work)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    for line, period in ((15, "2022-08"), (17, "2022-10")):
        assert REFUSED.format(line=line, period=period) in out, out[-3000:]
    # The advice followed: August's block removed, October's named as the page now names its period.
    page.write_text(page.read_text(encoding="utf-8").replace(AUGUST, "").replace(
        'period_text("2022-10")', 'period_text("oktober 2022")'), encoding="utf-8")
    remote.commit("Åstorp: texten för oktober 2022")
    remote.push()
    ok(remote.publish())
    assert published(remote.site) == before  # every edition as published, October's text with it
    assert "I oktober kom fler hushåll." in edition.read_text(encoding="utf-8")
