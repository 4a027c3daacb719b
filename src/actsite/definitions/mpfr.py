"""Expressions compiled for MPFR (through gmpy2): the 40-digit values of mpmath, at a fraction of the cost.

mpmath builds a Python object for every operation and every constant of every call; MPFR computes
in C, correctly rounded at the same binary precision. `mpfr_function` prints a concrete expression
(in x only) with SymPy's mpmath printer, computes each of its constant parts once (π, 1/2, √2 at that
precision, as the call would), and compiles the rest into one lambda over MPFR numbers.

A value is taken from MPFR only where MPFR computes it without a special case: every MPFR exception
is trapped (division by zero, log 0, overflow, underflow, an invalid operation such as √−1, which
mpmath answers with a complex number), and a result that is not finite, or that is a subnormal
double (mpmath rounds those twice), is left to mpmath too; a zero is +0, as mpmath has no −0. Everywhere else the two round the same
136-bit numbers to the same double; `tests/test_mpfr.py` compares them at every grid point of every
activation.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import gmpy2
import sympy
from mpmath.libmp import dps_to_prec
from sympy.printing.pycode import MpmathPrinter

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": gmpy2.exp,
    "expm1": gmpy2.expm1,
    "log": gmpy2.log,
    "log1p": gmpy2.log1p,
    "sqrt": gmpy2.sqrt,
    "sin": gmpy2.sin,
    "cos": gmpy2.cos,
    "tan": gmpy2.tan,
    "sinh": gmpy2.sinh,
    "cosh": gmpy2.cosh,
    "tanh": gmpy2.tanh,
    "atan": gmpy2.atan,
    "asinh": gmpy2.asinh,
    "erf": gmpy2.erf,
    "erfc": gmpy2.erfc,
    "abs": abs,
    "sign": gmpy2.sign,
}
KEYWORDS = {"if", "else", "and", "or", "not", "True", "False", "x"}
SMALLEST_NORMAL = 2.2250738585072014e-308
NAME = re.compile(r"\b[A-Za-z_]\w*\b")

Compiled = Callable[[Any], Any]


def context(precision: int) -> gmpy2.context:
    """An MPFR context at `precision` bits that raises on every special case (see the module's docstring)."""
    return gmpy2.context(precision=precision, trap_divzero=True, trap_overflow=True, trap_underflow=True, trap_invalid=True, trap_erange=True)


class _ConstantsPrinter(MpmathPrinter):
    """SymPy's mpmath printer, printing every constant part of the expression as a name bound to its MPFR value."""

    def __init__(self, precision: int) -> None:
        super().__init__({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True})
        self.precision = precision
        self.namespace: dict[str, Any] = {**FUNCTIONS, "mpf": _mpf}

    def _print(self, expr: Any, **kwargs: Any) -> str:
        if isinstance(expr, sympy.Expr) and not expr.is_Integer and not expr.free_symbols and expr.is_number:
            code = super()._print(expr, **kwargs)
            try:
                with context(self.precision):
                    value = eval(code, self.namespace)  # noqa: S307 - SymPy's printout of a number, names from FUNCTIONS
            except (ArithmeticError, ValueError, TypeError, NameError):
                return code  # evaluated at call time, and left to mpmath there
            name = f"_c{sum(key.startswith('_c') for key in self.namespace)}"
            self.namespace[name] = value
            return name
        return super()._print(expr, **kwargs)


def _mpf(value: Any) -> Any:
    """The MPFR twin of `mpf` for a printed constant: a (sign, mantissa, exponent, bits) tuple, or a number."""
    if isinstance(value, tuple):
        sign, mantissa, exponent, _ = value
        magnitude = gmpy2.mul_2exp(gmpy2.mpfr(mantissa), exponent)
        return -magnitude if sign else magnitude
    return gmpy2.mpfr(value)


@functools.lru_cache(maxsize=4096)
def mpfr_function(concrete: sympy.Expr, digits: int) -> Compiled | None:
    """`concrete` (in x only) compiled for MPFR at the precision mpmath uses for `digits`; None where some part has no MPFR twin."""
    precision = dps_to_prec(digits)
    printer = _ConstantsPrinter(precision)
    with context(precision):
        printer.namespace.update(pi=gmpy2.const_pi(), e=gmpy2.exp(1))  # as SymPy's mpmath printer names π and e
    code = printer.doprint(concrete)
    if not set(NAME.findall(code)) <= KEYWORDS | set(printer.namespace):
        return None
    return eval(f"lambda x: {code}", printer.namespace)  # noqa: S307 - SymPy's printout, names checked above


def fast_values(compiled: Compiled, digits: int, xs: Iterable[float]) -> list[float | None]:
    """`compiled` at each x as a double; None where MPFR met a special case (mpmath decides there)."""
    zero = gmpy2.mpfr(0)
    values: list[float | None] = []
    with context(dps_to_prec(digits)):
        for x in xs:
            try:
                value = float(compiled(zero + x))
            except (ArithmeticError, ValueError, TypeError):
                values.append(None)
                continue
            if value == 0.0:
                values.append(0.0)  # mpmath has no −0 (MPFR's −sin 0 is −0)
            else:
                values.append(value if math.isfinite(value) and abs(value) >= SMALLEST_NORMAL else None)
    return values
