# %% NumPy
import numpy as np


def polyrelu(x: np.ndarray, a0: float = 0.0, a1: float = 1 / 3, a2: float = 1 / 3, a3: float = 1 / 3) -> np.ndarray:
    r = np.maximum(x, 0)
    return a3 * r**3 + a2 * r**2 + a1 * r + a0


def polyrelu_grad(x: np.ndarray, a0: float = 0.0, a1: float = 1 / 3, a2: float = 1 / 3, a3: float = 1 / 3) -> np.ndarray:
    r = np.maximum(x, 0)
    # relu′(0) is undefined; 0 there, as PyTorch does.
    return np.where(x > 0, 3 * a3 * r**2 + 2 * a2 * r + a1, 0.0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class PolyReLU(nn.Module):
    """a₀ + a₁·ReLU(x) + a₂·ReLU(x)² + a₃·ReLU(x)³ with learnable coefficients (the paper's order r = 3)."""

    def __init__(self, a0: float = 0.0, a1: float = 1 / 3, a2: float = 1 / 3, a3: float = 1 / 3) -> None:
        super().__init__()
        self.a0 = nn.Parameter(torch.tensor(float(a0)))
        self.a1 = nn.Parameter(torch.tensor(float(a1)))
        self.a2 = nn.Parameter(torch.tensor(float(a2)))
        self.a3 = nn.Parameter(torch.tensor(float(a3)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        r = torch.relu(x)
        a0, a1, a2, a3 = (p.to(x.dtype) for p in (self.a0, self.a1, self.a2, self.a3))
        return a3 * r**3 + a2 * r**2 + a1 * r + a0
