# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def dsilu(x: np.ndarray) -> np.ndarray:
    # Stable form: σ(−x) in place of 1 − σ(x), which cancels once σ(x) rounds to 1.
    return _sigmoid(x) * (1 + x * _sigmoid(-x))


def dsilu_grad(x: np.ndarray) -> np.ndarray:
    s, r = _sigmoid(x), _sigmoid(-x)
    return s * r * (2 + x * (r - s))


# %% PyTorch
import torch
from torch import nn


class DSiLU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: σ(−x) in place of 1 − σ(x), which cancels once σ(x) rounds to 1.
        return torch.sigmoid(x) * (1 + x * torch.sigmoid(-x))
