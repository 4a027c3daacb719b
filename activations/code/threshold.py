# %% NumPy
import numpy as np


def threshold(x: np.ndarray, theta: float = 1.0, v: float = 0.0) -> np.ndarray:
    """Threshold: x where x > θ, the constant v elsewhere."""
    return np.where(x > theta, x, v).astype(x.dtype)


def threshold_grad(x: np.ndarray, theta: float = 1.0, v: float = 0.0) -> np.ndarray:
    """f′(x) = 1 where x > θ, 0 elsewhere."""
    return (x > theta).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Threshold(nn.Module):
    """Threshold with a fixed θ and replacement value v (torch.nn.Threshold's `threshold` and `value`)."""

    def __init__(self, theta: float = 1.0, v: float = 0.0) -> None:
        super().__init__()
        self.theta = theta
        self.v = v

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Keep x above θ, replace the rest by v; autograd gives 1 above θ and 0 elsewhere."""
        return torch.where(x > self.theta, x, self.v)
