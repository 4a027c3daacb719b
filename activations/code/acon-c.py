# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def acon_c(x: np.ndarray, p1: float = 1.0, p2: float = 0.25, beta: float = 1.0) -> np.ndarray:
    """ACON-C: (p₁ − p₂)·x·σ(β(p₁ − p₂)x) + p₂·x."""
    d = p1 - p2
    return d * x * _sigmoid(beta * d * x) + p2 * x


def acon_c_grad(x: np.ndarray, p1: float = 1.0, p2: float = 0.25, beta: float = 1.0) -> np.ndarray:
    """Derivative: (p₁ − p₂)·σ(z)·(1 + z·σ(−z)) + p₂ with z = β(p₁ − p₂)x."""
    # Stable form: σ(−z) in place of 1 − σ(z), which cancels once σ rounds to 1.
    d = p1 - p2
    z = beta * d * x
    return d * _sigmoid(z) * (1 + z * _sigmoid(-z)) + p2


# %% PyTorch
import torch
from torch import nn


class AconC(nn.Module):
    """ACON-C with learnable p₁, p₂ and switching factor β (scalars here; one per channel in the paper)."""

    def __init__(self, p1: float = 1.0, p2: float = 0.25, beta: float = 1.0) -> None:
        super().__init__()
        self.p1 = nn.Parameter(torch.tensor(float(p1)))
        self.p2 = nn.Parameter(torch.tensor(float(p2)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p1, p2, beta = self.p1.to(x.dtype), self.p2.to(x.dtype), self.beta.to(x.dtype)
        d = p1 - p2
        # torch.sigmoid is computed stably for any sign of its argument.
        return d * x * torch.sigmoid(beta * d * x) + p2 * x
