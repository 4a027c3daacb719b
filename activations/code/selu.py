# %% NumPy
import numpy as np


def selu(x: np.ndarray, lam: float = 1.0507009873554805, alpha: float = 1.6732632423543772) -> np.ndarray:
    """Scaled ELU λ·x for x > 0, λα(eˣ − 1) otherwise."""
    # Stable form: expm1 of min(x, 0); eˣ − 1 cancels as x → 0, and np.where also evaluates the unused branch, where eˣ overflows.
    return lam * np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def selu_grad(x: np.ndarray, lam: float = 1.0507009873554805, alpha: float = 1.6732632423543772) -> np.ndarray:
    """f′(x) = λ for x > 0, λαeˣ otherwise."""
    return (lam * np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0)))).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SELU(nn.Module):
    """Scaled ELU with the fixed constants λ and α of torch.nn.SELU."""

    def __init__(self, lam: float = 1.0507009873554805, alpha: float = 1.6732632423543772) -> None:
        super().__init__()
        self.lam = lam
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply SELU elementwise; autograd gives λ for x > 0 and λαeˣ otherwise."""
        # Stable form: F.elu, whose backward computes αeˣ itself; autograd of α·expm1(x) forms expm1(x) + 1, which cancels to 0 for
        # x < −17 in float32 (and an unclamped expm1(1e4) = inf in the unused branch of where() would make the gradient NaN).
        return self.lam * torch.nn.functional.elu(x, self.alpha)
