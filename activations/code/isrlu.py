# %% NumPy
import numpy as np


def isrlu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Inverse square root linear unit: x for x ≥ 0, x / √(1 + αx²) below."""
    return np.where(x >= 0, x, x / np.sqrt(1 + alpha * x * x))


def isrlu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """f′(x) = 1 for x ≥ 0, (1 + αx²)^(−3/2) below."""
    r = 1 / np.sqrt(1 + alpha * x * x)
    return np.where(x >= 0, 1.0, r * r * r).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class ISRLU(nn.Module):
    """Inverse square root linear unit with a fixed α."""

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply ISRLU elementwise; autograd gives 1 for x ≥ 0 and (1 + αx²)^(−3/2) below."""
        near = x / torch.sqrt(1 + self.alpha * x * x)
        # Stable form: −1/√(α + x⁻²) for x ≤ −1; autograd of x/√(1 + αx²) is 1/s − αx²/s³, two nearly equal terms whose
        # difference (about |x|⁻³) is lost for large |x|. The unused branch sees x = −1, so x⁻² stays finite at 0.
        far_x = torch.where(x <= -1, x, -1.0)
        far = -torch.rsqrt(self.alpha + far_x**-2)
        return torch.where(x >= 0, x, torch.where(x <= -1, far, near))
