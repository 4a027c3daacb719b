# %% NumPy
import numpy as np


def cosine(x: np.ndarray) -> np.ndarray:
    """Cosine activation: f(x) = cos(x)."""
    return np.cos(x)


def cosine_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = −sin(x)."""
    return -np.sin(x)


# %% PyTorch
import torch
from torch import nn


class Cosine(nn.Module):
    """Cosine activation; autograd gives −sin(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cos(x)
