"""A data file renamed in the same commit as a correction of a published figure (adv17g 1, the issue's
own case): the publishing records the revision, and every later publishing accepts that record as
the data's (the old value is looked up under the file's old name), instead of refusing it as forged."""

from __future__ import annotations

import pytest

from .conftest import ROWS, ok

pytestmark = pytest.mark.slow


def test_a_revision_recorded_with_a_renamed_data_file_is_not_called_forged(remote):
    data = remote.rename_data("astorp/fsd")
    data.write_text(data.read_text(encoding="utf-8").replace("2022-07;234;167;", "2022-07;234;169;"), encoding="utf-8")
    remote.commit("Åstorp: datafilen byter namn, juli rättad")
    remote.push()
    ok(remote.publish())
    data.write_text(data.read_text(encoding="utf-8") + ROWS["2022-10"] + "\n", encoding="utf-8")
    remote.commit("Åstorp: oktober")
    remote.push()
    out = ok(remote.publish())
    assert "arkivet-okand-andring" not in out
    assert "Antal hushåll, juli 2022: 167 → 169" in (remote.site / "nytt-och-andrat.xml").read_text(encoding="utf-8")
    assert (remote.site / "astorp/utgavor/2022-10/index.html").is_file()
