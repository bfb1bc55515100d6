"""The frame of an edition: the living page's header, navigation and footer around its article.

The living page that the generator just built gives the frame (so editions follow the
site's look, whichever generator built it); the article and table of contents are
replaced, relative URLs are corrected for the deeper folder.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from urllib.parse import urlsplit, urlunsplit

from markupsafe import escape

from ..render import html
from .editions import EDITIONS, Edition
from .edition_render import Rendered

ARTICLE = '<article class="md-content__inner md-typeset">'
_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SKIP_LINK = re.compile(r'<a href="#([^"]+)" class="md-skip">')
_CANONICAL = re.compile(r'(<link rel="canonical" href=")([^"]*)(")')


def rebase(value: str, page_dir: str, new_dir: str) -> str:
    """A relative URL written on a page in `page_dir`, rewritten for a page in `new_dir`."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path or value.startswith(("/", "#")):
        return value
    target = posixpath.normpath(posixpath.join(page_dir or ".", parts.path))
    relative = posixpath.relpath(target, new_dir or ".")
    if parts.path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return urlunsplit(("", "", relative, parts.query, parts.fragment))


def _matching_end(text: str, start: int, tag: str) -> int:
    """The index of the `</tag>` that closes the element opened at `start`."""
    depth, position = 0, start
    opening, closing = re.compile(rf"<{tag}\b"), f"</{tag}>"
    while True:
        next_open = opening.search(text, position + 1)
        next_close = text.find(closing, position + 1)
        if next_close < 0:
            return -1
        if next_open and next_open.start() < next_close:
            depth, position = depth + 1, next_open.start()
        elif depth:
            depth, position = depth - 1, next_close
        else:
            return next_close


class Chrome:
    """A living page's HTML as the frame of its editions: everything but the article and
    the table of contents, with relative URLs corrected for the edition's folder."""

    def __init__(self, living: str, report_url: str, site_url: str, below: str = f"{EDITIONS}/x", frame_url: str | None = None,
                 site_name: str = ""):
        frame_url = report_url if frame_url is None else frame_url  # the page the frame is taken from
        start, end = living.find(ARTICLE), living.rfind("</article>")
        if start < 0 or end < 0:
            raise ValueError(f"{report_url}: sidan saknar {ARTICLE}; utgåvorna kan inte ramas in")
        head, tail = living[: start + len(ARTICLE)], living[end:]
        depth_example = f"{report_url}{below}"  # every edition of a report is as deep as this (`below` the report)
        rewrite = lambda m: m.group(1) + rebase(m.group(2), frame_url.rstrip("/"), depth_example) + m.group(3)  # noqa: E731
        head, tail = _ATTRIBUTE.sub(rewrite, head), _ATTRIBUTE.sub(rewrite, tail)
        head, tail = (_CONFIG.sub(lambda m: m.group(1) + self._config(m.group(2), frame_url, depth_example) + m.group(3), part) for part in (head, tail))
        self.head, self.tail, self.site_url, self.site_name = head, tail, site_url, site_name
        self.key = hashlib.sha256(f"{head}\0{tail}\0{site_url}".encode()).hexdigest()[:16]
        self.living_title = (_TITLE.search(head).group(1) if _TITLE.search(head) else "").strip()

    @staticmethod
    def _config(text: str, report_url: str, new_dir: str) -> str:
        config = json.loads(text)
        for key in ("base", "search"):
            if isinstance(config.get(key), str):
                config[key] = rebase(config[key], report_url.rstrip("/"), new_dir)
        return json.dumps(config, ensure_ascii=False)

    def page(self, edition: Edition, rendered: Rendered, banner: str) -> str:
        """An edition: its article with the banner under the heading."""
        article = rendered.article
        closing = article.find("</h1>")
        at = closing + len("</h1>") if closing >= 0 else 0
        return self.frame(
            rendered.title, f"{rendered.title}, utgåva {edition.period.name}", edition.url, rendered.toc,
            article[:at] + "\n" + banner + "\n" + article[at:],
        )

    def frame(self, living_title: str, title: str, url: str, toc: list, article: str) -> str:
        """`article` in the living page's frame, named `title` where the living page says `living_title`
        ("<page title> - <site name>", as the generator writes it)."""
        old, new = str(escape(living_title)), str(escape(title))
        site = f" - {escape(self.site_name)}" if self.site_name else ""
        if old in self.living_title:
            shown = self.living_title.replace(old, new, 1)
        else:  # the page's title changed since (a published edition keeps its own, adv17e fault 31): with the site's name
            shown = new + (site if site and self.living_title.endswith(site) else "")
        head = _TITLE.sub(lambda m: f"<title>{shown}</title>", self.head, count=1)
        if self.site_url:
            head = _CANONICAL.sub(lambda m: m.group(1) + self.site_url + url + m.group(3), head, count=1)
        return self._toc(head, toc) + "\n" + article + "\n" + self.tail

    @staticmethod
    def _toc(head: str, tokens: list) -> str:
        """The edition's own headings in the tables of contents (Material has two: the sidebar's,
        and one inside the navigation for small screens)."""
        if len(tokens) == 1 and tokens[0]["level"] == 1:
            tokens = tokens[0]["children"]  # as Material: the page title is not in its own contents
        items = _toc_items(tokens)
        position = 0
        while True:
            marker = head.find('data-md-component="toc"', position)
            if marker < 0:
                return head
            start = head.rfind("<ul", 0, marker)
            open_end = head.find(">", marker) + 1
            end = _matching_end(head, start, "ul") if start >= 0 else -1
            if end < 0:
                return head
            head = head[:open_end] + items + head[end:]
            position = open_end + len(items)


def _toc_items(tokens: list) -> str:
    """The headings as Material's list items (templates/edition_toc.html); names without their markup."""
    def plain(token: dict) -> dict:
        return {"id": token["id"], "name": re.sub(r"<[^>]+>", "", token["name"]), "children": [plain(t) for t in token.get("children") or []]}

    return html.render("edition_toc.html", tokens=[plain(t) for t in tokens]).strip()
