# %% NumPy
import math

import numpy as np

LN2 = math.log(2)


def shifted_softplus(x: np.ndarray) -> np.ndarray:
    """Shifted softplus ln(1 + eˣ) − ln 2, which passes through 0 at x = 0."""
    # Stable form: ln(1 + expm1(x)/2) for |x| < 1, since softplus(x) − ln 2 cancels to 0 near x = 0 (f ≈ x/2), and
    # logaddexp(0, x) − ln 2 elsewhere, since e^x overflows for x > 88 in float32. The unused branch sees x clipped to [−1, 1].
    near = np.log1p(np.expm1(np.clip(x, -1, 1)) / 2)
    return np.where(np.abs(x) < 1, near, np.logaddexp(0, x) - LN2)


def shifted_softplus_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = σ(x), computed from e^(−|x|) so it never overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


# %% PyTorch
import math

import torch
from torch import nn


class ShiftedSoftplus(nn.Module):
    """Shifted softplus ln(1 + eˣ) − ln 2."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply shifted softplus elementwise; autograd gives σ(x)."""
        # Stable form: ln(1 + expm1(x)/2) for |x| < 1, since softplus(x) − ln 2 cancels to 0 near x = 0; logaddexp(x, 0) − ln 2
        # elsewhere (exact, unlike F.softplus, which returns x above 20). The near branch sees x clamped to [−1, 1], so no inf.
        near = torch.log1p(torch.expm1(x.clamp(-1, 1)) / 2)
        far = torch.logaddexp(x, torch.zeros_like(x)) - math.log(2)
        return torch.where(x.abs() < 1, near, far)
