"""Pure domain model: records, catalogues and rules. Imports nothing else of ours."""
