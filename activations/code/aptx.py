# %% NumPy
import numpy as np


def aptx(x: np.ndarray, alpha: float = 1.0, beta: float = 1.0, gamma: float = 0.5) -> np.ndarray:
    return (alpha + np.tanh(beta * x)) * gamma * x


def aptx_grad(x: np.ndarray, alpha: float = 1.0, beta: float = 1.0, gamma: float = 0.5) -> np.ndarray:
    # Stable form: sech²(z) = 4e/(1 + e)² with e = e^(−2|z|); 1 − tanh(z)² cancels to 0 once tanh rounds to ±1.
    e = np.exp(-2 * np.abs(beta * x))
    return gamma * (alpha + np.tanh(beta * x)) + gamma * beta * x * 4 * e / (1 + e) ** 2


# %% PyTorch
import torch
from torch import nn


class APTx(nn.Module):
    def __init__(self, alpha: float = 1.0, beta: float = 1.0, gamma: float = 0.5) -> None:
        super().__init__()
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (self.alpha + torch.tanh(self.beta * x)) * self.gamma * x
