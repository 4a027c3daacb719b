# %% NumPy
import math

import numpy as np

SQRT_2 = math.sqrt(2.0)
SQRT_2PI = math.sqrt(2.0 * math.pi)
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def geglu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)  # first half a (content), second half b (gate)
    # Stable form: Φ(b) = erfc(−b/√2)/2; (1 + erf(b/√2))/2 cancels to 0 for b < −6 and loses the left tail.
    gelu = b * _erfc(-b / SQRT_2) / 2
    return (a * gelu).astype(x.dtype)


def geglu_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x.astype(np.float64), 2, axis=axis)
    cdf = _erfc(-b / SQRT_2) / 2
    slope = cdf + b * np.exp(-(b**2) / 2) / SQRT_2PI  # GELU′(b) = Φ(b) + b·φ(b)
    return np.concatenate([grad_output * b * cdf, grad_output * a * slope], axis=axis).astype(x.dtype)


# %% PyTorch
import math

import torch
from torch import nn


class GEGLU(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=self.dim)  # first half a (content), second half b (gate)
        # Stable form: erfc(−b/√2)/2 keeps the left tail that 1 + erf(b/√2) rounds away.
        return a * (b * torch.special.erfc(-b / math.sqrt(2.0)) / 2)
