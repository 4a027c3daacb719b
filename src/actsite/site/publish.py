"""`python -m actsite.site.publish NEW TARGET`: replace the folder TARGET by NEW in one atomic step.

`make build` builds into `site.tmp` and publishes it with this, so a build killed at any moment
leaves the previous `site/` whole: before the swap it is untouched, after it the new one is complete.
On Linux the two folders are exchanged with renameat2(RENAME_EXCHANGE), then the old one is removed.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False if the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def publish(new: Path, target: Path) -> None:
    """Make `new` the content of `target`; `new` no longer exists afterwards."""
    if not new.is_dir():
        raise FileNotFoundError(f"{new} is not a built site")
    if not target.exists():
        new.rename(target)
        return
    if not _exchange(new, target):  # fallback: two renames, the old site kept aside until the new one is in place
        aside = target.with_name(target.name + ".old")
        shutil.rmtree(aside, ignore_errors=True)
        target.rename(aside)
        new.rename(target)
        new = aside
    shutil.rmtree(new)


if __name__ == "__main__":
    publish(Path(sys.argv[1]), Path(sys.argv[2]))
