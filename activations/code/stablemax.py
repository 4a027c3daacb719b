# %% NumPy
import numpy as np


def _s(x: np.ndarray) -> np.ndarray:
    # Each branch evaluated at a clamped argument, so the unused one never divides by zero.
    return np.where(x < 0, 1 / (1 - np.minimum(x, 0)), np.maximum(x, 0) + 1)


def stablemax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    s = _s(x)
    return s / s.sum(axis=axis, keepdims=True)


def stablemax_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    # Jᵀg with J_ik = y_k (δ_ik − y_i)/(1 + |x_k|): column k carries s′(x_k)/s(x_k) = 1/(1 + |x_k|).
    y = stablemax(x, axis)
    return y * (grad_output - (grad_output * y).sum(axis=axis, keepdims=True)) / (1 + np.abs(x))


# %% PyTorch
import torch
from torch import nn


class StableMax(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Each branch gets a clamped argument, so the unused one stays finite and its gradient is 0, never NaN.
        s = torch.where(x < 0, 1 / (1 - x.clamp(max=0)), x.clamp(min=0) + 1)
        return s / s.sum(dim=self.dim, keepdim=True)
