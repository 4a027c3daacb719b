r"""Simple inline formulas as plain HTML text: `g_f`, `\alpha`, `q_0 = 1`, `\log_{10} q_l`, `10^{\pm 12}`.

KaTeX draws each inline formula as nested boxes (about 25 elements for `g_f`, with its MathML), and a
page's first style and layout pass pays for every one: on an activation page the inline symbols of the
#initialization section alone held a third of the page's elements. A formula made only of letters,
digits, Greek letters, a few operators and sub/superscripts is written here as text instead: italic
letters in `<var>`, scripts in `<sub>` / `<sup>`, upright digits and operators, in KaTeX's own fonts
(extra.css), with TeX's spacing around relations and binary operators. Anything else (fractions, roots,
`\left`, `\text`, environments, an unknown command) returns None and stays KaTeX's, as do all display
formulas. The TeX source stays the one definition; this is only another way of drawing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters KaTeX sets italic (lower-case Greek) and upright (upper-case Greek), as Unicode.
GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
}  # fmt: skip
UPPER_GREEK = {"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω"}
OPERATOR_NAMES = {"log", "ln", "exp", "max", "min", "sin", "cos", "tanh"}  # upright, a thin space before what follows
SYMBOLS = {  # command → (text, TeX atom class)
    "pm": ("±", "bin"), "mp": ("∓", "bin"), "cdot": ("⋅", "bin"), "times": ("×", "bin"),
    "le": ("≤", "rel"), "leq": ("≤", "rel"), "ge": ("≥", "rel"), "geq": ("≥", "rel"), "ne": ("≠", "rel"), "neq": ("≠", "rel"),
    "approx": ("≈", "rel"), "to": ("→", "rel"), "infty": ("∞", "ord"),
}  # fmt: skip
CHARACTERS = {"+": ("+", "bin"), "-": ("−", "bin"), "*": ("∗", "bin"), "=": ("=", "rel"), "<": ("&lt;", "rel"), ">": ("&gt;", "rel"),
              "(": ("(", "open"), "[": ("[", "open"), ")": (")", "close"), "]": ("]", "close"), "/": ("/", "ord"), ",": (",", "punct")}  # fmt: skip
THICK, MEDIUM, THIN = "\u2005", "\u2005", "\u2006"  # TeX's 5/18, 4/18 and 3/18 em, as the nearest Unicode spaces
PIECE = re.compile(r"\\[A-Za-z]+|[A-Za-z]|[0-9.]+|\s+|.", re.DOTALL)


class NotSimpleError(Exception):
    """The formula needs KaTeX."""


@dataclass
class Atom:
    """One piece of the formula: its HTML and its TeX class (ord, op, bin, rel, open, close, punct)."""

    html: str
    kind: str


class _Reader:
    """A cursor over the formula's tokens."""

    def __init__(self, tex: str) -> None:
        self.tokens = [piece for piece in PIECE.findall(tex) if not piece.isspace()]
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        piece = self.peek()
        if piece is None:
            raise NotSimpleError
        self.position += 1
        return piece


def plain_formula(tex: str) -> str | None:
    """The formula as HTML text when it is simple (see the module's docstring), else None."""
    reader = _Reader(tex)
    try:
        atoms = _atoms(reader, closing=None, script=False)
    except NotSimpleError:
        return None
    if not atoms:
        return None
    return f'<span class="math-text">{_join(atoms, script=False)}</span>'


def _atoms(reader: _Reader, closing: str | None, *, script: bool) -> list[Atom]:
    """Atoms up to `closing` (`}` of a group) or the end, each with its scripts attached."""
    atoms: list[Atom] = []
    while (piece := reader.peek()) is not None:
        if piece == closing:
            reader.take()
            return atoms
        if piece in ("_", "^", "'"):
            if not atoms:
                raise NotSimpleError  # a script with no base
            _attach_script(reader, atoms[-1])
            continue
        atoms.append(_atom(reader, script=script))
    if closing is not None:
        raise NotSimpleError  # an unclosed group
    return atoms


def _atom(reader: _Reader, *, script: bool) -> Atom:
    """The atom starting at the cursor (a letter, a number, a command, a character or a braced group)."""
    piece = reader.take()
    if piece == "{":
        return Atom(_join(_atoms(reader, closing="}", script=script), script=script), "ord")
    if piece.startswith("\\"):
        name = piece[1:]
        if name in GREEK:
            return Atom(f"<var>{GREEK[name]}</var>", "ord")
        if name in UPPER_GREEK:
            return Atom(UPPER_GREEK[name], "ord")
        if name in OPERATOR_NAMES:
            return Atom(name, "op")
        if name in SYMBOLS:
            return Atom(*SYMBOLS[name])
        raise NotSimpleError  # \frac, \sqrt, \left, \text, … : KaTeX's
    if piece.isalpha() and piece.isascii():
        return Atom(f"<var>{piece}</var>", "ord")
    if piece[0].isdigit() or piece == ".":
        return Atom(piece, "ord")
    if piece in CHARACTERS:
        return Atom(*CHARACTERS[piece])
    raise NotSimpleError


def _attach_script(reader: _Reader, base: Atom) -> None:
    """Add the subscript, superscript or prime at the cursor to `base`."""
    piece = reader.take()
    if piece == "'":
        base.html += "′"
        return
    script = _atom(reader, script=True)
    if script.kind not in ("ord", "bin"):
        raise NotSimpleError
    tag = "sub" if piece == "_" else "sup"
    base.html += f"<{tag}>{script.html}</{tag}>"


def _join(atoms: list[Atom], *, script: bool) -> str:
    """The atoms' HTML with TeX's spacing between them (none inside scripts but after an operator name)."""
    out = []
    previous: Atom | None = None
    for atom in atoms:
        kind = atom.kind
        if kind == "bin" and (previous is None or previous.kind in ("bin", "rel", "open", "punct", "op")):
            kind = "ord"  # a unary sign
        if previous is not None:
            out.append(_space(previous.kind, kind, script))
        out.append(atom.html)
        previous = Atom(atom.html, kind)
    return "".join(out)


def _space(left: str, right: str, script: bool) -> str:
    """The space TeX puts between two atoms of these classes (text style; in scripts only after an operator)."""
    if left == "op" and right in ("ord", "op"):
        return THIN
    if script:
        return ""
    if left == "open" or right in ("close", "punct"):
        return ""
    if "rel" in (left, right) and left != right:
        return THICK
    if "bin" in (left, right):
        return MEDIUM
    if left == "punct":
        return THIN
    return ""
