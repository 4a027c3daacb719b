"""`actsite`: the contributor's command. `actsite --help` lists the subcommands; each has `--help`.

actsite new <slug>        write activations/<slug>.yaml, a skeleton that fails the check until filled in
actsite check [slug …]    validate every definition; with slugs, also print their derived math
                          and compare them with PyTorch
actsite lint [--rules]    run every lint rule (errors and warnings); `--rules` lists them
actsite fix [slug …]      rewrite definitions to canonical key order, without derivable fields
actsite build [--site-dir DIR]
                          build the site with MkDocs into DIR.tmp and publish it to DIR only
                          when the whole build succeeded
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from actsite.definitions.lint import RULES
from actsite.definitions.load import DefinitionError, lint_warnings, load_all
from actsite.definitions.paths import ACTIVATIONS_DIR, ROOT
from actsite.site.engine import ENGINES

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


def new(arguments: argparse.Namespace) -> int:
    """Write the skeleton of a new definition; refuse a slug or alias already in use."""
    from actsite.definitions.skeleton import SkeletonError, write_skeleton

    try:
        path = write_skeleton(arguments.folder, arguments.slug)
    except SkeletonError as error:
        print(f"actsite new: {error}", file=sys.stderr)
        return 2
    print(f"wrote {path}: replace every TODO and todo, then run `actsite check {arguments.slug}`")
    return 0


def lint(arguments: argparse.Namespace) -> int:
    """Run every lint rule; exit 1 on errors (which loading reports too), 0 with warnings only (`actsite fix` removes those)."""
    if arguments.rules:
        for rule in RULES:
            print(f"{rule.name:<22} {rule.scope.value:<10} {rule.severity.value:<7} {rule.description}")
        return 0
    try:
        definitions = load_all(arguments.folder)
    except DefinitionError as error:
        return _print_problems(error)
    problems = lint_warnings(definitions)
    for problem in problems:
        print(problem)
    print(f"{len(definitions)} definitions, {len(RULES)} rules: no errors, {len(problems)} warning(s)" + (" (`actsite fix` removes them)" if problems else ""))
    return 0


def fix(arguments: argparse.Namespace) -> int:
    """Rewrite definitions to canonical key order without derivable fields; the loaded definition stays the same."""
    from actsite.definitions.fix import FixError, fix_file

    paths = [arguments.folder / f"{slug}.yaml" for slug in arguments.slugs] or sorted(arguments.folder.glob("*.yaml"))
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"actsite fix: no such definition: {', '.join(missing)}", file=sys.stderr)
        return 2
    problems: list[str] = []
    changed: list[Path] = []
    for path in paths:
        try:
            if fix_file(path, write=not arguments.check):
                changed.append(path)
        except DefinitionError as error:
            problems.extend(error.problems)
        except FixError as error:
            problems.append(str(error))
    for path in changed:
        print(f"{'would rewrite' if arguments.check else 'rewrote'} {path}")
    if problems:
        return _print_problems(DefinitionError(problems))
    print(f"{len(changed)} of {len(paths)} definition(s) {'not canonical' if arguments.check else 'rewritten'}")
    return 1 if arguments.check and changed else 0


def build(arguments: argparse.Namespace) -> int:
    """Build the site: generate docs/, run the engine, post-process; the site is replaced only when every step succeeded."""
    from actsite.site.driver import main as build_site

    return build_site(Path(arguments.site_dir), engine_name=arguments.engine, adapter=not arguments.no_adapter)


def serve(arguments: argparse.Namespace) -> int:
    """Build the site, serve it, rebuild on every edit (a broken edit keeps the last good site served)."""
    from actsite.site.serve import serve as serve_site

    return serve_site(arguments.dev_addr, ROOT / ".cache" / "serve" / "site")


def _address(text: str) -> str:
    """`--dev-addr`: host:port with a numeric port."""
    _, colon, port = text.rpartition(":")
    if not colon or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not host:port (e.g. 127.0.0.1:8000)")
    return text


def parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per command."""
    top = argparse.ArgumentParser(prog="actsite", description="Generator of the bilingual reference site on activation functions.")
    commands = top.add_subparsers(dest="command", required=True, metavar="command")

    creating = commands.add_parser("new", help="write the skeleton of a new definition, activations/<slug>.yaml", description=new.__doc__)
    creating.add_argument("slug", help="the new activation's slug, also its file name (e.g. my-relu)")
    creating.add_argument("--folder", type=Path, default=ACTIVATIONS_DIR, help="folder of definitions (default: activations/)")
    creating.set_defaults(run=new)

    checking = commands.add_parser("check", help="validate every definition (and report on the named ones)", description=check.__doc__)
    checking.add_argument("slugs", nargs="*", help="activations to report on in detail (default: validate all, print a summary)")
    checking.add_argument("--folder", type=Path, default=ACTIVATIONS_DIR, help="folder of definitions (default: activations/)")
    checking.set_defaults(run=check)

    linting = commands.add_parser("lint", help="run every lint rule (errors and warnings)", description=lint.__doc__)
    linting.add_argument("--rules", action="store_true", help="list the rules (name, scope, severity, description) and exit")
    linting.add_argument("--folder", type=Path, default=ACTIVATIONS_DIR, help="folder of definitions (default: activations/)")
    linting.set_defaults(run=lint)

    fixing = commands.add_parser("fix", help="rewrite definitions to canonical key order, without derivable fields", description=fix.__doc__)
    fixing.add_argument("slugs", nargs="*", help="definitions to rewrite (default: all)")
    fixing.add_argument("--check", action="store_true", help="write nothing; exit 1 if a definition would be rewritten")
    fixing.add_argument("--folder", type=Path, default=ACTIVATIONS_DIR, help="folder of definitions (default: activations/)")
    fixing.set_defaults(run=fix)

    building = commands.add_parser("build", help="build the site (published only when the build succeeded)", description=build.__doc__)
    building.add_argument("--site-dir", default=str(ROOT / "site"), help="where the site goes (default: site/)")
    building.add_argument("--engine", default="mkdocs", choices=ENGINES, help="the engine that renders docs/ (default: mkdocs)")
    building.add_argument("--no-adapter", action="store_true", help="run the engine without the optional MkDocs hook (a speed trick; the site is the same)")
    building.set_defaults(run=build)

    serving = commands.add_parser("serve", help="build, serve at 127.0.0.1:8000, rebuild on every edit", description=serve.__doc__)
    serving.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", help="host:port to serve at (default: 127.0.0.1:8000)")
    serving.set_defaults(run=serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit status is the command's."""
    arguments = parser().parse_args(argv)
    run: Command = arguments.run
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
