"""appointments widgets."""
