# %% NumPy
import numpy as np


def identity(x: np.ndarray) -> np.ndarray:
    """The identity f(x) = x (a copy, so the caller's array is never aliased)."""
    return np.array(x, copy=True)


def identity_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 1 everywhere."""
    return np.ones_like(x)


# %% PyTorch
import torch
from torch import nn


class Identity(nn.Module):
    """f(x) = x; autograd passes the incoming gradient through unchanged (f′ = 1)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return the input itself, as torch.nn.Identity does."""
        return x
