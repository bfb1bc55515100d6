"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, least privilege, pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$", re.MULTILINE)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")


def _tool(name: str) -> str:
    """A console script of the venv running the tests (check-jsonschema, zizmor)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is not installed: run ./scripts/bootstrap"
    return found


def _load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); give it back its name.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_there_are_workflows():
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "publish.yml"} <= names, (
        f"missing workflows in {WORKFLOWS_DIR}: have {sorted(names)}"
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_matches_github_schema(workflow):
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"{workflow.name} is not a valid workflow:\n{result.stdout}{result.stderr}"
    )


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", "--color", "never", str(WORKFLOWS_DIR)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"zizmor findings (exit {result.returncode}):\n{result.stdout}{result.stderr}"
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned(workflow):
    text = workflow.read_text(encoding="utf-8")
    data = _load(workflow)
    triggers = data["on"] if isinstance(data["on"], (dict, list)) else [data["on"]]
    code = "\n".join(
        line.split(" #")[0] for line in text.splitlines() if not line.lstrip().startswith("#")
    )
    assert "pull_request_target" not in triggers and "pull_request_target" not in code, (
        "pull_request_target runs a fork's code with the repository's secrets: use pull_request"
    )
    assert data.get("permissions") == {"contents": "read"}, (
        f"top-level permissions must be exactly `contents: read`, got {data.get('permissions')!r}"
    )
    problems = []
    for m in USES.finditer(text):
        ref, rest = m["ref"].strip("'\""), m["rest"]
        if ref.startswith("./"):
            continue  # a local action: pinned by the checkout itself
        if not PINNED.match(ref):
            problems.append(f"not pinned to a full commit SHA: {ref}")
        elif not VERSION_COMMENT.search(rest):
            problems.append(f"pinned without a `# vX.Y.Z` comment saying which release: {ref}")
    assert not problems, "\n".join(problems)
    for name, job in data["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, (
                    f"job {name}: actions/checkout needs `persist-credentials: false`"
                )


def test_pr_workflow_runs_the_checks_and_uploads_the_site():
    data = _load(WORKFLOWS_DIR / "pr.yml")
    assert "pull_request" in data["on"]
    steps = [s for job in data["jobs"].values() for s in job.get("steps", [])]
    runs = "\n".join(s.get("run", "") for s in steps)
    order = [
        runs.find("scripts/validate.py"),
        runs.find("mkdocs build --strict"),
        runs.find("./scripts/bootstrap --test-tools && .venv/bin/python -m pytest"),
    ]
    assert -1 not in order and order == sorted(order), (
        f"validate ▸ build --strict ▸ tests, in that order:\n{runs}"
    )
    assert "$GITHUB_STEP_SUMMARY" in runs, (
        "validate.py should write its Swedish summary to the step summary"
    )
    assert any(str(s.get("uses", "")).startswith("actions/upload-artifact@") for s in steps)
    for job in data["jobs"].values():
        assert "permissions" not in job, "the PR workflow needs nothing beyond `contents: read`"


def test_publish_deploys_only_after_the_checks():
    data = _load(WORKFLOWS_DIR / "publish.yml")
    assert data["on"] == {"push": {"branches": ["main"]}} or data["on"]["push"]["branches"] == [
        "main"
    ]
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = data["jobs"]
    deploy = [
        name
        for name, job in jobs.items()
        if any(
            str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in job.get("steps", [])
        )
    ]
    assert len(deploy) == 1, "exactly one job deploys"
    deploy_job = jobs[deploy[0]]
    needs = deploy_job.get("needs")
    needs = [needs] if isinstance(needs, str) else needs or []
    assert needs, "the deploy job must `needs` the check job, so a failed check never publishes"
    checked = "\n".join(s.get("run", "") for n in needs for s in jobs[n].get("steps", []))
    for command in ("scripts/validate.py", "scripts/build.py --publish --pdf", ".venv/bin/python -m pytest"):
        assert command in checked, f"the job(s) the deploy needs must run {command!r}"
    assert any(
        str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")
        for n in needs
        for s in jobs[n].get("steps", [])
    )
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    env = deploy_job.get("environment")
    assert (env.get("name") if isinstance(env, dict) else env) == "github-pages"
    for name, job in jobs.items():
        if name == "record":  # appends to the branch publicerat; runs git only, after the deploy
            assert job["permissions"] == {"contents": "write"} and set(job["needs"]) == {needs[0], deploy[0]}
            runs = "\n".join(s.get("run", "") for s in job["steps"])
            assert "git push --atomic --follow-tags origin refs/heads/publicerat:refs/heads/publicerat" in runs and "--force" not in runs
            assert ".venv" not in runs and "scripts/" not in runs, "the job that may write runs no project code"
        elif name != deploy[0]:
            assert "permissions" not in job, (
                f"only the deploy and record jobs get more than `contents: read` ({name})"
            )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_builds_have_the_history_and_keep_rendered_editions(workflow):
    """Editions and the site's dates come from git history: a shallow clone would stop the build."""
    steps = [s for job in _load(workflow)["jobs"].values() for s in job.get("steps", [])]
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts and all((s.get("with") or {}).get("fetch-depth") == 0 for s in checkouts)
    caches = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache@")]
    assert [(s.get("with") or {}).get("path") for s in caches] == [".cache-utgavor"]


def test_pull_request_summary_compares_with_the_base_branch():
    steps = _load(WORKFLOWS_DIR / "pr.yml")["jobs"]["check"]["steps"]
    validate = next(step for step in steps if "scripts/validate.py" in step.get("run", ""))
    assert '--base "origin/$BASE_REF"' in validate["run"] and '--summary "$GITHUB_STEP_SUMMARY"' in validate["run"]
    assert validate["env"]["BASE_REF"] == "${{ github.base_ref }}"  # through env, never pasted into the script


def test_publish_builds_for_publishing_with_pdfs():
    steps = _load(WORKFLOWS_DIR / "publish.yml")["jobs"]["check"]["steps"]
    build = next(step for step in steps if "scripts/build.py" in step.get("run", ""))
    assert "--publish" in build["run"] and "--pdf" in build["run"]
