# %% NumPy
import numpy as np


def rrelu(x: np.ndarray, lower: float = 0.125, upper: float = 1 / 3) -> np.ndarray:
    # The evaluation-mode function: the slope is the mean (lower + upper)/2 of the training-time distribution.
    return np.where(x >= 0, x, (lower + upper) / 2 * x)


def rrelu_grad(x: np.ndarray, lower: float = 0.125, upper: float = 1 / 3) -> np.ndarray:
    return np.where(x >= 0, 1.0, (lower + upper) / 2).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class RReLU(nn.Module):
    def __init__(self, lower: float = 0.125, upper: float = 1 / 3) -> None:
        super().__init__()
        self.lower, self.upper = lower, upper

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return torch.where(x >= 0, x, (self.lower + self.upper) / 2 * x)
        slope = torch.empty_like(x).uniform_(self.lower, self.upper)  # training: a random slope per element
        return torch.where(x >= 0, x, slope * x)
