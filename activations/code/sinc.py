# %% NumPy
import numpy as np

SMALL = 0.5  # below this |x| the Taylor series is used


def sinc(x: np.ndarray) -> np.ndarray:
    """Unnormalised sinc: sin(x)/x, and 1 at x = 0 (np.sinc is the normalised sin(πx)/(πx))."""
    z = x * x
    series = 1 - z / 6 * (1 - z / 20 * (1 - z / 42 * (1 - z / 72 * (1 - z / 110))))
    safe = np.where(np.abs(x) < SMALL, 1, x)  # the unused branch must not divide by 0
    return np.where(np.abs(x) < SMALL, series, np.sin(safe) / safe)


def sinc_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = (x·cos x − sin x)/x², with f′(0) = 0."""
    # Stable form: the Taylor series −x/3 + x³/30 − … for |x| < 0.5; x·cos x − sin x ≈ −x³/3 cancels for small x.
    z = x * x
    series = -x / 3 * (1 - z / 10 * (1 - z / 28 * (1 - z / 54 * (1 - z / 88))))
    safe = np.where(np.abs(x) < SMALL, 1, x)
    return np.where(np.abs(x) < SMALL, series, (safe * np.cos(safe) - np.sin(safe)) / (safe * safe))


# %% PyTorch
import torch
from torch import nn


class Sinc(nn.Module):
    """Unnormalised sinc sin(x)/x (torch.sinc is the normalised sin(πx)/(πx))."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply sinc elementwise; autograd gives (x·cos x − sin x)/x²."""
        # Stable form: the Taylor series 1 − x²/6 + … for |x| < 0.5, since autograd of sin(x)/x (cos x/x − sin x/x²) cancels for
        # small x; the other branch sees x = 1 there, so it never divides by 0.
        z = x * x
        series = 1 - z / 6 * (1 - z / 20 * (1 - z / 42 * (1 - z / 72 * (1 - z / 110))))
        safe = torch.where(x.abs() < 0.5, 1.0, x)
        return torch.where(x.abs() < 0.5, series, torch.sin(safe) / safe)
