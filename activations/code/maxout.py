# %% NumPy
import numpy as np


def maxout(x: np.ndarray, a: float = -0.5) -> np.ndarray:
    # A maxout unit keeps the largest of k affine pieces; the page's k = 2 pieces are x and a·x.
    pieces = np.stack([x, a * x], axis=-1)
    return pieces.max(axis=-1)


def maxout_grad(x: np.ndarray, a: float = -0.5) -> np.ndarray:
    # The gradient flows to the winning piece only; f′(0) is undefined, 1 there.
    return np.where(x >= a * x, 1.0, a).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Maxout(nn.Module):
    def __init__(self, a: float = -0.5) -> None:
        super().__init__()
        self.a = a

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # In a maxout layer the k pieces come from one linear layer k times wider, reshaped to (..., features, k).
        pieces = torch.stack([x, self.a * x], dim=-1)
        return pieces.amax(dim=-1)
