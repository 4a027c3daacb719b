"""Values computed with MPFR are mpmath's to the last bit of the double, and every special case is left to mpmath."""

from __future__ import annotations

import math

import pytest
import sympy

from actsite.analysis.samples import SAMPLE_XS
from actsite.definitions.mpfr import mpfr_function
from actsite.definitions.symbolic import PRECISION_DIGITS, Evaluator, X, mpmath_function
from conftest import DEFINITIONS, SLUGS

XS = [float(x) for x in SAMPLE_XS]


def _mpmath_only(concrete: sympy.Expr) -> Evaluator:
    return Evaluator(mpmath_function(concrete), exact=False, digits=PRECISION_DIGITS)


def _both(concrete: sympy.Expr) -> tuple[Evaluator, Evaluator]:
    fast = mpfr_function(concrete, PRECISION_DIGITS)
    assert fast is not None, f"no MPFR twin for {concrete}"
    return _mpmath_only(concrete), Evaluator(mpmath_function(concrete), exact=False, digits=PRECISION_DIGITS, fast=fast)


def _same_doubles(expected: list[float], got: list[float]) -> bool:
    """Equal bit for bit (the sign of zero included), NaN matching NaN."""
    return all((math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1.0, a) == math.copysign(1.0, b)) for a, b in zip(expected, got, strict=True))


@pytest.mark.parametrize("slug", SLUGS)
def test_mpfr_gives_mpmaths_doubles_for_f_and_its_derivative_at_every_sample_point(slug: str) -> None:
    math_ = next(d.math for d in DEFINITIONS if d.slug == slug)
    for expression in (math_.function, math_.derivative):
        concrete = math_.concrete(expression)
        if mpfr_function(concrete, PRECISION_DIGITS) is None:
            continue  # computed with mpmath alone
        slow, fast = _both(concrete)
        assert _same_doubles(slow.many(XS), fast.many(XS)), f"{slug}: {expression}"


def test_every_activation_is_computed_with_mpfr() -> None:
    """The speed-up reaches every definition: each f and f′ prints to functions MPFR has."""
    missing = [d.slug for d in DEFINITIONS for e in (d.math.function, d.math.derivative) if mpfr_function(d.math.concrete(e), PRECISION_DIGITS) is None]
    assert missing == []


@pytest.mark.parametrize(
    ("expression", "x"),
    [
        (1 / X, 0.0),  # division by zero: mpmath's removable-singularity rule
        (sympy.log(X), 0.0),  # log 0 = −∞ in mpmath
        (sympy.sin(X) / X, 0.0),  # 0/0: the mean of the one-sided values
        (sympy.exp(X**2), 30.0),  # 1e390: beyond a double, mpmath's inf
        (sympy.exp(-(X**2)), 26.7),  # a subnormal double, which mpmath rounds twice
        (sympy.exp(sympy.exp(X)), 25.0),  # overflows MPFR's exponent range
        (-sympy.sin(X), 0.0),  # MPFR's −0 is mpmath's 0
    ],
)
def test_special_cases_give_mpmaths_answer(expression: sympy.Expr, x: float) -> None:
    slow, fast = _both(expression)
    assert _same_doubles([slow(x)], [fast(x)])


def test_a_complex_value_fails_as_it_does_with_mpmath() -> None:
    slow, fast = _both(sympy.sqrt(X))
    with pytest.raises(TypeError):
        slow(-1.0)
    with pytest.raises(TypeError):
        fast(-1.0)


def test_constants_are_computed_once_at_the_evaluators_precision() -> None:
    concrete = sympy.sqrt(2) * X / sympy.sqrt(sympy.pi) + sympy.Rational(1, 3)
    slow, fast = _both(concrete)
    assert _same_doubles(slow.many(XS), fast.many(XS))


def test_an_expression_with_a_function_mpfr_lacks_has_no_twin() -> None:
    assert mpfr_function(sympy.besselj(0, X), PRECISION_DIGITS) is None
    assert mpfr_function(sympy.DiracDelta(X), PRECISION_DIGITS) is None
