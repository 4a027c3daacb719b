# %% NumPy
import numpy as np


def arctan(x: np.ndarray) -> np.ndarray:
    """Arctan: f(x) = atan(x)."""
    return np.arctan(x)


def arctan_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = 1/(1 + x²)."""
    return 1 / (1 + x * x)


# %% PyTorch
import torch
from torch import nn


class Arctan(nn.Module):
    """Arctan activation; autograd gives 1/(1 + x²)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.atan(x)
