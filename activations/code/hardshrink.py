# %% NumPy
import numpy as np


def hardshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """Hardshrink: x where |x| > λ, else 0."""
    return np.where(np.abs(x) > lambd, x, 0).astype(x.dtype)


def hardshrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """Derivative: 1 where |x| > λ, else 0 (undefined at |x| = λ, where f jumps)."""
    return (np.abs(x) > lambd).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Hardshrink(nn.Module):
    """Hardshrink activation with a fixed threshold λ."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.where(x.abs() > self.lambd, x, torch.zeros_like(x))
