"""The activation definition model: what one `activations/<slug>.yaml` holds.

The JSON Schema published in `schema/activation.schema.json` is generated from these classes
(`python -m actsite.definitions.schema`), so editors complete and check the same rules the build enforces.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from actsite.definitions.derived import with_derived_fields
from actsite.definitions.escape import plain_name_problem
from actsite.definitions.languages import LANGUAGES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
IDENTIFIER_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
# A space between two Chinese characters or punctuation marks: what YAML's folded (`>-`) style
# leaves at a line break. Chinese is written without spaces, so such a space is dropped.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FOLDED_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def unfold_chinese(text: str) -> str:
    """Drop the spaces YAML folding put between Chinese characters (`…更新回来。 普通…` → `…更新回来。普通…`)."""
    return _FOLDED_CJK_SPACE.sub("", text)


class Strict(BaseModel):
    """Base class: unknown keys are errors, so a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Text(Strict):
    """A sentence or paragraph in both languages. Both are required and non-empty."""

    en: Annotated[str, Field(min_length=1, description="English text.")]
    zh: Annotated[str, Field(min_length=1, description="简体中文 text.")]

    def get(self, language: str) -> str:
        """Return the text in `language` (`en` or `zh`)."""
        text = str(getattr(self, language))
        return unfold_chinese(text) if language == "zh" else text


class TextList(Strict):
    """A list of points in both languages; both lists have the same length (parallel items)."""

    en: Annotated[list[str], Field(min_length=1, description="English items.")]
    zh: Annotated[list[str], Field(min_length=1, description="简体中文 items, same order.")]

    @model_validator(mode="after")
    def _same_length(self) -> TextList:
        if len(self.en) != len(self.zh):
            raise ValueError(f"en has {len(self.en)} items but zh has {len(self.zh)}: translate every item")
        return self

    def get(self, language: str) -> list[str]:
        """Return the items in `language`."""
        items = list(getattr(self, language))
        return [unfold_chinese(item) for item in items] if language == "zh" else items


class Kind(StrEnum):
    """How the activation maps inputs to outputs.

    `math.function` is always a scalar function of x; what it means depends on the kind:
    elementwise kinds: f itself; gated: the gate g in f(a, b) = a ⊗ g(b); vector: the two-class
    slice (first output for the input (x, 0)); multi-output: the first output; reduction,
    normalization and input-conditioned: f at fixed pieces, statistics or coefficients.
    """

    elementwise = "elementwise"
    learnable = "elementwise-learnable"
    stochastic = "stochastic"
    gated = "gated"
    vector = "vector"
    multi_output = "multi-output"
    reduction = "reduction"
    normalization = "normalization"
    input_conditioned = "input-conditioned"


class Parameter(Strict):
    """A parameter of the math, e.g. Leaky ReLU's negative slope."""

    name: Annotated[str, Field(pattern=IDENTIFIER_PATTERN, description="Symbol name used in `math.function`, e.g. `alpha`.")]
    latex: Annotated[str, Field(min_length=1, description="How the symbol is typeset, e.g. `\\alpha`.")]
    default: Annotated[float, Field(strict=True, description="Default value used on the page, in plots and samples (full precision).")]
    variants: Annotated[list[Annotated[float, Field(strict=True)]], Field(default_factory=list, description="Values drawn in the parameter-variants figure.")]
    learnable: Annotated[bool, Field(default=False, description="True if training learns this value; `default` is then its initial value.")]
    description: Text


class Approximation(Strict):
    """A cheaper or alternative form of the function, shown with its maximal error."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN, description="Language-neutral id, e.g. `tanh`.")]
    name: Text
    function: Annotated[str, Field(description="SymPy expression in `x` and the parameters.")]
    pytorch: Annotated[str | None, Field(default=None, description="Python expression building the PyTorch callable of this form, if any.")]


class VectorMath(Strict):
    """The vector formula of a vector-valued activation (softmax, sparsemax, …).

    `component` is y_i as a SymPy expression in `x[i]`, `x[j]`, `n` and the parameters, e.g.
    `exp(x[i]/T)/Sum(exp(x[j]/T), (j, 1, n))`. It may use the symbol `tau`, a threshold that the
    build finds numerically so that the outputs sum to 1 (sparsemax, entmax). `jacobian` is
    ∂y_i/∂x_k in `x`, `y` (the outputs), `i`, `k`, `j`, `n`; tests check it against finite
    differences and PyTorch autograd.
    """

    component: Annotated[str, Field(min_length=1)]
    jacobian: Annotated[str, Field(min_length=1)]
    outputs_sum_to_one: Annotated[bool, Field(default=True, description="True for probability outputs.")]


class Math(Strict):
    """The math, defined once. Everything shown, plotted and computed derives from `function`."""

    function: Annotated[
        str,
        Field(
            min_length=1,
            description="SymPy expression of f in `x` and parameter names. Use Piecewise for piecewise functions (not Max/Min/Heaviside).",
        ),
    ]
    display: Annotated[
        str | None,
        Field(
            default=None,
            description=("Optional SymPy expression of the same function in the form to typeset (kept unevaluated); a test checks it equals `function`."),
        ),
    ]
    derivative_display: Annotated[
        str | None,
        Field(default=None, description="Optional SymPy expression of f' in the form to typeset; a test checks it equals d/dx of `function`."),
    ]
    plot_range: Annotated[tuple[float, float], Field(default=(-5.0, 5.0), description="x range of the plots.")]
    approximations: Annotated[list[Approximation], Field(default_factory=list)]
    vector: Annotated[VectorMath | None, Field(default=None, description="Required for kind `vector`.")]
    other_outputs: Annotated[list[str], Field(default_factory=list, description="Kind `multi-output`: SymPy expressions of the outputs after the first.")]

    @model_validator(mode="after")
    def _range_increases(self) -> Math:
        low, high = self.plot_range
        if not low < high:
            raise ValueError(f"plot_range must increase, got [{low}, {high}]")
        return self


class PyTorchApi(Strict):
    """The PyTorch module and functional form, with the constructor defaults as PyTorch defines them."""

    module: Annotated[
        str | None,
        Field(default=None, pattern=r"^torch(\.[A-Za-z_][A-Za-z0-9_]*)+$", description="Dotted path, e.g. `torch.nn.LeakyReLU`."),
    ]
    functional: Annotated[
        str | None,
        Field(default=None, pattern=r"^torch(\.[A-Za-z_][A-Za-z0-9_]*)+$", description="Dotted path, e.g. `torch.nn.functional.leaky_relu`."),
    ]
    defaults: Annotated[
        dict[str, bool | int | float | str | None],
        Field(
            default_factory=dict,
            description=(
                "Each constructor argument (not `inplace`) that declares a default, with it, as `inspect.signature` shows. "
                "An argument of `parameter_map` whose default is the parameter's `default` may be left out: it is filled in first."
            ),
        ),
    ]
    arguments: Annotated[
        dict[str, bool | int | float | str | None],
        Field(
            default_factory=dict,
            description="Arguments the page passes: required ones (no default) and ones whose default must not be used (`dim=None`).",
        ),
    ]
    parameter_map: Annotated[dict[str, str], Field(default_factory=dict, description="Math parameter name → constructor argument name.")]
    calculate_gain: Annotated[
        Literal["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"] | None,
        Field(
            default=None,
            description=(
                "The `nonlinearity` that `torch.nn.init.calculate_gain` knows for this activation (`linear` also stands for the conv names, "
                "which give the same gain); for `leaky_relu` its `param` is the parameter mapped to `negative_slope`."
            ),
        ),
    ]
    gate: Annotated[
        str | None,
        Field(default=None, description="Kind `gated`: Python expression building a PyTorch callable of the gate g, e.g. `torch.nn.GELU()`."),
    ]
    note: Text | None = None


class OtherApi(Strict):
    """An API of another framework (Keras, JAX): name, defaults and a note on differences."""

    name: Annotated[str, Field(min_length=1, description="e.g. `keras.activations.gelu` or `jax.nn.gelu`.")]
    defaults: Annotated[
        dict[str, bool | int | float | str | None],
        Field(default_factory=dict, description="Each argument (not the input) that declares a default, with it, as `inspect.signature` shows."),
    ]
    arguments: Annotated[
        dict[str, bool | int | float | str | None],
        Field(
            default_factory=dict,
            description="Arguments the page's f needs: required ones (no default) and ones whose default computes another function (`approximate=False`).",
        ),
    ]
    parameter_map: Annotated[dict[str, str], Field(default_factory=dict, description="Math parameter name → argument name.")]
    note: Text | None = None


class Apis(Strict):
    """Framework APIs. A missing framework is shown as '—'; timm and transformers rows appear only where they name the function."""

    pytorch: PyTorchApi | None = None
    keras: list[OtherApi] = Field(default_factory=list)
    jax: list[OtherApi] = Field(default_factory=list)
    timm: Annotated[
        list[Annotated[str, Field(pattern=IDENTIFIER_PATTERN)]],
        Field(
            default_factory=list,
            description="Names timm's activation factory (`timm.layers.create_act_layer`) takes for this function; checked against data/registries/timm.yaml.",
        ),
    ]
    transformers: Annotated[
        list[Annotated[str, Field(pattern=IDENTIFIER_PATTERN)]],
        Field(
            default_factory=list,
            description="Keys of Hugging Face transformers' `ACT2FN` that compute this function; checked against data/registries/transformers.yaml.",
        ),
    ]


class Reference(Strict):
    """A paper or standard source."""

    authors: Annotated[str, Field(min_length=1)]
    year: Annotated[int, Field(ge=1900, le=2100)]
    title: Annotated[str, Field(min_length=1)]
    venue: str | None = None
    url: Annotated[str, Field(pattern=r"^https://\S+$", description="An https:// address.")]

    @field_validator("url", mode="before")
    @classmethod
    def _https(cls, url: object) -> object:
        if isinstance(url, str) and not re.match(r"^https://\S+$", url):
            raise ValueError(f"{url!r} is not an https:// address: link the https:// version of the page")
        return url

    role: Annotated[
        Literal["origin", "usage", "analysis", "implementation"],
        Field(
            default="origin",
            description="origin: introduced the function; usage: a model that uses it; analysis; implementation.",
        ),
    ]


class TaskTag(Strict):
    """A task this activation is recommended (or not) for, with a level 1–5 and a reason."""

    task: Annotated[str, Field(pattern=SLUG_PATTERN)]
    level: Annotated[int, Field(ge=1, le=5)]
    reason: Text


class Recommendation(Strict):
    """Overall recommendation level (1–5) with the reason."""

    level: Annotated[int, Field(ge=1, le=5)]
    reason: Text


class Prose(Strict):
    """Page prose, written afresh in both languages."""

    summary: Text
    intuition: Text
    pros: TextList
    cons: TextList
    use_cases: TextList
    pitfalls: TextList


class Activation(Strict):
    """One activation function: the content of `activations/<slug>.yaml`."""

    slug: Annotated[str, Field(pattern=SLUG_PATTERN, description="The file name without `.yaml`; leave it out (the loader fills it in).")]
    name: Text
    aliases: Annotated[list[str], Field(default_factory=list, description="Other slugs that redirect here, e.g. `swish`.")]
    kind: Kind
    family: Annotated[str, Field(pattern=SLUG_PATTERN)]
    year: Annotated[
        int | None,
        Field(default=None, ge=1800, le=2100, description="Year of introduction. Left out: the year of the `origin` reference; `null`: unknown."),
    ]
    parameters: list[Parameter] = Field(default_factory=list)
    math: Math
    prose: Prose
    tasks: list[TaskTag] = Field(default_factory=list)
    recommendation: Recommendation
    api: Apis = Field(default_factory=Apis)
    references: list[Reference] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _fill_in_derived(cls, data: object) -> object:
        """Fill in the fields left out because they follow from others (definitions/derived.py)."""
        return with_derived_fields(data) if isinstance(data, dict) else data

    @field_validator("name")
    @classmethod
    def _name_is_plain(cls, name: Text) -> Text:
        for language in LANGUAGES:
            problem = plain_name_problem(getattr(name, language))
            if problem:
                raise ValueError(f"{language}: {problem}")
        return name

    @field_validator("aliases")
    @classmethod
    def _aliases_are_slugs(cls, aliases: list[str]) -> list[str]:
        for alias in aliases:
            if not re.match(SLUG_PATTERN, alias):
                raise ValueError(f"alias {alias!r} is not a lowercase-hyphen slug")
        return aliases

    @model_validator(mode="after")
    def _kind_fields(self) -> Activation:
        if (self.kind == Kind.vector) != (self.math.vector is not None):
            raise ValueError("math.vector is required for kind `vector` and only allowed there")
        if (self.kind == Kind.multi_output) != bool(self.math.other_outputs):
            raise ValueError("math.other_outputs is required for kind `multi-output` and only allowed there")
        if self.api.pytorch is not None and self.api.pytorch.gate is not None and self.kind != Kind.gated:
            raise ValueError("api.pytorch.gate is only for kind `gated`")
        return self

    @model_validator(mode="after")
    def _parameters_unique(self) -> Activation:
        names = [p.name for p in self.parameters]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"parameter names repeat: {', '.join(duplicates)}")
        if self.api.pytorch is not None:
            unknown = sorted(set(self.api.pytorch.parameter_map) - set(names))
            if unknown:
                raise ValueError(f"api.pytorch.parameter_map names unknown parameters: {', '.join(unknown)}")
        for framework, entries in (("keras", self.api.keras), ("jax", self.api.jax)):
            for index, entry in enumerate(entries):
                unknown = sorted(set(entry.parameter_map) - set(names))
                if unknown:
                    raise ValueError(f"api.{framework}[{index}].parameter_map names unknown parameters: {', '.join(unknown)}")
        return self

    def defaults(self) -> dict[str, float]:
        """Parameter name → default value."""
        return {p.name: p.default for p in self.parameters}

    @property
    def sort_name(self) -> str:
        """What every list of activations is ordered by: the English name, ignoring case (one order in both languages)."""
        return self.name.en.lower()

    @property
    def varied_parameter(self) -> Parameter | None:
        """The parameter drawn in the variants figure: the first with several variants (one keeps it readable)."""
        return next((p for p in self.parameters if len(p.variants) > 1), None)
