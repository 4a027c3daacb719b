# %% NumPy
import math

import numpy as np

_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def laplace(x: np.ndarray, mu: float = 0.707107, sigma: float = 0.282095) -> np.ndarray:
    # Stable form: Φ(z) = erfc(−z/√2)/2; (1 + erf(z/√2))/2 cancels to 0 and loses the left tail.
    z = (x.astype(np.float64) - mu) / sigma
    return (_erfc(-z / math.sqrt(2.0)) / 2).astype(x.dtype)


def laplace_grad(x: np.ndarray, mu: float = 0.707107, sigma: float = 0.282095) -> np.ndarray:
    z = (x.astype(np.float64) - mu) / sigma
    return (np.exp(-(z**2) / 2) / (sigma * math.sqrt(2.0 * math.pi))).astype(x.dtype)


# %% PyTorch
import math

import torch
from torch import nn


class Laplace(nn.Module):
    def __init__(self, mu: float = 0.707107, sigma: float = 0.282095) -> None:
        super().__init__()
        self.mu = mu
        self.sigma = sigma

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: erfc(−z/√2)/2 keeps the left tail that 1 + erf(z/√2) rounds away.
        return torch.special.erfc(-(x - self.mu) / (self.sigma * math.sqrt(2.0))) / 2
