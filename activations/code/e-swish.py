# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def e_swish(x: np.ndarray, beta: float = 1.375) -> np.ndarray:
    """E-swish: f(x) = β·x·σ(x)."""
    return beta * x * _sigmoid(x)


def e_swish_grad(x: np.ndarray, beta: float = 1.375) -> np.ndarray:
    """Derivative f′(x) = β(σ(x) + x·σ(x)·σ(−x))."""
    # Stable form: σ(−x) in place of 1 − σ(x), which cancels once σ rounds to 1.
    s = _sigmoid(x)
    return beta * (s + x * s * _sigmoid(-x))


# %% PyTorch
import torch
from torch import nn


class ESwish(nn.Module):
    """E-swish activation with a fixed output scale β."""

    def __init__(self, beta: float = 1.375) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # torch.sigmoid is computed stably for any sign of its argument.
        return self.beta * x * torch.sigmoid(x)
