"""consultations widgets."""
