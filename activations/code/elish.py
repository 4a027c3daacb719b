# %% NumPy
import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Stable form: only e^(−|z|) ≤ 1 is computed; 1/(1 + e^(−z)) overflows in exp for z < −88 in float32.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def elish(x: np.ndarray) -> np.ndarray:
    """ELiSH: x·σ(x) for x ≥ 0, (eˣ − 1)·σ(x) below."""
    # Stable form: expm1(min(x, 0)); eˣ − 1 loses every digit as x → 0, and eˣ overflows for large x in the unused branch.
    s = _sigmoid(x)
    return np.where(x >= 0, x * s, np.expm1(np.minimum(x, 0)) * s)


def elish_grad(x: np.ndarray) -> np.ndarray:
    """Derivative: σ(x)(1 + x·σ(−x)) for x ≥ 0, σ(x)(eˣ + (eˣ − 1)·σ(−x)) below."""
    # Stable form: σ(−x) in place of 1 − σ(x), which cancels once σ rounds to 1.
    s, t = _sigmoid(x), _sigmoid(-x)
    xn = np.minimum(x, 0)
    return np.where(x >= 0, s * (1 + x * t), s * (np.exp(xn) + np.expm1(xn) * t))


# %% PyTorch
import torch
from torch import nn


class ELiSH(nn.Module):
    """ELiSH activation."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: expm1 of the clamped input; exp(1e4) = inf in the unused branch would make the gradient 0 · inf = NaN.
        s = torch.sigmoid(x)
        return torch.where(x >= 0, x * s, torch.expm1(x.clamp(max=0)) * s)
