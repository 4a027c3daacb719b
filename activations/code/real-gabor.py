# %% NumPy
import numpy as np


def real_gabor(x: np.ndarray, omega_0: float = 1.0, s_0: float = 1.0) -> np.ndarray:
    return np.cos(omega_0 * x) * np.exp(-((s_0 * x) ** 2))


def real_gabor_grad(x: np.ndarray, omega_0: float = 1.0, s_0: float = 1.0) -> np.ndarray:
    envelope = np.exp(-((s_0 * x) ** 2))
    return -(omega_0 * np.sin(omega_0 * x) + 2 * s_0**2 * x * np.cos(omega_0 * x)) * envelope


# %% PyTorch
import torch
from torch import nn


class RealGabor(nn.Module):
    def __init__(self, omega_0: float = 1.0, s_0: float = 1.0) -> None:
        super().__init__()
        self.omega_0 = omega_0
        self.s_0 = s_0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cos(self.omega_0 * x) * torch.exp(-((self.s_0 * x) ** 2))
