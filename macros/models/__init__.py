"""Models: tables, charts, cards and sentences as plain values, made from checked data.

Above `data` and `formats`; below `render` (no HTML is made here)."""
