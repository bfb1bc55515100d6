"""`.cache-utgavor/arkiv-sett.txt` naming a commit that exists nowhere (edited by hand, or another clone's): the
build says first that the cache is most likely wrong and how to delete it, then how to restore the branch if the
commit is found somewhere (adv17f 99: the cache's fix came last, after advice no clone could follow). The same with
the tag of a commit the last build added (adv17i UM4: it was called a push that failed, and green)."""

from __future__ import annotations

import pytest

from macros.data import cache

from .conftest import ok
from .test_arkivgrenen import stopped

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("tag", ["", " publicerat-9"])
def test_a_cache_naming_an_unknown_record_commit_says_to_delete_the_cache_first(remote, tag):
    seen = remote.ci / ".cache-utgavor/arkiv-sett.txt"
    cache.write_text(seen, f"0123456789abcdef0123456789abcdef01234567{tag}\n")
    out = stopped(remote.publish())
    assert (
        "origin/publicerat: Byggets cache (.cache-utgavor/arkiv-sett.txt) säger att ett tidigare bygge läste "
        "incheckningen 0123456789 i grenen publicerat på GitHub, men grenen saknar den och den här klonen har den inte "
        "alls (git cat-file -t 0123456789 hittar den inte). Finns den inte heller i någon annan klon eller "
        "säkerhetskopia, är cachen fel (ändrad för hand eller från en annan klon): ta bort cachen utgavor-… under "
        "Actions ▸ Caches (på en dator filen .cache-utgavor/arkiv-sett.txt) och publicera igen. Finns den någonstans, "
        "har grenen satts tillbaka: återställ den därifrån (git push origin 0123456789:refs/heads/publicerat) och "
        "skydda grenen och taggarna publicerat-* (README). [arkivet-sett-okant]"
    ) in out, out[-3000:]
    seen.unlink()  # as it says
    ok(remote.publish())
