# %% NumPy
import numpy as np


def softplus(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    # Stable form: max(z, 0) + log1p(e^(−|z|)) with z = βx; ln(1 + e^z) overflows for z > 88 in float32 and rounds to 0 for z < −17.
    z = beta * x
    return (np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))) / beta


def softplus_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    z = beta * x
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# %% PyTorch
import torch
from torch import nn


class Softplus(nn.Module):
    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: z + log1p(e^(−z)) for z ≥ 0 and log1p(e^z) below, each exponent clamped to ≤ 0 so the unused branch cannot
        # overflow (0 · inf = NaN in the gradient); abs() would give a zero gradient at z = 0.
        z = self.beta * x
        positive = z + torch.log1p(torch.exp(-z.clamp(min=0)))
        negative = torch.log1p(torch.exp(z.clamp(max=0)))
        return torch.where(z >= 0, positive, negative) / self.beta
