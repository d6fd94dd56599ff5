"""Steps for the engines that corpora are built with, each an optional extra:

- `newsclean.integrations.datatrove`: a datatrove pipeline step
  (`pip install 'newsclean[datatrove]'`).

Spark, Dask and the like need no module of ours: docs/scaling.md shows each in a few lines.
"""
