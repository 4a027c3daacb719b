# %% NumPy
import numpy as np


def lisht(x: np.ndarray) -> np.ndarray:
    """Linearly scaled hyperbolic tangent x·tanh(x)."""
    return x * np.tanh(x)


def lisht_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = tanh(x) + x·sech²(x)."""
    # Stable form: sech²(x) = 4e/(1 + e)² with e = e^(−2|x|); 1/cosh(x)² overflows in cosh for |x| > 89 in float32.
    e = np.exp(-2 * np.abs(x))
    return np.tanh(x) + x * (4 * e / (1 + e) ** 2)


# %% PyTorch
import torch
from torch import nn


class LiSHT(nn.Module):
    """Linearly scaled hyperbolic tangent x·tanh(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply LiSHT elementwise; autograd gives tanh(x) + x·sech²(x)."""
        return x * torch.tanh(x)
