# %% NumPy
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def derf(x: np.ndarray, alpha: float = 0.5, s: float = 0.0, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    return (gamma * _erf(alpha * x.astype(np.float64) + s) + beta).astype(x.dtype)


def derf_grad(x: np.ndarray, alpha: float = 0.5, s: float = 0.0, gamma: float = 1.0, beta: float = 0.0) -> np.ndarray:
    z = alpha * x.astype(np.float64) + s
    return (gamma * alpha * 2 / math.sqrt(math.pi) * np.exp(-(z**2))).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Derf(nn.Module):
    """Dynamic erf with learnable scalars α, s, γ and β (γ and β are per channel in the paper)."""

    def __init__(self, alpha: float = 0.5, s: float = 0.0, gamma: float = 1.0, beta: float = 0.0) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))
        self.s = nn.Parameter(torch.tensor(float(s)))
        self.gamma = nn.Parameter(torch.tensor(float(gamma)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        alpha, s, gamma, beta = (p.to(x.dtype) for p in (self.alpha, self.s, self.gamma, self.beta))
        return gamma * torch.erf(alpha * x + s) + beta
