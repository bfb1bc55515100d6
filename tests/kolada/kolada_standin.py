"""A stand-in for Kolada's API v3, and the script under test loaded as a module.

The stand-in answers in the shapes Kolada documents (../shared/kolada/: the envelope with
`values`, `count`, `next_url`, `previous_url`; data rows with a value per gender; groups with
`members: [{member_id, member_title}]`; HTTP 422 beyond 25 ids in a path segment). Its
municipalities, groups and key figures are Kolada's real records (kolada-svar/); the values
are CONSTRUCTED for the tests (`constructed_value`), never Kolada's. Tests can make it fail
(429 with Retry-After, 500), page its answers, break a shape, and read what was asked.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RECORDS = HERE / "kolada-svar"
TODAY = dt.date(2026, 3, 2)  # the fetch's "today": years 2016–2025
HOMES = {"1277": "astorp", "0483": "katrineholm", "1281": "lund"}

# Groups of the other families, and an older group of the right one: the script must pick
# "Liknande kommuner ekonomiskt bistånd, <kommun>, <newest year>" among them (constructed).
OTHER_GROUPS = [
    {"id": "G900001", "title": "Liknande kommuner individ- och familjeomsorg, Åstorp, 2024",
     "members": [{"member_id": "1260", "member_title": "Bjuv"}, {"member_id": "1283", "member_title": "Helsingborg"}]},
    {"id": "G900002", "title": "Liknande kommuner ekonomiskt bistånd, Åstorp, 2021",
     "members": [{"member_id": "1260", "member_title": "Bjuv"}, {"member_id": "2081", "member_title": "Borlänge"}]},
    {"id": "G900003", "title": "Liknande kommuner äldreomsorg, Katrineholm, 2023",
     "members": [{"member_id": "0381", "member_title": "Enköping"}]},
    {"id": "G900004", "title": "Kommuner i Lunds arbetsmarknadsregion, 2023",
     "members": [{"member_id": "1262", "member_title": "Lomma"}]},
]


def constructed_value(kpi: str, code: str, year: int) -> float | None:
    """A made-up figure for the stand-in (None: Kolada has none). Never Kolada's values."""
    if year == 2025 and code != "0000":
        return None  # the newest year: only Riket has a figure so far
    if kpi == "N31816" and code == "0761":
        return None  # a municipality without a figure for this key figure
    spread = (int(code) % 23) / 10
    if kpi == "N31001":
        return float(1200 + int(code) % 700 - (year - 2016) * 15)
    base = {"N31807": 2.0, "N31816": 1.0}[kpi]
    return round(base + spread - (year - 2016) * 0.05, 1)


def load_script():
    """scripts/kolada.py as a module (it is a command, not a package)."""
    if "kolada_script" in sys.modules:
        return sys.modules["kolada_script"]
    spec = importlib.util.spec_from_file_location("kolada_script", REPO / "scripts" / "kolada.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kolada_script"] = module
    spec.loader.exec_module(module)
    return module


class StandIn:
    def __init__(self):
        self.municipalities = json.loads((RECORDS / "municipality.json").read_text(encoding="utf-8"))
        self.groups = json.loads((RECORDS / "municipality_groups.json").read_text(encoding="utf-8")) + OTHER_GROUPS
        self.kpis = json.loads((RECORDS / "kpi.json").read_text(encoding="utf-8"))
        self.per_page = 5000
        self.members_in_listing = False  # the listing leaves members out: the script asks for the group
        self.asked: list[str] = []  # every path and query asked, in order
        self.failures: list[tuple[str, int, dict]] = []  # (path part, status, headers), used once each
        self.broken: dict[str, object] = {}  # path part → the body to answer instead
        self.url = ""

    def fail(self, part: str, status: int, headers: dict | None = None) -> None:
        self.failures.append((part, status, headers or {}))

    # ------------------------------------------------------------ answering

    def answer(self, target: str) -> tuple[int, dict, object]:
        self.asked.append(target)
        parts = urlsplit(target)
        path, query = unquote(parts.path), parse_qs(parts.query)
        for index, (part, status, headers) in enumerate(self.failures):
            if part in target:
                del self.failures[index]
                return status, headers, {"detail": "stand-in failure"}
        for part, body in self.broken.items():
            if part in target:
                return 200, {}, body
        segments = path.removeprefix("/v3/").split("/")
        if any(len(s.split(",")) > 25 for s in segments):
            return 422, {}, {"detail": "too many ids"}
        if segments[0] == "municipality" and len(segments) == 2:
            ids = segments[1].split(",")
            return self.page([m for m in self.municipalities if m["id"] in ids], query, path)
        if segments[0] == "kpi" and len(segments) == 2:
            ids = segments[1].split(",")
            return self.page([k for k in self.kpis if k["id"] in ids], query, path)
        if segments[0] == "municipality_groups" and len(segments) == 1:
            title = query.get("title", [""])[0].casefold()
            found = [g for g in self.groups if title in g["title"].casefold()]
            if not self.members_in_listing:
                found = [{k: v for k, v in g.items() if k != "members"} for g in found]
            return self.page(found, query, path)
        if segments[0] == "municipality_groups" and len(segments) == 2:
            return self.page([g for g in self.groups if g["id"] == segments[1]], query, path)
        if segments[0] == "data" and segments[1::2] == ["kpi", "municipality", "year"]:
            kpis, codes, years = (segments[i].split(",") for i in (2, 4, 6))
            rows = []
            for kpi in kpis:
                for code in codes:
                    for year in map(int, years):
                        value = constructed_value(kpi, code, year)
                        if value is None and year == 2025:
                            continue  # no row at all: missing too
                        values = [{"gender": "T", "count": 1, "status": "", "value": value, "isdeleted": False}]
                        if kpi == "N31816":  # divided by gender: the total is the figure, wherever it stands
                            values = [
                                {"gender": "K", "count": 1, "status": "", "value": None if value is None else value + 0.3, "isdeleted": False},
                                {"gender": "M", "count": 1, "status": "", "value": None if value is None else value - 0.3, "isdeleted": False},
                                *values,
                            ]
                        rows.append({"kpi": kpi, "municipality": code, "period": year, "values": values})
            return self.page(rows, query, path)
        return 404, {}, {"detail": "not found"}

    def page(self, items: list, query: dict, path: str) -> tuple[int, dict, object]:
        number = int(query.get("page", ["1"])[0])
        size = int(query.get("per_page", [str(self.per_page)])[0])
        chunk = items[(number - 1) * size : number * size]
        more = number * size < len(items)
        extra = "".join(f"&{k}={v[0]}" for k, v in query.items() if k not in ("page", "per_page"))
        link = lambda n: f"{self.url.removesuffix('/v3')}{path}?page={n}&per_page={size}{extra}"  # noqa: E731
        return 200, {}, {
            "values": chunk, "count": len(chunk),
            "next_url": link(number + 1) if more else None,
            "previous_url": link(number - 1) if number > 1 else None,
        }


def page(code: str, title: str) -> str:
    return f'---\ntitle: {title}\nkommunkod: "{code}"\n---\n# {title}\n'


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below data/, by path: to prove that a failed fetch changed nothing."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def ids_in(target: str, segment: str) -> list[str]:
    match = re.search(rf"/{segment}/([^/?]+)", unquote(target))
    return match.group(1).split(",") if match else []


FIXTURE = HERE / "projekt"  # the small site of the page tests, with the stand-in's answers as data
FIXTURE_API = "https://kolada.test.invalid/v3"  # the stand-in's address as the fixture records it
FIXTURE_NOTE = "# TESTDATA: påhittade värden från testernas låtsas-Kolada (tests/kolada/kolada_standin.py), inte Koladas siffror.\n"


def as_fixture(name: str, content: bytes, url: str) -> bytes:
    """A file the script wrote for the stand-in at `url`, as the fixture keeps it: the stand-in's
    address made fixed, and every schema marked as test data."""
    text = content.decode("utf-8").replace(url, FIXTURE_API)
    if name.endswith(".schema.yaml"):
        first, rest = text.split("\n", 1)
        text = f"{first}\n{FIXTURE_NOTE}{rest}"
    return text.encode("utf-8")
