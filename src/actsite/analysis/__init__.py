"""Analysis: properties, samples and cost computed from a loaded definition."""
