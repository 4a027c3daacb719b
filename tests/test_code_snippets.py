"""Every activation's code snippet runs, and its f and f′ agree with the definition (see activations/code/CONTRACT.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actsite.definitions.load import load_one
from actsite.definitions.snippets import snippet_path
from actsite.verify.code_snippets import check_snippet
from conftest import BY_SLUG, ROOT, SLUGS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("slug", SLUGS)
def test_snippet_agrees_with_the_definition(slug: str) -> None:
    problems = check_snippet(snippet_path(slug), BY_SLUG[slug])
    assert problems == [], "\n".join(problems)


def test_snippets_are_ruff_clean() -> None:
    for command in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        result = subprocess.run([sys.executable, "-m", "ruff", *command, "activations/code"], cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_no_snippet_without_a_definition() -> None:
    stray = sorted(path.stem for path in (ROOT / "activations" / "code").glob("*.py") if path.stem not in BY_SLUG)
    assert stray == []


def _variant_of(tmp_path: Path, slug: str, old: str, new: str) -> Path:
    """A copy of the snippet of `slug` with `old` replaced by `new` (which must occur)."""
    text = snippet_path(slug).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{slug}.py"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_gradient_right_only_at_the_default_parameter_is_reported(tmp_path: Path) -> None:
    # Swish's f′ with the inner β dropped: σ(βx) + x·σ(βx)·σ(−βx) is right for β = 1 only.
    wrong = _variant_of(tmp_path, "silu", "beta * x * _sigmoid(beta * x) * _sigmoid(-beta * x)", "x * _sigmoid(beta * x) * _sigmoid(-beta * x)")
    problems = check_snippet(wrong, BY_SLUG["silu"])
    assert problems
    assert all(problem.startswith("NumPy f′") and "beta=" in problem for problem in problems)
    variants = [v for v in BY_SLUG["silu"].activation.parameters[0].variants if v != 1]
    assert {p.split(", ")[1].split(":")[0] for p in problems} == {f"beta={v}" for v in variants}


def test_an_overflowing_intermediate_is_reported_even_where_the_result_is_right(tmp_path: Path) -> None:
    # np.where evaluates both branches: exp(1e4) overflows in the branch that is thrown away.
    wrong = _variant_of(tmp_path, "elu", "np.expm1(np.minimum(x, 0))", "(np.exp(x) - 1)")
    problems = check_snippet(wrong, BY_SLUG["elu"])
    assert problems
    assert all("overflow encountered in exp" in problem for problem in problems)


def test_a_nan_gradient_from_the_unused_branch_of_where_is_reported(tmp_path: Path) -> None:
    wrong = _variant_of(tmp_path, "elu", "torch.expm1(x.clamp(max=0))", "torch.expm1(x)")
    problems = check_snippet(wrong, BY_SLUG["elu"])
    assert problems
    assert all(problem.startswith("module autograd") and "got nan" in problem for problem in problems)


def test_a_zero_gradient_of_abs_at_zero_is_reported(tmp_path: Path) -> None:
    old = """        positive = z + torch.log1p(torch.exp(-z.clamp(min=0)))
        negative = torch.log1p(torch.exp(z.clamp(max=0)))
        return torch.where(z >= 0, positive, negative) / self.beta"""
    wrong = _variant_of(tmp_path, "softplus", old, "        return (z.clamp(min=0) + torch.log1p(torch.exp(-z.abs()))) / self.beta")
    problems = check_snippet(wrong, BY_SLUG["softplus"])
    assert problems
    assert all("worst x = 0.0: got 1.0, expected 0.5" in problem for problem in problems)


def test_float32_overflow_is_reported(tmp_path: Path) -> None:
    # ln(1 + e^z) is exact in float64 up to z ≈ 709, but e^z overflows float32 beyond z ≈ 88.7.
    wrong = _variant_of(tmp_path, "softplus", "torch.where(z >= 0, positive, negative)", "torch.log1p(torch.exp(z))")
    problems = check_snippet(wrong, BY_SLUG["softplus"])
    assert any(p.startswith("module forward float32, defaults: wrong at 2 of") and "got inf" in p for p in problems)  # x = 100 and 1e4
    assert any(p.startswith("module forward float64, defaults: wrong at 1 of") and "got inf" in p for p in problems)  # x = 1e4 only


def test_wrong_parameter_names_or_defaults_are_reported(tmp_path: Path) -> None:
    wrong = _variant_of(tmp_path, "leaky-relu", "def leaky_relu(x: np.ndarray, alpha: float = 0.01)", "def leaky_relu(x: np.ndarray, alpha: float = 0.2)")
    assert check_snippet(wrong, BY_SLUG["leaky-relu"]) == ["NumPy f takes [('alpha', 0.2)]; the definition's parameters are [('alpha', 0.01)]"]
    renamed = _variant_of(tmp_path, "leaky-relu", "self.alpha = alpha", "self.negative_slope = alpha")
    assert check_snippet(renamed, BY_SLUG["leaky-relu"])[0].startswith("module.alpha must start at the default 0.01")


def test_a_cell_that_needs_the_other_cell_is_reported(tmp_path: Path) -> None:
    # Each cell must run alone, as a reader copies it: here the PyTorch cell forgets its import.
    wrong = _variant_of(tmp_path, "relu", "import torch\n", "")
    assert check_snippet(wrong, BY_SLUG["relu"]) == ["defaults: raises NameError: name 'torch' is not defined"]


def test_a_missing_snippet_is_reported(tmp_path: Path) -> None:
    assert check_snippet(tmp_path / "relu.py", BY_SLUG["relu"]) == ["relu.py is missing: every activation needs a snippet (activations/code/CONTRACT.md)"]


def test_the_golden_fixture_snippet_with_a_learnable_parameter_agrees() -> None:
    loaded = load_one(GOLDEN / "golden-unit.yaml")
    assert check_snippet(snippet_path("golden-unit", GOLDEN), loaded) == []


def test_a_learnable_parameter_must_be_an_nn_parameter(tmp_path: Path) -> None:
    text = snippet_path("golden-unit", GOLDEN).read_text(encoding="utf-8")
    path = tmp_path / "golden-unit.py"
    path.write_text(text.replace("self.a = nn.Parameter(torch.tensor(float(a)))", "self.a = a"), encoding="utf-8")
    assert check_snippet(path, load_one(GOLDEN / "golden-unit.yaml")) == ["module.a is learnable, so it must be an nn.Parameter (found float)"]
