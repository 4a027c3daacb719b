# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def swiglu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)  # first half a (content), second half b (gate)
    return a * b * _sigmoid(b)


def swiglu_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)
    gate = b * _sigmoid(b)
    # SiLU′(b) = σ(b)·(1 + b·σ(−b)), with σ(−b) in place of 1 − σ(b), which cancels once σ(b) rounds to 1.
    slope = _sigmoid(b) * (1 + b * _sigmoid(-b))
    return np.concatenate([grad_output * gate, grad_output * a * slope], axis=axis)


# %% PyTorch
import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=self.dim)  # first half a (content), second half b (gate)
        return a * (b * torch.sigmoid(b))
