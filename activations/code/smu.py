# %% NumPy
import math

import numpy as np

SQRT_PI = math.sqrt(math.pi)
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def smu(x: np.ndarray, alpha: float = 0.25, mu: float = 1.0) -> np.ndarray:
    # Stable form: x·(2α + (1 − α)·erfc(−z))/2 with z = μ(1 − α)x, the same as ((1 + α)x + (1 − α)x·erf(z))/2;
    # the erf form cancels to 0 on the left when α = 0 and loses the tail there.
    z = mu * (1 - alpha) * x.astype(np.float64)
    return (x * (2 * alpha + (1 - alpha) * _erfc(-z)) / 2).astype(x.dtype)


def smu_grad(x: np.ndarray, alpha: float = 0.25, mu: float = 1.0) -> np.ndarray:
    x64 = x.astype(np.float64)
    z = mu * (1 - alpha) * x64
    slope = (2 * alpha + (1 - alpha) * _erfc(-z)) / 2 + x64 * (1 - alpha) ** 2 * mu * np.exp(-(z**2)) / SQRT_PI
    return slope.astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SMU(nn.Module):
    def __init__(self, alpha: float = 0.25, mu: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha
        self.mu = nn.Parameter(torch.tensor(float(mu)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: erfc(−z) in place of 1 + erf(z), which cancels on the left when α = 0.
        z = self.mu * (1 - self.alpha) * x
        return x * (2 * self.alpha + (1 - self.alpha) * torch.special.erfc(-z)) / 2
