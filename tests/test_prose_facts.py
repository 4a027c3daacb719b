"""What words say, against what is computed: every activation, both languages.

The property table's zero-centred wording against the computed range; each task's stated criterion
(its name and description in i18n/tasks.yaml) against the computed properties of what it recommends;
cross-references in prose ("see pitfalls", "见常见陷阱") against the headings the page really has.
Smoothness wording is the lint rule `smooth-wording` (tests/test_lint.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pytest

from actsite.analysis.cost import cost_class, cost_score
from actsite.analysis.properties import Properties
from actsite.definitions.lint.parallel_translations import prose_pairs
from actsite.definitions.paths import ROOT
from actsite.render.i18n import taxonomy, ui_strings
from actsite.render.property_table import property_rows
from conftest import BY_SLUG, DEFINITIONS, SLUGS, properties_of

LANGUAGES = ("en", "zh")
RECOMMENDED = 3  # a task's rows from this level up are what it recommends


def _zero_centred_value(properties: Properties, language: str) -> str:
    t = ui_strings(language)
    return next(row["value"] for row in property_rows(properties, language) if row["label"] == t["prop_zero_centred"])


def zero_centred_claim_problems(value: str, properties: Properties, odd: Callable[[float], float]) -> list[str]:
    """What the zero-centred wording `value` claims that the computed range (or f itself) contradicts."""
    problems = []
    if re.search(r"never negative|从不为负", value) and properties.lower.value < 0:
        problems.append(f"says never negative, but the range starts at {properties.lower.value}")
    if re.search(r"never positive|从不为正", value) and properties.upper.value > 0:
        problems.append(f"says never positive, but the range reaches {properties.upper.value}")
    if re.search(r"both signs|有正有负", value) and not properties.lower.value < 0 < properties.upper.value:
        problems.append(f"says both signs, but the range is [{properties.lower.value}, {properties.upper.value}]")
    if re.search(r"not odd|不是奇函数", value) and all(abs(odd(x)) < 1e-12 for x in (0.3, 1.1, 2.7)):
        problems.append("says not odd, but f(−x) = −f(x)")
    if re.search(r"odd function|（奇函数）", value) and any(abs(odd(x)) > 1e-9 for x in (0.3, 1.1, 2.7)):
        problems.append("says odd, but f(−x) ≠ −f(x)")
    if re.search(r"takes negative values|可取负值", value) and properties.lower.value >= 0:
        problems.append("says it takes negative values, but the range starts at 0")
    if re.search(r"not symmetric|不对称", value) and properties.lower.value == -properties.upper.value:
        problems.append(f"says not symmetric, but the range [{properties.lower.value}, {properties.upper.value}] is symmetric about 0")
    return problems


@pytest.mark.parametrize("slug", SLUGS)
def test_zero_centred_wording_agrees_with_the_computed_range(slug: str) -> None:
    properties = properties_of(slug)
    f = BY_SLUG[slug].math.f()

    def odd(x: float) -> float:
        return f(x) + f(-x)

    for language in LANGUAGES:
        value = _zero_centred_value(properties, language)
        assert not zero_centred_claim_problems(value, properties, odd), (slug, language, value)


def test_zero_centred_check_rejects_the_old_wording() -> None:
    """The wording the pages had: "never negative" for log-softmax, "not symmetric" for cosine."""
    log_softmax, cosine = properties_of("log-softmax"), properties_of("cosine")
    f = BY_SLUG["cosine"].math.f()
    assert zero_centred_claim_problems("no (never negative)", log_softmax, lambda x: 1.0) == [f"says never negative, but the range starts at {log_softmax.lower.value}"]
    assert zero_centred_claim_problems("部分（可取负值，但不对称）", cosine, lambda x: f(x) + f(-x)) == [
        "says not symmetric, but the range [-1.0, 1.0] is symmetric about 0"
    ]


# Criteria a task's name or description states in words, each read from the computed properties.
def _within_unit_interval(p: Properties, slug: str) -> bool:
    return p.lower.value >= 0 and p.upper.value <= 1


def _bounded(p: Properties, slug: str) -> bool:
    return not math.isinf(p.lower.value) and not math.isinf(p.upper.value)


def _strictly_positive(p: Properties, slug: str) -> bool:
    return p.lower.value > 0 or (p.lower.value == 0 and not p.lower.attained)


def _probability_or_its_logarithm(p: Properties, slug: str) -> bool:
    return _within_unit_interval(p, slug) or p.upper.value <= 0


def _only_comparisons_and_products(p: Properties, slug: str) -> bool:
    return cost_class(cost_score(BY_SLUG[slug].math)) == 1


CRITERIA: tuple[tuple[str, Callable[[Properties, str], bool]], ...] = (
    (r"between 0 and 1|0 到 1", _within_unit_interval),
    (r"\b[Bb]ounded\b|有界", _bounded),
    (r"strictly positive|严格为正", _strictly_positive),
    (r"probabilit|概率", _probability_or_its_logarithm),
    (r"comparisons, additions and multiplications|比较、加法与乘法", _only_comparisons_and_products),
)


def task_criterion_problems(tasks: dict[str, dict[str, dict[str, str]]]) -> list[str]:
    """Recommendations (level ≥ 3) that break a criterion their task's name or description states, in either language."""
    problems = []
    for task_id, entry in tasks.items():
        for language in LANGUAGES:
            words = entry[language]["name"] + " " + entry[language]["description"]
            for pattern, holds in CRITERIA:
                if not re.search(pattern, words):
                    continue
                for definition in DEFINITIONS:
                    for tag in definition.activation.tasks:
                        if tag.task == task_id and tag.level >= RECOMMENDED and not holds(properties_of(definition.slug), definition.slug):
                            problems.append(f"{task_id} ({language}: {pattern!r}) rates {definition.slug} {tag.level}")
    return problems


def test_each_task_recommends_only_what_meets_its_stated_criterion() -> None:
    assert task_criterion_problems(taxonomy("tasks")) == []


def test_task_criteria_reject_the_old_wording() -> None:
    tasks = {task_id: entry for task_id, entry in taxonomy("tasks").items() if task_id in ("gating", "mobile-quantized")}
    old = {
        "mobile-quantized": {
            "en": {"name": "Mobile and quantized models", "description": "Cheap, bounded functions that survive int8 quantization on phones and edge devices."},
            "zh": tasks["mobile-quantized"]["zh"],
        },
    }
    found = task_criterion_problems(old)
    assert found == ["mobile-quantized (en: '\\\\b[Bb]ounded\\\\b|有界') rates hardswish 5"]


def test_the_criteria_each_task_states_are_read() -> None:
    """Every task whose words state a range or a sign has a criterion above: none is left unchecked by a missing pattern."""
    stated = {task_id for task_id, entry in taxonomy("tasks").items() for pattern, _ in CRITERIA if re.search(pattern, entry["en"]["description"] + entry["en"]["name"])}
    assert {"gating", "mobile-quantized", "bounded-output", "positive-output", "binary-output", "multiclass-output"} <= stated


# Cross-references in prose: "(see pitfalls)", "（见常见陷阱）".
_SEE = {"en": re.compile(r"\((?:see|See) (?:the )?([^)]+)\)"), "zh": re.compile(r"（(?:参)?见([^）]+)）")}
_HEADING_KEYS = re.compile(r"^#+ \{\{ t\.(\w+) \}\}", re.MULTILINE)


def page_headings(language: str) -> set[str]:
    """The headings an activation page has in `language` (from its template), lower case, plus the API table's note column."""
    template = (ROOT / "src/actsite/render/templates/activation.md.j2").read_text(encoding="utf-8")
    t = ui_strings(language)
    headings = {t[key].lower() for key in _HEADING_KEYS.findall(template)}
    return headings | {f"{t['api']} {t['note']}".lower()}


def cross_reference_problems(text: str, language: str, names: set[str]) -> list[str]:
    """Targets of "(see X)" / "（见X）" in `text` that are neither a heading of the page nor an activation's name."""
    headings = page_headings(language)
    problems = []
    for match in _SEE[language].finditer(text):
        for target in re.split(r" and |、|与|和", match.group(1)):
            if target.strip().lower() not in headings | names:
                problems.append(target.strip())
    return problems


def _names() -> set[str]:
    return {name.lower() for d in DEFINITIONS for name in (d.slug, *d.activation.aliases, d.activation.name.get("en"), d.activation.name.get("zh"))}


def test_cross_references_in_prose_name_a_heading_the_page_has() -> None:
    names = _names()
    found = [
        (definition.slug, fields[language], target)
        for definition in DEFINITIONS
        for fields, english, chinese in prose_pairs(definition.activation)
        for language, text in (("en", english), ("zh", chinese))
        for target in cross_reference_problems(text, language, names)
    ]
    assert found == []


def test_cross_reference_check_rejects_the_old_wording() -> None:
    old = "每个元素都要计算一次 tanh；在 float32 下，|x| 较小时减法会发生相消（见注意事项）。"
    assert cross_reference_problems(old, "zh", _names()) == ["注意事项"]
    assert cross_reference_problems("(see pitfalls)", "en", _names()) == []


def _slope_jump_at_zero(slug: str, parameters: dict[str, float] | None, order: int = 1) -> float:
    """f⁽ᵒʳᵈᵉʳ⁾(0⁺) − f⁽ᵒʳᵈᵉʳ⁾(0⁻) with some parameters replaced, at 40 digits."""
    import mpmath

    math_ = BY_SLUG[slug].math
    expression = math_.derivative if order == 1 else math_.second_derivative
    evaluate = math_.evaluator(expression, parameters, exact=True)
    step = mpmath.mpf(10) ** -30
    return float(evaluate(step) - evaluate(-step))


def test_pau_kink_comes_from_the_b1_term_only_and_the_cons_say_so() -> None:
    """Only b₁|x| makes a kink, of size 2a₀|b₁|; |x|³ is C² at 0 (the page once blamed b₃ too)."""
    defaults = {p.name: p.default for p in BY_SLUG["pau"].activation.parameters}
    jump = abs(_slope_jump_at_zero("pau", None))
    assert jump == pytest.approx(2 * defaults["a0"] * abs(defaults["b1"]), rel=1e-9)
    assert abs(_slope_jump_at_zero("pau", {"b1": 0.0, "b3": 0.5})) < 1e-20  # |x|³ alone: no kink
    assert abs(_slope_jump_at_zero("pau", {"b1": 0.0, "b3": 0.5}, order=2)) < 1e-20  # and f″ is continuous
    assert abs(_slope_jump_at_zero("pau", {"a0": 0.0})) < 1e-20  # b₁ without a₀: no kink either
    cons = [c for language in LANGUAGES for c in BY_SLUG["pau"].activation.prose.cons.get(language) if "|x|" in c]
    assert len(cons) == 2
    for text in cons:
        assert "b₃ is non-zero" not in text, text
        assert "b₁ 或 b₃" not in text, text
        assert f"{jump:.1e}".replace("e-07", "·10⁻⁷") in text, text


def test_isru_gate_cons_say_exactly_in_both_languages() -> None:
    """ISRU gets close to its bounds (a gate (1 + f)/2 is 0.974 at x = 3) but never reaches them: zh said 很少真正接近 (rarely close)."""
    f = BY_SLUG["isru"].math.f()
    assert (1 + f(3.0)) / 2 == pytest.approx(0.974, abs=5e-4)
    assert properties_of("isru").upper.attained is False
    english, chinese = next((e, z) for _, e, z in prose_pairs(BY_SLUG["isru"].activation) if "LSTM" in e)
    assert "exactly 0 or 1" in english
    assert "恰好等于 0 或 1" in chinese
    assert "接近 0 或 1" not in chinese


# "X ships / provides / offers Y": a core framework's claim is read from the API fields (checked by
# running the frameworks); any other library's or repository's claim needs a reference of role
# `implementation` or `usage` that names it (the library, or the code it ships).
_SHIPS = re.compile(r"\b(?:ships|ship|provides|provide|offers)\b")
_NEGATED = re.compile(r"\b(?:no|none|neither|nor|not|never)\b", re.IGNORECASE)
_CORE = {"pytorch": "pytorch", "torch": "pytorch", "keras": "keras", "jax": "jax"}
_STOP = {"the", "and", "its", "for", "with", "has", "have", "but", "that", "which", "whose", "library", "package", "repository", "code", "official", "from"}


def _frameworks_with_api(activation: object) -> set[str]:
    api = activation.api  # type: ignore[attr-defined]
    found = {"keras"} if api.keras else set()
    found |= {"jax"} if api.jax else set()
    if api.pytorch is not None and (api.pytorch.module or api.pytorch.functional):
        found.add("pytorch")
    return found


def shipping_claim_problems(activation: object, sentence: str) -> list[str]:
    """What a "ships / provides" sentence of `activation`'s English prose claims without the facts to back it."""
    verb = _SHIPS.search(sentence)
    if verb is None:
        return []
    subject = re.split(r"[,:]", re.sub(r"\([^)]*\)", "", sentence[: verb.start()]))[-1]
    named = {_CORE[word.lower()] for word in re.findall(r"[A-Za-z]+", sentence) if word.lower() in _CORE}
    with_api = _frameworks_with_api(activation)
    if _NEGATED.search(sentence):
        denied = named or ({"pytorch", "keras", "jax"} if re.search(r"\bframework\b", sentence) else set())
        return [f"says {framework} has none, but the API fields list one" for framework in sorted(denied & with_api)]
    subject_words = re.findall(r"[A-Za-z][\w-]{2,}", subject)
    if subject_words and all(word.lower() in _CORE or word.lower() in _STOP or word == "Both" for word in subject_words):
        return [f"says {framework} ships it, but the API fields list none" for framework in sorted(named - with_api)]
    spans = re.findall(r"`([^`]+)`", sentence[verb.end() :])
    names = [w for w in subject_words if w.lower() not in _STOP and w.lower() not in _CORE]
    is_name = bool(spans) or len(subject.split()) == 1 or any(w[0].isupper() for w in subject.split()[1:])
    if not is_name:
        return []  # "accelerators that already provide a fast inverse square root": not a library's claim
    cited = " ".join(f"{r.title} {r.venue or ''} {r.url} {r.authors}" for r in activation.references if r.role in ("implementation", "usage")).lower()  # type: ignore[attr-defined]
    keys = [name.lower() for name in names] + [span.split("(")[0].split("/")[-1].split(".")[-1].lower() for span in spans]
    return [] if any(key and key in cited for key in keys) else [f"no implementation or usage reference names {names or spans}"]


def test_every_shipping_claim_has_its_facts() -> None:
    found = [
        (definition.slug, fields["en"], problem)
        for definition in DEFINITIONS
        for fields, english, _ in prose_pairs(definition.activation)
        for sentence in re.split(r"(?<=[.;])\s+", english)
        for problem in shipping_claim_problems(definition.activation, sentence)
    ]
    assert found == []


def test_shipping_claim_check_rejects_claims_without_a_reference() -> None:
    elish, dynamic = BY_SLUG["elish"].activation, BY_SLUG["dynamic-relu"].activation
    bare = elish.model_copy(update={"references": [r for r in elish.references if r.role == "origin"]})
    assert shipping_claim_problems(bare, "mlpack ships one (`ElishFunction`).") == ["no implementation or usage reference names ['mlpack']"]
    assert shipping_claim_problems(elish, "mlpack ships one (`ElishFunction`).") == []
    assert shipping_claim_problems(BY_SLUG["gelu"].activation, "No framework ships it.") == [
        "says jax has none, but the API fields list one",
        "says keras has none, but the API fields list one",
        "says pytorch has none, but the API fields list one",
    ]
    assert shipping_claim_problems(dynamic, "Both PyTorch and JAX ship it.") == [
        "says jax ships it, but the API fields list none",
        "says pytorch ships it, but the API fields list none",
    ]


# Claims about the world, each checked against its source by hand once (issue 24) and pinned here
# with the source it was read from, so that a later edit cannot bring the old statement back.
def _texts(slug: str) -> list[str]:
    return [text for _, english, chinese in prose_pairs(BY_SLUG[slug].activation) for text in (english, chinese)]


def _reference(slug: str, url_part: str) -> object:
    return next(r for r in BY_SLUG[slug].activation.references if url_part in r.url)


def test_snake_names_the_models_that_use_it() -> None:
    """BigVGAN and the Descript Audio Codec use Snake; HiFi-GAN and EnCodec do not.

    Read from NVIDIA/BigVGAN activations.py, descriptinc/descript-audio-codec dac/model/dac.py,
    jik876/hifi-gan models.py (LRELU_SLOPE = 0.1) and facebookresearch/encodec seanet.py (ELU).
    """
    assert not any("standard choice" in text or "标准选择" in text for text in _texts("snake"))
    assert {_reference("snake", "2206.04658").role, _reference("snake", "2306.06546").role} == {"usage"}  # type: ignore[attr-defined]


def test_dynamic_relu_names_the_authors_implementation() -> None:
    """microsoft/DynamicHead ships `DYReLU` in dyhead/dyrelu.py (commit 9c7cd661e362)."""
    assert not any("only third-party" in text or "只有第三方" in text for text in _texts("dynamic-relu"))
    assert _reference("dynamic-relu", "microsoft/DynamicHead/blob/master/dyhead/dyrelu.py").role == "implementation"  # type: ignore[attr-defined]


@pytest.mark.parametrize("slug", ["bent-identity", "serf"])
def test_e3x_is_not_offered_as_an_elementwise_implementation(slug: str) -> None:
    """e3x.nn.activations gates every feature by the scalar channel and raises below three dimensions (e3x/nn/activations.py)."""
    for text in _texts(slug):
        if "e3x" in text:
            assert "not this elementwise function" in text or "并不是这个逐元素函数" in text, text
    assert not any("e3x" in r.url for r in BY_SLUG[slug].activation.references)


def test_quantized_relu_origin_is_dorefa_net() -> None:
    """DoReFa-Net (arXiv 1606.06160) clips activations to [0, 1] and rounds them to 2ᵏ − 1 steps; PACT (1805.06085) learns the clip."""
    activation = BY_SLUG["quantized-relu"].activation
    assert [r.url for r in activation.references if r.role == "origin"] == ["https://arxiv.org/abs/1606.06160"]
    assert _reference("quantized-relu", "1805.06085").role != "origin"  # type: ignore[attr-defined]


def test_hardswish_says_mobilenetv3_starts_with_h_swish() -> None:
    """MobileNetV3 (arXiv 1905.02244, §5.2 and tables 1-2): the first 16-filter convolution uses h-swish."""
    assert any("first convolution" in text for text in _texts("hardswish"))
    assert any("第一个卷积层" in text for text in _texts("hardswish"))
    assert not any("ReLU in the early layers" in text for text in _texts("hardswish"))


def test_e_swish_beta_range_is_the_authors_reported_range() -> None:
    """EricAlcaide/E-swish README: β = 1.125 … 2 (WRN 16-4 on CIFAR-100: 1.25, 1.5, 1.75, 2); MNIST notebook 1.25 … 2."""
    beta = next(p for p in BY_SLUG["e-swish"].activation.parameters if p.name == "beta")
    for language in LANGUAGES:
        text = beta.description.get(language)
        assert "1.125" in text, text
        assert "WRN 16-4" in text, text


@pytest.mark.parametrize(
    ("slug", "url_part", "venue", "authors"),
    [
        # openaccess.thecvf.com, WACV 2023: Nag, Bhattacharyya, Mukherjee, Kundu (arXiv v1 had the first two only).
        ("serf", "2108.09598", "WACV 2023", "Sayan Nag, Mayukh Bhattacharyya, Anuraag Mukherjee, Rohit Kundu"),
        # CVPR 2018: Hu, Shen, Sun (Albanie and Wu joined for the TPAMI version).
        ("sigmoid", "1709.01507", "CVPR 2018", "Jie Hu, Li Shen, Gang Sun"),
    ],
)
def test_author_lists_match_the_cited_venue(slug: str, url_part: str, venue: str, authors: str) -> None:
    reference = _reference(slug, url_part)
    assert (reference.venue, reference.authors) == (venue, authors)  # type: ignore[attr-defined]
