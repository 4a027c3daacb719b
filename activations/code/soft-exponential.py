# %% NumPy
import numpy as np


def soft_exponential(x: np.ndarray, alpha: float = 0.5) -> np.ndarray:
    """Soft exponential: −ln(1 − α(x + α))/α for α < 0, x for α = 0, (e^(αx) − 1)/α + α for α > 0."""
    # Stable form: expm1 and log1p; e^(αx) − 1 and ln(1 − α(x + α)) lose every digit as their argument nears 0.
    if alpha > 0:
        return np.expm1(alpha * x) / alpha + alpha
    if alpha < 0:
        return -np.log1p(-alpha * (x + alpha)) / alpha
    return x.copy()


def soft_exponential_grad(x: np.ndarray, alpha: float = 0.5) -> np.ndarray:
    """Derivative: 1/(1 − α(x + α)) for α < 0, 1 for α = 0, e^(αx) for α > 0."""
    if alpha > 0:
        return np.exp(alpha * x)
    if alpha < 0:
        return 1 / (1 - alpha * (x + alpha))
    return np.ones_like(x)


# %% PyTorch
import torch
from torch import nn


class SoftExponential(nn.Module):
    """Soft exponential with a learnable shape α (one scalar here)."""

    def __init__(self, alpha: float = 0.5) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        alpha = self.alpha.to(x.dtype)
        # Stable form: expm1 and log1p; e^(αx) − 1 and ln(1 − α(x + α)) lose every digit as their argument nears 0.
        if alpha > 0:
            return torch.expm1(alpha * x) / alpha + alpha
        if alpha < 0:
            return -torch.log1p(-alpha * (x + alpha)) / alpha
        # At α = 0 the value is x; the term α(1 + x²/2), zero here, gives α its gradient ∂f/∂α = 1 + x²/2 so it can leave 0.
        return x + alpha * (1 + x * x / 2)
