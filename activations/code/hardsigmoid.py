# %% NumPy
import numpy as np


def hardsigmoid(x: np.ndarray) -> np.ndarray:
    """Hardsigmoid: relu6(x + 3)/6, i.e. x/6 + 1/2 clipped to [0, 1]."""
    return np.clip(x + 3, 0, 6) / 6


def hardsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """Derivative: 1/6 for −3 ≤ x ≤ 3 (one-sided at ±3, as autograd of clamp), else 0."""
    return ((x >= -3) & (x <= 3)).astype(x.dtype) / 6


# %% PyTorch
import torch
from torch import nn


class Hardsigmoid(nn.Module):
    """Hardsigmoid activation."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.clamp(x + 3, 0, 6) / 6
