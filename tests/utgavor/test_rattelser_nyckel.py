"""A key of rattelser.yaml written with another word than the file's (adv17e notes: `orsak:` for `anledning`):
the message guesses the key meant, as it does for a misspelt one (`ersatt_a` → `ersatt_av`), which CONTRIBUTING
promises; no spelling distance finds `orsak` → `anledning`."""

from __future__ import annotations

import pytest

from .test_rattelser import notices


@pytest.mark.parametrize(("key", "meant"), [("orsak", "anledning"), ("Skäl", "anledning"), ("ersätts_av", "ersatt_av")])
def test_a_key_in_other_words_gets_the_key_meant(tmp_path, key, meant):
    content = f"- utgava: astorp/utgavor/2022-08/\n  typ: rattelse\n  datum: 2022-10-06\n  anledning: Fel summa.\n  {key}: x\n"
    found, problems = notices(tmp_path, content)
    assert found == [] and [str(p) for p in problems] == [
        f'rattelser.yaml:5:1: {key}: x hör inte till en post i rattelser.yaml. Menar du "{meant}"? En post har '
        "nycklarna utgava, typ, datum, anledning och (valfritt) ersatt_av: rätta nyckelns namn eller ta bort raden. "
        "[rattelse-okand-nyckel]"
    ]
