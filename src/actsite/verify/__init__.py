"""Verify: framework references (PyTorch) and HTML validation, used by `actsite check` and the tests."""
