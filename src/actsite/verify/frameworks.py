"""Call the Keras 3 and JAX (and Flax) functions a definition names, the way the page uses them.

Keras runs on its JAX backend (`KERAS_BACKEND=jax`, set here before Keras is imported unless the
caller chose a backend), and JAX computes in float64, so a framework's values can be compared with
the definition's at the precision of the PyTorch checks. Importing JAX is slow: callers import this
module only when they need it.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Callable
from typing import Any

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax
import jax.numpy as jnp
import keras  # after KERAS_BACKEND is set

from actsite.definitions.load import Loaded
from actsite.definitions.model import OtherApi

jax.config.update("jax_enable_x64", True)

# Arguments of a signature that are not facts of the activation: the input, a layer's **kwargs,
# a Flax module's bookkeeping (parent module, name, parameter dtype).
NOT_API_ARGUMENTS = {"x", "self", "parent", "name", "param_dtype", "dtype"}
# Kinds whose `math.function` a framework call reproduces elementwise on a 1-D input.
ELEMENTWISE_KINDS = ("elementwise", "elementwise-learnable", "stochastic")

Array = Any
Scalar = Callable[[Array], Array]


def resolve(dotted: str) -> Any:
    """The object a dotted name such as `keras.activations.gelu` or `flax.linen.PReLU` names."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for part in parts[split:]:
            target = getattr(target, part)
        return target
    raise ModuleNotFoundError(dotted)


def signature_arguments(dotted: str) -> dict[str, object]:
    """Argument name → default (`inspect.Parameter.empty` when required) of the named function or class."""
    parameters = inspect.signature(resolve(dotted)).parameters
    return {
        name: parameter.default
        for name, parameter in parameters.items()
        if name not in NOT_API_ARGUMENTS and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    }


def declared_defaults(dotted: str) -> dict[str, object]:
    """The arguments that declare a default, with it, as `inspect.signature` shows them."""
    return {name: value for name, value in signature_arguments(dotted).items() if value is not inspect.Parameter.empty}


def call_arguments(entry: OtherApi, loaded: Loaded, *, page_values: bool) -> dict[str, object]:
    """Keyword arguments of the call: the page's, or only the required ones among them.

    The page's are the entry's `arguments` and its mapped parameters at their page defaults; without
    `page_values` every other argument keeps the framework's own default.
    """
    defaults = loaded.activation.defaults()
    page = {**entry.arguments, **{argument: defaults[parameter] for parameter, argument in entry.parameter_map.items()}}
    if page_values:
        return page
    required = {name for name, value in signature_arguments(entry.name).items() if value is inspect.Parameter.empty}
    return {name: value for name, value in page.items() if name in required}


def _keras_value(name: str, value: object) -> object:
    """A Keras initializer argument receives the page's number as a constant initializer."""
    if name.endswith("_initializer") and isinstance(value, int | float):
        return keras.initializers.Constant(float(value))
    return value


def array_callable(entry: OtherApi, loaded: Loaded, *, page_values: bool) -> Scalar:
    """The framework's function of a float64 array, called as the page uses it or with its own defaults.

    A Keras layer is constructed with the arguments and called; a Flax module is initialised on the
    input and applied. Functions are called with the arguments as keywords.
    """
    target = resolve(entry.name)
    arguments = call_arguments(entry, loaded, page_values=page_values)
    if inspect.isclass(target) and issubclass(target, keras.layers.Layer):
        layer = target(**{name: _keras_value(name, value) for name, value in arguments.items()}, dtype="float64")
        return lambda x: layer(x)
    if inspect.isclass(target):  # a Flax module
        module = target(**arguments, param_dtype=jnp.float64)
        return lambda x: module.apply(module.init(jax.random.key(0), x), x)
    return lambda x: target(x, **arguments)


def scalar_callable(entry: OtherApi, loaded: Loaded, *, page_values: bool) -> Scalar:
    """The framework's counterpart of the definition's scalar f, as a function of a 1-D array of x.

    Elementwise kinds: the call itself. Gated: the gate, from the input (1, x) as (a, b). Vector:
    the first output for the input (x, 0), the two-class slice the page plots.
    """
    call = array_callable(entry, loaded, page_values=page_values)
    kind = loaded.activation.kind.value
    if kind in ELEMENTWISE_KINDS:
        return call
    if kind == "gated":
        return lambda x: call(jnp.stack([jnp.ones_like(x), x], axis=-1))[..., 0]
    if kind == "vector":
        return lambda x: call(jnp.stack([x, jnp.zeros_like(x)], axis=-1))[..., 0]
    raise ValueError(f"{loaded.slug}: no scalar form of a {kind} activation")


def gradient_at(function: Scalar, point: float) -> float:
    """The derivative at `point` as `jax.grad` computes it (through Keras's JAX backend for Keras)."""
    return float(jax.grad(lambda x: function(jnp.reshape(x, (1,)))[0])(jnp.float64(point)))


def versions() -> dict[str, str]:
    """The installed versions of the frameworks called here."""
    import flax

    return {"flax": flax.__version__, "jax": jax.__version__, "jaxlib": importlib.import_module("jaxlib").__version__, "keras": keras.__version__}
