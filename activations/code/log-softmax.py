# %% NumPy
import numpy as np


def log_softmax(x: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    z = x / T
    # Stable form: z − m − log Σ e^(z − m) with m = max z; log(softmax) gives −inf once a probability underflows to 0.
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def log_softmax_grad(x: np.ndarray, grad_output: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # The vector–Jacobian product Jᵀg with J = (I − 1 yᵀ)/T, y = softmax(x/T): (g − y Σg)/T.
    y = np.exp(log_softmax(x, T, axis))
    return (grad_output - y * grad_output.sum(axis=axis, keepdims=True)) / T


# %% PyTorch
import torch
from torch import nn


class LogSoftmax(nn.Module):
    def __init__(self, T: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        self.T, self.dim = T, dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = x / self.T
        # Stable form: z − m − log Σ e^(z − m) with the (detached) maximum m; the shift changes neither value nor gradient.
        shifted = z - z.amax(dim=self.dim, keepdim=True).detach()
        return shifted - torch.log(torch.exp(shifted).sum(dim=self.dim, keepdim=True))
