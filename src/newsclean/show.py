"""The old home of the inspection page, kept so `newsclean.show.render(doc)` still works.

The page now lives in `newsclean.render` (`to_html(doc, title=None)`); import it from there.
"""
from newsclean.render.report import KIND_COLOURS, MERGED_FIELDS, to_html as render

__all__ = ["render", "KIND_COLOURS", "MERGED_FIELDS"]
