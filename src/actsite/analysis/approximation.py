"""How close each declared approximation of an activation comes to the function itself."""

from __future__ import annotations

import numpy as np

from actsite.definitions.load import Loaded
from actsite.definitions.symbolic import parse


def approximation_errors(loaded: Loaded) -> dict[str, float]:
    """Largest |f − approximation| on [−6, 6] at default parameters, per approximation id."""
    errors: dict[str, float] = {}
    if not loaded.activation.math.approximations:
        return errors
    xs = [float(x) for x in np.linspace(-6.0, 6.0, 2401)]
    exact = np.array(loaded.math.f().many(xs))
    for approximation in loaded.activation.math.approximations:
        expression = parse(approximation.function, loaded.math.symbols)
        approx = loaded.math.evaluator(expression)
        errors[approximation.id] = float(np.max(np.abs(exact - np.array(approx.many(xs)))))
    return errors
