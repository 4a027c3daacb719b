# %% NumPy
import numpy as np


def squared_relu(x: np.ndarray) -> np.ndarray:
    """Squared ReLU max(x, 0)²."""
    return np.maximum(x, 0) ** 2


def squared_relu_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = 2·max(x, 0)."""
    return 2 * np.maximum(x, 0)


# %% PyTorch
import torch
from torch import nn


class SquaredReLU(nn.Module):
    """Squared ReLU max(x, 0)²."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply relu(x)² elementwise; autograd gives 2·relu(x)."""
        return torch.relu(x) ** 2
