"""`actsite check slug …`: show definitions' derived math and compare them with PyTorch.

A quick loop for authors; the test suite runs the same comparisons on every definition.
"""

from __future__ import annotations

from actsite.analysis.properties import compute
from actsite.definitions.load import Loaded
from actsite.verify import torch_reference

ELEMENTWISE_KINDS = {"elementwise", "elementwise-learnable", "stochastic"}  # kinds whose module is f itself


def report(definitions: list[Loaded]) -> int:
    """Print formula, derivative, properties and PyTorch agreement of each definition; 1 on a mismatch."""
    failures = 0
    for loaded in definitions:
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
