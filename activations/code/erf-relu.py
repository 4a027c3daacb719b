# %% NumPy
import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def erf_relu(x: np.ndarray, alpha: float = 1) -> np.ndarray:
    negative = alpha * _erf(np.minimum(x, 0).astype(np.float64))
    return np.where(x >= 0, x, negative.astype(x.dtype))


def erf_relu_grad(x: np.ndarray, alpha: float = 1) -> np.ndarray:
    # Stable form: e^(−x²) on min(x, 0) only, so the unused branch never squares a huge x.
    left = 2 * alpha / math.sqrt(math.pi) * np.exp(-(np.minimum(x, 0).astype(np.float64) ** 2))
    return np.where(x >= 0, 1.0, left).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class ErfReLU(nn.Module):
    def __init__(self, alpha: float = 1) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.where(x >= 0, x, self.alpha * torch.erf(x.clamp(max=0)))
