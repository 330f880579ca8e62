"""consents widgets."""
