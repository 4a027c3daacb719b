"""`actsite`: the contributor's command. `actsite --help` lists the subcommands; each has `--help`.

actsite check [slug …]   validate every definition; with slugs, also print their derived math
and compare them with PyTorch
actsite build [--site-dir DIR]
build the site with MkDocs into DIR.tmp and publish it to DIR only
when the whole build succeeded
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from actsite.definitions.load import DefinitionError, load_all
from actsite.definitions.paths import ACTIVATIONS_DIR, ROOT

Command = Callable[[argparse.Namespace], int]


def _print_problems(error: DefinitionError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{len(error.problems)} problem(s)", file=sys.stderr)
    return 1


def check(arguments: argparse.Namespace) -> int:
    """Validate the definitions; print derived math and the PyTorch comparison of the named ones."""
    from actsite.verify.report import report

    started = time.perf_counter()
    try:
        definitions = load_all(arguments.folder)
    except DefinitionError as error:
        return _print_problems(error)
    unknown = sorted(set(arguments.slugs) - {d.slug for d in definitions})
    if unknown:
        print(f"unknown slug(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not arguments.slugs:
        print(f"{len(definitions)} definitions valid ({time.perf_counter() - started:.1f}s)")
        return 0
    return report([d for d in definitions if d.slug in arguments.slugs])


def build(arguments: argparse.Namespace) -> int:
    """Build the site into a temporary folder and swap it in only when MkDocs succeeded."""
    from actsite.site.publish import publish

    site = Path(arguments.site_dir)
    staging = site.with_name(site.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(staging)], cwd=ROOT, check=False)
    if result.returncode != 0:
        return result.returncode
    publish(staging, site)
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per command."""
    top = argparse.ArgumentParser(prog="actsite", description="Generator of the bilingual reference site on activation functions.")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")

    checking = commands.add_parser("check", help="validate every definition (and report on the named ones)", description=check.__doc__)
    checking.add_argument("slugs", nargs="*", help="activations to report on in detail (default: validate all, print a summary)")
    checking.add_argument("--folder", type=Path, default=ACTIVATIONS_DIR, help="folder of definitions (default: activations/)")
    checking.set_defaults(run=check)

    building = commands.add_parser("build", help="build the site (published only when the build succeeded)", description=build.__doc__)
    building.add_argument("--site-dir", default=str(ROOT / "site"), help="where the site goes (default: site/)")
    building.set_defaults(run=build)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit status is the command's."""
    arguments = parser().parse_args(argv)
    run: Command = arguments.run
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
