# %% NumPy
import numpy as np


def srelu(x: np.ndarray, t_l: float = -1.0, a_l: float = 0.1, t_r: float = 1.0, a_r: float = 0.1) -> np.ndarray:
    """S-shaped ReLU: t_l + a_l(x − t_l) for x ≤ t_l, x between the thresholds, t_r + a_r(x − t_r) for x ≥ t_r."""
    return np.where(x <= t_l, t_l + a_l * (x - t_l), np.where(x < t_r, x, t_r + a_r * (x - t_r)))


def srelu_grad(x: np.ndarray, t_l: float = -1.0, a_l: float = 0.1, t_r: float = 1.0, a_r: float = 0.1) -> np.ndarray:
    """Derivative: a_l for x ≤ t_l, 1 between the thresholds, a_r for x ≥ t_r (one-sided at the thresholds)."""
    return np.where(x <= t_l, a_l, np.where(x < t_r, 1, a_r)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class SReLU(nn.Module):
    """S-shaped ReLU with learnable thresholds and slopes (scalars here; one set per channel in the paper)."""

    def __init__(self, t_l: float = -1.0, a_l: float = 0.1, t_r: float = 1.0, a_r: float = 0.1) -> None:
        super().__init__()
        self.t_l = nn.Parameter(torch.tensor(float(t_l)))
        self.a_l = nn.Parameter(torch.tensor(float(a_l)))
        self.t_r = nn.Parameter(torch.tensor(float(t_r)))
        self.a_r = nn.Parameter(torch.tensor(float(a_r)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        t_l, a_l, t_r, a_r = (p.to(x.dtype) for p in (self.t_l, self.a_l, self.t_r, self.a_r))
        return torch.where(x <= t_l, t_l + a_l * (x - t_l), torch.where(x < t_r, x, t_r + a_r * (x - t_r)))
