"""The transfer sizes the first-visit measurement assigns to responses (actsite.verify.first_visit)."""

from __future__ import annotations

import gzip
import json
import urllib.request
from pathlib import Path

from actsite.verify.first_visit import Transfer, Visit, is_compressible, report, transfer_of

TEXT = b"<p>activation</p>" * 200


def test_text_formats_count_at_their_gzip_size() -> None:
    for path, kind in (
        ("/a/", "text/html; charset=utf-8"),
        ("/x.css", "text/css"),
        ("/x.js", "application/javascript"),
        ("/i.json", "application/json"),
        ("/p.svg", "image/svg+xml"),
    ):
        transfer = transfer_of(path, kind, TEXT)
        assert transfer.transfer_bytes == len(gzip.compress(TEXT, 6, mtime=0)) < len(TEXT), path
        assert transfer.body_bytes == len(TEXT)


def test_compressed_formats_count_at_their_own_size() -> None:
    for path, kind in (("/f.woff2", "font/woff2"), ("/favicon.png", "image/png")):
        assert not is_compressible(path, kind)
        assert transfer_of(path, kind, TEXT).transfer_bytes == len(TEXT)


def test_a_json_file_served_without_its_type_is_still_compressible() -> None:
    assert is_compressible("/search/search_index.json", "application/octet-stream")


def test_report_states_the_total_against_the_goal_and_the_failures() -> None:
    visit = Visit(url="http://127.0.0.1:1/activations/gelu/", load=[Transfer("/a/", "text/html", 1000, 301_000)], failed=["404 /x"])
    lines = report(visit)
    assert lines[0].startswith("first visit /activations/gelu/:  301.0 kB gzip in 1 requests")
    assert lines[0].endswith("OVER")
    assert "  failed: 404 /x" in lines
    assert Visit.total(visit.load) == 301_000


def test_lighthouse_serves_the_site_as_a_gzip_host_and_pins_the_locked_version(tmp_path: Path) -> None:
    from actsite.verify.lighthouse import VERSION, serve_gzipped

    (tmp_path / "index.html").write_text("<p>" + "x" * 2000 + "</p>", encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"\x00" * 100)
    with serve_gzipped(tmp_path) as url:
        request = urllib.request.Request(url + "/", headers={"Accept-Encoding": "gzip"})  # noqa: S310 - our own loopback server
        with urllib.request.urlopen(request) as response:  # noqa: S310 - our own loopback server
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == "<p>" + "x" * 2000 + "</p>"
        with urllib.request.urlopen(urllib.request.Request(url + "/font.woff2", headers={"Accept-Encoding": "gzip"})) as response:  # noqa: S310
            assert response.headers["Content-Encoding"] is None
            assert response.read() == b"\x00" * 100
    locked = json.loads((Path(__file__).resolve().parents[1] / "package-lock.json").read_text(encoding="utf-8"))
    assert locked["packages"]["node_modules/lighthouse"]["version"] == VERSION
