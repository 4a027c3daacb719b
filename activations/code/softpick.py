# %% NumPy
import numpy as np

EPS = 1.0e-08  # the official code's ε


def _parts(x: np.ndarray, axis: int) -> tuple[np.ndarray, ...]:
    """The shift m, then D, the sum over the other keys (D·(1 − y) where y > 0) and y, the first two scaled by e^(−m)."""
    m = np.maximum(x.max(axis=axis, keepdims=True), 0)
    # Stable form: −e^(x−m)·expm1(−x) for x > 0 and e^(−m)·expm1(x) for x ≤ 0, with m = max(0, max x);
    # e^x − 1 loses every digit near 0 and e^x overflows for large x.
    right, left = np.maximum(x, 0), np.minimum(x, 0)
    g = np.where(x > 0, -np.exp(right - m) * np.expm1(-right), np.exp(-m) * np.expm1(left))
    magnitude, floor = np.abs(g), EPS * np.exp(-m)
    denominator = magnitude.sum(axis=axis, keepdims=True) + floor
    # Σ_{j≠k}|g_j| + ε: D − |g_k| cancels for the largest term (y ≈ 1 when ε is tiny), so sum the others for it.
    top = np.zeros(x.shape, dtype=bool)
    np.put_along_axis(top, np.expand_dims(magnitude.argmax(axis=axis), axis), True, axis=axis)
    rest_of_top = np.where(top, 0, magnitude).sum(axis=axis, keepdims=True) + floor
    rest = np.where(top, rest_of_top, denominator - magnitude)
    y = np.where(x > 0, np.where(top, 1 - rest / denominator, np.maximum(g, 0) / denominator), 0)
    return m, denominator, rest, y


def softpick(x: np.ndarray, axis: int = -1) -> np.ndarray:
    return _parts(x, axis)[3]


def softpick_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    # Jᵀg with J_ik = (δ_ik·1[x_i > 0]·e^(x_i) − y_i·sign(x_k)·e^(x_k))/D, without forming J; for x_k > 0 the
    # bracket g_k − Σ g_i y_i is written g_k(1 − y_k) − Σ_{i≠k} g_i y_i so that 1 − y_k keeps its digits.
    m, denominator, rest, y = _parts(x, axis)
    weighted = (grad_output * y).sum(axis=axis, keepdims=True)
    bracket = np.where(x > 0, grad_output * rest / denominator - (weighted - grad_output * y), -np.sign(x) * weighted)
    return np.exp(x - m) / denominator * bracket


# %% PyTorch
import torch
from torch import nn

EPS = 1.0e-08  # the official code's ε


class Softpick(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: scale by e^(−m), m = max(0, max x) (detached: the value does not depend on it), with
        # expm1 on each side of 0, each branch on a clamped argument so that neither overflows.
        m = x.amax(dim=self.dim, keepdim=True).clamp(min=0).detach()
        right, left = x.clamp(min=0), x.clamp(max=0)
        g = torch.where(x > 0, -torch.exp(right - m) * torch.expm1(-right), torch.exp(-m) * torch.expm1(left))
        magnitude, floor = g.abs(), EPS * torch.exp(-m)
        denominator = magnitude.sum(dim=self.dim, keepdim=True) + floor
        # The largest term as 1 − (the others)/D: g/D would cancel in autograd (y ≈ 1, slope ∝ 1 − y).
        top = torch.zeros_like(x, dtype=torch.bool).scatter(self.dim, magnitude.argmax(dim=self.dim, keepdim=True), True)
        rest_of_top = torch.where(top, 0, magnitude).sum(dim=self.dim, keepdim=True) + floor
        y = torch.where(top, 1 - rest_of_top / denominator, torch.relu(g) / denominator)
        return torch.where(x > 0, y, 0)
