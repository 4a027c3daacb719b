# %% NumPy
import numpy as np


def softmax_one(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # Stable form: shift by m = max(0, max x) (the hidden score 0 takes part); the extra 1 becomes e^(−m).
    m = np.maximum(x.max(axis=axis, keepdims=True), 0)
    e = np.exp(x - m)
    return e / (np.exp(-m) + e.sum(axis=axis, keepdims=True))


def softmax_one_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    # The vector–Jacobian product Jᵀg with J = diag(y) − y yᵀ, without forming J.
    y = softmax_one(x, axis)
    return y * (grad_output - (grad_output * y).sum(axis=axis, keepdims=True))


# %% PyTorch
import torch
from torch import nn


class SoftmaxOne(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: shift by the (detached) m = max(0, max x); the extra 1 becomes e^(−m).
        m = x.amax(dim=self.dim, keepdim=True).clamp(min=0).detach()
        e = torch.exp(x - m)
        return e / (torch.exp(-m) + e.sum(dim=self.dim, keepdim=True))
