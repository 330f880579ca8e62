"""Export packages, enrollment files and receipts exchanged with the organisation as files (no Qt, no SQL)."""
