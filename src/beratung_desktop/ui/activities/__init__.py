"""activities widgets."""
