# %% NumPy
import numpy as np


def sparse_plus(x: np.ndarray) -> np.ndarray:
    """Sparse plus: 0 for x ≤ −1, (x + 1)²/4 for −1 < x < 1, x for x ≥ 1."""
    return np.where(x <= -1, 0, np.where(x < 1, (x + 1) ** 2 / 4, x)).astype(x.dtype)


def sparse_plus_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 0 for x ≤ −1, (x + 1)/2 for −1 < x < 1, 1 for x ≥ 1."""
    return np.where(x <= -1, 0, np.where(x < 1, (x + 1) / 2, 1)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SparsePlus(nn.Module):
    """Sparse plus, a piecewise-quadratic softplus that is exactly 0 for x ≤ −1."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply sparse plus elementwise; autograd gives the clipped ramp (x + 1)/2."""
        return torch.where(x <= -1, 0.0, torch.where(x < 1, (x + 1) ** 2 / 4, x))
