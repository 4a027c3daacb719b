"""Checks of a definition beyond its shape: parameter names, the math on its plot range; taxonomy lookups for the lint rules.

Each check returns `(field path, problem)` pairs; the loader prefixes the file. After these pass,
the properties, plots and pages can trust the definition: f is real and finite where it is drawn,
the display forms are the function, and every id the renderer looks up exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from functools import cache

import mpmath
import numpy as np
import sympy
from pydantic import BaseModel

from actsite.definitions import float64
from actsite.definitions.model import Activation, Text, TextList
from actsite.definitions.paths import I18N_DIR
from actsite.definitions.singularities import poles
from actsite.definitions.source import load_yaml
from actsite.definitions.symbolic import ALLOWED_FUNCTIONS, FORBIDDEN_HINTS, ScalarMath, at_kink, expand_helpers, mpmath_function, parse

# Names SymPy or the expression namespace already give a meaning: a parameter must not shadow them.
RESERVED_NAMES = frozenset(ALLOWED_FUNCTIONS) | frozenset(FORBIDDEN_HINTS) | {"I", "S", "N", "Q", "O", "nan", "zoo", "oo", "E", "pi"}
INPUT_NAMES = ("x", "y", "i", "j", "k", "n", "tau")  # the variable, vector outputs and indices, sparsemax's threshold
GRID_POINTS = 241  # points of the plot range where f must be real and finite
AGREEMENT = 1e-9  # relative agreement of a display form with what it displays
# Float64 screening (`_screened_values`): mpmath checks every SUBSAMPLE-th point; float64 is trusted
# only while those are within FLOAT64_ERROR; float64 agreement within SURE_AGREEMENT settles a point.
SUBSAMPLE = 8
FLOAT64_ERROR = 1e-12
SURE_AGREEMENT = 1e-11

Problem = tuple[str, str]


@cache
def taxonomy(name: str) -> tuple[str, ...]:
    """The ids of `i18n/<name>.yaml` (tasks, families), sorted."""
    data = load_yaml((I18N_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(data))


def one_of(value: str, allowed: tuple[str, ...], what: str) -> str | None:
    """None if `value` is allowed, else the problem naming the nearest match or the allowed values."""
    if value in allowed:
        return None
    near = difflib.get_close_matches(value, allowed, n=1)
    hint = f"did you mean `{near[0]}`?" if near else "use one of " + ", ".join(allowed)
    return f"unknown {what} {value!r}: {hint}"


def check_fields(activation: Activation) -> list[Problem]:
    """Problems of a definition whose shape is valid, found before its math is parsed: parameter names.

    Ids, aliases, links and translations are lint rules (definitions/lint/), which the loader runs too.
    """
    return list(_parameter_names(activation))


def check_math(activation: Activation, math: ScalarMath) -> list[Problem]:
    """Problems of math that parses: f not real or finite on the plot range, display forms that differ."""
    return _math(activation, math)


def _parameter_names(activation: Activation) -> Iterator[Problem]:
    for index, parameter in enumerate(activation.parameters):
        if parameter.name in INPUT_NAMES:
            yield f"parameters[{index}].name", f"{parameter.name!r} is reserved for inputs and indices ({', '.join(INPUT_NAMES)}): rename the parameter"
        elif parameter.name in RESERVED_NAMES:
            yield f"parameters[{index}].name", f"{parameter.name!r} is a SymPy name (constant or function): rename the parameter (e.g. `{parameter.name}_1`)"


def prose_strings(model: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every prose string (Text and TextList fields) in `model`."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = f"{here}[{index}]" if isinstance(value, list) else here
            if isinstance(item, Text):
                yield f"{where}.en", item.en
                yield f"{where}.zh", item.zh
            elif isinstance(item, TextList):
                for language in ("en", "zh"):
                    for number, text in enumerate(getattr(item, language)):
                        yield f"{where}.{language}[{number}]", text
            elif isinstance(item, BaseModel):
                yield from prose_strings(item, where)


def _grid(activation: Activation) -> list[mpmath.mpf]:
    return list(_range_grid(*activation.math.plot_range))


@cache
def _range_grid(low: float, high: float) -> tuple[mpmath.mpf, ...]:
    """GRID_POINTS equally spaced points of [low, high], at mpmath's default precision (53 bits)."""
    with mpmath.workprec(53):
        return tuple(mpmath.mpf(low) + (mpmath.mpf(high) - mpmath.mpf(low)) * i / (GRID_POINTS - 1) for i in range(GRID_POINTS))


def _compile(expression: sympy.Expr, values: dict[sympy.Symbol, float]) -> object:
    return mpmath_function(expand_helpers(expression).subs(values))


def _value(compiled: object, x: mpmath.mpf) -> mpmath.mpf | mpmath.mpc | None:
    """compiled(x), or the mean of its one-sided values at a removable singularity; None if undefined."""
    try:
        value = compiled(x)  # type: ignore[operator]
    except (ZeroDivisionError, ValueError, TypeError):
        value = mpmath.nan
    if isinstance(value, mpmath.mpf | mpmath.mpc) and not mpmath.isfinite(value):
        offset = mpmath.mpf(10) ** -12
        try:
            left, right = compiled(x - offset), compiled(x + offset)  # type: ignore[operator]
        except (ZeroDivisionError, ValueError, TypeError):
            return None
        if not (mpmath.isfinite(left) and mpmath.isfinite(right)) or abs(left - right) > 1e-6 * max(1, abs(left)):
            return None
        value = (left + right) / 2
    return value


def _settings(activation: Activation, math: ScalarMath) -> Iterator[tuple[str, str, dict[sympy.Symbol, float]]]:
    """(field, description, parameter values): the defaults, then every variant of each parameter."""
    yield "math.function", "at the default parameters", math.parameter_values()
    for index, parameter in enumerate(activation.parameters):
        for number, variant in enumerate(parameter.variants):
            values = math.parameter_values({parameter.name: variant})
            yield f"parameters[{index}].variants[{number}]", f"with {parameter.name} = {variant:g}", values


def _screened_values(expression: sympy.Expr, values: dict[sympy.Symbol, float], grid: list[mpmath.mpf]) -> tuple[np.ndarray, dict[int, object]]:
    """The grid's float64 values, and index → mpmath value (`_value`, None if undefined) where computed.

    mpmath is evaluated at every SUBSAMPLE-th point and wherever float64 is not finite and real;
    if a sampled float64 value is off by more than FLOAT64_ERROR (relative to max(1, |value|)),
    at every point.
    """
    concrete = expand_helpers(expression).subs(values)
    compiled = mpmath_function(concrete)
    fast = float64.float64_values(concrete, np.array([float(x) for x in grid]))
    exact: dict[int, object] = {}

    def make_exact(indices: Iterable[int]) -> None:
        for i in indices:
            if i not in exact:
                exact[i] = _value(compiled, grid[i])

    finite = np.isfinite(fast)
    make_exact(i for i in range(len(grid)) if i % SUBSAMPLE == 0 or not finite[i])
    for i in range(0, len(grid), SUBSAMPLE):
        value = exact[i]
        if finite[i] and not (isinstance(value, mpmath.mpf) and abs(fast[i] - value) <= FLOAT64_ERROR * max(1, abs(value))):
            make_exact(range(len(grid)))  # float64 is not trusted for this expression
            break
    return fast, exact


def _finite_on_range(
    expression: sympy.Expr, values: dict[sympy.Symbol, float], grid: list[mpmath.mpf], field: str, description: str, name: str, plot_range: tuple[float, float]
) -> list[Problem]:
    """At most one problem: `expression` not finite or not real at a grid point, or a pole between them.

    A grid point float64 evaluates as a finite real number is finite and real; every other point is
    decided by mpmath (`_screened_values`), in grid order, so the first problem is the one a full
    mpmath scan finds. The largest |f| (the scale of the pole search) is mpmath's: float64 values
    within a millionth of the largest are evaluated again.
    """
    low, high = plot_range
    concrete = expand_helpers(expression).subs(values)
    overflow = float64.first_overflow(concrete, np.array([float(x) for x in grid]))
    if overflow is not None:  # before mpmath, whose exponents grow without bound (exp(exp(exp(x))) never ends)
        return [
            (
                field,
                f"{name} overflows float64 at x = {overflow:.6g} {description} (a value on the way exceeds 1.8e308): "
                f"{name} and what it is computed from must stay within float64 on the plot range [{low:g}, {high:g}]",
            )
        ]
    fast, exact = _screened_values(expression, values, grid)
    for i in sorted(exact):
        value, x = exact[i], grid[i]
        if value is None or not mpmath.isfinite(value):  # type: ignore[arg-type]
            return [(field, f"{name}({mpmath.nstr(x, 6)}) is not finite {description}: {name} must be finite on the plot range [{low:g}, {high:g}]")]
        if isinstance(value, mpmath.mpc) and abs(value.imag) > 1e-12:
            return [(field, f"{name}({mpmath.nstr(x, 6)}) is not real {description}: {name} must be real on the plot range [{low:g}, {high:g}]")]
    magnitudes = np.where(np.isfinite(fast), np.abs(fast), 0.0)
    if magnitudes.size:
        compiled = mpmath_function(concrete)
        for i in np.flatnonzero(magnitudes >= float(np.max(magnitudes)) * (1 - 1e-6)):
            if int(i) not in exact:
                exact[int(i)] = _value(compiled, grid[i])
    largest = max((abs(value) for value in exact.values()), default=mpmath.mpf(0))  # type: ignore[arg-type]
    found = sorted(poles(concrete, low, high, float(largest)))
    if not found:
        return []
    where = ("a pole at x ≈ " if len(found) == 1 else "poles at x ≈ ") + ", ".join(f"{pole:.6g}" for pole in found)
    return [(field, f"{name} has {where} {description}: {name} must be finite on the plot range [{low:g}, {high:g}]")]


def _math(activation: Activation, math: ScalarMath) -> list[Problem]:
    problems: list[Problem] = []
    grid = _grid(activation)
    low, high = activation.math.plot_range
    with mpmath.workdps(20):
        if math.function.has(sympy.zoo, sympy.nan):
            return [("math.function", "is undefined everywhere (a division by zero?): fix the expression")]
        for field, description, values in _settings(activation, math):
            if problems:
                break  # the defaults already fail: variants would repeat the same problem
            problems.extend(_finite_on_range(math.function, values, grid, field, description, "f", (low, high)))
        # An approximation is named f̃ in its messages, the second, third… outputs f2, f3…
        other_forms = [(f"math.approximations[{i}].function", parse(a.function, math.symbols), "f̃") for i, a in enumerate(activation.math.approximations)]
        other_forms += [(f"math.other_outputs[{i}]", output, f"f{i + 2}") for i, output in enumerate(math.other_outputs)]
        for field, expression, name in other_forms:
            problems.extend(_finite_on_range(expression, dict(math.defaults), grid, field, "at the default parameters", name, (low, high)))
        if problems:
            return problems
        pairs = [("math.display", math.display, math.function, "`function`")]
        pairs.append(("math.derivative_display", math.derivative_display, math.derivative, "the derivative of `function`"))
        kinks = math.kinks
        for field, shown, truth, what in pairs:
            if shown is truth or getattr(activation.math, field.split(".")[1]) is None:
                continue
            shown_f, truth_f = _compile(shown, math.defaults), _compile(truth, math.defaults)
            shown_fast, shown_exact = _screened_values(shown, math.defaults, grid)
            truth_fast, truth_exact = _screened_values(truth, math.defaults, grid)
            for i, x in enumerate(grid):
                if at_kink(x, kinks, tolerance=1e-6):  # displays may differ right beside a kink
                    continue
                if i not in shown_exact and i not in truth_exact and abs(shown_fast[i] - truth_fast[i]) <= SURE_AGREEMENT * max(1, abs(truth_fast[i])):
                    continue  # agree in float64 far inside AGREEMENT: more than float64's error could change
                expected = truth_exact[i] if i in truth_exact else _value(truth_f, x)
                got = shown_exact[i] if i in shown_exact else _value(shown_f, x)
                if expected is None or got is None or abs(got - expected) > AGREEMENT * max(1, abs(expected)):
                    problems.append(
                        (field, f"differs from {what} at x = {mpmath.nstr(x, 6)} ({mpmath.nstr(got, 8)} vs {mpmath.nstr(expected, 8)}): fix the form or remove it")
                    )
                    break
    return problems
