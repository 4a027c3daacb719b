"""Gated, vector-valued and multi-output activations: partials, Jacobians and slices are checked."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
import torch

from actsite.definitions.symbolic import X
from actsite.verify import torch_reference
from conftest import BY_SLUG, DEFINITIONS

VECTOR = [d.slug for d in DEFINITIONS if d.activation.kind.value == "vector"]
GATED = [d.slug for d in DEFINITIONS if d.activation.kind.value == "gated"]
MULTI = [d.slug for d in DEFINITIONS if d.activation.kind.value == "multi-output"]
RANDOM_VECTORS = [np.array([0.3, -1.2, 2.0, 0.5]), np.array([1.5, 1.4, -0.3]), np.array([-2.0, 0.1, 0.2, 3.1, -0.7])]


def _finite_difference_jacobian(function: object, z: np.ndarray, step: float = 1e-6) -> np.ndarray:
    columns = [(function(z + step * e) - function(z - step * e)) / (2 * step) for e in np.eye(len(z))]  # type: ignore[operator]
    return np.array(columns).T


def test_kind_lists_are_not_empty_once_the_catalogue_has_them() -> None:
    # The catalogue requires these kinds; an empty list would make the tests below vacuous.
    kinds = {d.activation.kind.value for d in DEFINITIONS}
    for kind, slugs in (("vector", VECTOR), ("gated", GATED), ("multi-output", MULTI)):
        assert (kind in kinds) == bool(slugs)


@pytest.mark.parametrize("slug", VECTOR)
def test_vector_slice_is_the_first_output_for_input_x_and_zero(slug: str) -> None:
    loaded = BY_SLUG[slug]
    f = loaded.math.f()
    for t in np.linspace(-4.0, 4.0, 33) + 0.013:
        assert f(t) == pytest.approx(loaded.vector.outputs(np.array([t, 0.0]))[0], rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("slug", VECTOR)
def test_vector_jacobian_formula_matches_finite_differences(slug: str) -> None:
    vector = BY_SLUG[slug].vector
    for z in RANDOM_VECTORS:
        expected = _finite_difference_jacobian(vector.outputs, z)
        assert np.max(np.abs(vector.jacobian_matrix(z) - expected)) < 1e-7


@pytest.mark.parametrize("slug", VECTOR)
def test_vector_outputs_sum_to_one_when_they_are_probabilities(slug: str) -> None:
    loaded = BY_SLUG[slug]
    for z in RANDOM_VECTORS:
        y = loaded.vector.outputs(z)
        if loaded.activation.math.vector.outputs_sum_to_one:
            assert y.sum() == pytest.approx(1.0, abs=1e-12)
            assert np.all(y >= 0)


@pytest.mark.parametrize("slug", [s for s in VECTOR if BY_SLUG[s].vector.uses_threshold])
def test_threshold_is_found_for_inputs_far_from_zero(slug: str) -> None:
    # The bisection for tau starts from a bracket around the inputs; components that scale x (x/2 in
    # entmax) put the root outside it for large inputs, so the bracket must widen until it holds it.
    vector = BY_SLUG[slug].vector
    for z in RANDOM_VECTORS:
        for moved in (z + 40.0, z - 40.0, 25.0 * z):
            y = vector.outputs(moved)
            assert y.sum() == pytest.approx(1.0, abs=1e-12)
            assert np.all(y >= 0)


@pytest.mark.parametrize("slug", [s for s in VECTOR if BY_SLUG[s].activation.api.pytorch and BY_SLUG[s].activation.api.pytorch.module])
def test_vector_outputs_and_jacobian_match_torch_autograd(slug: str) -> None:
    loaded = BY_SLUG[slug]
    expression = torch_reference.pytorch_expression(loaded.activation.api.pytorch)
    module = torch_reference.build(expression.replace("dim=None", "dim=-1"))
    for z in RANDOM_VECTORS:
        tensor = torch.tensor(z, dtype=torch.float64)
        assert np.allclose(module(tensor).detach().numpy(), loaded.vector.outputs(z), rtol=1e-12, atol=1e-14)
        jacobian = torch.autograd.functional.jacobian(module, tensor).numpy()
        assert np.allclose(jacobian, loaded.vector.jacobian_matrix(z), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("slug", GATED)
def test_gated_unit_and_partials_match_torch(slug: str) -> None:
    loaded = BY_SLUG[slug]
    api = loaded.activation.api.pytorch
    assert api is not None, "every gated unit names its PyTorch module or gate"
    g, dg = loaded.math.f(), loaded.math.df()
    a = np.linspace(-3.0, 3.0, 41)
    b = np.linspace(4.0, -4.0, 41) + 0.0137  # offset: no point falls on a kink of the gate
    ta = torch.tensor(a, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    if api.module:
        module = torch_reference.build(torch_reference.pytorch_expression(api))
        output = module(torch.cat([ta, tb]))  # the first half is a, the second half b
    else:
        gate = torch_reference.build(api.gate)
        output = ta * gate(tb)
    grad_a, grad_b = torch.autograd.grad(output.sum(), [ta, tb])
    gate_values = np.array([g(x) for x in b])
    assert np.allclose(output.detach().numpy(), a * gate_values, rtol=1e-12, atol=1e-14)
    assert np.allclose(grad_a.numpy(), gate_values, rtol=1e-12, atol=1e-14)  # ∂f/∂a = g(b)
    assert np.allclose(grad_b.numpy(), a * np.array([dg(x) for x in b]), rtol=1e-10, atol=1e-12)  # ∂f/∂b = a g'(b)


@pytest.mark.parametrize("slug", MULTI)
def test_every_output_derivative_matches_finite_differences(slug: str) -> None:
    math = BY_SLUG[slug].math
    for expression in math.other_outputs:
        f, df = math.evaluator(expression), math.evaluator(sympy.diff(expression, X))
        for x in np.linspace(-5.0, 5.0, 101) + 0.0137:
            assert (f(x + 1e-6) - f(x - 1e-6)) / 2e-6 == pytest.approx(df(x), abs=1e-7)
