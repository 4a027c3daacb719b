# %% NumPy
import numpy as np


def sparsemax(x: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # The Euclidean projection of z = x/T onto the probability simplex: y = max(z − τ, 0) with Σy = 1.
    z = np.moveaxis(x / T, axis, -1)
    z_sorted = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    cumulative = np.cumsum(z_sorted, axis=-1)
    support = (1 + k * z_sorted > cumulative).sum(axis=-1, keepdims=True)  # how many outputs are non-zero
    tau = (np.take_along_axis(cumulative, support - 1, axis=-1) - 1) / support.astype(z.dtype)
    return np.moveaxis(np.maximum(z - tau, 0), -1, axis)


def sparsemax_grad(x: np.ndarray, grad_output: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # Jᵀg on the support S (outputs > 0): (g − mean of g over S) there, 0 elsewhere, divided by T.
    inside = (sparsemax(x, T, axis) > 0).astype(x.dtype)
    mean = (grad_output * inside).sum(axis=axis, keepdims=True) / inside.sum(axis=axis, keepdims=True)
    return inside * (grad_output - mean) / T


# %% PyTorch
import torch
from torch import nn


class Sparsemax(nn.Module):
    def __init__(self, T: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        self.T, self.dim = T, dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = (x / self.T).movedim(self.dim, -1)
        z_sorted = torch.sort(z, dim=-1, descending=True).values
        k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype, device=z.device)
        cumulative = z_sorted.cumsum(dim=-1)
        support = (1 + k * z_sorted > cumulative).sum(dim=-1, keepdim=True)  # how many outputs are non-zero
        tau = (cumulative.gather(-1, support - 1) - 1) / support.to(z.dtype)
        return torch.clamp(z - tau, min=0).movedim(-1, self.dim)
