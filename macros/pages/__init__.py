"""The pages' side: one build per generator run, the authors' macros, the report list.

The top layer: it may import every layer below (`outputs`, `render`, `models`,
`data`, `formats`); only macros/__init__.py (the generator glue) imports it."""
