"""A force-push that drops a published correction (adv17g 7): August's households corrected 176 → 177 and published,
then staff's reset and force-push drop that commit, and October is published. "Nytt och ändrat" and the feed keep
the correction (it is published); main's data says 176 again, so the living page would show 176 unmarked. The
publishing refuses at the data file's row, naming the value, the published correction and how to restore or correct
it (so does the pull request's check); following either advice publishes again."""

from __future__ import annotations

import pytest

from .conftest import DATA, build, git, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

UNDONE = (
    "data/astorp/forsorjningsstod.csv:21:3: {kind}Antal hushåll, augusti 2022, är 176 i main, men rättelsen 176 → 177 "
    "publicerades {date} och står kvar i Nytt och ändrat och i flödet (arkivet: andringar/{anchor}.json). Incheckningen med "
    "177 finns inte längre i main (till exempel efter en force-push), så den löpande sidan visar 176 utan märkning och "
    "motsäger rättelsen. Var 177 rätt: skriv 177 igen här och publicera. Var 176 rätt: låt raden stå och skriv en rättelse "
    "i rattelser.yaml för utgåvan astorp/utgavor/2022-08/ (typ: rattelse, datum: dagens, anledning: att Antal hushåll, "
    "augusti 2022, är 176 och inte 177), så står det på utgåvan, i Nytt och ändrat och i flödet. [rattning-angrad]"
)


def test_a_published_correction_dropped_by_a_force_push_stops_the_publishing(remote):
    dropped(remote)


def dropped(remote) -> None:
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    corrected = remote.commit("Åstorp: augusti rättad")
    remote.push()
    assert "[rattning-angrad]" not in ok(remote.publish())
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "Antal hushåll, augusti 2022: 176 → 177" in feed
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")  # the correction dropped
    remote.add_month("2022-10")
    remote.push("--force")
    recorded = git(remote.bare, "rev-parse", "publicerat").strip()
    out = stopped(remote.publish())
    anchor = f"andring-{corrected[:10]}-astorp-forsorjningsstod"
    assert UNDONE.format(kind="", date="1 oktober 2022", anchor=anchor) in out, out[-3000:]
    assert git(remote.bare, "rev-parse", "publicerat").strip() == recorded  # October not published over it
    preview = stopped(build(remote.ci))  # the pull request's check (no --record) refuses it already
    assert UNDONE.format(kind="", date="1 oktober 2022", anchor=anchor) in preview, preview[-3000:]


@pytest.mark.parametrize("fix", ["177 igen", "rättelse"])
def test_the_advice_followed_publishes_again(remote, fix):
    dropped(remote)
    if fix == "177 igen":  # 177 was right: written in again
        data = remote.work / DATA
        data.write_text(data.read_text(encoding="utf-8").replace("2022-08;239;176;", "2022-08;239;177;"), encoding="utf-8")
    else:  # 176 is right: said on the edition
        (remote.work / "rattelser.yaml").write_text(
            "- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-01\n"
            "  anledning: Antal hushåll i augusti 2022 är 176, inte 177 som rättelsen den 1 oktober sade.\n", encoding="utf-8")
    remote.commit(f"Åstorp: {fix}")
    remote.push()
    out = ok(remote.publish())
    assert "[rattning-angrad]" not in out
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "astorp/utgavor/2022-10/" in feed and "Antal hushåll, augusti 2022: 176 → 177" in feed  # still said


def test_a_computed_figure_is_not_said_apart_from_its_part(remote):
    """adv17j F5: September's households 180 → 170 corrected (so per household 9,0 → 9,5 tkr too), then dropped by a
    force-push: the households are said at their cell; the computed figure, which no one types, was said too, at
    column 1, advising "skriv 9,5 tkr igen här". It follows from the households and is not said for itself."""
    data = remote.work / DATA
    data.write_text(data.read_text(encoding="utf-8").replace("2022-09;250;180;", "2022-09;250;170;"), encoding="utf-8")
    corrected = remote.commit("Åstorp: september rättad")
    remote.push()
    assert "0 PDF utskrivna, 1 ändrad uppgift nya i arkivet (" in ok(remote.publish())  # adv17j: "0 nya i arkivet"
    feed = (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert "Försörjningsstöd per hushåll, september 2022: 9,0\xa0tkr → 9,5\xa0tkr" in feed  # recorded too
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")
    remote.add_month("2022-10")
    remote.push("--force")
    out = stopped(remote.publish())
    anchor = f"andring-{corrected[:10]}-astorp-forsorjningsstod"
    assert (
        "data/astorp/forsorjningsstod.csv:22:3: Antal hushåll, september 2022, är 180 i main, men rättelsen 180 → 170 "
        f"publicerades 1 oktober 2022 och står kvar i Nytt och ändrat och i flödet (arkivet: andringar/{anchor}.json)."
    ) in out, out[-3000:]
    assert out.count("[rattning-angrad]") == 1 and "[rattning-angrad-beraknad]" not in out, out[-3000:]
    assert "tkr igen här" not in out


def test_a_computed_figure_whose_formula_went_back_is_not_advised_to_be_typed(remote):
    """A computed figure's correction undone with none of its parts: its formula changed back by a force-push. It
    is said at the schema, with its parts and formula as the fix, never as a value to type into the CSV."""
    schema = remote.work / "data/astorp/forsorjningsstod.schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace(
        "formula: utbetalt_tkr / hushall\n", "formula: utbetalt_tkr / bistandstagare\n"), encoding="utf-8")
    remote.commit("Åstorp: per hushåll")
    remote.push()
    ok(remote.publish())
    git(remote.work, "reset", "--quiet", "--hard", "HEAD~1")
    remote.add_month("2022-10")
    remote.push("--force")
    out = stopped(remote.publish())
    assert (
        "data/astorp/forsorjningsstod.schema.yaml:47:1: Försörjningsstöd per hushåll, september 2022, räknas i main fram "
        "till 9,0\xa0tkr, men rättelsen 9,0\xa0tkr → 6,4\xa0tkr publicerades 1 oktober 2022 och står kvar i Nytt och ändrat och i "
        "flödet (arkivet: andringar/andring-"
    ) in out, out[-3000:]
    assert (
        "Värdet skrivs inte i CSV-filen: webbplatsen räknar fram det ur utbetalt_tkr och hushall med formeln i "
        "schemat. Var 6,4\xa0tkr rätt: rätta utbetalt_tkr och hushall för september 2022 i CSV-filen, eller formeln här, "
        "så att det blir 6,4\xa0tkr igen. Var 9,0\xa0tkr rätt: skriv en rättelse i rattelser.yaml för utgåvan "
        "astorp/utgavor/2022-09/ (typ: rattelse, datum: dagens, anledning: att Försörjningsstöd per hushåll, september "
        "2022, är 9,0\xa0tkr och inte 6,4\xa0tkr), så står det på utgåvan, i Nytt och ändrat och i flödet. "
        "[rattning-angrad-beraknad]"
    ) in out
    assert "[rattning-angrad]" not in out and "igen här" not in out
