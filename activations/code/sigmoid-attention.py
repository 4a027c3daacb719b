# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: e^(−|z|) never overflows; 1/(1 + e^(−z)) overflows for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_attention(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # float(): a Python float keeps a float32 input float32 (the NumPy float64 of np.log(n) would promote it).
    return _sigmoid(x - float(np.log(x.shape[axis])))


def sigmoid_attention_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    # The Jacobian is diagonal, y_i(1 − y_i); σ(z)·σ(−z) keeps its digits where 1 − y rounds to 0.
    z = x - float(np.log(x.shape[axis]))
    return grad_output * _sigmoid(z) * _sigmoid(-z)


# %% PyTorch
import math

import torch
from torch import nn


class SigmoidAttention(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(x - math.log(x.shape[self.dim]))
