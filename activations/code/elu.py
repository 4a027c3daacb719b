# %% NumPy
import numpy as np


def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # Stable form: expm1(min(x, 0)); exp(x) − 1 loses every digit as x → 0, and exp(x) overflows for large x in the unused branch.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0))).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class ELU(nn.Module):
    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: clamp the argument of the unused branch; exp(1e4) = inf there would make the gradient 0 · inf = NaN.
        return torch.where(x > 0, x, self.alpha * torch.expm1(x.clamp(max=0)))
