# %% NumPy
import math

import numpy as np

SQRT_2 = math.sqrt(2.0)
SQRT_2PI = math.sqrt(2.0 * math.pi)
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def probit(x: np.ndarray) -> np.ndarray:
    # Stable form: Φ(x) = erfc(−x/√2)/2; (1 + erf(x/√2))/2 cancels to 0 for x < −6 and loses the whole left tail.
    return (_erfc(-x / SQRT_2) / 2).astype(x.dtype)


def probit_grad(x: np.ndarray) -> np.ndarray:
    return (np.exp(-(x.astype(np.float64) ** 2) / 2) / SQRT_2PI).astype(x.dtype)


# %% PyTorch
import math

import torch
from torch import nn


class Probit(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: erfc(−x/√2)/2 keeps the left tail that 1 + erf(x/√2) rounds away.
        return torch.special.erfc(-x / math.sqrt(2.0)) / 2
