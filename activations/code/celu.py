# %% NumPy
import numpy as np


def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """CELU: x for x > 0, else α(exp(x/α) − 1)."""
    # Stable form: α·expm1(min(x, 0)/α); exp(x/α) − 1 loses every digit as x → 0, and exp overflows for large x in the unused branch.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0) / alpha))


def celu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Derivative: 1 for x > 0, else exp(x/α)."""
    return np.where(x > 0, 1, np.exp(np.minimum(x, 0) / alpha)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class CELU(nn.Module):
    """CELU activation with a fixed α."""

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: clamp the argument of the unused branch; exp(1e4) = inf there would make the gradient 0 · inf = NaN.
        return torch.where(x > 0, x, self.alpha * torch.expm1(x.clamp(max=0) / self.alpha))
