# %% NumPy
import numpy as np


def exponential(x: np.ndarray) -> np.ndarray:
    """Exponential activation: f(x) = exp(x); it overflows for x > 88 in float32 (709 in float64), as the true value does."""
    return np.exp(x)


def exponential_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = exp(x)."""
    return np.exp(x)


# %% PyTorch
import torch
from torch import nn


class Exponential(nn.Module):
    """Exponential activation; autograd gives exp(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.exp(x)
