# %% NumPy
import numpy as np


def sqnl(x: np.ndarray) -> np.ndarray:
    """Square nonlinearity: x − x·|x|/4 on [−2, 2], ±1 beyond."""
    c = np.clip(x, -2, 2)
    return c - c * np.abs(c) / 4


def sqnl_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 1 − |x|/2 on [−2, 2], 0 beyond."""
    return np.where(np.abs(x) <= 2, 1 - np.abs(x) / 2, 0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SQNL(nn.Module):
    """Square nonlinearity, a piecewise-quadratic tanh that saturates at ±1 for |x| ≥ 2."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Clamp to [−2, 2], then c − c·|c|/4; autograd gives 1 − |x|/2 inside and 0 outside."""
        c = x.clamp(-2, 2)
        return c - c * c.abs() / 4
