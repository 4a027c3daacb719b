# %% NumPy
import numpy as np


def snake(x: np.ndarray, a: float = 1.0) -> np.ndarray:
    """Snake: x + sin²(ax)/a."""
    return x + np.sin(a * x) ** 2 / a


def snake_grad(x: np.ndarray, a: float = 1.0) -> np.ndarray:
    """Derivative f′(x) = 1 + sin(2ax)."""
    return 1 + np.sin(2 * a * x)


# %% PyTorch
import torch
from torch import nn


class Snake(nn.Module):
    """Snake with a learnable frequency a > 0 (a scalar here; one per channel in BigVGAN)."""

    def __init__(self, a: float = 1.0) -> None:
        super().__init__()
        self.a = nn.Parameter(torch.tensor(float(a)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a = self.a.to(x.dtype)
        return x + torch.sin(a * x) ** 2 / a
