# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z ≪ 0.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def quick_gelu(x: np.ndarray) -> np.ndarray:
    return x * _sigmoid(1.702 * x)


def quick_gelu_grad(x: np.ndarray) -> np.ndarray:
    # Stable form: σ(−1.702x) in place of 1 − σ(1.702x), which cancels once σ rounds to 1.
    return _sigmoid(1.702 * x) + 1.702 * x * _sigmoid(1.702 * x) * _sigmoid(-1.702 * x)


# %% PyTorch
import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)
