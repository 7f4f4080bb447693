"""Badges on paper: what a badge shows, its layouts, and the painter that draws it onto a PDF
file, a printer or a preview image.

`content`, `jobs`, `revisions` and `print_log` import no Qt; `layout`, `render`, `printer`
and `preview` do.
"""
