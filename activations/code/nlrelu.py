# %% NumPy
import numpy as np


def nlrelu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    # Stable form: log1p(β·max(x, 0)); log(1 + βx) loses the digits of small βx.
    return np.log1p(beta * np.maximum(x, 0)).astype(x.dtype)


def nlrelu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    return np.where(x > 0, beta / (1 + beta * np.maximum(x, 0)), 0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class NLReLU(nn.Module):
    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.log1p(self.beta * torch.relu(x))
