"""Use cases shared by the GUI and beratung-admin."""
