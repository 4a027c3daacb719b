# %% NumPy
import numpy as np


def isru(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Inverse square root unit x / √(1 + αx²)."""
    return x / np.sqrt(1 + alpha * x * x)


def isru_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """f′(x) = (1 + αx²)^(−3/2), written as a cube of the reciprocal root."""
    r = 1 / np.sqrt(1 + alpha * x * x)
    return r * r * r


# %% PyTorch
import torch
from torch import nn


class ISRU(nn.Module):
    """Inverse square root unit x / √(1 + αx²) with a fixed α."""

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply ISRU elementwise; autograd gives (1 + αx²)^(−3/2)."""
        near = x / torch.sqrt(1 + self.alpha * x * x)
        # Stable form: sign(x)/√(α + x⁻²) for |x| ≥ 1; autograd of x/√(1 + αx²) is 1/s − αx²/s³, two nearly equal terms whose
        # difference (about |x|⁻³) is lost for large |x|. The unused branch sees x = 1, so x⁻² stays finite at 0.
        far_x = torch.where(x.abs() >= 1, x, 1.0)
        far = torch.sign(far_x) * torch.rsqrt(self.alpha + far_x**-2)
        return torch.where(x.abs() >= 1, far, near)
