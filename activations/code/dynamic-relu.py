# %% NumPy
import numpy as np


def dynamic_relu(x: np.ndarray, a1: float = 1.2, b1: float = 0.0, a2: float = 0.2, b2: float = -0.3) -> np.ndarray:
    # DY-ReLU computes the coefficients from the input (a hyper-network per channel); they broadcast against x.
    return np.maximum(a1 * x + b1, a2 * x + b2)


def dynamic_relu_grad(x: np.ndarray, a1: float = 1.2, b1: float = 0.0, a2: float = 0.2, b2: float = -0.3) -> np.ndarray:
    return np.where(a1 * x + b1 >= a2 * x + b2, a1, a2).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class DynamicReLU(nn.Module):
    def __init__(self, a1: float = 1.2, b1: float = 0.0, a2: float = 0.2, b2: float = -0.3) -> None:
        super().__init__()
        # Fixed here; in DY-ReLU a small branch (pooling, two linear layers, a sigmoid) outputs them per input and channel.
        self.a1, self.b1, self.a2, self.b2 = a1, b1, a2, b2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.maximum(self.a1 * x + self.b1, self.a2 * x + self.b2)
