"""The message catalogue: every message staff and authors can see has a code, a template and a
description, is triggered by some test that asserts its exact text (which ends with its code),
and is in MEDDELANDEN.md, which is made from the catalogue and always current."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TESTS = REPO / "tests"


def tool():
    spec = importlib.util.spec_from_file_location("meddelanden_tool", REPO / "scripts" / "meddelanden.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogue():
    """The catalogue as scripts/meddelanden.py makes it: the messages of macros/ and of its tools.
    The catalogue is one registry per process, so messages of a script another test loaded in this
    worker (scripts/kolada.py, scripts/ny-webbplats.py under a name of its own) are left out: what the
    list holds must not depend on which tests ran before."""
    module = tool()
    tools = tuple(f"tool.{name.removesuffix('.py')}" for name in module.TOOLS)
    messages = module.load_everything()
    return module, {code: m for code, m in messages.items() if m.module.startswith("macros.") or m.module in tools}


def test_every_message_is_asserted_with_its_exact_text_somewhere(catalogue):
    """A code is asserted where a test compares a whole message line, which ends with `[code]`."""
    _module, messages = catalogue
    tests = "".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("*.py") if path.name != Path(__file__).name)
    untested = sorted(code for code in messages if f"[{code}]" not in tests)
    assert untested == []


def test_every_message_says_what_it_means(catalogue):
    _module, messages = catalogue
    for message in messages.values():
        assert message.description.strip() and message.template.strip(), message.code
        assert re.fullmatch(r"[a-zåäö0-9]+(-[a-zåäö0-9]+)*", message.code)


def test_the_list_for_staff_is_current(catalogue):
    module, messages = catalogue
    assert (REPO / "MEDDELANDEN.md").read_text(encoding="utf-8") == module.catalogue_text(messages), (
        "MEDDELANDEN.md är inte aktuell: kör .venv/bin/python scripts/meddelanden.py")


def test_contributing_and_readme_link_to_the_list():
    assert "(MEDDELANDEN.md)" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(MEDDELANDEN.md)" in (REPO / "README.md").read_text(encoding="utf-8")
