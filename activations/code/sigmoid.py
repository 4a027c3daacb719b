# %% NumPy
import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|x|) ≤ 1 is computed; 1/(1 + e^(−x)) overflows in exp for x < −88 in float32.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    # Stable form: σ(x)·σ(−x); σ(x)·(1 − σ(x)) cancels to 0 once σ(x) rounds to 1.
    return sigmoid(x) * sigmoid(-x)


# %% PyTorch
import torch
from torch import nn


class Sigmoid(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: each branch exponentiates a non-positive number (clamped), so neither the value nor its gradient overflows.
        positive = 1 / (1 + torch.exp(-x.clamp(min=0)))
        e = torch.exp(x.clamp(max=0))
        return torch.where(x >= 0, positive, e / (1 + e))
