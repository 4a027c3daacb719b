"""MkDocs hook: regenerate docs/ from activations/ before every build.

`mkdocs build` and `mkdocs serve` therefore always show the current definitions; there is no
separate generation step to forget. The i18n plugin builds once per language; the inputs' digest
makes the second call a no-op.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.build import generate  # noqa: E402
from actsite.load import DefinitionError, Loaded, load_all  # noqa: E402
from actsite.redirects import write_redirects  # noqa: E402

_last_digest: str | None = None
_loaded: tuple[str, list[Loaded]] | None = None  # definitions for the redirects, by inputs digest


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("activations", "i18n", "scripts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate pages, plots and data unless the inputs are unchanged since the last call."""
    global _last_digest
    digest = _inputs_digest()
    if digest == _last_digest:
        return
    try:
        report = generate()
    except DefinitionError as error:
        raise PluginError(str(error)) from None
    print(report.summary(), file=sys.stderr)
    _last_digest = digest


def on_post_build(config: MkDocsConfig) -> None:
    """Write the alias redirect pages of the language just built.

    static-i18n builds every language into the same site_dir, prefixing the paths of the other
    languages (`zh/…`); the theme language tells which build this is.
    """
    language = "zh" if str(config.theme.get("language", "en")).startswith("zh") else "en"
    site_root = Path(config.site_dir) / ("zh" if language == "zh" else "")
    write_redirects(site_root, _definitions(), language)


def _definitions() -> list[Loaded]:
    """The definitions, loaded once per inputs digest (not once per language: parsing takes seconds)."""
    global _loaded
    digest = _last_digest or _inputs_digest()
    if _loaded is None or _loaded[0] != digest:
        _loaded = (digest, load_all())
    return _loaded[1]
