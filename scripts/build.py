#!/usr/bin/env python3
"""Build the whole site: the generator's pages, then editions, the feed and (with --pdf) PDFs.

    .venv/bin/python scripts/build.py [--generator mkdocs|zensical] [--pdf] [--site-dir MAPP (bara mkdocs)]

MkDocs runs the editions step itself after every build (on_post_build in
macros/__init__.py); Zensical has no post-build hook, so this command runs the
same step (macros.pages.publish) after it. --pdf prints every edition to PDF
with Chromium (CI's publish workflow does; locally it is opt-in). Exit code:
the generator's, or 1 if the editions step fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data import record  # noqa: E402
from macros.data.history import HistoryError, Repository  # noqa: E402
from macros.pages import authoring  # noqa: E402
from macros.pages.build import NEW_RECORD_SWITCH, PDF_SWITCH, RECORD_SWITCH, Build  # noqa: E402
from macros.pages.site_config import project_config  # noqa: E402
from macros.pages.pdf import PdfError  # noqa: E402
from macros.pages.publish import publish  # noqa: E402
from macros.pages.settings import NOT_A_CLONE, SiteSettings, place, settings_problems  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bygg webbplatsen med utgåvor, nyhetsflöde och (med --pdf) PDF:er.")
    parser.add_argument("--generator", choices=["mkdocs", "zensical"], default="mkdocs", help="standard: mkdocs")
    parser.add_argument("--pdf", action="store_true", help="gör en PDF av varje utgåva (behöver Chromium)")
    parser.add_argument("--site-dir", type=Path, help="målmapp (bara mkdocs; zensical skriver till site_dir i mkdocs.yml)")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--record", action="store_true",
                        help="lägg till nya utgåvor i arkivgrenen publicerat (publiceringsflödet gör det; sedan git push --atomic --follow-tags origin publicerat, som också skickar taggen publicerat-<n>)")
    parser.add_argument("--first-record", action="store_true",
                        help="webbplatsens första publicering: --record får börja grenen publicerat (annars vägrar bygget "
                             "när grenen saknas, eftersom den kan ha tagits bort)")
    parser.add_argument("--publish", action="store_true",
                        help="bygget ska publiceras: vägra exempeladresser i mkdocs.yml (site_url, utgivare)")
    args = parser.parse_args(argv)
    if args.publish:
        refusals = publish_refusals(args.config_file)
        if refusals:
            for line in refusals:
                print(line, file=sys.stderr)
            return 1
    config_problems = authoring.config_problems(args.config_file)
    if config_problems:  # MkDocs and Zensical would stop on these in English, before our code runs
        print("\n".join(authoring.stop_lines(config_problems)), file=sys.stderr)
        return 1
    if args.site_dir and args.generator == "zensical":
        parser.error("--site-dir går bara med mkdocs: zensical skriver alltid till site_dir i mkdocs.yml (site/).")

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if args.pdf:
        env[PDF_SWITCH] = "1"
    if args.record:
        env[RECORD_SWITCH] = "1"
    if args.first_record:
        env[NEW_RECORD_SWITCH] = "1"
    bin_dir = Path(sys.executable).parent
    if args.generator == "mkdocs":  # MkDocs runs the editions step itself (on_post_build)
        command = [str(bin_dir / "mkdocs"), "build", "--strict", "--clean", "-f", str(args.config_file)]
        command += ["-d", str(args.site_dir.resolve())] if args.site_dir else []
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    command = [str(bin_dir / "zensical"), "build", "--clean", "--strict", "-f", str(args.config_file)]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        return result.returncode
    config = project_config(args.config_file)
    root = args.config_file.resolve().parent
    site_dir = root / config["site_dir"]
    build = Build(root, config["nav"], root / config["docs_dir"], site_dir)
    build.record = args.record
    build.first_record = args.first_record
    build.config_file = args.config_file
    try:
        published = publish(build, site_dir, args.config_file, pdf=args.pdf)
        print(published)
    except (HistoryError, PdfError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    if published.shown:  # checked by publish before it added to the record (it did not)
        print("\n".join(authoring.stop_lines(published.shown)), file=sys.stderr)
        return 1
    return 0


def publish_refusals(config_file: Path) -> list[str]:
    """Why this project must not be published, one line each (none: it may be). The same checks
    stop scripts/ny-webbplats.py from writing settings that could not be published."""
    config_file = Path(config_file)
    lines = [f"{place(config_file, p.setting)}: {p.setting}: {p.text}" for p in settings_problems(SiteSettings.of(project_config(config_file)))]
    if lines:
        lines.append("Publiceringen stoppades: skriv in webbplatsens riktiga uppgifter i mkdocs.yml, eller kör "
                     "scripts/ny-webbplats.py (README: Making the site your own).")
    if not Repository.is_repository(config_file.resolve().parent):
        lines.append(f"Fel: {NOT_A_CLONE.text()} [{NOT_A_CLONE.code}]")
    elif not record.fetches_record(Repository(config_file.resolve().parent)):  # would re-render and re-date every edition
        lines.append(f"{record.ON_GITHUB}: {record.RECORD_NOT_FETCHED.coded(branch=record.BRANCH)}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
