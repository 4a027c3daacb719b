# %% NumPy
import numpy as np


def binary_step(x: np.ndarray) -> np.ndarray:
    """Binary step (Heaviside): 1 for x ≥ 0, else 0."""
    return (x >= 0).astype(x.dtype)


def binary_step_grad(x: np.ndarray) -> np.ndarray:
    """Derivative: 0 everywhere except the jump at 0, where it does not exist."""
    return np.zeros_like(x)


# %% PyTorch
import torch
from torch import nn


class BinaryStep(nn.Module):
    """Binary step activation; its gradient is 0, so nothing flows back through it."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # (sign(x) + 1) clipped at 1 is 1 for x ≥ 0 and 0 below; unlike a comparison it stays in the autograd graph, with gradient 0.
        return (torch.sign(x) + 1).clamp(max=1)
