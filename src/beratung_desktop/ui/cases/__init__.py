"""cases widgets."""
