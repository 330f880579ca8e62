"""The client's rights on screen: consent status, erasure, access export, retention review, audit log."""
