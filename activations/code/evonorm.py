# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def evonorm(x: np.ndarray, v: float = 1.0, s: float = 1.0, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    # EvoNorm-S0 at a fixed group standard deviation s (in the layer, √(variance + ε) over a group of channels).
    return gamma * x * _sigmoid(v * x) / s + beta


def evonorm_grad(x: np.ndarray, v: float = 1.0, s: float = 1.0, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    # Stable form: σ(−vx) in place of 1 − σ(vx), which cancels once σ rounds to 1.
    return gamma / s * _sigmoid(v * x) * (1 + v * x * _sigmoid(-v * x))


# %% PyTorch
import torch
from torch import nn


class EvoNormS0(nn.Module):
    def __init__(self, v: float = 1.0, s: float = 1.0, gamma: float = 1.0, beta: float = 0.0) -> None:
        super().__init__()
        # Learned per channel in the layer (one value each here); s is a statistic of the input, not learned.
        self.v = nn.Parameter(torch.tensor(float(v)))
        self.gamma = nn.Parameter(torch.tensor(float(gamma)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))
        self.s = s

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gamma * x * torch.sigmoid(self.v * x) / self.s + self.beta
