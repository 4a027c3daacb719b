# %% NumPy
import numpy as np


def softmin(x: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    z = -x / T
    # Stable form: subtract the maximum of −x/T first; e^z overflows for z > 88 in float32.
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmin_grad(x: np.ndarray, grad_output: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # The vector–Jacobian product Jᵀg with J = −(diag(y) − y yᵀ)/T, without forming J.
    y = softmin(x, T, axis)
    return -y * (grad_output - (grad_output * y).sum(axis=axis, keepdims=True)) / T


# %% PyTorch
import torch
from torch import nn


class Softmin(nn.Module):
    def __init__(self, T: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        self.T, self.dim = T, dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = -x / self.T
        # Stable form: subtract the (detached) maximum; the shift changes neither the value nor the gradient.
        e = torch.exp(z - z.amax(dim=self.dim, keepdim=True).detach())
        return e / e.sum(dim=self.dim, keepdim=True)
