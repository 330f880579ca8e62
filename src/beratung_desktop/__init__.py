"""Beratung Desktop: offline, encrypted case management for migration counselling offices."""

__version__ = "0.1.0"
