# %% NumPy
import numpy as np


def softsign(x: np.ndarray) -> np.ndarray:
    """Softsign x / (1 + |x|)."""
    return x / (1 + np.abs(x))


def softsign_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 1 / (1 + |x|)²."""
    return 1 / (1 + np.abs(x)) ** 2


# %% PyTorch
import torch
from torch import nn


class Softsign(nn.Module):
    """Softsign x / (1 + |x|)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply softsign elementwise; autograd gives 1/(1 + |x|)² (abs′(0) = 0 only multiplies x = 0 here)."""
        return x / (1 + x.abs())
