"""Reading and checking data: typed schema, CSV parsing, row checks, formulas, the catalogue.

The lowest layer above `formats`: it imports nothing from `models`, `render`,
`outputs` or `pages` (tests/kod/test_layers.py holds every layer to that)."""
