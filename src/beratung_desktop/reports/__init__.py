"""Printed documents and figure tables, rendered in memory with reportlab (no Qt)."""
