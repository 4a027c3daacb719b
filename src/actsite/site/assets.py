"""Front-end assets copied from npm packages into the site (no CDN)."""

from __future__ import annotations

from pathlib import Path


def katex_assets(katex_dir: Path) -> dict[str, bytes]:
    """KaTeX's stylesheet and woff2 fonts, from the npm package's `dist/` (formulas are rendered at build time)."""
    if not katex_dir.exists():
        raise FileNotFoundError(f"{katex_dir} is missing: run `npm ci` (the Makefile does)")
    files = {
        "assets/katex/katex.min.css": katex_dir / "katex.min.css",
    }
    for font in sorted((katex_dir / "fonts").glob("*.woff2")):
        files[f"assets/katex/fonts/{font.name}"] = font
    return {target: source.read_bytes() for target, source in files.items()}
