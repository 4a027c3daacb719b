# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def learnable_sigmoid(x: np.ndarray, alpha: float = 1.0, beta: float = 1.2) -> np.ndarray:
    """Learnable sigmoid: β·σ(αx)."""
    return beta * _sigmoid(alpha * x)


def learnable_sigmoid_grad(x: np.ndarray, alpha: float = 1.0, beta: float = 1.2) -> np.ndarray:
    """Derivative f′(x) = αβ·σ(αx)·σ(−αx)."""
    # Stable form: σ(−z) in place of 1 − σ(z), which cancels to 0 once σ(z) rounds to 1.
    z = alpha * x
    return alpha * beta * _sigmoid(z) * _sigmoid(-z)


# %% PyTorch
import torch
from torch import nn


class LearnableSigmoid(nn.Module):
    """Learnable sigmoid: learnable slope α (a scalar here; one per feature in MetricGAN+), fixed output scale β."""

    def __init__(self, alpha: float = 1.0, beta: float = 1.2) -> None:
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))
        self.beta = beta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = self.alpha.to(x.dtype) * x
        # Stable form: each branch exponentiates a non-positive number (clamped), so neither the value nor its gradient overflows;
        # autograd of torch.sigmoid uses σ(1 − σ), which loses the tail of f′ once σ rounds to 1.
        positive = 1 / (1 + torch.exp(-z.clamp(min=0)))
        e = torch.exp(z.clamp(max=0))
        return self.beta * torch.where(z >= 0, positive, e / (1 + e))
