# %% NumPy
import numpy as np

SMALL = 0.25  # below this |x| the Taylor series is used
# Taylor coefficients of x − tanh(x) = x³/3 − 2x⁵/15 + … (odd powers 3, 5, …, 15)
COEFFICIENTS = (1 / 3, -2 / 15, 17 / 315, -62 / 2835, 1382 / 155925, -21844 / 6081075, 929569 / 638512875)


def tanhshrink(x: np.ndarray) -> np.ndarray:
    """Tanhshrink x − tanh(x)."""
    # Stable form: the Taylor series for |x| < 0.25; x − tanh(x) ≈ x³/3 cancels for small x (in float32: 5 % off at 1e-3, 0 at 1e-4).
    # The series sees x clipped to ±0.25, so x¹⁵ cannot overflow in the unused branch.
    s = np.clip(x, -SMALL, SMALL)
    z = s * s
    series = np.zeros_like(x)
    for c in reversed(COEFFICIENTS):
        series = series * z + c
    return np.where(np.abs(x) < SMALL, series * z * s, x - np.tanh(x))


def tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = tanh(x)², computed directly (1 − sech²(x) would cancel near 0)."""
    return np.tanh(x) ** 2


# %% PyTorch
import torch
from torch import nn

SERIES = (1 / 3, -2 / 15, 17 / 315, -62 / 2835, 1382 / 155925, -21844 / 6081075, 929569 / 638512875)  # x³, x⁵, …, x¹⁵


class Tanhshrink(nn.Module):
    """Tanhshrink x − tanh(x)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply tanhshrink elementwise; autograd gives tanh(x)²."""
        # Stable form: the Taylor series x³/3 − 2x⁵/15 + … for |x| < 0.25, where x − tanh(x) cancels (and so does its autograd
        # 1 − (1 − tanh²)). The series sees x clamped to ±0.25, so x¹⁵ cannot overflow into a NaN gradient in the unused branch.
        s = x.clamp(-0.25, 0.25)
        z = s * s
        series = torch.zeros_like(x)
        for c in reversed(SERIES):
            series = series * z + c
        return torch.where(x.abs() < 0.25, series * z * s, x - torch.tanh(x))
