"""`python -m actsite.validate [folder]`: check every definition without building the site (`make check`).

Prints one line per problem, `activations/<file>.yaml: <field>: <problem>`, and exits with 1 if
there is any; nothing is written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .load import ACTIVATIONS_DIR, DefinitionError, load_all


def main(arguments: list[str]) -> int:
    """Validate the definitions in `arguments[0]` (default `activations/`); 0 if all are valid."""
    directory = Path(arguments[0]) if arguments else ACTIVATIONS_DIR
    started = time.perf_counter()
    try:
        definitions = load_all(directory)
    except DefinitionError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"{len(definitions)} definitions valid ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
