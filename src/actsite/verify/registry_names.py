"""The activation names PyTorch, Keras, JAX and Flax export, read from the installed frameworks.

`python -m actsite.verify.registry_names --write` rewrites `data/registries/{torch,keras,jax,flax}*.yaml`;
tests/test_registries.py derives the lists again and compares, so a framework upgrade that adds or
removes an activation fails until the files (and the pages) follow. timm's and transformers' lists
are read from their source and kept by hand (`data/registries/timm.yaml`, `transformers.yaml`).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
from collections.abc import Callable
from typing import Any

import yaml

os.environ.setdefault("KERAS_BACKEND", "jax")

from actsite.definitions.registries import REGISTRIES_DIR, key

# Public names of keras.activations and jax.nn that are not activations (helpers, losses, attention).
NOT_ACTIVATIONS = {
    "keras.activations": {"deserialize", "get", "serialize"},
    "jax.nn": {
        "dot_product_attention",
        "get_scaled_dot_general_config",
        "initializers",
        "log1mexp",
        "logmeanexp",
        "logsumexp",
        "one_hot",
        "scaled_dot_general",
        "scaled_matmul",
        "standardize",
    },
}
# torch.nn.modules.activation.__all__ holds one attention layer besides the activations.
NOT_TORCH_ACTIVATIONS = {"MultiheadAttention"}


def _public(module: Any) -> list[str]:
    return sorted(name for name in dir(module) if not name.startswith("_"))


def torch_modules() -> list[str]:
    """torch.nn's activation modules: `torch.nn.modules.activation.__all__` without the attention layer."""
    from torch.nn.modules import activation

    return sorted(set(activation.__all__) - NOT_TORCH_ACTIVATIONS)


def torch_functional() -> list[str]:
    """torch.nn.functional's activations: each function (and in-place `_` form) named like a module, and gumbel_softmax.

    `gumbel_softmax` has no module; the functional docs list it among the non-linear activations.
    """
    import torch.nn.functional as functional

    module_keys = {key(module) for module in torch_modules()}
    named = [name for name in _public(functional) if key(name) in module_keys and callable(getattr(functional, name))]
    return sorted({*named, "gumbel_softmax"})


def keras_activations() -> list[str]:
    """keras.activations without its (de)serialisation helpers."""
    import keras

    return sorted(set(_public(keras.activations)) - NOT_ACTIVATIONS["keras.activations"])


def keras_layers() -> list[str]:
    """The Keras layers defined in `keras.src.layers.activations`, without the generic `Activation` wrapper."""
    import keras

    return sorted(
        name
        for name in _public(keras.layers)
        if inspect.isclass(getattr(keras.layers, name)) and getattr(keras.layers, name).__module__.startswith("keras.src.layers.activations.") and name != "Activation"
    )


def jax_nn() -> list[str]:
    """jax.nn without its helpers (attention, initialisers, log-sum-exp, one-hot, scaled matmul)."""
    import jax

    return sorted(set(_public(jax.nn)) - NOT_ACTIVATIONS["jax.nn"])


def flax_linen() -> list[str]:
    """flax.linen.activation: the jax.nn activations it re-exports and the modules it defines (PReLU)."""
    import jax
    from flax import linen
    from flax.linen import activation

    jax_activations = {id(getattr(jax.nn, name)) for name in jax_nn()}

    def is_activation(name: str) -> bool:
        target = getattr(activation, name)
        defined_here = inspect.isclass(target) and issubclass(target, linen.Module) and target.__module__ == activation.__name__
        return id(target) in jax_activations or defined_here

    return [name for name in _public(activation) if is_activation(name)]


def _version(package: str) -> str:
    return str(importlib.import_module(package).__version__).split("+")[0]


# registry file stem → (registry, package whose version is recorded, where the list is read, how)
DERIVED: dict[str, tuple[str, str, str, Callable[[], list[str]]]] = {
    "torch-nn": ("torch.nn", "torch", "torch.nn.modules.activation.__all__ without MultiheadAttention", torch_modules),
    "torch-nn-functional": (
        "torch.nn.functional",
        "torch",
        "functions of torch.nn.functional named like a torch.nn activation module (with their in-place forms), and gumbel_softmax",
        torch_functional,
    ),
    "keras-activations": ("keras.activations", "keras", "keras.activations without deserialize, get, serialize", keras_activations),
    "keras-layers": ("keras.layers", "keras", "the classes of keras.layers defined in keras.src.layers.activations, without Activation", keras_layers),
    "jax-nn": ("jax.nn", "jax", "jax.nn without its attention, initialiser, log-sum-exp, one-hot and scaled-matmul helpers", jax_nn),
    "flax-linen": ("flax.linen", "flax", "flax.linen.activation: the jax.nn activations it re-exports and the modules it defines", flax_linen),
}


def derived(stem: str) -> dict[str, object]:
    """The content of `data/registries/<stem>.yaml` as the installed framework gives it."""
    registry, package, source, names = DERIVED[stem]
    return {"registry": registry, "version": f"{package} {_version(package)}", "source": source, "names": names()}


def render(stem: str, content: dict[str, object]) -> str:
    """The file text: a comment saying how it is written, then the YAML."""
    header = f"# Written by `python -m actsite.verify.registry_names --write` from the installed {DERIVED[stem][1]}; do not edit.\n"
    return header + yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=200)


def main() -> None:
    """Print or (`--write`) rewrite the framework registry files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite data/registries/*.yaml of the frameworks")
    options = parser.parse_args()
    for stem in DERIVED:
        text = render(stem, derived(stem))
        if options.write:
            (REGISTRIES_DIR / f"{stem}.yaml").write_text(text, encoding="utf-8")
        else:
            print(text)


if __name__ == "__main__":
    main()
