# %% NumPy
import numpy as np


def sine(x: np.ndarray, omega_0: float = 30.0) -> np.ndarray:
    """SIREN's sine activation sin(ω₀x)."""
    # Stable form: ω₀x is formed in float64; rounding it in float32 (error up to 2⁻²⁴·|ω₀x|) is a phase error that sin passes on.
    return np.sin(omega_0 * x.astype(np.float64)).astype(x.dtype)


def sine_grad(x: np.ndarray, omega_0: float = 30.0) -> np.ndarray:
    """f′(x) = ω₀·cos(ω₀x)."""
    return (omega_0 * np.cos(omega_0 * x.astype(np.float64))).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn


class Sine(nn.Module):
    """SIREN's sine activation sin(ω₀x) with a fixed frequency ω₀."""

    def __init__(self, omega_0: float = 30.0) -> None:
        super().__init__()
        self.omega_0 = omega_0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply sin(ω₀x) elementwise; autograd gives ω₀·cos(ω₀x)."""
        # Stable form: ω₀x is formed in float64; rounding it in float32 (error up to 2⁻²⁴·|ω₀x|) is a phase error that sin passes on.
        return torch.sin(self.omega_0 * x.double()).to(x.dtype)
