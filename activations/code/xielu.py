# %% NumPy
import numpy as np


def xielu(x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5) -> np.ndarray:
    """xIELU: α_p·x² + βx for x > 0, α_n(eˣ − 1 − x) + βx for x ≤ 0."""
    # Stable form: expm1(min(x, 0)); eˣ − 1 loses every digit as x → 0, and eˣ overflows for large x in the unused branch.
    xn = np.minimum(x, 0)
    return np.where(x > 0, alpha_p * x * x + beta * x, alpha_n * (np.expm1(xn) - xn) + beta * x)


def xielu_grad(x: np.ndarray, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5) -> np.ndarray:
    """Derivative: 2α_p·x + β for x > 0, α_n(eˣ − 1) + β for x ≤ 0."""
    xn = np.minimum(x, 0)
    return np.where(x > 0, 2 * alpha_p * x + beta, alpha_n * np.expm1(xn) + beta)


# %% PyTorch
import torch
from torch import nn


class XIELU(nn.Module):
    """xIELU with learnable α_p and α_n (taken directly here, not through the reference code's softplus) and a fixed β."""

    def __init__(self, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5) -> None:
        super().__init__()
        self.alpha_p = nn.Parameter(torch.tensor(float(alpha_p)))
        self.alpha_n = nn.Parameter(torch.tensor(float(alpha_n)))
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        alpha_p, alpha_n = self.alpha_p.to(x.dtype), self.alpha_n.to(x.dtype)
        # Stable form: expm1 of the clamped input; exp(1e4) = inf in the unused branch would make the gradient 0 · inf = NaN.
        xn = x.clamp(max=0)
        return torch.where(x > 0, alpha_p * x * x + self.beta * x, alpha_n * (torch.expm1(xn) - xn) + self.beta * x)
