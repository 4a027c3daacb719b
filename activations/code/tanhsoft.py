# %% NumPy
import math

import numpy as np


def _sech2(u: np.ndarray) -> np.ndarray:
    # Stable form: sech²(u) = 4e/(1 + e)² with e = e^(−2|u|); 1 − tanh(u)² cancels to 0 once tanh rounds to ±1.
    e = np.exp(-2 * np.abs(u))
    return 4 * e / (1 + e) ** 2


def _gate_argument(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    # Stable form: e^(γx) is clamped at γx = 50; beyond it βe^(γx) already puts tanh at ±1 to every digit.
    return alpha * x + beta * np.exp(np.minimum(gamma * x, 50))


def _log_delta_plus_exp(x: np.ndarray, delta: float) -> np.ndarray:
    # Stable form: x + log1p(δe^(−x)) for x > 0 and log δ + log1p(eˣ/δ) for x ≤ 0; log(δ + eˣ) overflows in eˣ
    # for large x and rounds δ + eˣ to δ for very negative x. δ = 0 gives log(eˣ) = x exactly.
    if delta == 0:
        return x
    xp, xn = np.maximum(x, 0), np.minimum(x, 0)
    return np.where(x > 0, xp + np.log1p(delta * np.exp(-xp)), math.log(delta) + np.log1p(np.exp(xn) / delta))


def tanhsoft(x: np.ndarray, alpha: float = 0.87, beta: float = 0.0, gamma: float = 1.0, delta: float = 1.0) -> np.ndarray:
    return np.tanh(_gate_argument(x, alpha, beta, gamma)) * _log_delta_plus_exp(x, delta)


def tanhsoft_grad(x: np.ndarray, alpha: float = 0.87, beta: float = 0.0, gamma: float = 1.0, delta: float = 1.0) -> np.ndarray:
    u = _gate_argument(x, alpha, beta, gamma)
    du = alpha + beta * gamma * np.exp(np.minimum(gamma * x, 50))
    if delta == 0:
        share = np.ones_like(x)
    else:
        # eˣ/(δ + eˣ) = σ(x − log δ), computed from e^(−|z|) ≤ 1 only.
        z = x - math.log(delta)
        e = np.exp(-np.abs(z))
        share = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return _sech2(u) * du * _log_delta_plus_exp(x, delta) + np.tanh(u) * share


# %% PyTorch
from math import log

import torch
from torch import nn


class TanhSoft(nn.Module):
    def __init__(self, alpha: float = 0.87, beta: float = 0.0, gamma: float = 1.0, delta: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.delta = delta

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: e^(γx) clamped at γx = 50, and log(δ + eˣ) split at 0 as in the NumPy cell, each branch on a
        # clamped input so that the branch torch.where discards stays finite in value and gradient.
        gate = torch.tanh(self.alpha * x + self.beta * torch.exp((self.gamma * x).clamp(max=50)))
        if self.delta == 0:
            return gate * x
        xp, xn = x.clamp(min=0), x.clamp(max=0)
        right = xp + torch.log1p(self.delta * torch.exp(-xp))
        left = log(self.delta) + torch.log1p(torch.exp(xn) / self.delta)
        return gate * torch.where(x > 0, right, left)
