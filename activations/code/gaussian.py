# %% NumPy
import numpy as np


def gaussian(x: np.ndarray) -> np.ndarray:
    """Gaussian activation: f(x) = exp(−x²)."""
    return np.exp(-x * x)


def gaussian_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = −2x·exp(−x²)."""
    return -2 * x * np.exp(-x * x)


# %% PyTorch
import torch
from torch import nn


class Gaussian(nn.Module):
    """Gaussian activation; autograd gives −2x·exp(−x²)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.exp(-x * x)
