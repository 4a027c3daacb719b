# %% NumPy
import math

import numpy as np

SQRT_2 = math.sqrt(2.0)
SQRT_2PI = math.sqrt(2.0 * math.pi)
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def phish(x: np.ndarray) -> np.ndarray:
    # Stable form: GELU(x) = x·erfc(−x/√2)/2; x·(1 + erf(x/√2))/2 cancels to 0 for x < −6 and loses the tail.
    x64 = x.astype(np.float64)
    return (x64 * np.tanh(x64 * _erfc(-x64 / SQRT_2) / 2)).astype(x.dtype)


def phish_grad(x: np.ndarray) -> np.ndarray:
    x64 = x.astype(np.float64)
    cdf = _erfc(-x64 / SQRT_2) / 2
    gelu = x64 * cdf
    gelu_grad = cdf + x64 * np.exp(-(x64**2) / 2) / SQRT_2PI
    # Stable form: sech²(g) = 4e/(1 + e)² with e = e^(−2|g|); 1 − tanh(g)² cancels to 0 once tanh rounds to 1.
    e = np.exp(-2 * np.abs(gelu))
    return (np.tanh(gelu) + x64 * 4 * e / (1 + e) ** 2 * gelu_grad).astype(x.dtype)


# %% PyTorch
import math

import torch
from torch import nn


class Phish(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: erfc(−x/√2)/2 keeps the left tail of Φ that 1 + erf(x/√2) rounds away.
        return x * torch.tanh(x * torch.special.erfc(-x / math.sqrt(2.0)) / 2)
