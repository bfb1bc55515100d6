"""Rendering: autoescaping Jinja templates, the only place HTML is made.

Above `models`; below `outputs` and `pages`."""
