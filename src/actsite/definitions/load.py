"""Load and validate every definition in `activations/`; report errors by file and field.

This is the boundary: everything after it trusts its inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from actsite.definitions.checks import check_fields, check_math
from actsite.definitions.lint import Catalogue, Entry, Problem, Severity, SourceFile, catalogue_problems, definition_problems, file_problems
from actsite.definitions.model import Activation
from actsite.definitions.paths import ACTIVATIONS_DIR, I18N_DIR, ROOT
from actsite.definitions.source import SourceError, read_mapping, read_yaml
from actsite.definitions.symbolic import MathError, ScalarMath, parse
from actsite.definitions.vector import VectorFormula


class DefinitionError(Exception):
    """One or more definitions are invalid. The message lists `file: field: problem` lines."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid activation definitions:\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class Loaded:
    """A validated definition with its source file and math."""

    path: Path
    activation: Activation
    source_text: str
    math: ScalarMath

    @property
    def vector(self) -> VectorFormula | None:
        """The vector formula, for kind `vector`."""
        return VectorFormula(self.activation) if self.activation.math.vector is not None else None

    @property
    def slug(self) -> str:
        """The activation's slug (also its file name)."""
        return self.activation.slug


MathChecker = Callable[[list[Loaded]], list[list[str]]]


def load_one(path: Path) -> Loaded:
    """Load one definition file; raise DefinitionError naming the file and the field."""
    loaded = read_one(path)
    problems = math_problems(loaded)
    if problems:
        raise DefinitionError(problems)
    return loaded


def read_one(path: Path) -> Loaded:
    """Read, validate and parse one definition file, all but its math checks (`math_problems`).

    Raise DefinitionError naming the file and the field.
    """
    where = _display_path(path)
    try:
        text, data = read_mapping(path)
    except SourceError as error:
        raise DefinitionError([f"{where}: {error.field}: {error}"]) from None
    try:
        # The slug is the file name: a definition may leave it out (rule `derivable-fields`).
        activation = Activation.model_validate(data if "slug" in data else {"slug": path.stem, **data})
    except ValidationError as error:
        problems = [f"{where}: {_field_path(e['loc'])}: {_one_line(e['msg'])}" for e in error.errors()]
        raise DefinitionError(problems) from None
    problems = [str(p) for p in file_problems(SourceFile(path, where, text, data))]
    problems.extend(str(p) for p in definition_problems(activation, where))
    problems.extend(f"{where}: {field}: {problem}" for field, problem in check_fields(activation))
    if problems:
        raise DefinitionError(problems)
    math = ScalarMath(activation)
    for field in ("function", "display", "derivative_display"):
        if field != "function" and (getattr(activation.math, field) is None or problems):
            continue  # without its own source the field is `function` (or its derivative), reported once
        try:
            getattr(math, field)
        except MathError as error:
            problems.append(f"{where}: math.{field}: {error}")
    for index, approximation in enumerate(activation.math.approximations):
        try:
            parse(approximation.function, math.symbols)
        except MathError as error:
            problems.append(f"{where}: math.approximations[{index}].function: {error}")
    for index in range(len(activation.math.other_outputs)):
        try:
            parse(activation.math.other_outputs[index], math.symbols)
        except MathError as error:
            problems.append(f"{where}: math.other_outputs[{index}]: {error}")
    if activation.math.vector is not None:
        formula = VectorFormula(activation)
        for field in ("component", "jacobian"):
            try:
                getattr(formula, field)
            except MathError as error:
                problems.append(f"{where}: math.vector.{field}: {error}")
    if problems:
        raise DefinitionError(problems)
    return Loaded(path=path, activation=activation, source_text=text, math=math)


def math_problems(loaded: Loaded) -> list[str]:
    """What `check_math` finds in a definition `read_one` accepted (most of the time loading takes), as `file: field: problem` lines."""
    where = _display_path(loaded.path)
    return [f"{where}: {field}: {problem}" for field, problem in check_math(loaded.activation, loaded.math)]


def check_serially(definitions: list[Loaded]) -> list[list[str]]:
    """The math problems of each definition, in order, computed in this process."""
    return [math_problems(loaded) for loaded in definitions]


def load_all(directory: Path = ACTIVATIONS_DIR, check: MathChecker = check_serially) -> list[Loaded]:
    """Load every `*.yaml` in `directory`, sorted by slug; report all problems at once.

    Every file is read here; `check` runs the math checks of those that were read (the build runs
    them in its worker processes), and their problems are reported in file order as if each file
    had been loaded alone.
    """
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise DefinitionError([f"{_display_path(directory)}: no *.yaml definitions found"])
    unreadable = project_file_problems()
    if unreadable:  # every definition is validated against these files: nothing else can be checked
        raise DefinitionError(unreadable)
    read: list[Loaded | list[str]] = []
    for path in paths:
        try:
            read.append(read_one(path))
        except DefinitionError as error:
            read.append(error.problems)
    checked = iter(check([item for item in read if isinstance(item, Loaded)]))
    problems: list[str] = []
    loaded: list[Loaded] = []
    for item in read:
        found = item if isinstance(item, list) else next(checked)
        if found:
            problems.extend(found)
        elif isinstance(item, Loaded):
            loaded.append(item)
    problems.extend(str(p) for p in catalogue_problems(catalogue_of(loaded)))
    if problems:
        raise DefinitionError(problems)
    return loaded


def project_file_problems(folder: Path = I18N_DIR) -> list[str]:
    """The i18n files read as strictly as a definition: one line per file that is not valid UTF-8 YAML without repeated keys or aliases."""
    problems = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            read_yaml(path)
        except SourceError as error:
            problems.append(f"{_display_path(path)}: {error.field}: {error}")
    return problems


def catalogue_of(loaded: list[Loaded]) -> Catalogue:
    """The definitions as the catalogue-scope lint rules see them."""
    return Catalogue(tuple(Entry(_display_path(item.path), item.activation) for item in loaded))


def lint_warnings(loaded: list[Loaded]) -> list[Problem]:
    """What the warning-level lint rules find in definitions that loaded (their error rules already passed)."""
    warning = [Severity.warning]
    problems = [p for item in loaded for p in file_problems(source_of(item), warning)]
    problems += [p for item in loaded for p in definition_problems(item.activation, _display_path(item.path), warning)]
    return problems + catalogue_problems(catalogue_of(loaded), warning)


def source_of(loaded: Loaded) -> SourceFile:
    """The definition's file as the file-scope lint rules see it."""
    return SourceFile(loaded.path, _display_path(loaded.path), loaded.source_text, read_mapping(loaded.path)[1])


def _one_line(message: str) -> str:
    return " ".join(message.removeprefix("Value error, ").split())


def _field_path(location: tuple[object, ...]) -> str:
    parts: list[str] = []
    for part in location:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part}]" if parts else f"[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts) or "(top level)"


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
