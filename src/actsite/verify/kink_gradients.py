"""Measure f′ at every kink as PyTorch, JAX and Keras autograd compute it; write data/kink-gradients.json.

A kink is a point where f′ does not exist: f jumps there, or its one-sided derivatives differ
(`ScalarMath.derivative_undefined_at`). For each, the file holds the one-sided derivatives (SymPy
limits of f′ at the default parameters, exact, then rounded to float) and what each framework's
autograd returns in float64 at the default parameters:

- PyTorch: the definition's module (the gate for a gated kind), else the page's formula printed for
  torch by SymPy;
- JAX: `jax.grad` of each JAX (or Flax) entry, else of the page's formula printed for jax.numpy;
- Keras: `jax.grad` of each Keras entry on the JAX backend; nothing where Keras has no entry.

`make kink-gradients` rewrites the file (`python -m actsite.verify.kink_gradients --write`);
tests/test_frameworks.py measures again and compares.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import sympy
import torch

from actsite.definitions.load import Loaded, load_all
from actsite.definitions.symbolic import X, expand_helpers
from actsite.render.kink_table import KINK_GRADIENTS_PATH
from actsite.verify import frameworks, torch_reference
from actsite.verify.data_file import dumps, write_or_print

ELEMENTWISE_KINDS = frameworks.ELEMENTWISE_KINDS
FORMULA = "formula"  # `via` of a value measured on the page's own formula


def undefined_points(loaded: Loaded) -> list[tuple[float, str]]:
    """The kinks where f′ does not exist, each with `jump` or `corner`."""
    math_ = loaded.math
    points: list[tuple[float, str]] = []
    for point in math_.kinks:
        if math_.jumps_at(point):
            points.append((point, "jump"))
        elif math_.derivative_undefined_at(point):
            points.append((point, "corner"))
    return points


def one_sided_derivatives(loaded: Loaded, point: float) -> tuple[float, float]:
    """The limits of f′ from the left and from the right at `point`, by SymPy at the default parameters.

    SymPy's `limit` of a Piecewise evaluates the piece that holds at the point itself, so the piece
    that holds beside it (conditions tested exactly at point ∓ 10⁻³⁰) is taken first, then its limit.
    """
    # Exact rationals throughout, read from the numbers' shortest decimal form (1.2 → 6/5), so a kink
    # computed from parameters (−0.3 = (b2 − b1)/(a1 − a2)) is exactly where the conditions switch;
    # a Float in a condition would be compared at 15 digits, where point − 10⁻³⁰ equals the point.
    exact_defaults = {symbol: sympy.nsimplify(value, rational=True) for symbol, value in loaded.math.defaults.items()}
    derivative = sympy.nsimplify(expand_helpers(loaded.math.derivative).subs(exact_defaults), rational=True).rewrite(sympy.Piecewise)
    exact_point = sympy.nsimplify(point, rational=True)
    left = sympy.limit(_piece_beside(derivative, exact_point, -1), X, exact_point, dir="-")
    right = sympy.limit(_piece_beside(derivative, exact_point, +1), X, exact_point, dir="+")
    return float(left), float(right)


def _piece_beside(expression: sympy.Expr, point: sympy.Expr, side: int) -> sympy.Expr:
    """`expression` with every Piecewise replaced by the piece that holds just left (−1) or right (+1) of `point`."""
    beside = point + side * sympy.Rational(1, 10**30)

    def choose(*pairs: sympy.Tuple) -> sympy.Expr:
        for piece, condition in pairs:
            if bool(condition.subs(X, beside)):
                return piece
        raise ValueError(f"no piece of {expression} holds beside x = {point}")

    folded = sympy.piecewise_fold(expression)
    while folded.has(sympy.Piecewise):
        folded = folded.replace(lambda e: isinstance(e, sympy.Piecewise), lambda e: choose(*e.args))
    return folded


def _formula(loaded: Loaded, module: str) -> Any:
    """The page's f at the default parameters, printed for `module` (`torch` or `jax`) by SymPy."""
    concrete = expand_helpers(loaded.math.function).subs(loaded.math.defaults)
    if module == "jax":
        import jax.scipy.special

        # SymPy's JAX printer has no erf: without this it calls math.erf, which cannot take a traced value.
        return sympy.lambdify(X, concrete, modules=[{"erf": jax.scipy.special.erf, "erfc": jax.scipy.special.erfc}, "jax"])
    return sympy.lambdify(X, concrete, modules=module)


def pytorch_gradient(loaded: Loaded, point: float) -> dict[str, Any]:
    """What torch.autograd returns at `point`, through the module (or gate) where there is one."""
    api = loaded.activation.api.pytorch
    kind = loaded.activation.kind.value
    expression = None
    if api is not None and api.module is not None and kind in ELEMENTWISE_KINDS:
        expression = torch_reference.pytorch_expression(api)
    elif api is not None and api.gate is not None and kind == "gated":
        expression = api.gate
    function = torch_reference.build(expression) if expression else _formula(loaded, "torch")
    x = torch.tensor([point], dtype=torch.float64, requires_grad=True)
    y = function(x) if expression else function(x[0])
    if not y.requires_grad:  # the formula is constant there (a step): nothing depends on x
        return {"via": FORMULA, "value": 0.0}
    (gradient,) = torch.autograd.grad(y.sum(), x)
    return {"via": expression or FORMULA, "value": float(gradient[0])}


def jax_gradients(loaded: Loaded, point: float, framework: str) -> list[dict[str, Any]]:
    """`jax.grad` at `point` of each JAX or Keras entry; for JAX the page's formula where there is none."""
    entries = loaded.activation.api.jax if framework == "jax" else loaded.activation.api.keras
    measured = [{"via": entry.name, "value": frameworks.gradient_at(frameworks.scalar_callable(entry, loaded, page_values=True), point)} for entry in entries]
    if framework == "jax" and not measured:
        import jax

        measured.append({"via": FORMULA, "value": float(jax.grad(_formula(loaded, "jax"))(point))})
    return measured


def measure(definitions: list[Loaded] | None = None) -> dict[str, Any]:
    """Everything the file holds: the framework versions, then per slug per kink the math and the frameworks."""
    definitions = load_all() if definitions is None else definitions
    activations: dict[str, list[dict[str, Any]]] = {}
    for loaded in definitions:
        rows = []
        for point, status in undefined_points(loaded):
            left, right = one_sided_derivatives(loaded, point)
            rows.append(
                {
                    "x": point,
                    "status": status,
                    "left": left,
                    "right": right,
                    "pytorch": [pytorch_gradient(loaded, point)],
                    "jax": jax_gradients(loaded, point, "jax"),
                    "keras": jax_gradients(loaded, point, "keras"),
                }
            )
        if rows:
            activations[loaded.slug] = rows
    return {"versions": {**frameworks.versions(), "torch": torch.__version__}, "activations": activations}


def serialise(measured: dict[str, Any]) -> str:
    """The file's text (`data_file.dumps`)."""
    return dumps(measured)


def main(argv: list[str]) -> int:
    """`--write`: rewrite the file; otherwise print the measurement."""
    return write_or_print(serialise(measure()), Path(KINK_GRADIENTS_PATH), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
