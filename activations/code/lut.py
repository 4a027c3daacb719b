# %% NumPy
import numpy as np

VALUES = np.array([0.018, 0.0474, 0.1192, 0.2689, 0.5, 0.7311, 0.8808, 0.9526, 0.982])  # the table at x = −4, −3, …, 4
SLOPES = np.array([0.0294, 0.0718, 0.1497, 0.2311, 0.2311, 0.1497, 0.0718, 0.0294])  # on [−4, −3), …, [3, 4)


def lut(x: np.ndarray) -> np.ndarray:
    """Piecewise-linear sigmoid table: linear between the integers −4 … 4, constant beyond."""
    xc = np.clip(x, -4, 4)
    k = np.clip(np.floor(xc), -4, 3)  # left end of the unit segment holding x
    i = (k + 4).astype(int)
    return (VALUES[i] + SLOPES[i] * (xc - k)).astype(x.dtype)


def lut_grad(x: np.ndarray) -> np.ndarray:
    """f′(x) = the slope of the segment [k, k + 1) holding x, 0 outside [−4, 4]; at x = 4, 0.0294 (as the module's autograd)."""
    i = (np.clip(np.floor(np.clip(x, -4, 4)), -4, 3) + 4).astype(int)
    return np.where((x >= -4) & (x <= 4), SLOPES[i], 0).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class LUT(nn.Module):
    """Piecewise-linear sigmoid table with knots at the integers −4 … 4."""

    def __init__(self) -> None:
        super().__init__()
        self.register_buffer("values", torch.tensor([0.018, 0.0474, 0.1192, 0.2689, 0.5, 0.7311, 0.8808, 0.9526, 0.982], dtype=torch.float64))
        self.register_buffer("slopes", torch.tensor([0.0294, 0.0718, 0.1497, 0.2311, 0.2311, 0.1497, 0.0718, 0.0294], dtype=torch.float64))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply the table elementwise; autograd gives the slope of the segment holding x (floor has gradient 0)."""
        xc = x.clamp(-4, 4)
        k = torch.floor(xc).clamp(-4, 3)  # left end of the unit segment holding x
        i = (k + 4).long()
        return self.values.to(x.dtype)[i] + self.slopes.to(x.dtype)[i] * (xc - k)
