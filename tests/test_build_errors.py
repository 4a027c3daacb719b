"""Bad input fails with the file, the field and what is wrong, and writes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actsite.definitions.load import DefinitionError, load_all, load_one
from actsite.site import build
from conftest import ROOT, generate_into, stated_exemplar

EXEMPLAR_TEXT = stated_exemplar()


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("slug: leaky-relu", "slug: leaky-relu-2", "slug: 'leaky-relu-2' must equal the file name"),
        (
            "function: Piecewise((x, x >= 0), (alpha*x, True))",
            "function: Piecewise((x, x >= 0), (beta*x, True))",
            "math.function: unknown name(s) beta",
        ),
        ("function: Piecewise((x, x >= 0), (alpha*x, True))", "function: Max(x, alpha*x)", "math.function: `Max` is not allowed"),
        ("  level: 4\n", "  level: 7\n", "recommendation.level: Input should be less than or equal to 5"),
        ("kind: elementwise", "kind: wobbly", "kind: Input should be"),
        ("    zh: 作用于负输入的斜率", "    zz: 作用于负输入的斜率", "parameters[0].description"),
        ("year: 2013\n", "year: 2013\ncolour: blue\n", "colour: Extra inputs are not permitted"),
    ],
)
def test_malformed_definition_names_file_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = EXEMPLAR_TEXT
    assert old in text
    path = _write(tmp_path, "leaky-relu.yaml", text.replace(old, new, 1))
    with pytest.raises(DefinitionError) as error:
        load_one(path)
    message = str(error.value)
    assert "leaky-relu.yaml" in message
    assert expected in message


def test_unequal_translations_are_reported(tmp_path: Path) -> None:
    text = EXEMPLAR_TEXT
    old = '      - "与 ReLU 一样便宜：一次比较加一次乘法。"\n'
    assert old in text
    path = _write(tmp_path, "leaky-relu.yaml", text.replace(old, ""))
    with pytest.raises(DefinitionError, match=r"prose\.pros.*en has 3 items but zh has 2"):
        load_one(path)


def test_invalid_yaml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.yaml", "slug: [unclosed\n")
    with pytest.raises(DefinitionError, match=r"broken\.yaml: line 2: not valid YAML: "):
        load_one(path)


def test_alias_colliding_with_a_slug_is_reported(tmp_path: Path) -> None:
    text = EXEMPLAR_TEXT
    _write(tmp_path, "leaky-relu.yaml", text)
    other = text.replace("slug: leaky-relu", "slug: other-relu").replace("aliases: [leakyrelu, lrelu]", "aliases: [leaky-relu]")
    _write(tmp_path, "other-relu.yaml", other)
    with pytest.raises(DefinitionError, match=r"other-relu\.yaml: aliases: 'leaky-relu' is already used by 'leaky-relu'"):
        load_all(tmp_path)


def test_failed_generation_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    activations = tmp_path / "activations"
    shutil.copytree(ROOT / "activations", activations)
    bad = (activations / "leaky-relu.yaml").read_text(encoding="utf-8").replace("alpha*x", "gamma*x")
    (activations / "leaky-relu.yaml").write_text(bad, encoding="utf-8")
    docs, plots = generate_into(monkeypatch, activations, tmp_path)
    with pytest.raises(DefinitionError, match=r"leaky-relu\.yaml: math\.function: unknown name\(s\) gamma"):
        build.generate()
    assert not docs.exists()
    assert not plots.exists()


def _small_project(folder: Path, function: str | None = None) -> Path:
    """A project folder with leaky-relu alone (its snippet too) and a copy of i18n/, for `actsite check` to run in."""
    (folder / "activations" / "code").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "i18n", folder / "i18n")
    shutil.copy(ROOT / "activations" / "code" / "leaky-relu.py", folder / "activations" / "code" / "leaky-relu.py")
    text = (ROOT / "activations" / "leaky-relu.yaml").read_text(encoding="utf-8")
    if function is not None:
        old = "  function: Piecewise((x, x >= 0), (alpha*x, True))\n"
        assert old in text
        text = text.replace(old, f"  function: {function}\n")
    (folder / "activations" / "leaky-relu.yaml").write_text(text, encoding="utf-8")
    return folder


def _check(folder: Path) -> subprocess.CompletedProcess[str]:
    # A hang would end at the timeout (a failure, not a timing): the check must finish on bad input too.
    return subprocess.run([sys.executable, "-m", "actsite.cli", "check"], cwd=folder, capture_output=True, text=True, timeout=120, check=False)


def test_a_repeated_key_in_an_i18n_file_fails_the_check_with_file_and_line(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    with (project / "i18n" / "ui.zh.yaml").open("a", encoding="utf-8") as ui:
        ui.write("formula: 公式（重复）\n")
    line = len((project / "i18n" / "ui.zh.yaml").read_text(encoding="utf-8").splitlines())
    result = _check(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"i18n/ui.zh.yaml: line {line}: key 'formula' appears twice: keep one" in (result.stdout + result.stderr).splitlines()


@pytest.mark.parametrize(("function", "x"), [("exp(exp(exp(x)))", "1.9"), ("exp(-exp(exp(exp(x))))", "1.9"), ("x*cosh(cosh(cosh(x)))**40", "-4")])
def test_a_function_that_overflows_fails_the_check_in_one_line(tmp_path: Path, function: str, x: str) -> None:
    # exp(−exp(exp(eˣ))) is finite (0) in float64 but overflows on the way; mpmath alone would never finish it.
    result = _check(_small_project(tmp_path, function))
    output = (result.stdout + result.stderr).splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in output if line.startswith("activations/leaky-relu.yaml: math.function: f overflows float64 at x = ")] == [
        f"activations/leaky-relu.yaml: math.function: f overflows float64 at x = {x} at the default parameters (a value on the way exceeds 1.8e308): "
        "f and what it is computed from must stay within float64 on the plot range [-4, 4]"
    ]
