# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def silu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    return x * _sigmoid(beta * x)


def silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    # Stable form: σ(−βx) in place of 1 − σ(βx), which cancels once σ rounds to 1.
    return _sigmoid(beta * x) + beta * x * _sigmoid(beta * x) * _sigmoid(-beta * x)


# %% PyTorch
import torch
from torch import nn


class SiLU(nn.Module):
    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # torch.sigmoid is computed stably for any sign of its argument.
        return x * torch.sigmoid(self.beta * x)
