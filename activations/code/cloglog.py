# %% NumPy
import numpy as np


def cloglog(x: np.ndarray) -> np.ndarray:
    # Stable form: −expm1(−eˣ); 1 − exp(−eˣ) loses every digit once eˣ is below the rounding of 1.
    # eˣ is clamped at x = 50, where exp(−eˣ) has long been 0 and eˣ would overflow further on.
    return -np.expm1(-np.exp(np.minimum(x, 50)))


def cloglog_grad(x: np.ndarray) -> np.ndarray:
    z = np.minimum(x, 50)
    return np.exp(z - np.exp(z)) * (x <= 50)


# %% PyTorch
import torch
from torch import nn


class CLogLog(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: −expm1(−eˣ) for x ≤ 0, where 1 − exp(−eˣ) would lose digits; 1 − exp(−eˣ) for x > 0, because
        # expm1's backward, (expm1(y) + 1), cancels to 0 in float32 once expm1(y) rounds to −1. eˣ is clamped at
        # x = 50, where f is 1 and its slope 0 to every digit.
        left, right = x.clamp(max=0), x.clamp(min=0, max=50)
        return torch.where(x <= 0, -torch.expm1(-torch.exp(left)), 1 - torch.exp(-torch.exp(right)))
