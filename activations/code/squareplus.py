# %% NumPy
import numpy as np


def squareplus(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    """Squareplus (x + √(x² + b))/2."""
    s = np.sqrt(x * x + b)
    # Stable form: b/(2(√(x² + b) − x)) for x < 0; x + √(x² + b) cancels there (to 0 at x = −1e4 in float32).
    return np.where(x >= 0, (x + s) / 2, b / (2 * (s - np.minimum(x, 0))))


def squareplus_grad(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    """f′(x) = (1 + x/√(x² + b))/2."""
    s = np.sqrt(x * x + b)
    # Stable form: b/(2s(s − x)) for x < 0, where 1 + x/s cancels.
    return np.where(x >= 0, (1 + x / s) / 2, b / (2 * s * (s - np.minimum(x, 0))))


# %% PyTorch
import torch
from torch import nn


class Squareplus(nn.Module):
    """Squareplus (x + √(x² + b))/2 with a fixed b."""

    def __init__(self, b: float = 4.0) -> None:
        super().__init__()
        self.b = b

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply squareplus elementwise; autograd gives (1 + x/√(x² + b))/2."""
        # Stable form: b/(2(√(x² + b) − x)) for x < 0, where x + √(x² + b) cancels (to 0 at x = −1e4 in float32). That branch
        # sees x clamped to ≤ 0: for large positive x, √(x² + b) − x rounds to 0 and b/0 would turn the gradient into NaN.
        neg = x.clamp(max=0)
        negative = self.b / (2 * (torch.sqrt(neg * neg + self.b) - neg))
        return torch.where(x >= 0, (x + torch.sqrt(x * x + self.b)) / 2, negative)
