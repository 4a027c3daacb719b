# %% NumPy
import numpy as np


def gcu(x: np.ndarray) -> np.ndarray:
    """Growing Cosine Unit: f(x) = x·cos(x)."""
    return x * np.cos(x)


def gcu_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = cos(x) − x·sin(x)."""
    return np.cos(x) - x * np.sin(x)


# %% PyTorch
import torch
from torch import nn


class GCU(nn.Module):
    """Growing Cosine Unit; autograd gives cos(x) − x·sin(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.cos(x)
