# %% NumPy
import numpy as np


def parametric_softplus(x: np.ndarray, alpha: float = 0.2, beta: float = 5.0) -> np.ndarray:
    """Parametric softplus: α·ln(1 + e^(βx))."""
    # Stable form: max(z, 0) + log1p(e^(−|z|)) with z = βx; ln(1 + e^z) overflows for z > 88 in float32 and rounds to 0 for z < −17.
    z = beta * x
    return alpha * (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))))


def parametric_softplus_grad(x: np.ndarray, alpha: float = 0.2, beta: float = 5.0) -> np.ndarray:
    """Derivative f′(x) = αβ·σ(βx)."""
    z = beta * x
    e = np.exp(-np.abs(z))
    return alpha * beta * np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# %% PyTorch
import torch
from torch import nn


class ParametricSoftplus(nn.Module):
    """Parametric softplus with learnable output scale α and sharpness β (scalars here; per unit in Keras)."""

    def __init__(self, alpha: float = 0.2, beta: float = 5.0) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: z + log1p(e^(−z)) for z ≥ 0 and log1p(e^z) below, each exponent clamped to ≤ 0 so the unused branch cannot
        # overflow (0 · inf = NaN in the gradient). F.softplus would not do: its β is a plain number, not learnable, and above βx = 20
        # it returns x, off by e^(−20) ≈ 2e−9 (relative to f′), more than float64 allows.
        z = self.beta.to(x.dtype) * x
        positive = z + torch.log1p(torch.exp(-z.clamp(min=0)))
        negative = torch.log1p(torch.exp(z.clamp(max=0)))
        return self.alpha.to(x.dtype) * torch.where(z >= 0, positive, negative)
