"""The math of a definition: parse the SymPy expression once, derive everything else from it.

`function` is parsed into a SymPy expression in the real symbol `x` and the parameter symbols.
The derivative is `sympy.diff` of it, the LaTeX comes from SymPy's printer, and numbers come from
evaluating the same expressions at high precision (40 digits: with MPFR where it gives mpmath's
doubles, `mpfr`, else with mpmath), so a formula, its derivative and its plot cannot disagree.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import mpmath
import sympy
from sympy.codegen.cfunctions import log1p
from sympy.parsing.sympy_parser import parse_expr

from actsite.definitions.model import Activation
from actsite.definitions.mpfr import fast_values, mpfr_function

PRECISION_DIGITS = 40
# mpmath has no Dirac delta; it appears in f″ of anything with Abs (d²|x|/dx² = 2δ(x)) and is 0 off
# its point, which is the only place properties evaluate it (one-sided limits beside a kink).
MPMATH_MODULES: list[object] = [{"DiracDelta": lambda z: mpmath.inf if z == 0 else mpmath.mpf(0)}, "mpmath"]
X = sympy.Symbol("x", real=True)


def _call_latex(name: str, argument: str, exp: str | None = None) -> str:
    """`name(argument)`, with a power written on the name (softplus²(x)) as SymPy does for sin²."""
    power = "^{" + exp + "}" if exp else ""
    return name + power + r"\left(" + argument + r"\right)"


class sigmoid(sympy.Function):  # noqa: N801 - SymPy function classes are lowercase by convention
    """The logistic function σ(z) = 1 / (1 + e^(−z)), kept as a named function for display."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """The derivative, in terms of named functions so printed derivatives stay readable."""
        z = self.args[0]
        return sigmoid(z) * (1 - sigmoid(z))

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _call_latex(r"\sigma", printer._print(self.args[0]), exp)


class softplus(sympy.Function):  # noqa: N801
    """softplus(z) = ln(1 + e^z), kept as a named function for display."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """The derivative, in terms of named functions so printed derivatives stay readable."""
        return sigmoid(self.args[0])

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _call_latex(r"\operatorname{softplus}", printer._print(self.args[0]), exp)


class phi(sympy.Function):  # noqa: N801
    """The standard normal density φ(z) = e^(−z²/2) / √(2π)."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """The derivative, in terms of named functions so printed derivatives stay readable."""
        z = self.args[0]
        return -z * phi(z)

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _call_latex(r"\varphi", printer._print(self.args[0]), exp)


class Phi(sympy.Function):
    """The standard normal cumulative distribution Φ(z) = (1 + erf(z/√2)) / 2."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        """The derivative, in terms of named functions so printed derivatives stay readable."""
        return phi(self.args[0])

    def _latex(self, printer: sympy.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        return _call_latex(r"\Phi", printer._print(self.args[0]), exp)


HELPER_DEFINITIONS: dict[type[sympy.Function], Callable[[sympy.Expr], sympy.Expr]] = {
    sigmoid: lambda z: 1 / (1 + sympy.exp(-z)),
    # log1p: log(1 + e^z) rounds 1 + e^z to 1 at 40 digits below z ≈ −92 and returns 0 there (its reciprocal, in √softplus′, fails).
    softplus: lambda z: log1p(sympy.exp(z)),
    phi: lambda z: sympy.exp(-(z**2) / 2) / sympy.sqrt(2 * sympy.pi),
    Phi: lambda z: (1 + sympy.erf(z / sympy.sqrt(2))) / 2,
}

ALLOWED_FUNCTIONS: dict[str, object] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "tanh": sympy.tanh,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "atan": sympy.atan,
    "asinh": sympy.asinh,
    "sinc": sympy.sinc,
    "Eq": sympy.Eq,
    "erf": sympy.erf,
    "Abs": sympy.Abs,
    "Piecewise": sympy.Piecewise,
    "And": sympy.And,
    "Or": sympy.Or,
    "pi": sympy.pi,
    "E": sympy.E,
    "Rational": sympy.Rational,
    "Integer": sympy.Integer,
    "Float": sympy.Float,
    "sigmoid": sigmoid,
    "softplus": softplus,
    "phi": phi,
    "Phi": Phi,
    "oo": sympy.oo,
    "True": True,
}

FORBIDDEN_HINTS = {
    "Max": "write it as Piecewise((...), (...)) so kinks are found",
    "Min": "write it as Piecewise((...), (...)) so kinks are found",
    "Heaviside": "write it as Piecewise((...), (...)) so kinks are found",
    "sign": "write it as Piecewise or Abs",
}


_SYMPY_NAMESPACE: dict[str, object] = {}
exec("from sympy import *", _SYMPY_NAMESPACE)  # noqa: S102 - a constant import statement


class MathError(ValueError):
    """A definition's math cannot be parsed or is not of the allowed form."""


def parse(source: str, parameter_names: Iterable[str], *, evaluate: bool = True) -> sympy.Expr:
    """Parse `source` as a SymPy expression in `x` and the given parameters.

    Raises MathError naming the unknown or forbidden symbol.
    """
    symbols = {name: sympy.Symbol(name, real=True) for name in parameter_names}
    namespace: dict[str, object] = {"x": X, **symbols, **ALLOWED_FUNCTIONS}
    for name, hint in FORBIDDEN_HINTS.items():
        if name in _identifiers(source):
            raise MathError(f"`{name}` is not allowed: {hint}")
    unknown = sorted(_identifiers(source) - set(namespace))
    if unknown:
        allowed = ", ".join(["x", *symbols])
        raise MathError(f"unknown name(s) {', '.join(unknown)}; the variables are {allowed}")
    try:
        # Names in `source` were checked above, so SymPy's own namespace (Mul, Integer, … which
        # parse_expr emits for unevaluated forms) is safe as the global one.
        expression = parse_expr(source, local_dict=namespace, global_dict=_SYMPY_NAMESPACE, evaluate=evaluate)
    except Exception as error:  # SymPy raises many types for malformed text
        raise MathError(f"cannot parse {source!r}: {error}") from error
    if not isinstance(expression, sympy.Expr):
        raise MathError(f"{source!r} is not an expression")
    return expression


def _identifiers(source: str) -> set[str]:
    import re

    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", source))


def expand_helpers(expression: sympy.Expr) -> sympy.Expr:
    """Replace σ, softplus, φ, Φ by their elementary definitions (for evaluation)."""
    for helper, definition in HELPER_DEFINITIONS.items():
        expression = expression.replace(helper, definition)
    return expression


def kink_points(expression: sympy.Expr, parameters: dict[sympy.Symbol, float]) -> list[float]:
    """Points where a Piecewise condition switches or an Abs argument is zero, at the given parameters."""
    points: set[float] = set()
    concrete = expression.subs(parameters)
    for relation in concrete.atoms(sympy.core.relational.Relational):
        for root in sympy.solve(sympy.Eq(relation.lhs - relation.rhs, 0), X):
            if root.is_real:
                points.add(float(root))
    for absolute in concrete.atoms(sympy.Abs):
        for root in sympy.solve(sympy.Eq(absolute.args[0], 0), X):
            if root.is_real:
                points.add(float(root))
    return sorted(points)


def latex(expression: sympy.Expr, symbol_latex: dict[sympy.Symbol, str]) -> str:
    """Typeset `expression` with parameter symbols shown as their declared LaTeX."""
    return sympy.latex(expression, symbol_names=symbol_latex, ln_notation=True)


# The function a page shows, per kind: its symbol in LaTeX and in plain text (figure legends, table
# labels). Every other kind shows f.
FUNCTION_SYMBOLS: dict[str, tuple[str, str]] = {"gated": ("g", "g"), "vector": ("s", "s"), "multi-output": ("f_{1}", "f₁")}
KINK_TOLERANCE = 1e-12  # how close to a kink a point counts as the kink itself


def at_kink(x: float, kinks: Iterable[float], tolerance: float = KINK_TOLERANCE) -> bool:
    """True if `x` is one of `kinks` (within `tolerance`): where f′ may not exist and is not compared."""
    return any(abs(x - kink) < tolerance for kink in kinks)


@functools.lru_cache(maxsize=4096)
def _concrete(expression: sympy.Expr, values: tuple[tuple[sympy.Symbol, float], ...]) -> sympy.Expr:
    return expand_helpers(expression).subs(dict(values))


@functools.lru_cache(maxsize=4096)
def mpmath_function(concrete: sympy.Expr) -> Callable[[mpmath.mpf], mpmath.mpf]:
    """`concrete` (in x only) compiled by `lambdify` for mpmath, once per expression.

    The compiled code holds no precision: numbers are mpmath constructors evaluated at call time.
    """
    return sympy.lambdify(X, concrete, modules=MPMATH_MODULES, docstring_limit=0)  # no docstring: printing it was a third of the cost


class Evaluator:
    """`expression` at one x (a float), or at many, computed at a fixed precision: with MPFR where it can (`mpfr`), else mpmath."""

    def __init__(self, compiled: Callable[[mpmath.mpf], mpmath.mpf], *, exact: bool, digits: int, fast: Callable[[Any], Any] | None = None) -> None:
        self._compiled = compiled
        self._exact = exact
        self._digits = digits
        self._fast = fast  # the same expression compiled for MPFR (doubles only, never with `exact`)

    def __call__(self, x: float) -> float:
        """The value at x."""
        return self.many([x])[0]

    def many(self, xs: Iterable[float]) -> list[float]:
        """The values at every x of `xs`, in order."""
        points = list(xs)
        values: list[Any] = [None] * len(points) if self._fast is None else fast_values(self._fast, self._digits, points)
        if None in values:
            with mpmath.workdps(self._digits):
                values = [self._value(x) if value is None else value for x, value in zip(points, values, strict=True)]
        return values

    def _value(self, x: float) -> float:
        try:
            value = self._compiled(mpmath.mpf(x))
        except ZeroDivisionError:
            value = mpmath.nan
        if mpmath.isnan(value):
            # A removable singularity (sinc at 0): the mean of the one-sided values.
            offset = mpmath.mpf(10) ** (-self._digits // 2)
            value = (self._compiled(mpmath.mpf(x) - offset) + self._compiled(mpmath.mpf(x) + offset)) / 2
        return value if self._exact else float(value)


@dataclass(frozen=True)
class ScalarMath:
    """The math of a scalar activation f: ℝ → ℝ, with everything derived from one expression."""

    activation: Activation

    @cached_property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """Parameter name → SymPy symbol."""
        return {p.name: sympy.Symbol(p.name, real=True) for p in self.activation.parameters}

    @cached_property
    def defaults(self) -> dict[sympy.Symbol, float]:
        """Parameter symbol → default value."""
        return {self.symbols[p.name]: p.default for p in self.activation.parameters}

    def parameter_values(self, overrides: dict[str, float] | None = None) -> dict[sympy.Symbol, float]:
        """Parameter symbol → value: the defaults, with the parameters named in `overrides` replaced."""
        values = dict(self.defaults)
        for name, value in (overrides or {}).items():
            values[self.symbols[name]] = value
        return values

    @cached_property
    def function(self) -> sympy.Expr:
        """f(x) as defined in `math.function`."""
        return parse(self.activation.math.function, self.symbols)

    @cached_property
    def derivative(self) -> sympy.Expr:
        """f'(x), by symbolic differentiation of `function`."""
        return sympy.diff(self.function, X)

    @cached_property
    def second_derivative(self) -> sympy.Expr:
        """f''(x), used for smoothness classification."""
        return sympy.diff(self.derivative, X)

    @cached_property
    def display(self) -> sympy.Expr:
        """The form of f to typeset: `math.display` if given, else `function`."""
        source = self.activation.math.display
        return parse(source, self.symbols, evaluate=False) if source else self.function

    @cached_property
    def derivative_display(self) -> sympy.Expr:
        """The form of f' to typeset: `math.derivative_display` if given, else the computed derivative."""
        source = self.activation.math.derivative_display
        return parse(source, self.symbols, evaluate=False) if source else self.derivative

    @cached_property
    def symbol_latex(self) -> dict[sympy.Symbol, str]:
        """Parameter symbol → LaTeX, as declared in the definition."""
        return {self.symbols[p.name]: p.latex for p in self.activation.parameters}

    @cached_property
    def function_symbol(self) -> str:
        """The name of the scalar function on the page: f, the gate g, or the two-class slice s."""
        return FUNCTION_SYMBOLS.get(self.activation.kind.value, ("f", "f"))[0]

    @cached_property
    def function_symbol_text(self) -> str:
        """`function_symbol` as plain text (f₁ for f_{1}), for figure legends and table labels."""
        return FUNCTION_SYMBOLS.get(self.activation.kind.value, ("f", "f"))[1]

    @cached_property
    def formula_latex(self) -> str:
        """`f(x) = …`, printed by SymPy from the display form."""
        return f"{self.function_symbol}(x) = " + latex(self.display, self.symbol_latex)

    @cached_property
    def derivative_latex(self) -> str:
        """`f'(x) = …`, printed by SymPy from the derivative's display form."""
        return f"{self.function_symbol}'(x) = " + latex(self.derivative_display, self.symbol_latex)

    @cached_property
    def other_outputs(self) -> list[sympy.Expr]:
        """Outputs after the first (kind `multi-output`), parsed."""
        return [parse(source, self.symbols) for source in self.activation.math.other_outputs]

    @cached_property
    def kinks(self) -> list[float]:
        """Points where f, f' or f'' may fail to exist, at default parameters."""
        return self.kinks_with()

    @cached_property
    def smoothness(self) -> int | None:
        """K such that f is C^k but not C^(k+1) at some kink; None (C^∞) without kinks; -1 if discontinuous.

        Here rather than in analysis/ because the lint rule `smooth-wording` reads it too (definitions
        may not import analysis); it costs a few one-sided limits per kink.
        """
        kinks = self.kinks
        if not kinks:
            return None
        derivatives = [self.function, self.derivative, self.second_derivative]
        for order, expression in enumerate(derivatives):
            for point in kinks:
                left = self.one_sided(expression, point, -1)
                right = self.one_sided(expression, point, +1)
                if abs(left - right) > 1e-9 * max(1.0, abs(left), abs(right)):
                    return order - 1
        return len(derivatives) - 1  # C² at least; pages say "C² (at least)"

    def kinks_with(self, overrides: dict[str, float] | None = None) -> list[float]:
        """`kinks` with the parameters named in `overrides` replaced (a variant moves a kink)."""
        return kink_points(self.function, self.parameter_values(overrides))

    @cached_property
    def kink_expressions(self) -> list[sympy.Expr]:
        """The kinks as expressions in the parameters, solved once: where a Piecewise condition switches or an Abs argument is 0.

        At given values they are the points `kink_points` finds (a root that is not real there is
        left out): the browser's kinks at any slider setting, the moments' at every variant.
        """
        roots: list[sympy.Expr] = []
        # `atoms` is a set, iterated in an order that changes with the process's string hashing: sorted, the
        # kinks come in the same order in every build (they reach the page's script as written).
        equations = [relation.lhs - relation.rhs for relation in sorted(self.function.atoms(sympy.core.relational.Relational), key=sympy.default_sort_key)]
        equations += [absolute.args[0] for absolute in sorted(self.function.atoms(sympy.Abs), key=sympy.default_sort_key)]
        for equation in equations:
            if X in equation.free_symbols:
                roots += [root for root in sympy.solve(sympy.Eq(equation, 0), X) if not root.has(sympy.I) and root not in roots]
        return roots

    def kinks_at(self, overrides: dict[str, float]) -> list[float]:
        """`kinks_with(overrides)` from `kink_expressions`: numbers substituted, no equation solved again."""
        points: set[float] = set()
        for root in self.kink_expressions:
            value = complex(root.subs(self.parameter_values(overrides)))
            if value.imag == 0 and math.isfinite(value.real):
                points.add(value.real)
        return sorted(points)

    def evaluator(self, expression: sympy.Expr, parameters: dict[str, float] | None = None, *, exact: bool = False, digits: int = PRECISION_DIGITS) -> Evaluator:
        """A float → float function evaluating `expression` with mpmath at `digits` significant digits.

        With `exact`, the mpmath number itself is returned (for exact comparisons). `.many(xs)`
        evaluates a whole list under one precision context (the same numbers, less overhead).
        """
        concrete = self.concrete(expression, parameters)
        return Evaluator(mpmath_function(concrete), exact=exact, digits=digits, fast=None if exact else mpfr_function(concrete, digits))

    def concrete(self, expression: sympy.Expr, parameters: dict[str, float] | None = None) -> sympy.Expr:
        """`expression` with the helpers expanded and numbers for the parameters (defaults unless replaced)."""
        return _concrete(expression, tuple(sorted(self.parameter_values(parameters).items(), key=lambda item: item[0].name)))

    def f(self, parameters: dict[str, float] | None = None) -> Evaluator:
        """F at the default parameters, or with some replaced."""
        return self.evaluator(self.function, parameters)

    def df(self, parameters: dict[str, float] | None = None) -> Evaluator:
        """F' at the default parameters, or with some replaced."""
        return self.evaluator(self.derivative, parameters)

    def derivative_undefined_at(self, point: float) -> bool:
        """True if f′(point) does not exist: f jumps there (a step) or its one-sided slopes differ (a corner)."""
        return self.jumps_at(point) or self._differs_across(self.derivative, point)

    def jumps_at(self, point: float) -> bool:
        """True if f itself is discontinuous at `point` (its one-sided limits differ)."""
        return self._differs_across(self.function, point)

    def _differs_across(self, expression: sympy.Expr, point: float) -> bool:
        return abs(self.one_sided(expression, point, -1) - self.one_sided(expression, point, +1)) > 1e-9

    def one_sided(self, expression: sympy.Expr, point: float, side: int) -> float:
        """The limit of `expression` at `point` from the left (side −1) or right (+1), numerically."""
        compiled = mpmath_function(self.concrete(expression))
        with mpmath.workdps(2 * PRECISION_DIGITS):
            offset = mpmath.mpf(10) ** (-PRECISION_DIGITS)
            return float(compiled(mpmath.mpf(point) + side * offset))
