# %% NumPy
import numpy as np


def dyt(x: np.ndarray, alpha: float = 0.5, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    """Dynamic Tanh: γ·tanh(αx) + β."""
    return gamma * np.tanh(alpha * x) + beta


def dyt_grad(x: np.ndarray, alpha: float = 0.5, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    """Derivative f′(x) = γα·sech²(αx)."""
    # Stable form: sech²(z) = 4e/(1 + e)² with e = e^(−2|z|); 1 − tanh(z)² cancels to 0 once tanh rounds to ±1 (|z| > 9 in float32).
    e = np.exp(-2 * np.abs(alpha * x))
    return gamma * alpha * 4 * e / (1 + e) ** 2


# %% PyTorch
import torch
from torch import nn


class DyT(nn.Module):
    """Dynamic Tanh with learnable scalars α, γ and β (γ and β are per channel in the paper)."""

    def __init__(self, alpha: float = 0.5, gamma: float = 1.0, beta: float = 0.0) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))
        self.gamma = nn.Parameter(torch.tensor(float(gamma)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        alpha, gamma, beta = self.alpha.to(x.dtype), self.gamma.to(x.dtype), self.beta.to(x.dtype)
        z = alpha * x
        # Stable form: tanh(z) = sign(z)·(1 − e)/(1 + e) with e = e^(−2|z|) ≤ 1; autograd of torch.tanh uses 1 − tanh², which rounds the
        # tail of f′ to 0 once tanh rounds to ±1. The sign comes from `where`, since abs() has a zero gradient at 0.
        sign = torch.where(z >= 0, 1.0, -1.0).to(x.dtype)
        e = torch.exp(-2 * sign * z)
        return gamma * sign * (1 - e) / (1 + e) + beta
