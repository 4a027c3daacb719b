"""Relative evaluation cost, counted on the expression (not timed, so it is deterministic).

The score adds a weight for every transcendental function in f at default parameters, after the
helpers (σ, softplus, Φ) are expanded: comparisons, additions and multiplications are free,
`sqrt` costs 1, `exp`, `log`, `tanh`, `sin`, … cost 2, `erf` costs 3. The page shows a class of
1–4 dots; the score itself is in the data export.
"""

from __future__ import annotations

import sympy

from actsite.definitions.symbolic import ScalarMath

WEIGHTS: dict[type, int] = {
    sympy.exp: 2,
    sympy.log: 2,
    sympy.tanh: 2,
    sympy.sinh: 2,
    sympy.cosh: 2,
    sympy.sin: 2,
    sympy.cos: 2,
    sympy.atan: 2,
    sympy.asinh: 2,
    sympy.sinc: 2,
    sympy.erf: 3,
}
CLASS_LIMITS = (0, 2, 4)  # score ≤ 0 → class 1, ≤ 2 → 2, ≤ 4 → 3, else 4


def cost_score(math_: ScalarMath) -> int:
    """Sum of the weights of the transcendental functions in f (each occurrence in the tree once)."""
    expression = math_.concrete(math_.function)  # helpers expanded, default parameters (computed once per process)
    score = 0
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, sympy.Pow) and node.exp.is_Rational and not node.exp.is_Integer:
            score += 1  # a square root or another fractional power
        for function, weight in WEIGHTS.items():
            if isinstance(node, function):
                score += weight
    return score


def cost_class(score: int) -> int:
    """1 (cheapest: comparisons and products only) to 4 (several transcendental functions)."""
    for level, limit in enumerate(CLASS_LIMITS, start=1):
        if score <= limit:
            return level
    return len(CLASS_LIMITS) + 1
