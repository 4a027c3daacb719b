# %% NumPy
import numpy as np


def tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x)


def tanh_grad(x: np.ndarray) -> np.ndarray:
    # Stable form: 4e/(1 + e)² with e = e^(−2|x|); 1 − tanh(x)² cancels to 0 once tanh(x) rounds to ±1 (|x| > 9 in float32).
    e = np.exp(-2 * np.abs(x))
    return 4 * e / (1 + e) ** 2


# %% PyTorch
import torch
from torch import nn


class Tanh(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: sign(x)·(1 − e)/(1 + e) with e = e^(−2|x|) ≤ 1; e^x − e^(−x) overflows, and autograd of this form keeps the tail
        # of the gradient that 1 − tanh² rounds to 0. The sign comes from `where`, since abs() has a zero gradient at 0.
        sign = torch.where(x >= 0, 1.0, -1.0).to(x.dtype)
        e = torch.exp(-2 * sign * x)
        return sign * (1 - e) / (1 + e)
