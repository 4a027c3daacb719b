# %% NumPy
import numpy as np


def repu(x: np.ndarray, p: float = 3.0) -> np.ndarray:
    return (np.maximum(x, 0) ** p).astype(x.dtype)


def repu_grad(x: np.ndarray, p: float = 3.0) -> np.ndarray:
    # The power p − 1 of a clamped x: for p = 1 this is x⁰ = 1 on the right and 0 on the left (ReLU's convention at 0).
    return np.where(x > 0, p * np.maximum(x, 0) ** (p - 1), 0.0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class RePU(nn.Module):
    def __init__(self, p: float = 3.0) -> None:
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(x) ** self.p
