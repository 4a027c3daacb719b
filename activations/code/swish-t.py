# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z ≪ 0.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def swish_t(x: np.ndarray, beta: float = 1.0, alpha: float = 0.1) -> np.ndarray:
    return _sigmoid(beta * x) * (x + 2 * alpha / beta) - alpha / beta


def swish_t_grad(x: np.ndarray, beta: float = 1.0, alpha: float = 0.1) -> np.ndarray:
    # Stable form: σ(βx)·σ(−βx) in place of σ(1 − σ), which cancels once σ rounds to 1.
    s = _sigmoid(beta * x)
    return s + beta * s * _sigmoid(-beta * x) * (x + 2 * alpha / beta)


# %% PyTorch
import torch
from torch import nn


class SwishT(nn.Module):
    """Swish-T_C: learnable β (initial value passed in), fixed α."""

    def __init__(self, beta: float = 1.0, alpha: float = 0.1) -> None:
        super().__init__()
        self.beta = nn.Parameter(torch.tensor(float(beta)))
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        beta = self.beta.to(x.dtype)
        return torch.sigmoid(beta * x) * (x + 2 * self.alpha / beta) - self.alpha / beta
