"""What a host needs besides the pages: robots.txt, a sitemap only with an address, the 404 page's words.

Steps over the written site, run once both languages are built. The address is the configured
`site_url` (`SITE_URL`, README: Publishing) or None:
- robots.txt allows everything and names the sitemap when there is an address;
- without an address the sitemap is removed: its `<loc>` must be absolute, and MkDocs would write
  `None` in front of every path (a page claims no address it was not given);
- the theme's 404 page holds a placeholder that `write_not_found_page` fills with the words of both
  languages (one 404 page serves every path of the site), a search form and links home.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from actsite.definitions.languages import LANGUAGES

NOT_FOUND_PLACEHOLDER = "<div data-actsite-not-found></div>"
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


class HostingError(Exception):
    """The built site lacks what a publishing step fills in (a theme change removed it)."""


def base_path(site_url: str | None) -> str:
    """The path the site is served under: `/` without an address, else the address's path (ending in `/`)."""
    if not site_url:
        return "/"
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def robots_txt(site_url: str | None) -> str:
    """robots.txt: every page may be crawled; the sitemap's address when the site has one."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def write_robots_txt(site_dir: Path, site_url: str | None) -> None:
    """Write robots.txt at the site's root."""
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")


def drop_sitemap_without_address(site_dir: Path, site_url: str | None) -> list[str]:
    """Remove the sitemap of a site built without an address; return the files removed."""
    if site_url:
        return []
    removed = []
    for name in SITEMAPS:
        path = site_dir / name
        if path.exists():
            path.unlink()
            removed.append(name)
    return removed


def not_found_html(site_url: str | None) -> str:
    """The 404 page's content in every language: what happened, a search form, the way home."""
    # Imported here: a build that skips generation loads no template machinery of ours before the engine runs.
    from actsite.render.i18n import ui_strings
    from actsite.render.templating import environment

    base = base_path(site_url)
    homes = {language: base if index == 0 else f"{base}{language}/" for index, language in enumerate(LANGUAGES)}
    template = environment().get_template("not-found.html.j2")
    return template.render(parts=[{"language": language, "t": ui_strings(language), "home": homes[language]} for language in LANGUAGES])


def write_not_found_page(site_dir: Path, site_url: str | None) -> None:
    """Fill the theme's 404 page (overrides/404.html) with `not_found_html`."""
    page = site_dir / "404.html"
    text = page.read_text(encoding="utf-8")
    if text.count(NOT_FOUND_PLACEHOLDER) != 1:
        raise HostingError(f"{page}: expected one {NOT_FOUND_PLACEHOLDER} (overrides/404.html) to fill")
    page.write_text(text.replace(NOT_FOUND_PLACEHOLDER, not_found_html(site_url)), encoding="utf-8")


def prepare_for_hosting(site_dir: Path, site_url: str | None) -> None:
    """Every hosting step over a site whose languages are all built."""
    write_robots_txt(site_dir, site_url)
    drop_sitemap_without_address(site_dir, site_url)
    write_not_found_page(site_dir, site_url)
