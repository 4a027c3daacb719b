# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sinlu(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    # Stable form: the phase bx is formed in float64, since in float32 it carries an error of order 1e-7·|bx|.
    x64 = x.astype(np.float64)
    return ((x64 + a * np.sin(b * x64)) * _sigmoid(x64)).astype(x.dtype)


def sinlu_grad(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    x64 = x.astype(np.float64)
    s, r = _sigmoid(x64), _sigmoid(-x64)
    return ((1 + a * b * np.cos(b * x64)) * s + (x64 + a * np.sin(b * x64)) * s * r).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SinLU(nn.Module):
    def __init__(self, a: float = 1.0, b: float = 1.0) -> None:
        super().__init__()
        self.a = nn.Parameter(torch.tensor(float(a)))
        self.b = nn.Parameter(torch.tensor(float(b)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: computed in float64 as in the NumPy cell; torch.sigmoid is stable for either sign.
        x64 = x.double()
        return ((x64 + self.a * torch.sin(self.b * x64)) * torch.sigmoid(x64)).to(x.dtype)
