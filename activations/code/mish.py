# %% NumPy
import numpy as np


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic σ(x) from e^(−|x|), which never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def mish(x: np.ndarray) -> np.ndarray:
    """Mish x·tanh(softplus(x))."""
    # Stable form: softplus(x) = logaddexp(0, x); ln(1 + e^x) overflows in e^x for x > 88 in float32.
    return x * np.tanh(np.logaddexp(0, x))


def mish_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = tanh(s) + x·σ(x)·sech²(s) with s = softplus(x)."""
    s = np.logaddexp(0, x)
    # Stable form: sech²(s) = 4e/(1 + e)² with e = e^(−2s) ≤ 1; 1 − tanh(s)² cancels to 0 once tanh(s) rounds to 1.
    e = np.exp(-2 * s)
    return np.tanh(s) + x * _sigmoid(x) * (4 * e / (1 + e) ** 2)


# %% PyTorch
import torch
from torch import nn


class Mish(nn.Module):
    """Mish x·tanh(softplus(x))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply Mish elementwise (torch's softplus switches to x above 20, so it never overflows)."""
        return x * torch.tanh(torch.nn.functional.softplus(x))
