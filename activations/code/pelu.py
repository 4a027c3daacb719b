# %% NumPy
import numpy as np


def pelu(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    # Stable form: expm1 of the clamped argument; e^(x/b) − 1 loses its digits near 0, and e^(x/b) overflows for large x in the unused branch.
    return np.where(x >= 0, a / b * x, a * np.expm1(np.minimum(x, 0) / b)).astype(x.dtype)


def pelu_grad(x: np.ndarray, a: float = 1.0, b: float = 1.0) -> np.ndarray:
    return np.where(x >= 0, a / b, a / b * np.exp(np.minimum(x, 0) / b)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class PELU(nn.Module):
    def __init__(self, a: float = 1.0, b: float = 1.0) -> None:
        super().__init__()
        # Both must stay positive during training (the official code clips them at 0.1).
        self.a = nn.Parameter(torch.tensor(float(a)))
        self.b = nn.Parameter(torch.tensor(float(b)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: clamp the unused branch's argument; exp(1e4) = inf there would make the gradient 0 · inf = NaN.
        negative = self.a * torch.expm1(x.clamp(max=0) / self.b)
        return torch.where(x >= 0, self.a / self.b * x, negative)
