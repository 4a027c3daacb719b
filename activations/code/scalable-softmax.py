# %% NumPy
import numpy as np


def scalable_softmax(x: np.ndarray, s: float = 0.43, axis: int = -1) -> np.ndarray:
    n = x.shape[axis]
    # float(): a Python float keeps a float32 input float32 (the NumPy float64 of np.log(n) would promote it).
    z = s * float(np.log(n)) * x
    # Stable form: subtract the maximum first (softmax is shift-invariant); e^z overflows for large z.
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def scalable_softmax_grad(x: np.ndarray, grad_output: np.ndarray, s: float = 0.43, axis: int = -1) -> np.ndarray:
    # The vector–Jacobian product Jᵀg with J = s·log n·(diag(y) − y yᵀ), without forming J.
    y = scalable_softmax(x, s, axis)
    return s * float(np.log(x.shape[axis])) * y * (grad_output - (grad_output * y).sum(axis=axis, keepdims=True))


# %% PyTorch
import math

import torch
from torch import nn


class ScalableSoftmax(nn.Module):
    """SSMax with a learnable scale s (one scalar here; one per layer or head in a model)."""

    def __init__(self, s: float = 0.43, dim: int = -1) -> None:
        super().__init__()
        self.s = nn.Parameter(torch.tensor(float(s)))
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = self.s.to(x.dtype) * math.log(x.shape[self.dim]) * x
        return torch.softmax(z, dim=self.dim)
