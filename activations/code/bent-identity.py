# %% NumPy
import numpy as np


def bent_identity(x: np.ndarray) -> np.ndarray:
    """Bent identity: f(x) = (√(x² + 1) − 1)/2 + x."""
    # Stable form: x²/(2(√(x² + 1) + 1)) for (√(x² + 1) − 1)/2; the subtraction cancels to 0 for small |x|.
    return x + x * x / (2 * (np.hypot(x, 1) + 1))


def bent_identity_grad(x: np.ndarray) -> np.ndarray:
    """Derivative f′(x) = 1 + x/(2√(x² + 1))."""
    return 1 + x / (2 * np.hypot(x, 1))


# %% PyTorch
import torch
from torch import nn


class BentIdentity(nn.Module):
    """Bent identity activation."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: x²/(2(√(x² + 1) + 1)) for (√(x² + 1) − 1)/2; the subtraction cancels to 0 for small |x|.
        return x + x * x / (2 * (torch.hypot(x, torch.ones_like(x)) + 1))
