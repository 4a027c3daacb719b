# %% NumPy
import numpy as np


def finer(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    # Stable form: the phase ω₀(|x| + 1)x is formed in float64, since in float32 it loses whole periods for |x| ≳ 100.
    x64 = x.astype(np.float64)
    return np.sin(omega_0 * (np.abs(x64) + 1) * x64).astype(x.dtype)


def finer_grad(x: np.ndarray, omega_0: float = 1.0) -> np.ndarray:
    x64 = x.astype(np.float64)
    return (omega_0 * (2 * np.abs(x64) + 1) * np.cos(omega_0 * (np.abs(x64) + 1) * x64)).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class FINER(nn.Module):
    def __init__(self, omega_0: float = 1.0) -> None:
        super().__init__()
        self.omega_0 = omega_0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: the phase is formed in float64, as in the NumPy cell. The scale |x| + 1 keeps its gradient here,
        # so autograd gives the true f′; the official FinerLayer detaches it by default (scale_req_grad=False).
        x64 = x.double()
        return torch.sin(self.omega_0 * (x64.abs() + 1) * x64).to(x.dtype)
