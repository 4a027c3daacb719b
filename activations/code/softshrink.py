# %% NumPy
import numpy as np


def softshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """Soft shrinkage: x + λ below −λ, 0 on [−λ, λ], x − λ above λ."""
    return np.where(x < -lambd, x + lambd, np.where(x <= lambd, 0, x - lambd)).astype(x.dtype)


def softshrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """f′(x) = 1 for |x| > λ, 0 inside."""
    return (np.abs(x) > lambd).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Softshrink(nn.Module):
    """Soft shrinkage with a fixed threshold λ (torch.nn.Softshrink's `lambd`)."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Shrink x toward 0 by λ; autograd gives 1 outside [−λ, λ] and 0 inside."""
        return torch.where(x < -self.lambd, x + self.lambd, torch.where(x <= self.lambd, 0.0, x - self.lambd))
