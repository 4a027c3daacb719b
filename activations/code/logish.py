# %% NumPy
import numpy as np


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic σ(x) from e^(−|x|), which never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def logish(x: np.ndarray) -> np.ndarray:
    """Logish x·ln(1 + σ(x))."""
    return x * np.log1p(_sigmoid(x))


def logish_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = ln(1 + σ(x)) + x·σ(x)σ(−x)/(1 + σ(x))."""
    # Stable form: σ′ = σ(x)σ(−x) rather than σ(1 − σ), since 1 − σ(x) is 0 in float32 from x ≈ 16.7 on.
    s = _sigmoid(x)
    return np.log1p(s) + x * s * _sigmoid(-x) / (1 + s)


# %% PyTorch
import torch
from torch import nn


class Logish(nn.Module):
    """Logish x·ln(1 + σ(x))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply Logish elementwise (torch.sigmoid and log1p are stable for every x)."""
        return x * torch.log1p(torch.sigmoid(x))
