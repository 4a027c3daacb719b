# %% NumPy
import numpy as np


def colu(x: np.ndarray) -> np.ndarray:
    # Stable form: for x < 0, x·E/(E − x) with E = e^(x + eˣ) ≤ e, since e^(−(x + eˣ)) overflows there;
    # for x ≥ 0, eˣ is clamped at x = 50, where e^(−(x + eˣ)) has long been 0.
    xa, xb = np.minimum(x, 0), np.maximum(x, 0)
    big_e = np.exp(xa + np.exp(xa))
    u = np.exp(-(xb + np.exp(np.minimum(xb, 50))))
    return np.where(x < 0, xa * big_e / (big_e - xa), xb / (1 - xb * u))


def colu_grad(x: np.ndarray) -> np.ndarray:
    # f′ = (1 − x²u(1 + eˣ))/(1 − xu)² with u = e^(−(x + eˣ)), written with E = 1/u for x < 0 as above.
    xa, xb = np.minimum(x, 0), np.maximum(x, 0)
    big_e = np.exp(xa + np.exp(xa))
    left = big_e * (big_e - xa**2 * (1 + np.exp(xa))) / (big_e - xa) ** 2
    eb = np.exp(np.minimum(xb, 50))
    u = np.exp(-(xb + eb))
    right = (1 - xb**2 * u * (1 + eb)) / (1 - xb * u) ** 2
    return np.where(x < 0, left, right)


# %% PyTorch
import torch
from torch import nn


class CoLU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: the same two branches as the NumPy cell, each on a clamped input so that the branch
        # torch.where discards has finite values and gradients.
        xa, xb = x.clamp(max=0), x.clamp(min=0)
        big_e = torch.exp(xa + torch.exp(xa))
        u = torch.exp(-(xb + torch.exp(xb.clamp(max=50))))
        return torch.where(x < 0, xa * big_e / (big_e - xa), xb / (1 - xb * u))
