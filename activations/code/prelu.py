# %% NumPy
import numpy as np


def prelu(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    """PReLU: x for x ≥ 0, a·x below."""
    return np.where(x >= 0, x, a * x)


def prelu_grad(x: np.ndarray, a: float = 0.25) -> np.ndarray:
    """Derivative: 1 for x ≥ 0 (one-sided at 0), a below."""
    return np.where(x >= 0, 1, a).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class PReLU(nn.Module):
    """PReLU with one learnable negative slope a shared by the whole layer."""

    def __init__(self, a: float = 0.25) -> None:
        super().__init__()
        self.a = nn.Parameter(torch.tensor(float(a)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.where(x >= 0, x, self.a.to(x.dtype) * x)
