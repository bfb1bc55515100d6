#!/usr/bin/env python3
"""Make the site a municipality's own: its name, address, publisher and contact, and (with
--utan-exempel) without the template's five example reports.

    .venv/bin/python scripts/ny-webbplats.py --namn "Socialtjänstens uppföljningar – Ystads kommun" \\
        --adress https://ystad.github.io/socialrapporter/ --utgivare "Socialförvaltningen i Ystads kommun" \\
        --epost socialtjansten@ystad.se --telefon "0411-57 70 00" --utan-exempel

It writes the settings into mkdocs.yml (site_name, site_url, copyright, extra.utgivare) by editing
only the values it changes, so every comment and every other line stays as it was; with
--utan-exempel it removes the example reports' pages, their data folders and their nav entries.
It refuses, changing nothing, what `scripts/build.py --publish` would refuse (the same checks:
macros/pages/settings.py), a folder that is not a git clone, and uncommitted changes (unless
--trots-andringar), so that `git diff` shows exactly what it did and `git checkout .` undoes it.
It touches nothing outside the repository, and running it again with the same options changes
nothing. Then it prints what to do next.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.commandline import SwedishParser  # noqa: E402
from macros.data.history import Repository  # noqa: E402
from macros.data.problems import char_name, first_invisible  # noqa: E402
from macros.pages.authoring import config_problems  # noqa: E402
from macros.pages.editions import CACHE  # noqa: E402
from macros.pages.reports import front_matter, municipality_code  # noqa: E402
from macros.pages.settings import (  # noqa: E402
    CONFIG_UNEDITABLE, EXAMPLE_IN_USE, INVISIBLE_IN_OPTION, NOT_A_CLONE, UNCOMMITTED, SiteSettings, normal_address,
    settings_problems,
)

CONFIG = "mkdocs.yml"
# The template's five example reports: their pages below docs/ and their data folders below data/.
EXAMPLE_PAGES = ("astorp.md", "katrineholm.md", "lund-2021.md", "lund-2022.md", "namndrapport.md")
EXAMPLE_DATA = ("astorp", "katrineholm", "lund", "namndrapport")
TEMPLATE_COPYRIGHT = "Uppgifterna kommer från kommunernas egna uppföljningsrapporter."
RECORD_BRANCH = "publicerat"  # the record of published editions, which belongs to one site address
# Each setting and the option that sets it.
OPTIONS = {
    "site_name": "--namn", "extra.utgivare.webbplats": "--namn", "site_url": "--adress",
    "extra.utgivare.namn": "--utgivare", "extra.utgivare.epost": "--epost", "extra.utgivare.telefon": "--telefon",
}


class Refused(Exception):
    """Why nothing was changed: Swedish lines, each with its fix."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


# ---------------------------------------------------------------- editing mkdocs.yml in place


def _compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: any tag (!ENV, !!python/name) is kept as text


def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def _node(root: yaml.Node, path: str) -> yaml.Node | None:
    node = root
    for key in path.split("."):
        found = _child(node, key)
        if found is None:
            return None
        node = found[1]
    return node


def yaml_scalar(value: str) -> str:
    """A one-line YAML scalar that reads back as exactly `value`: plain where YAML allows, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    try:
        if value and yaml.safe_load(f"k: {value}") == {"k": value} and value == value.strip():
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def set_value(text: str, path: str, value: str) -> str:
    """mkdocs.yml's text with the scalar at `path` (`extra.utgivare.epost`) set to `value`; only
    that value's characters change, so its line's comment and every other line stay. A missing
    key is added below the last key of its block mapping."""
    root = _compose(text)
    node = _node(root, path)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" and node.value == value:
            return text
        if node.style in ("|", ">"):  # a block scalar spans lines: write it as one line instead
            end = node.end_mark.index
            return text[: node.start_mark.index] + yaml_scalar(value) + "\n" + text[end:].lstrip("\n")
        return text[: node.start_mark.index] + yaml_scalar(value) + text[node.end_mark.index:]
    parent_path, _, key = path.rpartition(".")
    parent = _node(root, parent_path) if parent_path else root
    if node is not None or not isinstance(parent, yaml.MappingNode) or parent.flow_style or not parent.value:
        line = (node or parent or root).start_mark.line + 1
        reason = "värdet är inte en enkel text." if node is not None else "nyckeln saknas och går inte att lägga till här."
        raise Refused([f"{CONFIG_UNEDITABLE.text(where=f'{CONFIG}:{line}', reason=reason, setting=path)} [{CONFIG_UNEDITABLE.code}]"])
    last_key, last_value = parent.value[-1]
    if not isinstance(last_value, yaml.ScalarNode):
        raise Refused([f"{CONFIG_UNEDITABLE.text(where=f'{CONFIG}:{last_key.start_mark.line + 1}', reason='nyckeln saknas.', setting=path)} [{CONFIG_UNEDITABLE.code}]"])
    lines = text.splitlines(keepends=True)
    at = last_value.end_mark.line + 1
    indent = " " * last_key.start_mark.column
    lines.insert(at, f"{indent}{key}: {yaml_scalar(value)}\n")
    return "".join(lines)


@dataclass
class NavEdit:
    removed: list[str] = field(default_factory=list)  # nav titles removed, for the summary
    lines: set[int] = field(default_factory=set)  # 0-based lines of mkdocs.yml to delete


def _last_line(node: yaml.Node) -> int:
    """The last line a node's own text is on (scalars' end marks are exact; collections' are not:
    they end where the next token starts, after any comments, which belong to what follows)."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.line
    if isinstance(node, yaml.SequenceNode):
        return max([_last_line(n) for n in node.value] or [node.start_mark.line])
    return max([max(_last_line(k), _last_line(v)) for k, v in node.value] or [node.start_mark.line])


def _nav_removals(items: yaml.SequenceNode, pages: set[str], edit: NavEdit) -> int:
    """Mark every nav entry that points to one of `pages`, and every section left empty by that;
    returns how many entries of `items` remain."""
    remaining = 0
    for item in items.value:
        title, target = "", item
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            title, target = item.value[0][0].value, item.value[0][1]
        gone = False
        if isinstance(target, yaml.ScalarNode):
            gone = target.value in pages
        elif isinstance(target, yaml.SequenceNode) and target.value:
            before = len(edit.removed)
            gone = _nav_removals(target, pages, edit) == 0
            if gone:
                del edit.removed[before:]  # the section is named instead of each entry in it
        if gone:
            edit.removed.append(title or target.value)
            edit.lines.update(range(item.start_mark.line, _last_line(item) + 1))
        else:
            remaining += 1
    return remaining


def remove_nav_pages(text: str, pages: set[str]) -> tuple[str, list[str]]:
    """mkdocs.yml's text without the nav entries for `pages` (and sections they leave empty): whole
    lines go, every other line and comment stays as it was."""
    nav = _node(_compose(text), "nav")
    if not isinstance(nav, yaml.SequenceNode):
        return text, []
    edit = NavEdit()
    if nav.flow_style:
        if any(isinstance(n, yaml.ScalarNode) and n.value in pages for n in _walk(nav)):
            raise Refused([f"{CONFIG_UNEDITABLE.text(where=f'{CONFIG}:{nav.start_mark.line + 1}', reason='nav är skriven på en rad.', setting='nav')} [{CONFIG_UNEDITABLE.code}]"])
        return text, []
    _nav_removals(nav, pages, edit)
    lines = text.splitlines(keepends=True)
    return "".join(line for number, line in enumerate(lines) if number not in edit.lines), edit.removed


def _walk(node: yaml.Node):
    yield node
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _walk(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(key)
            yield from _walk(value)


def _loaded(text: str) -> dict:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    return yaml.load(text, Loader=loader) or {}  # noqa: S506 — a safe loader that ignores tags


def _without_pages(nav: list, pages: set[str]) -> list:
    """The nav as loaded, with `pages` and the sections they empty left out (to check the text edit)."""
    kept = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else ("", item)
        if isinstance(target, str) and target in pages:
            continue
        if isinstance(target, list) and target:
            target = _without_pages(target, pages)
            if not target:
                continue
            item = {title: target} if title else target
        kept.append(item)
    return kept


# ---------------------------------------------------------------- the plan


@dataclass
class Plan:
    settings: dict[str, str]  # setting path → new value
    given: set[str]  # the settings whose value came from an option
    remove_examples: bool
    config_before: str = ""
    config_after: str = ""
    removed_nav: list[str] = field(default_factory=list)
    delete: list[Path] = field(default_factory=list)  # files and folders inside the repository
    changed_address: bool = False


def current_settings(config: dict) -> dict[str, str]:
    publisher = (config.get("extra") or {}).get("utgivare") or {}
    found = {"site_name": config.get("site_name"), "site_url": config.get("site_url"), "copyright": config.get("copyright")}
    found |= {f"extra.utgivare.{key}": publisher.get(key) for key in ("namn", "webbplats", "epost", "telefon")}
    return {key: "" if value is None else str(value) for key, value in found.items()}


def make_plan(args: argparse.Namespace, root: Path) -> Plan:
    problems = []
    for option, value in (("--namn", args.namn), ("--adress", args.adress), ("--utgivare", args.utgivare),
                          ("--epost", args.epost), ("--telefon", args.telefon)):
        char = first_invisible(value) if value else None
        if char:
            problems.append(f"{option}: {INVISIBLE_IN_OPTION.text(char=char_name(char))} [{INVISIBLE_IN_OPTION.code}]")
    if problems:
        raise Refused(problems)
    text = (root / CONFIG).read_text(encoding="utf-8")
    now = current_settings(_loaded(text))
    wanted = dict(now)
    given = set()
    for setting, value in (("site_name", args.namn), ("extra.utgivare.webbplats", args.namn), ("site_url", args.adress),
                           ("extra.utgivare.namn", args.utgivare), ("extra.utgivare.epost", args.epost),
                           ("extra.utgivare.telefon", args.telefon)):
        if value is not None:
            # NFC: a name typed on a Mac (NFD) is stored as every other text in mkdocs.yml is read.
            value = unicodedata.normalize("NFC", value)
            wanted[setting] = normal_address(value) if setting == "site_url" else value.strip()
            given.add(setting)
    # The template's footer names the template's sources; a site of its own names its publisher.
    if now["copyright"] in ("", TEMPLATE_COPYRIGHT, f"Utgivare: {now['extra.utgivare.namn']}."):
        wanted["copyright"] = f"Utgivare: {wanted['extra.utgivare.namn']}."
    publisher = {key: wanted[f"extra.utgivare.{key}"] for key in ("namn", "webbplats", "epost", "telefon")}
    refused, said = [], set()
    for p in settings_problems(SiteSettings(wanted["site_name"], wanted["site_url"], publisher)):
        option = OPTIONS[p.setting]
        if (option, p.message.code) in said and p.setting in given:
            continue  # --namn sets two settings: one message for the one value
        said.add((option, p.message.code))
        refused.append(f"{option}: {p.text}" if p.setting in given else f"{option} saknas, och {p.setting} i mkdocs.yml duger inte: {p.text}")
    if refused:
        raise Refused(refused)

    plan = Plan({k: v for k, v in wanted.items() if v != now[k]}, given, args.utan_exempel, config_before=text)
    plan.changed_address = wanted["site_url"] != now["site_url"]
    after = text
    for setting, value in plan.settings.items():
        after = set_value(after, setting, value)
    if args.utan_exempel:
        after, plan.removed_nav = remove_nav_pages(after, set(EXAMPLE_PAGES))
        plan.delete = [p for p in [root / "docs" / page for page in EXAMPLE_PAGES] + [root / "data" / d for d in EXAMPLE_DATA]
                       if p.is_symlink() or p.exists()]
        plan.delete += example_kolada_files(root)
        in_use = examples_in_use(root, after, set(plan.delete))
        if in_use:
            raise Refused(in_use)
    plan.config_after = after
    check_edit(plan, text, after)
    return plan


def _page_code(page: Path) -> str | None:
    try:
        return municipality_code(front_matter(page))
    except Exception:  # noqa: BLE001 — a page whose code cannot be read keeps its datasets
        return None


def example_kolada_files(root: Path) -> list[Path]:
    """The Kolada datasets (data/kolada/) fetched for the example reports' municipalities that no
    remaining page names: only the example reports showed them."""
    examples = {root / "docs" / page for page in EXAMPLE_PAGES}
    pages = [p for p in sorted((root / "docs").rglob("*.md")) if p.is_file() and not p.is_symlink()]
    kept_codes = {_page_code(p) for p in pages if p not in examples}
    example_codes = {_page_code(p) for p in pages if p in examples} - kept_codes - {None}
    found = []
    for schema_path in sorted((root / "data" / "kolada").glob("*.schema.yaml")):
        try:
            schema = yaml.safe_load(schema_path.read_text(encoding="utf-8")) or {}
            kolada = schema.get("kolada") or {}
            home = next(f["name"] for f in schema.get("fields") or [] if f.get("role") == "home")
            code = (kolada.get("municipalities") or {}).get(home)
        except (OSError, yaml.YAMLError, AttributeError, StopIteration, TypeError):
            continue
        if code in example_codes:
            found += [p for p in (schema_path, schema_path.with_name(schema_path.name.replace(".schema.yaml", ".csv"))) if p.exists()]
    return found


EXAMPLE_NAME = re.compile(
    r"(?<![\w/.-])(?:(?:" + "|".join(map(re.escape, EXAMPLE_DATA)) + r")/[a-z0-9][a-z0-9_-]*"
    r"|(?:" + "|".join(re.escape(p.removesuffix(".md")) for p in EXAMPLE_PAGES) + r")\.md)"
)


def examples_in_use(root: Path, config_after: str, deleted: set[Path]) -> list[str]:
    """Every line of a page that stays, or of mkdocs.yml as it will be, that names an example
    dataset or report page: removing the examples would stop the build there."""
    found = []
    sources = [(CONFIG, config_after)]
    for page in sorted((root / "docs").rglob("*.md")):
        if page not in deleted and not page.is_symlink():
            sources.append((page.relative_to(root).as_posix(), page.read_text(encoding="utf-8-sig")))
    for where, text in sources:
        for number, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#") and where == CONFIG:
                continue  # a comment in mkdocs.yml names nothing the build reads
            for match in EXAMPLE_NAME.finditer(line):
                found.append(f"{EXAMPLE_IN_USE.text(where=f'{where}:{number}:{match.start() + 1}', found=match.group(0))} [{EXAMPLE_IN_USE.code}]")
    return found


def check_edit(plan: Plan, before: str, after: str) -> None:
    """The edited text must load as the settings and nav intended, and differ from the original
    only there: otherwise nothing is written (a bug here must never damage mkdocs.yml)."""
    old, new = _loaded(before), _loaded(after)
    expected = current_settings(old) | plan.settings
    problems = []
    if current_settings(new) != expected:
        problems.append("inställningarna blev inte de avsedda")
    nav = _without_pages(old.get("nav") or [], set(EXAMPLE_PAGES)) if plan.remove_examples else old.get("nav")
    if new.get("nav") != nav:
        problems.append("menyn (nav) blev inte den avsedda")
    rest_old = {k: v for k, v in old.items() if k not in ("site_name", "site_url", "copyright", "nav", "extra")}
    rest_new = {k: v for k, v in new.items() if k not in ("site_name", "site_url", "copyright", "nav", "extra")}
    extra_old = {k: v for k, v in (old.get("extra") or {}).items() if k != "utgivare"}
    extra_new = {k: v for k, v in (new.get("extra") or {}).items() if k != "utgivare"}
    if rest_old != rest_new or extra_old != extra_new:
        problems.append("andra inställningar ändrades")
    if problems:
        raise Refused([f"Internt fel: ändringen av mkdocs.yml kontrollerades och skrevs inte ({'; '.join(problems)}). "
                       "Det är ett programfel: meddela den som sköter webbplatsen och ändra mkdocs.yml för hand."])


# ---------------------------------------------------------------- git


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else ""


def uncommitted(root: Path) -> list[str]:
    return [line[3:] for line in git(root, "status", "--porcelain", "--untracked-files=all").splitlines() if line.strip()]


def record_branches(root: Path) -> list[str]:
    """The record of another site's published editions, if this clone carries one (it belongs to
    the template's address; the build refuses a record made for another address)."""
    refs = git(root, "for-each-ref", "--format=%(refname:short)", f"refs/heads/{RECORD_BRANCH}", f"refs/remotes/*/{RECORD_BRANCH}")
    tags = git(root, "for-each-ref", "--format=%(refname:short)", f"refs/tags/{RECORD_BRANCH}-*")  # each record commit's tag
    return [line for line in refs.splitlines() if line] + ([f"taggarna {RECORD_BRANCH}-*"] if tags.strip() else [])


def pages_address(root: Path) -> str | None:
    """The address GitHub Pages gives this repository (from its `origin` on github.com), or None."""
    remote = git(root, "remote", "get-url", "origin").strip()
    match = re.search(r"github\.com[:/]+([^/]+)/([^/]+?)(?:\.git)?/?$", remote)
    if not match:
        return None
    owner, name = match[1].lower(), match[2]
    return f"https://{owner}.github.io/" if name.lower() == f"{owner}.github.io" else f"https://{owner}.github.io/{name}/"


# ---------------------------------------------------------------- doing it


def inside(root: Path, path: Path) -> bool:
    """True if `path` (not following a final symlink) is inside the repository."""
    try:
        path.parent.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def apply(plan: Plan, root: Path) -> list[str]:
    done = []
    if plan.config_after != plan.config_before:
        (root / CONFIG).write_text(plan.config_after, encoding="utf-8")
        done += [f"mkdocs.yml: {setting} = {value}" for setting, value in plan.settings.items()]
        done += [f"mkdocs.yml: menyn utan {title}" for title in plan.removed_nav]
    for path in plan.delete:
        if not inside(root, path):
            continue  # never outside the repository
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path)  # refuses to follow a symlinked folder; nothing below data/ or docs/ links out
        done.append(f"borttagen: {path.relative_to(root).as_posix()}")
    cache = root / CACHE
    if (plan.changed_address or plan.delete) and cache.is_dir() and not cache.is_symlink() and inside(root, cache):
        shutil.rmtree(cache)  # rendered editions of the site as it was; the next build renders them again
        done.append(f"tömd: {CACHE.as_posix()}/ (sparade utgåvor från före ändringen)")
    return done


def next_steps(root: Path, plan: Plan, address: str) -> list[str]:
    path = urlsplit(address).path or "/"
    steps = [
        "Granska ändringarna: git status och git diff (git checkout . && git clean -fd ångrar dem).",
        "Pröva webbplatsen på din dator: .venv/bin/python scripts/validate.py, sedan .venv/bin/mkdocs serve och öppna "
        f"http://127.0.0.1:8000{path}",
        'Checka in: git add -A && git commit -m "Gör webbplatsen till vår egen"',
        "På GitHub: skapa repositoriet om det inte finns, och välj Settings → Pages → Build and deployment → "
        "Source: GitHub Actions." + ("" if urlsplit(address).hostname.endswith(".github.io") else
                                     f" Adressen är en egen domän: ange {urlsplit(address).hostname} under Settings → Pages → Custom domain."),
        "Skicka upp: git push origin main. Första gången: starta arbetsflödet Publicera för hand (fliken Actions ▸ "
        "Publicera ▸ Run workflow, kryssa i Första publiceringen); det kontrollerar, bygger, publicerar och börjar "
        f"arkivet över publicerade utgåvor. När det är grönt finns webbplatsen på {address}",
    ]
    branches = record_branches(root)
    if branches:
        steps.append(
            f"Ta bort mallens register över publicerade utgåvor (grenen {RECORD_BRANCH}: {', '.join(branches)}); det hör till "
            f"mallens adress och bygget vägrar det: git branch -D {RECORD_BRANCH}, git tag -l '{RECORD_BRANCH}-*' | xargs -r git tag -d "
            f"och git push origin --delete {RECORD_BRANCH}."
        )
    if not plan.remove_examples and any((root / "docs" / page).exists() for page in EXAMPLE_PAGES):
        steps.append("Webbplatsen har kvar mallens fem exempelrapporter. Ta bort dem med samma kommando och --utan-exempel.")
    steps += [
        "Lägg till era rapporter: CONTRIBUTING.md, avsnitten Lägg till ett nytt dataset och Lägg till en rapportsida.",
        "Ändra gärna också: färgen (theme.palette, primary och accent, i mkdocs.yml), logotyp och favicon (theme.logo och "
        "theme.favicon, filerna i docs/assets/), licensen för nedladdningsbara data (extra.datalicens) och texten i "
        "docs/om-statistiken.md.",
        "Tillgänglighetsredogörelsen (docs/tillganglighet.md) är mallens: gör er egen bedömning, skriv datumet i "
        "extra.granskad i mkdocs.yml och ändra texten om kända brister så att den stämmer för er webbplats.",
    ]
    return [f"{number}. {step}" for number, step in enumerate(steps, 1)]


def main(argv: list[str] | None = None) -> int:
    parser = SwedishParser(
        prog="ny-webbplats.py",
        description="Gör webbplatsen till er egen: namn, adress, utgivare och kontakt i mkdocs.yml, och "
                    "(med --utan-exempel) utan mallens exempelrapporter.")
    parser.add_argument("--namn", help='webbplatsens namn (site_name), till exempel "Socialtjänstens uppföljningar – Ystads kommun"')
    parser.add_argument("--adress", help="webbplatsens publika adress (site_url), till exempel https://ystad.github.io/socialrapporter/")
    parser.add_argument("--utgivare", help='organisationen som ger ut webbplatsen, till exempel "Socialförvaltningen i Ystads kommun"')
    parser.add_argument("--epost", help="e-post som läsare kan skriva till (visas i tillgänglighetsredogörelsen)")
    parser.add_argument("--telefon", help='telefonnummer som läsare kan ringa, till exempel "0411-57 70 00"')
    parser.add_argument("--utan-exempel", action="store_true",
                        help="ta bort mallens fem exempelrapporter: sidor, data och menyrader")
    parser.add_argument("--trots-andringar", action="store_true", help="kör även om det finns ändringar som inte är incheckade")
    args = parser.parse_args(argv)
    root = ROOT
    try:
        if not Repository.is_repository(root):
            raise Refused([f"Fel: {NOT_A_CLONE.text()} [{NOT_A_CLONE.code}]"])
        dirty = uncommitted(root)
        if dirty and not args.trots_andringar:
            files = ", ".join(dirty[:5]) + (f" och {len(dirty) - 5} till" if len(dirty) > 5 else "")
            raise Refused([f"Fel: {UNCOMMITTED.text(files=files)} [{UNCOMMITTED.code}]"])
        unreadable = config_problems(root / CONFIG)
        if unreadable:
            raise Refused([str(p) for p in unreadable])
        plan = make_plan(args, root)
    except Refused as refused:
        for line in refused.lines:
            print(line, file=sys.stderr)
        print("Inget ändrades.", file=sys.stderr)
        return 1
    done = apply(plan, root)
    address = _loaded(plan.config_after).get("site_url") or ""
    print("Ändrat:" if done else "Inget behövde ändras: webbplatsen har redan de här uppgifterna.")
    for line in done:
        print(f"  {line}")
    expected = pages_address(root)
    if expected and urlsplit(address).hostname.endswith(".github.io") and address != expected:
        print(f"Obs: GitHub Pages publicerar det här repositoriet (origin) på {expected}, inte på {address}. "
              "Stämmer adressen? Kör annars kommandot igen med rätt --adress.")
    print("\nSå gör du sedan:")
    for step in next_steps(root, plan, address):
        print(step)
    return 0


if __name__ == "__main__":
    sys.exit(main())
