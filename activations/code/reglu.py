# %% NumPy
import numpy as np


def reglu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)  # first half a (content), second half b (gate)
    return a * np.maximum(b, 0)


def reglu_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = np.split(x, 2, axis=axis)
    # relu′(0) is undefined; 0 there, as PyTorch does.
    return np.concatenate([grad_output * np.maximum(b, 0), grad_output * a * (b > 0)], axis=axis)


# %% PyTorch
import torch
from torch import nn


class ReGLU(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a, b = x.chunk(2, dim=self.dim)  # first half a (content), second half b (gate)
        return a * torch.relu(b)
