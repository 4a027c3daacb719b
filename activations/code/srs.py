# %% NumPy
import numpy as np


def srs(x: np.ndarray, alpha: float = 2.0, beta: float = 3.0) -> np.ndarray:
    # Stable form: for x ≤ 0 numerator and denominator are multiplied by e^(x/β) ≤ 1, since e^(−x/β) overflows far to the left.
    x64 = x.astype(np.float64)
    neg, pos = np.minimum(x64, 0), np.maximum(x64, 0)  # each branch sees only its own side
    left = neg * np.exp(neg / beta)
    value = np.where(x64 <= 0, left / (left / alpha + 1), pos / (pos / alpha + np.exp(-pos / beta)))
    return value.astype(x.dtype)


def srs_grad(x: np.ndarray, alpha: float = 2.0, beta: float = 3.0) -> np.ndarray:
    # f′ = e^(−x/β)(1 + x/β)/(x/α + e^(−x/β))², rewritten the same way on the left.
    x64 = x.astype(np.float64)
    neg, pos = np.minimum(x64, 0), np.maximum(x64, 0)
    e_neg, e_pos = np.exp(neg / beta), np.exp(-pos / beta)
    slope_left = e_neg * (1 + neg / beta) / (neg * e_neg / alpha + 1) ** 2
    slope_right = e_pos * (1 + pos / beta) / (pos / alpha + e_pos) ** 2
    return np.where(x64 <= 0, slope_left, slope_right).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SRS(nn.Module):
    def __init__(self, alpha: float = 2.0, beta: float = 3.0) -> None:
        super().__init__()
        # Keep 0 < β < α·e during training, or the denominator reaches zero at x = −β.
        self.alpha = nn.Parameter(torch.tensor(float(alpha)))
        self.beta = nn.Parameter(torch.tensor(float(beta)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: e^(x/β) on the left instead of e^(−x/β), whose overflow would turn the gradient into NaN;
        # each branch sees only its own side, so the unused one stays finite under torch.where. Computed in
        # float64, as near the deep dip (α close to β/e) float32 loses the small slope to cancellation.
        x64 = x.double()
        neg, pos = x64.clamp(max=0), x64.clamp(min=0)
        left = neg * torch.exp(neg / self.beta)
        value_left = left / (left / self.alpha + 1)
        value_right = pos / (pos / self.alpha + torch.exp(-pos / self.beta))
        return torch.where(x64 <= 0, value_left, value_right).to(x.dtype)
