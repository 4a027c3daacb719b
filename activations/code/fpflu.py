# %% NumPy
import numpy as np


def fpflu(x: np.ndarray) -> np.ndarray:
    # Stable form: the negative branch sees min(x, 0), so x² cannot overflow in the unused branch.
    n = np.minimum(x, 0)
    return np.where(x > 0, x, n / (1 + n * n)).astype(x.dtype)


def fpflu_grad(x: np.ndarray) -> np.ndarray:
    n = np.minimum(x, 0)
    return np.where(x > 0, 1, (1 - n * n) / (1 + n * n) ** 2).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class FPFLU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: clamp the negative branch's argument; torch.where differentiates both branches.
        n = x.clamp(max=0)
        return torch.where(x > 0, x, n / (1 + n * n))
