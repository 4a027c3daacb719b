"""Lint rules (one test per rule, each feeding a broken copy of the exemplar and asserting the exact line), `actsite fix`, `actsite new`.

The exemplar is `activations/leaky-relu.yaml`; a broken copy goes through the loader (error rules)
or through the rule itself (warning rules), as the build and `actsite lint` run them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from actsite.definitions.fix import fix_file, fixed_text, round_trip
from actsite.definitions.glossary import GlossaryError, load_glossary, parse_glossary
from actsite.definitions.lint import RULES, Scope, Severity, SourceFile, canonical_order, derivable_fields, glossary_terms, i18n_parity
from actsite.definitions.lint.glossary_terms import problems_in
from actsite.definitions.load import DefinitionError, lint_warnings, load_all, load_one
from actsite.definitions.skeleton import write_skeleton
from actsite.site import build
from conftest import DEFINITIONS, ROOT, generate_into, stated_exemplar

ACTSITE = str(Path(sys.executable).with_name("actsite"))
EXEMPLAR = stated_exemplar()  # with slug, year and the PyTorch default stated, whether or not `actsite fix` has run
# Definitions whose fixed form differs in each way: slug and year only; two of four PyTorch defaults;
# one of two; digits beyond float precision; a PyTorch default that stays (order); `year: null`; a key moved.
FIX_SAMPLE = ["leaky-relu", "hardtanh", "softplus", "selu", "prelu", "log-softmax", "crelu"]


def replace(old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)

    return apply


def only_problem(directory: Path, text: str, name: str = "leaky-relu.yaml") -> str:
    """The one problem the loader reports for `text` saved as `directory/name`."""
    (directory / name).write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as error:
        load_all(directory)
    assert len(error.value.problems) == 1, error.value.problems
    return error.value.problems[0]


def field_lines(problems: object) -> list[str]:
    """`<field>: <message>` of each problem of a rule's own check (the runner adds the file)."""
    return [f"{p.field}: {p.message}" for p in problems]  # type: ignore[attr-defined]


def source(path: Path, text: str) -> SourceFile:
    path.write_text(text, encoding="utf-8")
    return SourceFile(path, "activations/leaky-relu.yaml", text, yaml.safe_load(text))


def test_rules_have_a_name_a_scope_a_severity_and_a_one_line_description() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    modules = {rule.check.__module__.rsplit(".", 1)[1].replace("_", "-") for rule in RULES}
    assert len(modules) == len(RULES), "one rule per module"
    for rule in RULES:
        assert rule.scope in Scope
        assert rule.severity in Severity
        assert rule.description
        assert "\n" not in rule.description
        assert rule.description.endswith(".")
    assert {rule.scope for rule in RULES} == set(Scope)


def test_real_definitions_pass_every_error_rule_and_only_fixable_warnings_remain() -> None:
    # They loaded (conftest), so every error rule passed; the warnings are what `actsite fix` removes.
    assert len(DEFINITIONS) == len(list((ROOT / "activations").glob("*.yaml")))  # every file loaded
    rules = {problem.field.split(".")[0] for problem in lint_warnings(DEFINITIONS)}
    assert rules <= {"slug", "year", "api", "math"}


# code-snippet
def test_code_snippet_rule_needs_each_definition_s_snippet(tmp_path: Path) -> None:
    (tmp_path / "code").mkdir()
    problem = only_problem(tmp_path, EXEMPLAR)
    folder = tmp_path.name
    assert problem == f"{tmp_path}/leaky-relu.yaml: code: {folder}/code/leaky-relu.py is missing: write the NumPy and PyTorch snippet (see {folder}/code/CONTRACT.md)"


def test_code_snippet_rule_needs_the_two_cells(tmp_path: Path) -> None:
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "leaky-relu.py").write_text("# %% PyTorch\nimport torch\n", encoding="utf-8")
    problem = only_problem(tmp_path, EXEMPLAR)
    assert problem == f"{tmp_path}/leaky-relu.yaml: code: {tmp_path.name}/code/leaky-relu.py: cells ['PyTorch']; expected `# %% NumPy` then `# %% PyTorch`"


def test_code_snippet_rule_passes_a_valid_snippet(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "activations" / "code", tmp_path / "code")
    (tmp_path / "leaky-relu.yaml").write_text(EXEMPLAR, encoding="utf-8")
    assert [d.slug for d in load_all(tmp_path)] == ["leaky-relu"]


# file-name
def test_file_name_rule(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("slug: leaky-relu", "slug: leaky-relu-2")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: slug: 'leaky-relu-2' must equal the file name 'leaky-relu'"


def test_slug_may_be_left_out(tmp_path: Path) -> None:
    (tmp_path / "leaky-relu.yaml").write_text(replace("slug: leaky-relu\n", "")(EXEMPLAR), encoding="utf-8")
    assert load_all(tmp_path)[0].slug == "leaky-relu"


# unique-names
def test_unique_names_rule(tmp_path: Path) -> None:
    (tmp_path / "leaky-relu.yaml").write_text(EXEMPLAR, encoding="utf-8")
    other = replace("slug: leaky-relu", "slug: other-relu")(EXEMPLAR)
    problem = only_problem(tmp_path, replace("aliases: [leakyrelu, lrelu]", "aliases: [lrelu]")(other), "other-relu.yaml")
    assert problem == f"{tmp_path}/other-relu.yaml: aliases: 'lrelu' is already used by 'leaky-relu'"


# known-taxonomy
def test_known_taxonomy_rule(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("  - task: hidden-layers\n", "  - task: gan\n")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: tasks[1].task: 'gan' is tagged twice: keep one entry"


# parallel-translations
def test_parallel_translations_rule_code_span(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("（PyTorch 中的 `negative_slope`）", "（PyTorch 中的 negative_slope）")(EXEMPLAR))
    assert problem == (
        f"{tmp_path}/leaky-relu.yaml: parameters[0].description.zh: code spans [] differ from the English ['negative_slope']: keep them identical in both languages"
    )


def test_parallel_translations_rule_untranslated(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("zh: 自 DCGAN 以来 GAN 判别器的标准选择。", "zh: The standard choice in GAN discriminators since DCGAN.")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: tasks[0].reason.zh: has no Chinese text: translate the English"


def test_parallel_translations_rule_numbers(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("DCGAN 使用的斜率是 0.2。", "DCGAN 使用的斜率是 0.3。")(EXEMPLAR))
    assert problem == (
        f"{tmp_path}/leaky-relu.yaml: prose.use_cases.zh[0]: numbers differ from the English: only English ['0.2'], only Chinese ['0.3']: "
        "say the same numbers in both languages"
    )


@pytest.mark.parametrize(
    ("english", "chinese", "drift"),
    [
        ("a weight decay of 5·10⁻⁴", "权重衰减为 5·10⁻⁴", ([], [])),
        ("its minimum −0.17 at x = −1.702", "最小值 -0.17，在 x = -1.702 处", ([], [])),  # Unicode minus and hyphen alike
        ("for x above about 20 in float64", "float64 下 x 大于约 2.94 时", (["20"], ["2.94"])),  # the old TanhExp drift, float64 is a name
        ("the 2nd layer of a 3-D input", "三维输入的第 2 层", ([], [])),  # an ordinal's digits; a digit spelled out on the other side
        ("exact zeros, C¹ at 0", "严格的 0，在 0 处为一阶连续可导", ([], [])),
        ("slope 1 at 0", "原点处斜率为 1", (["0"], [])),
        (
            "`torch.clamp(x, -3, 3)` and $x^2$ and [link](https://arxiv.org/abs/1606.06160)",
            "`torch.clamp(x, -3, 3)` 与 $x^2$ 与 [链接](https://arxiv.org/abs/1606.06160)",
            ([], []),
        ),
    ],
)
def test_numbers_of_a_translation(english: str, chinese: str, drift: tuple[list[str], list[str]]) -> None:
    from actsite.definitions.lint.parallel_translations import number_drift

    assert number_drift(english, chinese) == drift


# references
@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            "url: https://arxiv.org/abs/1506.02640",
            "url: https://arxiv.org/abs/1511.06434",
            "references[2].url: 'https://arxiv.org/abs/1511.06434' is already cited as references[1]: cite each source once",
        ),
        (
            "url: https://arxiv.org/abs/1506.02640",
            "url: https://arxiv.org/pdf/1506.02640",
            "references[2].url: 'https://arxiv.org/pdf/1506.02640' is not an arXiv abstract page: link https://arxiv.org/abs/<id>",
        ),
        (
            "    role: usage\n  - authors: Joseph",
            "    role: origin\n  - authors: Joseph",
            "references[1].role: a second `origin`: only the source that introduced the function is the origin; mark this one usage or analysis",
        ),
        (
            "Improve Neural Network Acoustic Models",
            "Improve Neural Network Acoustic Models.",
            "references[0].title: ends with a period: write the title as the paper does, without it",
        ),
    ],
)
def test_references_rule(tmp_path: Path, old: str, new: str, line: str) -> None:
    assert only_problem(tmp_path, replace(old, new)(EXEMPLAR)) == f"{tmp_path}/leaky-relu.yaml: {line}"


# prose-links
def test_prose_links_rule(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("zh: 自 DCGAN 以来", "zh: 见 [DCGAN](ftp://example.org)，自 DCGAN 以来")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: tasks[0].reason.zh: link target 'ftp://example.org' is not an https:// address: link only to https:// pages"


# glossary-terms
def test_glossary_terms_rule(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("一次比较加一次乘法", "按元素做一次比较加一次乘法")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: prose.pros.zh[1]: writes '按元素': the glossary (i18n/glossary.yaml) says '逐元素'"
    problem = only_problem(tmp_path, replace("one comparison and one multiplication", "one element-wise comparison and one multiplication")(EXEMPLAR))
    assert problem == f"{tmp_path}/leaky-relu.yaml: prose.pros.en[1]: writes 'element-wise': the glossary (i18n/glossary.yaml) says 'elementwise'"


def test_glossary_terms_rule_reads_ui_strings_and_taxonomies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (ROOT / "i18n").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    zh = (tmp_path / "ui.zh.yaml").read_text(encoding="utf-8")
    (tmp_path / "ui.zh.yaml").write_text(replace("各个折点以及", "各个拐点以及")(replace('"不存在（折点）"', '"不存在（尖点）"')(zh)), encoding="utf-8")
    tasks = (tmp_path / "tasks.yaml").read_text(encoding="utf-8")
    (tmp_path / "tasks.yaml").write_text(replace("在互斥类别上给出概率分布（", "在互斥类别上按元素给出概率分布（")(tasks), encoding="utf-8")
    monkeypatch.setattr(glossary_terms, "I18N_DIR", tmp_path)
    assert [str(p) for p in glossary_terms.i18n_problems(load_glossary())] == [
        "i18n/ui.zh.yaml: code_implement_intro: writes '拐点': the glossary (i18n/glossary.yaml) says '折点'",
        "i18n/ui.zh.yaml: kinks_status_corner: writes '尖点': the glossary (i18n/glossary.yaml) says '折点'",
        "i18n/tasks.yaml: multiclass-output.zh.description: writes '按元素': the glossary (i18n/glossary.yaml) says '逐元素'",
    ]


def test_glossary_terms_match_english_words_and_plurals_only() -> None:
    glossary = parse_glossary(
        [{"en": "dead unit", "zh": "死亡单元", "definition": {"en": "A unit.", "zh": "单元。"}, "avoid": {"en": ["dead neuron"], "zh": ["死神经元"]}}], "glossary.yaml"
    )
    activation = DEFINITIONS[0].activation
    prose = activation.prose.model_copy(
        update={"summary": activation.prose.summary.model_copy(update={"en": "Dead neurons, not dead neuronal tissue.", "zh": "死神经元"})}
    )
    found = field_lines(problems_in(activation.model_copy(update={"prose": prose}), glossary))
    assert found == [
        "prose.summary.en: writes 'dead neuron': the glossary (i18n/glossary.yaml) says 'dead unit'",
        "prose.summary.zh: writes '死神经元': the glossary (i18n/glossary.yaml) says '死亡单元'",
    ]


def test_glossary_terms_accept_a_variant_in_its_other_meaning() -> None:
    """拐点 is rejected for a kink, but a sentence about the sign of f″ may call its point 拐点 (an inflection point)."""
    kink = next(term for term in load_glossary() if term.en == "kink")
    activation = DEFINITIONS[0].activation
    text = "f″ 在 x = 0 处变号，这是一个拐点。函数在各个拐点处连续。"
    prose = activation.prose.model_copy(update={"summary": activation.prose.summary.model_copy(update={"zh": text})})
    found = field_lines(problems_in(activation.model_copy(update={"prose": prose}), (kink,)))
    assert found == ["prose.summary.zh: writes '拐点': the glossary (i18n/glossary.yaml) says '折点'"]  # the second sentence only
    one = prose.summary.model_copy(update={"zh": "f″ 在 x = 0 处变号，这是一个拐点。"})
    assert not list(problems_in(activation.model_copy(update={"prose": prose.model_copy(update={"summary": one})}), (kink,)))


def test_every_glossary_term_occurs_in_the_definitions() -> None:
    from actsite.definitions.glossary import load_glossary
    from actsite.definitions.lint.parallel_translations import prose_pairs

    english = " ".join(e for d in DEFINITIONS for _, e, _ in prose_pairs(d.activation)).lower()
    chinese = " ".join(z for d in DEFINITIONS for _, _, z in prose_pairs(d.activation))
    unused = [term.en for term in load_glossary() if term.en.lower() not in english and term.zh not in chinese]
    assert not unused, f"glossary terms no page uses: {unused}"


def test_glossary_file_errors_are_one_line_each() -> None:
    entry = {"en": "kink", "zh": "折点", "definition": {"en": "A corner.", "zh": "折角。"}}
    with pytest.raises(GlossaryError) as error:
        parse_glossary([entry, {**entry, "zh": "尖点"}, {"en": "x", "zh": "<b>", "definition": {"en": "y"}}], "i18n/glossary.yaml")
    assert error.value.problems == [
        "i18n/glossary.yaml: [2].zh: '<' is not allowed in a name: names are plain text (no Markdown or HTML characters <>&\"\\{}`|[]$*_#)",
        "i18n/glossary.yaml: [2].definition.zh: Field required",
        "i18n/glossary.yaml: [1].en: 'kink' repeats the term of [0]: keep one entry",
    ]


# smooth-wording
def test_smooth_wording_rule(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, replace("- 梯度不会完全消失", "- 光滑，梯度不会完全消失")(EXEMPLAR))
    assert problem == (
        f"{tmp_path}/leaky-relu.yaml: prose.pros.zh[0]: calls it smooth ('光滑，梯度不会完全消失，避免单元永久失活（“死亡”）。'…) but it is C⁰, not C^∞ "
        "(glossary: smooth): name the order (C¹, twice differentiable) or use another word"
    )
    problem = only_problem(tmp_path, replace("- Gradient never vanishes entirely", "- Smooth and the gradient never vanishes entirely")(EXEMPLAR))
    assert problem.startswith(f"{tmp_path}/leaky-relu.yaml: prose.pros.en[0]: calls it smooth ('Smooth and the gradient never vanishes entirely, w'…) but it is C⁰")


def test_smooth_wording_accepts_a_named_order_or_a_denial() -> None:
    from actsite.definitions.lint.smooth_wording import problems_in as smooth_problems
    from actsite.definitions.lint.smooth_wording import unqualified_smooth

    assert unqualified_smooth("A smooth drop-in replacement. It is C¹-smooth only; never smooth at 0.", "en") == ["A smooth drop-in replacement."]
    assert unqualified_smooth("它是 ReLU 的平滑替代。一阶连续可导，但并不光滑；门没有平滑过渡。", "zh") == ["它是 ReLU 的平滑替代。"]
    elu = next(d.activation for d in DEFINITIONS if d.activation.slug == "elu")
    prose = elu.prose.model_copy(update={"summary": elu.prose.summary.model_copy(update={"en": "Like the smooth (C^∞) SiLU.", "zh": "像 ReLU 那样平滑。"})})
    found = field_lines(smooth_problems(elu.model_copy(update={"prose": prose}), 1))
    assert found == [
        "prose.summary.zh: calls it smooth ('像 ReLU 那样平滑。'…) but it is C¹, not C^∞ (glossary: smooth): "
        "name the order (C¹, twice differentiable) or use another word"
    ]
    assert not list(smooth_problems(elu.model_copy(update={"prose": prose}), None))  # a C^∞ function may be called smooth


# i18n-parity
def test_i18n_parity_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (ROOT / "i18n").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    zh = (tmp_path / "ui.zh.yaml").read_text(encoding="utf-8")
    zh = replace('glossary_other_term: "英文：{term}"', 'glossary_other_term: "英文：{word}"')(zh)
    (tmp_path / "ui.zh.yaml").write_text(replace("site_name: 激活函数参考手册\n", "")(zh), encoding="utf-8")
    monkeypatch.setattr(i18n_parity, "I18N_DIR", tmp_path)
    assert [str(p) for p in i18n_parity.check(None)] == [  # type: ignore[arg-type]
        "i18n/ui.zh.yaml: site_name: has no Chinese string: add it to i18n/ui.zh.yaml",
        "i18n/ui.zh.yaml: glossary_other_term: placeholders ['word'] differ from the English ['term']: use the same {names}",
    ]


def test_i18n_parity_rule_compares_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (ROOT / "i18n").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    glossary = (tmp_path / "glossary.yaml").read_text(encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(replace("例如 ReLU 的 x = 0。", "例如 ReLU 的 x = 1。")(glossary), encoding="utf-8")
    en = (tmp_path / "ui.en.yaml").read_text(encoding="utf-8")
    (tmp_path / "ui.en.yaml").write_text(replace("±10⁴", "±10⁵")(en), encoding="utf-8")
    monkeypatch.setattr(i18n_parity, "I18N_DIR", tmp_path)
    monkeypatch.setattr(i18n_parity, "GLOSSARY_FILE", tmp_path / "glossary.yaml")
    found = [str(p) for p in i18n_parity.check(None)]  # type: ignore[arg-type]
    assert "i18n/ui.zh.yaml: code_implement_intro: numbers differ from the English: only English ['5'], only Chinese ['4']" in found
    assert any(line.endswith(".definition.zh: numbers differ from the English: only English ['0'], only Chinese ['1']") for line in found), found


# unfilled-skeleton: see test_new_skeleton_fails_the_check_until_filled_in


# derivable-fields
def test_derivable_fields_rule(tmp_path: Path) -> None:
    found = field_lines(derivable_fields.check(source(tmp_path / "leaky-relu.yaml", EXEMPLAR)))
    assert found == [
        "slug: is the file name: leave it out, it is derived (`actsite fix` does it)",
        "year: is the year of the origin reference (references[0].year): leave it out, it is derived (`actsite fix` does it)",
        "api.pytorch.defaults.negative_slope: is the default of parameters[0] (alpha), mapped by api.pytorch.parameter_map: "
        "leave it out, it is derived (`actsite fix` does it)",
    ]


def test_derivable_fields_rule_keeps_what_differs(tmp_path: Path) -> None:
    text = replace("family: relu\nyear: 2013", "family: relu\nyear: 2012")(
        replace("    defaults: {negative_slope: 0.01}\n    parameter_map", "    defaults: {negative_slope: 0.02}\n    parameter_map")(EXEMPLAR)
    )
    found = field_lines(derivable_fields.check(source(tmp_path / "leaky-relu.yaml", text)))
    assert found == ["slug: is the file name: leave it out, it is derived (`actsite fix` does it)"]


# canonical-order
def test_canonical_order_rule(tmp_path: Path) -> None:
    text = replace("kind: elementwise\nfamily: relu\n", "family: relu\nkind: elementwise\n")(EXEMPLAR)
    text = replace("    latex: \\alpha\n    default: 0.01\n", "    default: 0.01\n    latex: \\alpha\n")(text)
    found = field_lines(canonical_order.check(source(tmp_path / "leaky-relu.yaml", text)))
    assert found == [
        "(top level): keys are not in canonical order: write slug, name, aliases, kind, family, year, parameters, math, prose, tasks, "
        "recommendation, api, references (`actsite fix` does it)",
        "parameters[0]: keys are not in canonical order: write name, latex, default, variants, description (`actsite fix` does it)",
    ]


# actsite fix
def test_round_trip_keeps_every_definition_byte_for_byte() -> None:
    for loaded in DEFINITIONS:
        assert round_trip(loaded.source_text) == loaded.source_text, loaded.slug


def test_fix_leaves_the_loaded_definitions_unchanged_and_satisfies_every_rule(tmp_path: Path) -> None:
    for slug in FIX_SAMPLE:
        shutil.copy(ROOT / "activations" / f"{slug}.yaml", tmp_path)
    (tmp_path / "leaky-relu.yaml").write_text(EXEMPLAR, encoding="utf-8")  # stated, also once activations/ is fixed
    loaded = load_all(tmp_path)
    before = {d.slug: d.activation.model_dump_json() for d in loaded}
    unfixed = {problem.file.rsplit("/", 1)[1].removesuffix(".yaml") for problem in lint_warnings(loaded)}
    assert "leaky-relu" in unfixed
    assert {slug for slug in FIX_SAMPLE if fix_file(tmp_path / f"{slug}.yaml")} == unfixed
    after = load_all(tmp_path)
    assert {d.slug: d.activation.model_dump_json() for d in after} == before
    assert lint_warnings(after) == []
    assert not any(fix_file(tmp_path / f"{slug}.yaml") for slug in FIX_SAMPLE), "a second fix changes nothing"
    assert stated_exemplar((tmp_path / "leaky-relu.yaml").read_text(encoding="utf-8")) == EXEMPLAR, "the tests' exemplar survives `actsite fix`"
    fixed = (tmp_path / "hardtanh.yaml").read_text(encoding="utf-8")
    assert fixed.startswith("# yaml-language-server: $schema=../schema/activation.schema.json\n")
    assert "slug:" not in fixed
    assert "\nyear:" not in fixed
    assert "defaults: {min_value: null, max_value: null}" in fixed
    assert "1.0507009873554804934193349852946" in (tmp_path / "selu.yaml").read_text(encoding="utf-8")
    assert "defaults: {num_parameters: 1, init: 0.25}" in (tmp_path / "prelu.yaml").read_text(encoding="utf-8")


def test_fix_removes_only_lines_and_moves_keys() -> None:
    text = (ROOT / "activations" / "crelu.yaml").read_text(encoding="utf-8")
    assert sorted(fixed_text(text, "crelu").splitlines()) == sorted(line for line in text.splitlines() if not line.startswith(("slug:", "year:")))


def test_fix_refuses_an_invalid_definition(tmp_path: Path) -> None:
    path = tmp_path / "leaky-relu.yaml"
    path.write_text(replace("task: gan", "task: gans")(EXEMPLAR), encoding="utf-8")
    with pytest.raises(DefinitionError):
        fix_file(path)
    assert path.read_text(encoding="utf-8") == replace("task: gan", "task: gans")(EXEMPLAR)


def test_fix_command_check_mode_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "leaky-relu.yaml").write_text(EXEMPLAR, encoding="utf-8")  # derivable fields stated: not canonical
    result = subprocess.run([ACTSITE, "fix", "--check", "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"would rewrite {tmp_path}/leaky-relu.yaml", "1 of 1 definition(s) not canonical"]
    assert (tmp_path / "leaky-relu.yaml").read_text(encoding="utf-8") == EXEMPLAR


# actsite new
def test_new_skeleton_fails_the_check_until_filled_in(tmp_path: Path) -> None:
    shutil.copy(ROOT / "activations" / "leaky-relu.yaml", tmp_path)
    result = subprocess.run([ACTSITE, "new", "my-relu", "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "my-relu.yaml"
    check = subprocess.run([ACTSITE, "check", "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert check.returncode == 1
    lines = check.stderr.splitlines()
    assert lines[-1] == "24 problem(s)"
    assert lines[0].startswith(f"{path}: family: unknown family 'todo': use one of classic, ")
    assert f"{path}: math.function: still says TODO: write the real value" in lines
    assert f"{path}: prose.pitfalls.zh[0]: still says TODO: write the real value" in lines
    assert all(line.startswith(f"{path}: ") for line in lines[:-1])

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    filled = replace("family: todo", "family: relu")(replace("task: todo", "task: hidden-layers")(path.read_text(encoding="utf-8")))
    filled = replace("function: TODO", "function: Piecewise((x, x >= 0), (x/2, True))")(filled)
    filled = replace("url: https://TODO", "url: https://example.org/my-relu")(filled)
    assert data["references"][0]["year"] == 2000
    path.write_text(filled.replace("TODO ", "Filled in "), encoding="utf-8")
    check = subprocess.run([ACTSITE, "check", "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    assert load_one(path).activation.year == 2000, "the year is the origin reference's"
    assert lint_warnings(load_all(tmp_path)[1:]) == [], "the skeleton is canonical and states nothing derivable"


@pytest.mark.parametrize(
    ("slug", "message"), [("leaky-relu", "'leaky-relu' is already used by "), ("lrelu", "'lrelu' is already used by "), ("My_ReLU", "is not a slug")]
)
def test_new_refuses_a_taken_or_invalid_slug(tmp_path: Path, slug: str, message: str) -> None:
    shutil.copy(ROOT / "activations" / "leaky-relu.yaml", tmp_path)
    result = subprocess.run([ACTSITE, "new", slug, "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leaky-relu.yaml"]


def test_new_skeleton_is_what_fix_writes(tmp_path: Path) -> None:
    path = write_skeleton(tmp_path, "my-relu")
    text = path.read_text(encoding="utf-8")
    assert fixed_text(text, "my-relu") == text


@pytest.mark.parametrize("command", ["new", "check", "lint", "fix", "build"])
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run([ACTSITE, command, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: actsite {command}")


def test_lint_command_lists_the_rules_and_passes_on_the_definitions() -> None:
    listed = subprocess.run([ACTSITE, "lint", "--rules"], capture_output=True, text=True, check=True).stdout.splitlines()
    assert [line.split()[0] for line in listed] == [rule.name for rule in RULES]
    result = subprocess.run([ACTSITE, "lint"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{len(DEFINITIONS)} definitions, {len(RULES)} rules: no errors, ")


# run by the build
def test_build_fails_on_a_lint_error_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    activations = tmp_path / "activations"
    activations.mkdir()
    (activations / "leaky-relu.yaml").write_text(replace("one comparison", "one element-wise comparison")(EXEMPLAR), encoding="utf-8")
    generate_into(monkeypatch, activations, tmp_path)
    with pytest.raises(DefinitionError) as error:
        build.generate()
    assert error.value.problems == [f"{activations}/leaky-relu.yaml: prose.pros.en[1]: writes 'element-wise': the glossary (i18n/glossary.yaml) says 'elementwise'"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["activations"]
