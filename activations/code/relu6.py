# %% NumPy
import numpy as np


def relu6(x: np.ndarray) -> np.ndarray:
    """ReLU6 min(max(x, 0), 6)."""
    return np.clip(x, 0, 6)


def relu6_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 1 for 0 < x < 6, 0 outside; at the corners 0 and 6, 1 (what autograd of clamp gives)."""
    return ((x >= 0) & (x <= 6)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class ReLU6(nn.Module):
    """ReLU6 min(max(x, 0), 6)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Clamp to [0, 6]; autograd gives 1 inside and 0 outside."""
        return x.clamp(0, 6)
