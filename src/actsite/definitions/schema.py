"""Publish the definition model as JSON Schema (`schema/activation.schema.json`) for editors.

`python -m actsite.definitions.schema --write` regenerates the file; a test fails when it is out of date.
"""

from __future__ import annotations

import json
import sys

from actsite.definitions.load import ROOT
from actsite.definitions.model import Activation

SCHEMA_PATH = ROOT / "schema" / "activation.schema.json"


def schema_text() -> str:
    """The JSON Schema of an activation definition, as canonical JSON text."""
    schema = Activation.model_json_schema()
    # The loader fills in the slug from the file name: a file may leave it out.
    schema["required"] = [name for name in schema["required"] if name != "slug"]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "activation.schema.json"
    schema["title"] = "Activation function definition"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(arguments: list[str]) -> int:
    """Write the schema with `--write`; otherwise exit 1 if the committed file is out of date."""
    text = schema_text()
    if "--write" in arguments:
        SCHEMA_PATH.parent.mkdir(exist_ok=True)
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
        return 0
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    if current != text:
        print(f"{SCHEMA_PATH.relative_to(ROOT)} is out of date: run `make fix-schema`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
