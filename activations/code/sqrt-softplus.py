# %% NumPy
import numpy as np

LEFT = -30.0  # below it softplus(x) = eˣ to double precision, and √softplus = e^(x/2)


def sqrt_softplus(x: np.ndarray) -> np.ndarray:
    # Stable form: logaddexp(0, x) = ln(1 + eˣ) without overflow; e^(x/2) on the far left, where softplus underflows.
    inner = np.sqrt(np.logaddexp(0, np.maximum(x, LEFT)))
    return np.where(x > LEFT, inner, np.exp(np.minimum(x, LEFT) / 2)).astype(x.dtype)


def sqrt_softplus_grad(x: np.ndarray) -> np.ndarray:
    clamped = np.maximum(x, LEFT)
    e = np.exp(-np.abs(clamped))
    sigmoid = np.where(clamped >= 0, 1 / (1 + e), e / (1 + e))
    inner = sigmoid / (2 * np.sqrt(np.logaddexp(0, clamped)))
    # Stable form: σ(x)/(2√softplus(x)) = e^(x/2)/2 on the far left, where it would be 0/0.
    return np.where(x > LEFT, inner, np.exp(np.minimum(x, LEFT) / 2) / 2).astype(x.dtype)


# %% PyTorch
import torch
from torch import nn
from torch.nn import functional


class SqrtSoftplus(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Stable form: e^(x/2) on the far left; the gradient of √softplus there is 0/0 = NaN once softplus underflows.
        # Each branch gets a clamped argument, so the unused one is finite and its gradient 0, never NaN.
        left = -30.0
        inner = functional.softplus(x.clamp(min=left)).sqrt()
        return torch.where(x > left, inner, torch.exp(x.clamp(max=left) / 2))
