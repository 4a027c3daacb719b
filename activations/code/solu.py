# %% NumPy
import numpy as np


def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    # Stable form: subtract the maximum first (softmax is shift-invariant); e^x overflows for large x.
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def solu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    return x * _softmax(x, axis)


def solu_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    # Jᵀg with J_ik = δ_ik p_i + y_i (δ_ik − p_k), p = softmax(x), y = x·p: p⊙g + p⊙(x⊙g) − p·Σ(y⊙g).
    p = _softmax(x, axis)
    y = x * p
    return p * grad_output + p * (x * grad_output) - p * (y * grad_output).sum(axis=axis, keepdims=True)


# %% PyTorch
import torch
from torch import nn


class SoLU(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # torch.softmax subtracts the maximum internally.
        return x * torch.softmax(x, dim=self.dim)
