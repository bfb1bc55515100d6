"""period_text's messages name a dataset this site has (adv17f 92, 93): after the dataset moved
(astorp/forsorjningsstod → astorp/fsd), a page that lost its period was told to write the old id, and writing it
was refused with the old id as the example again."""

from __future__ import annotations

import pytest

from .conftest import PAGE, build, git

pytestmark = pytest.mark.slow

TEXT = '{% call period_text("2022-08") %}Augusti var en lugn månad.{% endcall %}\n'


def refused(result) -> str:
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    return out


def test_period_text_hints_name_a_dataset_that_exists(remote):
    remote.rename_data("astorp/fsd")
    page = remote.work / "docs/astorp.md"
    page.write_text(PAGE.replace("astorp/forsorjningsstod", "astorp/fsd").replace("manadsserie: astorp/fsd\n", "") + TEXT,
                    encoding="utf-8")
    git(remote.work, "add", "-A")
    out = refused(build(remote.work))
    assert ('period_text behöver veta vilken period sidan visar: ange manadsserie eller rapportperiod i sidans inledning, '
            'eller ett dataset: period_text("2022-08", dataset="astorp/fsd"). [period-text-utan-period]') in out, out[-3000:]
    page.write_text(page.read_text(encoding="utf-8").replace('period_text("2022-08")',
                                                             'period_text("2022-08", dataset="astorp/forsorjningsstod")'), encoding="utf-8")
    out = refused(build(remote.work))
    assert ("datasetet 'astorp/forsorjningsstod' finns inte. Ange ett dataset-id, till exempel \"astorp/fsd\" för "
            "data/astorp/fsd.csv; det finns: astorp/fsd [dataset-finns-inte]") in out, out[-3000:]
