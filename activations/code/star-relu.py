# %% NumPy
import numpy as np


def star_relu(x: np.ndarray, s: float = 0.8944271909999159, b: float = -0.4472135954999579) -> np.ndarray:
    """StarReLU: s·relu(x)² + b."""
    return s * np.maximum(x, 0) ** 2 + b


def star_relu_grad(x: np.ndarray, s: float = 0.8944271909999159, b: float = -0.4472135954999579) -> np.ndarray:
    """Derivative f′(x) = 2s·relu(x)."""
    return 2 * s * np.maximum(x, 0)


# %% PyTorch
import torch
from torch import nn


class StarReLU(nn.Module):
    """StarReLU with a learnable scale s and bias b, each one scalar shared by all channels."""

    def __init__(self, s: float = 0.8944271909999159, b: float = -0.4472135954999579) -> None:
        super().__init__()
        self.s = nn.Parameter(torch.tensor(float(s)))
        self.b = nn.Parameter(torch.tensor(float(b)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.s.to(x.dtype) * torch.relu(x) ** 2 + self.b.to(x.dtype)
