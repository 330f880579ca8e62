"""The encrypted store: the only place with SQL and with the database key."""
