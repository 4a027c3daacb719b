"""The vector formula of vector-valued activations: parse, typeset, evaluate at any n.

A component y_i is a SymPy expression in the indexed input x[i], summation index j, length n and
the parameters. A component may use `tau`, a threshold chosen so that the outputs sum to 1
(sparsemax, entmax); it is found by bisection, since every such component decreases in tau.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import mpmath
import numpy as np
import sympy

from actsite.definitions.model import Activation
from actsite.definitions.symbolic import ALLOWED_FUNCTIONS, PRECISION_DIGITS, MathError, _identifiers, expand_helpers

X_VECTOR = sympy.IndexedBase("x", real=True)
Y_VECTOR = sympy.IndexedBase("y", real=True)
INDEX_I, INDEX_J, INDEX_K = sympy.symbols("i j k", integer=True, positive=True)
N = sympy.Symbol("n", integer=True, positive=True)
TAU = sympy.Symbol("tau", real=True)
RESERVED = {"x", "y", "i", "j", "k", "n", "tau"}


class ind(sympy.Function):  # noqa: N801 - SymPy function classes are lowercase by convention
    """The indicator 1[z > 0] (support of sparse outputs), typeset as 𝟙[z > 0]."""

    def _latex(self, printer: sympy.printing.latex.LatexPrinter) -> str:
        return r"\mathbb{1}\left[" + printer._print(self.args[0]) + r" > 0\right]"


def _expand_indicator(expression: sympy.Expr) -> sympy.Expr:
    return expression.replace(ind, lambda z: sympy.Piecewise((1, z > 0), (0, True)))


def parse_vector(source: str, parameters: dict[str, sympy.Symbol]) -> sympy.Expr:
    """Parse a component or Jacobian expression; raise MathError on unknown names."""
    namespace: dict[str, object] = {
        **ALLOWED_FUNCTIONS,
        **parameters,
        "x": X_VECTOR,
        "y": Y_VECTOR,
        "i": INDEX_I,
        "j": INDEX_J,
        "k": INDEX_K,
        "n": N,
        "tau": TAU,
        "Sum": sympy.Sum,
        "KroneckerDelta": sympy.KroneckerDelta,
        "ind": ind,
    }
    unknown = sorted(_identifiers(source) - set(namespace))
    if unknown:
        raise MathError(f"unknown name(s) {', '.join(unknown)}; vector formulas use x[i], y[i], i, j, k, n, tau and the parameters")
    try:
        expression = sympy.sympify(source, locals=namespace)
    except (sympy.SympifyError, TypeError, SyntaxError) as error:
        raise MathError(f"cannot parse {source!r}: {error}") from error
    return expression


def _concrete(expression: sympy.Expr, size: int, values: dict[sympy.Symbol, float]) -> sympy.Expr:
    """Substitute n and parameters, expand the sums over j = 1..n."""
    return _expand_indicator(expand_helpers(expression)).subs(values).subs(N, size).doit()


@dataclass(frozen=True)
class VectorFormula:
    """The vector formula of one activation, with evaluation of outputs and Jacobian."""

    activation: Activation

    @cached_property
    def parameters(self) -> dict[str, sympy.Symbol]:
        """Parameter name → symbol (the same names as the scalar slice)."""
        return {p.name: sympy.Symbol(p.name, real=True) for p in self.activation.parameters}

    @cached_property
    def component(self) -> sympy.Expr:
        """y_i in terms of x[i], x[j], n (and tau where the outputs are normalised by a threshold)."""
        assert self.activation.math.vector is not None
        return parse_vector(self.activation.math.vector.component, self.parameters)

    @cached_property
    def jacobian(self) -> sympy.Expr:
        """∂y_i/∂x_k as written in the definition (checked against finite differences and PyTorch)."""
        assert self.activation.math.vector is not None
        return parse_vector(self.activation.math.vector.jacobian, self.parameters)

    @cached_property
    def uses_threshold(self) -> bool:
        """True when the component contains the normalising threshold tau."""
        return TAU in self.component.free_symbols

    def component_latex(self, symbol_latex: dict[sympy.Symbol, str]) -> str:
        """`y_i = …`."""
        return "y_{i} = " + sympy.latex(self.component, symbol_names={**symbol_latex, TAU: r"\tau"})

    def jacobian_latex(self, symbol_latex: dict[sympy.Symbol, str]) -> str:
        """`∂y_i/∂x_k = …`."""
        return r"\frac{\partial y_{i}}{\partial x_{k}} = " + sympy.latex(self.jacobian, symbol_names=symbol_latex)

    def _values(self, parameters: dict[str, float] | None) -> dict[sympy.Symbol, float]:
        values = {self.parameters[p.name]: p.default for p in self.activation.parameters}
        for name, value in (parameters or {}).items():
            values[self.parameters[name]] = value
        return values

    def _component_functions(self, size: int, parameters: dict[str, float] | None) -> list[Callable[..., object]]:
        inputs = [X_VECTOR[m] for m in range(1, size + 1)]
        concrete = [_concrete(self.component.subs(INDEX_I, m), size, self._values(parameters)) for m in range(1, size + 1)]
        return [sympy.lambdify([*inputs, TAU], c, modules="mpmath", docstring_limit=0) for c in concrete]

    def outputs(self, z: np.ndarray, parameters: dict[str, float] | None = None) -> np.ndarray:
        """The outputs y for the input vector z, evaluated with mpmath at high precision."""
        functions = self._component_functions(len(z), parameters)
        with mpmath.workdps(PRECISION_DIGITS):
            point = [mpmath.mpf(float(v)) for v in z]
            if not self.uses_threshold:
                return np.array([float(f(*point, 0)) for f in functions])
            tau = self._threshold(functions, point)
            return np.array([float(f(*point, tau)) for f in functions])

    @staticmethod
    def _threshold(functions: list[Callable[..., object]], point: list[mpmath.mpf]) -> mpmath.mpf:
        """The tau with Σ y_i(tau) = 1, by bisection (each y_i decreases in tau)."""

        def total(tau: mpmath.mpf) -> mpmath.mpf:
            return mpmath.fsum(f(*point, tau) for f in functions)

        low, high = min(point) - 10, max(point) + 10
        # The bracket must hold the root whatever the scaling of x in the component (x/2 for entmax,
        # x/T with a temperature): widen it until the total is above 1 at `low` and below at `high`.
        width = high - low
        while total(low) <= 1:
            low -= width
            width *= 2
        while total(high) > 1:
            high += width
            width *= 2
        for _ in range(400):
            middle = (low + high) / 2
            if total(middle) > 1:
                low = middle
            else:
                high = middle
        return (low + high) / 2

    def jacobian_matrix(self, z: np.ndarray, parameters: dict[str, float] | None = None) -> np.ndarray:
        """The matrix ∂y_i/∂x_k at z from the definition's Jacobian formula."""
        size = len(z)
        y = self.outputs(z, parameters)
        values = self._values(parameters)
        point = {X_VECTOR[m + 1]: float(z[m]) for m in range(size)} | {Y_VECTOR[m + 1]: float(y[m]) for m in range(size)}
        matrix = np.zeros((size, size))
        for row in range(size):
            for column in range(size):
                entry = _concrete(self.jacobian.subs({INDEX_I: row + 1, INDEX_K: column + 1}), size, values)
                matrix[row, column] = float(entry.subs(point))
        return matrix
