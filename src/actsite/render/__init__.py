"""Render: Markdown pages, catalogue pages, plots and the JSON/CSV export from definitions and analysis."""
