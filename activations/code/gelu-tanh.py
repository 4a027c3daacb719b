# %% NumPy
import math

import numpy as np

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def _gate(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Stable form: (1 + tanh u)/2 = σ(2u) from e = exp(−2|u|); 1 + tanh(u) cancels for u ≪ 0, exp(−2u) overflows.
    e = np.exp(-2 * np.abs(u))
    gate = np.where(u >= 0, 1 / (1 + e), e / (1 + e))
    return gate, e


def gelu_tanh(x: np.ndarray) -> np.ndarray:
    gate, _ = _gate(SQRT_2_OVER_PI * (x + 0.044715 * x**3))
    return x * gate


def gelu_tanh_grad(x: np.ndarray) -> np.ndarray:
    gate, e = _gate(SQRT_2_OVER_PI * (x + 0.044715 * x**3))
    # Stable form: d/du σ(2u) = 2e/(1 + e)², not 2σ(1 − σ), which cancels where σ ≈ 1.
    slope = 2 * e / (1 + e) ** 2
    du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x**2)
    return gate + x * slope * du


# %% PyTorch
import math

import torch
from torch import nn


class GELUTanh(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        u = math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)
        # Stable form: (1 + tanh u)/2 = σ(2u); 1 + tanh(u) cancels to 0 for u ≪ 0, and its gradient with it.
        return x * torch.sigmoid(2 * u)
