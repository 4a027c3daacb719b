# %% NumPy
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic σ(x) from e^(−|x|), which never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def serf(x: np.ndarray) -> np.ndarray:
    """Serf x·erf(softplus(x))."""
    # Stable form: softplus(x) = logaddexp(0, x); ln(1 + e^x) overflows in e^x for x > 88 in float32.
    return (x * _erf(np.logaddexp(0, x))).astype(x.dtype)


def serf_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = erf(s) + x·σ(x)·(2/√π)·e^(−s²) with s = softplus(x)."""
    s = np.logaddexp(0, x)
    return (_erf(s) + x * _sigmoid(x) * 2 / math.sqrt(math.pi) * np.exp(-s * s)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Serf(nn.Module):
    """Serf x·erf(softplus(x))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply Serf elementwise (torch's softplus switches to x above 20, so it never overflows)."""
        return x * torch.erf(torch.nn.functional.softplus(x))
