# %% NumPy
import numpy as np


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def relu_grad(x: np.ndarray) -> np.ndarray:
    # f′(0) is undefined; 0 there, as PyTorch and JAX do.
    return (x > 0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class ReLU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.where(x > 0, x, torch.zeros_like(x))
