"""`actsite serve`: build the site, serve it on the loopback address, rebuild on every edit, reload the browser.

Each build is a whole `actsite build` in a child process, so an edit to the generator's code takes
effect at the next build, and a build that fails leaves the last good site in place (the driver
publishes a site only when every step succeeded): a broken definition prints its problems, one
line each, and the server goes on serving the last good pages until the file is fixed.

The watched sources are the folders the generator and the engine read (definitions, data,
translations, schema, code, theme overrides, mkdocs.yml) and the hand-written files of docs/ (the
generated ones, listed in the manifest, change with every build and are not watched). They are
polled once a second: a few hundred files, no watcher threads, the same on every system.

Served pages get one extra script (`RELOAD_SCRIPT`) that asks the server for the build number and
reloads the page when it changes; it exists only in what this server sends, never in site/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from actsite.definitions.paths import ROOT
from actsite.site.generation_state import IGNORED_PARTS, INPUT_FOLDERS
from actsite.site.hosting import base_path

# What generation reads (its input folders, the code), what the engine reads, and docs/'s hand-written files.
WATCHED = (*INPUT_FOLDERS, "src", "overrides", "mkdocs.yml", "docs")
SKIPPED_PARTS = IGNORED_PARTS | {".generated.json"}
BUILD_PATH = "/.actsite-build"  # the build number, for the reload script
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;function poll(){fetch('" + BUILD_PATH + "',{cache:'no-store'}).then(function(r){return r.text()})"
    ".then(function(n){if(seen!==null&&n!==seen){location.reload()}seen=n}).catch(function(){}).finally(function(){setTimeout(poll,1000)})}poll()})();</script>"
)


def _generated(root: Path) -> set[Path]:
    """The docs/ files the last generation wrote (docs/.generated.json)."""
    manifest = root / "docs" / ".generated.json"
    try:
        return {root / "docs" / relative for relative in json.loads(manifest.read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        return set()


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Path → (modification time, size) of every watched source file."""
    generated = _generated(root)
    files: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
            if path.is_file() and not SKIPPED_PARTS.intersection(path.parts) and path not in generated:
                stat = path.stat()
                files[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return files


class _Site:
    """The folder being served, the path it is served under, and its build number (the reload script's signal)."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        self.base = base  # "/", or the path of SITE_URL ("/activations/"), as the built pages expect
        self.build = 0


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the current site under its base path; HTML with the reload script; the 404 page for what does not exist."""

    def __init__(self, *arguments: object, site: _Site, **keywords: object) -> None:
        self.site = site
        super().__init__(*arguments, directory=str(site.folder), **keywords)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a page load is dozens of requests."""

    def handle(self) -> None:
        """Answer, unless the reader has gone: a browser that gave up (e.g. on a request queued during the first build) is no error."""
        try:
            super().handle()
        except ConnectionError:
            self.close_connection = True

    def do_GET(self) -> None:
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        if address == BUILD_PATH:
            self._send(200, str(self.site.build).encode(), "text/plain; charset=utf-8")
            return
        if address + "/" == self.site.base or (address == "/" and self.site.base != "/"):
            self._redirect(self.site.base)
            return
        if not address.startswith(self.site.base):
            self._send_html(404, self.site.folder / "404.html")
            return
        path = Path(self.translate_path("/" + address[len(self.site.base) :]))
        if path.is_dir():
            if not address.endswith("/"):
                self._redirect(address + "/")
                return
            path = path / "index.html"
        if not path.is_file():
            self._send_html(404, self.site.folder / "404.html")
            return
        if path.suffix == ".html":
            self._send_html(200, path)
            return
        self.path = "/" + address[len(self.site.base) :]  # the file itself, as the base class serves it
        super().do_GET()

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_html(self, status: int, path: Path) -> None:
        try:
            page = path.read_text(encoding="utf-8")
        except OSError:
            self._send(status, b"not found", "text/plain; charset=utf-8")
            return
        body = page.replace("</body>", RELOAD_SCRIPT + "</body>", 1) if "</body>" in page else page + RELOAD_SCRIPT
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _build(site: Path) -> bool:
    """One `actsite build` into `site` in a child process (its messages pass through); whether it succeeded."""
    command = [sys.executable, "-m", "actsite.cli", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=ROOT, check=False).returncode == 0


def _say(message: str) -> None:
    print(f"actsite: {message}", file=sys.stderr, flush=True)


def serve(address: str, site: Path) -> int:
    """Build, then serve `site` at `address` (host:port) and rebuild on every edit until interrupted.

    With `SITE_URL` the site is served under its path, as the built pages expect.
    """
    host, _, port = address.rpartition(":")
    served = _Site(site, base_path(os.environ.get("SITE_URL") or None))
    try:  # bound before the first build: a taken port is reported at once
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), functools.partial(_Handler, site=served))
    except OSError as error:  # the port is taken, or the address is not this machine's
        _say(f"cannot serve at {address}: {error.strerror or error}")
        return 1
    # The sources as this first build reads them: an edit made from now on, even while it runs or just
    # as its pages are first served, is a change the loop below sees.
    before = snapshot(ROOT)
    if not _build(site):
        server.server_close()
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"serving http://{host or '127.0.0.1'}:{port}{served.base} (rebuilds on every edit; Ctrl+C stops)")
    try:
        while True:
            time.sleep(1)
            now = snapshot(ROOT)
            if now == before:
                continue
            time.sleep(0.3)  # an editor may write a file in steps
            before = snapshot(ROOT)
            started = time.monotonic()
            if _build(site):
                served.build += 1
                _say(f"rebuilt in {time.monotonic() - started:.1f}s; open pages reload")
            else:
                _say("still serving the last good site")
            # `before` stays the snapshot taken before the build: an edit made while it ran is seen next time,
            # and the build's own writes under docs/ are in the manifest, which the next snapshot skips.
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
