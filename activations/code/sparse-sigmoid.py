# %% NumPy
import numpy as np


def sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    """Sparse sigmoid: the ramp (x + 1)/2 clipped to [0, 1]."""
    return np.clip((x + 1) / 2, 0, 1)


def sparse_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 1/2 for −1 < x < 1, 0 outside; at the corners ±1, 1/2 (what autograd of clamp gives)."""
    return np.where((x >= -1) & (x <= 1), 0.5, 0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SparseSigmoid(nn.Module):
    """Sparse sigmoid, the ramp (x + 1)/2 clipped to [0, 1]."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply sparse sigmoid elementwise; autograd gives 1/2 inside (−1, 1) and 0 outside."""
        return ((x + 1) / 2).clamp(0, 1)
