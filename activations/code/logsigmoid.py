# %% NumPy
import numpy as np


def logsigmoid(x: np.ndarray) -> np.ndarray:
    """Log-sigmoid log σ(x) = −softplus(−x)."""
    # Stable form: −logaddexp(0, −x); log(1/(1 + e^(−x))) overflows in e^(−x) for x < −88 in float32 and gives −inf.
    return -np.logaddexp(0, -x)


def logsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = σ(−x) = 1/(1 + e^x), computed from e^(−|x|) so it never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, e / (1 + e), 1 / (1 + e))


# %% PyTorch
import torch
from torch import nn


class LogSigmoid(nn.Module):
    """Log-sigmoid log σ(x) = −softplus(−x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply log σ elementwise with torch's stable fused kernel (it never forms e^(−x) for x < 0)."""
        return torch.nn.functional.logsigmoid(x)
