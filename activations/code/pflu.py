# %% NumPy
import numpy as np


def _gate(x64: np.ndarray) -> np.ndarray:
    # Stable form: for x < 0, 1 + x/r = 1/(r·(r − x)) with r = √(1 + x²); the direct sum cancels to 0 far to the left.
    r = np.sqrt(1 + x64 * x64)
    return np.where(x64 < 0, 1 / (r * (r - np.minimum(x64, 0))), 1 + x64 / r)


def pflu(x: np.ndarray) -> np.ndarray:
    x64 = x.astype(np.float64)
    return (x64 * _gate(x64) / 2).astype(x.dtype)


def pflu_grad(x: np.ndarray) -> np.ndarray:
    x64 = x.astype(np.float64)
    r = np.sqrt(1 + x64 * x64)
    return ((_gate(x64) + x64 / r**3) / 2).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class PFLU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: in float64, with the x < 0 gate as 1/(r·(r − x)); r − x is clamped so the unused branch stays finite.
        x64 = x.double()
        r = torch.sqrt(1 + x64 * x64)
        gate = torch.where(x64 < 0, 1 / (r * (r - x64.clamp(max=0))), 1 + x64 / r)
        return (x64 * gate / 2).to(x.dtype)
