"""The scheduled fetch (.github/workflows/kolada.yml): monthly and by hand, checked like any data
change, and the token that may write never meets the project's code. (Schema, zizmor, pinning and
`contents: read` at the top are checked for every workflow in tests/arbetsfloden/test_workflows.py.)"""

from __future__ import annotations

import yaml
from .kolada_standin import REPO

WORKFLOW = REPO / ".github" / "workflows" / "kolada.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as True
    return data


def test_runs_monthly_and_by_hand():
    triggers = load()["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert day.isdigit() and (month, weekday) == ("*", "*")


def test_fetches_then_checks_builds_and_tests_before_anything_is_proposed():
    steps = load()["jobs"]["fetch"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    order = [runs.find(c) for c in ("scripts/kolada.py", "scripts/validate.py", "mkdocs build --strict", ".venv/bin/python -m pytest")]
    assert -1 not in order and order == sorted(order), runs
    assert '--base origin/main' in runs  # the pull request lists changed figures, not lines
    assert "permissions" not in load()["jobs"]["fetch"]


def test_only_the_job_that_opens_the_pull_request_may_write_and_it_runs_no_project_code():
    jobs = load()["jobs"]
    writer = jobs["pull-request"]
    assert writer["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert writer["needs"] == "fetch"
    code = "\n".join(s.get("run", "") for s in writer["steps"])
    for project_code in (".venv", "python", "scripts/", "bootstrap", "pip", "npm"):
        assert project_code not in code, project_code
    assert "data/kolada" in code and "gh pr create" in code
    assert all(not str(s.get("uses", "")).startswith("actions/setup-python") for s in writer["steps"])
