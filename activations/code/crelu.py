# %% NumPy
import numpy as np


def crelu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # The two outputs, ReLU(x) and ReLU(−x), side by side: twice as many channels along `axis`.
    return np.concatenate([np.maximum(x, 0), np.maximum(-x, 0)], axis=axis)


def crelu_grad(x: np.ndarray, grad_output: np.ndarray, axis: int = -1) -> np.ndarray:
    positive, negative = np.split(grad_output, 2, axis=axis)
    # f′ at 0 is undefined; 0 there, as for ReLU in PyTorch.
    return positive * (x > 0) - negative * (x < 0)


# %% PyTorch
import torch
from torch import nn


class CReLU(nn.Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([torch.relu(x), torch.relu(-x)], dim=self.dim)
