# %% NumPy
import numpy as np


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic σ(x) from e^(−|x|), which never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def smish(x: np.ndarray) -> np.ndarray:
    """Smish x·tanh(ln(1 + σ(x)))."""
    return x * np.tanh(np.log1p(_sigmoid(x)))


def smish_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = tanh(u) + x·sech²(u)·σ(x)σ(−x)/(1 + σ(x)) with u = ln(1 + σ(x)) ∈ (0, ln 2)."""
    # Stable form: σ′ = σ(x)σ(−x) rather than σ(1 − σ), since 1 − σ(x) is 0 in float32 from x ≈ 16.7 on.
    s = _sigmoid(x)
    t = np.tanh(np.log1p(s))
    return t + x * (1 - t * t) * s * _sigmoid(-x) / (1 + s)


# %% PyTorch
import torch
from torch import nn


class Smish(nn.Module):
    """Smish x·tanh(ln(1 + σ(x)))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply Smish elementwise (torch.sigmoid and log1p are stable for every x)."""
        return x * torch.tanh(torch.log1p(torch.sigmoid(x)))
