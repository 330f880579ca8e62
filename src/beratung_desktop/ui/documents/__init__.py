"""Documents of a client and the deadlines they set: the client page's tab, the viewer, the start page's list."""
