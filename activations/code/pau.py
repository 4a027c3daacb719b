# %% NumPy
import numpy as np


def pau(
    x: np.ndarray,
    a0: float = 0.0335583603,
    a1: float = 0.505000375,
    a2: float = 1.65343934,
    a3: float = 2.01001052,
    a4: float = 0.931901999,
    a5: float = 0.152424124,
    b1: float = 3.30847488e-06,
    b2: float = 3.98021568,
    b3: float = 5.12471206e-07,
    b4: float = 0.301830109,
) -> np.ndarray:
    """Padé Activation Unit: P(x)/Q(x), P of degree 5, Q = 1 + |b₁||x| + |b₂|x² + |b₃||x|³ + |b₄|x⁴ (never below 1)."""
    p = a0 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * a5))))
    t = np.abs(x)
    q = 1 + t * (abs(b1) + t * (abs(b2) + t * (abs(b3) + t * abs(b4))))
    return p / q


def pau_grad(
    x: np.ndarray,
    a0: float = 0.0335583603,
    a1: float = 0.505000375,
    a2: float = 1.65343934,
    a3: float = 2.01001052,
    a4: float = 0.931901999,
    a5: float = 0.152424124,
    b1: float = 3.30847488e-06,
    b2: float = 3.98021568,
    b3: float = 5.12471206e-07,
    b4: float = 0.301830109,
) -> np.ndarray:
    """Derivative f′ = (P′ − (P/Q)·Q′)/Q; Q′ has a sign(x) factor, 0 at x = 0 (as autograd of abs)."""
    p = a0 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * a5))))
    dp = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * 5 * a5)))
    t = np.abs(x)
    q = 1 + t * (abs(b1) + t * (abs(b2) + t * (abs(b3) + t * abs(b4))))
    dq = np.sign(x) * (abs(b1) + t * (2 * abs(b2) + t * (3 * abs(b3) + t * 4 * abs(b4))))
    return (dp - p / q * dq) / q


# %% PyTorch
import torch
from torch import nn


class PAU(nn.Module):
    """Padé Activation Unit with learnable coefficients (one set per layer, as in the official code)."""

    def __init__(
        self,
        a0: float = 0.0335583603,
        a1: float = 0.505000375,
        a2: float = 1.65343934,
        a3: float = 2.01001052,
        a4: float = 0.931901999,
        a5: float = 0.152424124,
        b1: float = 3.30847488e-06,
        b2: float = 3.98021568,
        b3: float = 5.12471206e-07,
        b4: float = 0.301830109,
    ) -> None:
        super().__init__()
        for name, value in (("a0", a0), ("a1", a1), ("a2", a2), ("a3", a3), ("a4", a4), ("a5", a5), ("b1", b1), ("b2", b2), ("b3", b3), ("b4", b4)):
            setattr(self, name, nn.Parameter(torch.tensor(float(value))))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a0, a1, a2, a3, a4, a5 = (getattr(self, f"a{i}").to(x.dtype) for i in range(6))
        b1, b2, b3, b4 = (getattr(self, f"b{i}").to(x.dtype).abs() for i in range(1, 5))
        p = a0 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * a5))))
        t = x.abs()
        q = 1 + t * (b1 + t * (b2 + t * (b3 + t * b4)))
        return p / q
