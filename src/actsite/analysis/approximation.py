"""How close each declared approximation of an activation comes to the function itself."""

from __future__ import annotations

import numpy as np

from actsite.definitions.load import Loaded
from actsite.definitions.symbolic import parse


def approximation_errors(loaded: Loaded) -> dict[str, float]:
    """Largest |f − approximation| on [−6, 6] at default parameters, per approximation id."""
    f = loaded.math.f()
    xs = np.linspace(-6.0, 6.0, 2401)
    exact = np.array([f(x) for x in xs])
    errors: dict[str, float] = {}
    for approximation in loaded.activation.math.approximations:
        expression = parse(approximation.function, loaded.math.symbols)
        approx = loaded.math.evaluator(expression)
        errors[approximation.id] = float(np.max(np.abs(exact - np.array([approx(x) for x in xs]))))
    return errors
