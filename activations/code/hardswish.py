# %% NumPy
import numpy as np


def hardswish(x: np.ndarray) -> np.ndarray:
    """Hardswish: x·relu6(x + 3)/6."""
    return x * np.clip(x + 3, 0, 6) / 6


def hardswish_grad(x: np.ndarray) -> np.ndarray:
    """Derivative: 0 for x < −3, (2x + 3)/6 for −3 ≤ x ≤ 3 (one-sided at ±3, as autograd of clamp), 1 for x > 3."""
    return np.where(x < -3, 0, np.where(x <= 3, (2 * x + 3) / 6, 1)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Hardswish(nn.Module):
    """Hardswish activation."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.clamp(x + 3, 0, 6) / 6
