# %% NumPy
import numpy as np


def bilinear(x: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)  # first half a (content), second half b (gate)
    return a * b


def bilinear_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)
    return np.concatenate([grad_output * b, grad_output * a], axis=axis)


# %% PyTorch
import torch
from torch import nn


class Bilinear(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=self.dim)  # first half a (content), second half b (gate)
        return a * b
