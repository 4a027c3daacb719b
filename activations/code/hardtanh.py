# %% NumPy
import numpy as np


def hardtanh(x: np.ndarray, a: float = -1.0, b: float = 1.0) -> np.ndarray:
    """Hardtanh: x clipped to [a, b]."""
    return np.clip(x, a, b)


def hardtanh_grad(x: np.ndarray, a: float = -1.0, b: float = 1.0) -> np.ndarray:
    """Derivative: 1 for a ≤ x ≤ b (one-sided at the bounds, as autograd of clamp), else 0."""
    return ((x >= a) & (x <= b)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Hardtanh(nn.Module):
    """Hardtanh activation with fixed bounds a < b."""

    def __init__(self, a: float = -1.0, b: float = 1.0) -> None:
        super().__init__()
        self.a = a
        self.b = b

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.clamp(x, self.a, self.b)
