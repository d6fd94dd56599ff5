"""Steps for the engines that corpora are built with, each an optional extra:

- `newsclean.integrations.datatrove`: `NewscleanExtractor`, a datatrove extractor (from a
  checkout: `pip install -e '.[datatrove]'`); what it stores of a page is
  `newsclean.integrations.extracted`'s, which needs no engine.

Spark, Dask and the like need no module of ours: examples/ has a script for each, which
docs/scaling.md shows.
"""
