# %% NumPy
import numpy as np


def _threshold(z: np.ndarray) -> np.ndarray:
    """τ with Σ max(z − τ, 0)² = 1 along the last axis (the sort-based algorithm of Peters et al.)."""
    z_sorted = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    mean = np.cumsum(z_sorted, axis=-1) / k
    mean_square = np.cumsum(z_sorted**2, axis=-1) / k
    # τ_k if the k largest scores were the support: the root of k τ² − 2τ Σz + Σz² − 1 = 0 below their mean.
    tau = mean - np.sqrt(np.maximum((1 - k * (mean_square - mean**2)) / k, 0))
    support = (tau <= z_sorted).sum(axis=-1, keepdims=True)
    return np.take_along_axis(tau, support - 1, axis=-1)


def entmax(x: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # 1.5-entmax: y_i = max(z_i/2 − τ, 0)² with z = x/T, τ such that Σy = 1.
    z = np.moveaxis(x / (2 * T), axis, -1)
    # Stable form: shift by the maximum (τ shifts with it), so the squares stay of order 1 for any input size.
    z = z - z.max(axis=-1, keepdims=True)
    return np.moveaxis(np.maximum(z - _threshold(z), 0) ** 2, -1, axis)


def entmax_grad(x: np.ndarray, grad_output: np.ndarray, T: float = 1.0, axis: int = -1) -> np.ndarray:
    # Jᵀg with s = √y: (s ⊙ g − s (s·g)/Σs)/T.
    s = np.sqrt(entmax(x, T, axis))
    weighted = s * grad_output
    return (weighted - s * weighted.sum(axis=axis, keepdims=True) / s.sum(axis=axis, keepdims=True)) / T


# %% PyTorch
import torch
from torch import nn


class Entmax15(nn.Module):
    def __init__(self, T: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        self.T, self.dim = T, dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = (x / (2 * self.T)).movedim(self.dim, -1)
        z = z - z.amax(dim=-1, keepdim=True).detach()  # shift-invariant, keeps the squares of order 1
        with torch.no_grad():  # which outputs are non-zero: the sort-based search, as in the NumPy cell
            z_sorted = torch.sort(z, dim=-1, descending=True).values
            k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype, device=z.device)
            mean, mean_square = z_sorted.cumsum(-1) / k, (z_sorted**2).cumsum(-1) / k
            tau = mean - torch.sqrt(torch.clamp((1 - k * (mean_square - mean**2)) / k, min=0))
            inside = (z > tau.gather(-1, (tau <= z_sorted).sum(-1, keepdim=True) - 1)).to(z.dtype)
        # Stable form: τ again from the support alone, differentiably; through the search above, √ at 0 beyond the support
        # would send 0 · inf = NaN into the gradient.
        count, total, total_square = inside.sum(-1, keepdim=True), (inside * z).sum(-1, keepdim=True), (inside * z**2).sum(-1, keepdim=True)
        tau = total / count - torch.sqrt((1 - total_square + total**2 / count) / count)
        return (torch.clamp(z - tau, min=0) ** 2).movedim(-1, self.dim)
