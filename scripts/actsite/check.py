"""`python -m actsite.check [slug …]`: show a definition's derived math and compare it with PyTorch.

A quick loop for authors; the test suite runs the same comparisons on every definition.
"""

from __future__ import annotations

import sys

from .load import load_all
from .properties import compute

ELEMENTWISE_KINDS = {"elementwise", "elementwise-learnable", "stochastic"}  # kinds whose module is f itself


def main(slugs: list[str]) -> int:
    """Print formula, derivative, properties and PyTorch agreement for the named (or all) definitions."""
    from . import torch_reference

    failures = 0
    for loaded in load_all():
        if slugs and loaded.slug not in slugs:
            continue
        math = loaded.math
        print(f"== {loaded.slug}")
        print("  formula:   ", math.formula_latex)
        print("  derivative:", math.derivative_latex)
        print("  kinks:     ", math.kinks)
        print("  properties:", compute(math))
        for problem in torch_reference.check_defaults(loaded.activation):
            print("  DEFAULTS:  ", problem)
            failures += 1
        api = loaded.activation.api.pytorch
        expression = torch_reference.pytorch_expression(api) if api else None
        if expression and loaded.activation.kind.value in ELEMENTWISE_KINDS:
            result = torch_reference.compare(torch_reference.build(expression), math.f(), math.df(), torch_reference.test_points(math.kinks), math.kinks)
            accepted = result.max_value_error < torch_reference.TOLERANCE and result.max_derivative_error < torch_reference.derivative_tolerance(api.module)
            status = "ok" if accepted else "MISMATCH"
            failures += status != "ok"
            print(f"  torch {expression}: {status} {result}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
