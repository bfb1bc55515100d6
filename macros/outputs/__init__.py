"""Outputs: the files the build writes beside the pages (CSV downloads, the data
package, the chart theme script), all made from typed values, never from display text.

Above `render`; below `pages`. Written by `write_site_outputs`, which both
generators reach (see macros/__init__.py)."""
