"""The same withdrawal written twice in rattelser.yaml (a copy-paste): refused at the second entry's line, naming
the edition, the first entry's line and the fix (adv17f 14: accepted silently, though CONTRIBUTING says a second
withdrawal stops the build). Once published, a duplicate entry added later is said but does not stop publishing."""

from __future__ import annotations

import pytest

from .conftest import SEPTEMBER_WITHDRAWN, ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow

SAID = ("rattelser.yaml:5:1: {kind}Posten för utgava: astorp/utgavor/2022-09/ (indragning, 2022-10-01) står två gånger: "
        "på rad 1 och här, med samma anledning. Varje indragning och rättelse skrivs en gång: ta bort den här posten "
        "(raderna från - utgava: till nästa post). [rattelse-dubblett]")


def test_a_withdrawal_written_twice_is_refused_at_the_second_entry(remote):
    corrections = remote.work / "rattelser.yaml"
    corrections.write_text(SEPTEMBER_WITHDRAWN + SEPTEMBER_WITHDRAWN, encoding="utf-8")
    remote.commit("Åstorp: september dras in")
    remote.push()
    out = stopped(remote.publish())
    assert SAID.format(kind="") in out, out[-3000:]
    corrections.write_text(SEPTEMBER_WITHDRAWN, encoding="utf-8")  # as it says
    remote.commit("Åstorp: en post")
    remote.push()
    ok(remote.publish())
    corrections.write_text(SEPTEMBER_WITHDRAWN + SEPTEMBER_WITHDRAWN, encoding="utf-8")  # published: said, not refused
    remote.commit("Åstorp: kopierad post")
    remote.push()
    assert SAID.format(kind="notering: ") in ok(remote.publish())
