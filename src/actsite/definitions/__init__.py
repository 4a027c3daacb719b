"""Definitions: the model of an activation file, strict YAML reading, its math parsed, load-time checks."""
