"""Generator of the activation functions reference site."""
