# %% NumPy
import numpy as np


def smelu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    quadratic = (x + beta) ** 2 / (4 * beta)
    return np.where(x <= -beta, 0.0, np.where(x < beta, quadratic, x)).astype(x.dtype)


def smelu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    return np.where(x <= -beta, 0.0, np.where(x < beta, (x + beta) / (2 * beta), 1.0)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SmeLU(nn.Module):
    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: the middle branch is squared at a clamped argument, so it stays finite everywhere.
        middle = (x.clamp(-self.beta, self.beta) + self.beta) ** 2 / (4 * self.beta)
        return torch.where(x <= -self.beta, torch.zeros_like(x), torch.where(x < self.beta, middle, x))
