# %% NumPy
import numpy as np


def golu(x: np.ndarray) -> np.ndarray:
    """Gompertz Linear Unit: f(x) = x·exp(−e^(−x))."""
    # Stable form: e^(−x) of max(x, −80); e^(−x) overflows for x < −88 in float32, and f has underflowed to 0 long before.
    return x * np.exp(-np.exp(-np.maximum(x, -80)))


def golu_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = g + x·e^(−x)·g with g = exp(−e^(−x))."""
    # Stable form: x·(e^(−x)·g) multiplies the tiny g first; x·e^(−x) alone overflows for large negative x.
    h = np.exp(-np.maximum(x, -80))
    g = np.exp(-h)
    return g + x * (h * g)


# %% PyTorch
import torch
from torch import nn


class GoLU(nn.Module):
    """Gompertz Linear Unit."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: clamp x ≥ −80 inside e^(−x); e^(−x) = inf for x < −88 in float32 makes the gradient 0 · inf = NaN.
        return x * torch.exp(-torch.exp(-x.clamp(min=-80)))
