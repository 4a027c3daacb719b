# %% NumPy
import numpy as np


def softcap(x: np.ndarray, c: float = 50) -> np.ndarray:
    return c * np.tanh(x / c)


def softcap_grad(x: np.ndarray, c: float = 50) -> np.ndarray:
    # Stable form: sech²(u) = 4e^(−2|u|)/(1 + e^(−2|u|))²; 1/cosh²(u) overflows in cosh for |u| > 710.
    e = np.exp(-2 * np.abs(x / c))
    return 4 * e / (1 + e) ** 2


# %% PyTorch
import torch
from torch import nn


class Softcap(nn.Module):
    def __init__(self, c: float = 50) -> None:
        super().__init__()
        self.c = c

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c * torch.tanh(x / self.c)
