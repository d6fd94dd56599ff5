"""newsclean's benchmarks: quality against annotated corpora, and speed, beside peers.

    python -m benchmarks.quality --corpus DIR [--track text|html] [--json]
    python -m benchmarks.speed [--corpus DIR] [--passes N]
    python -m benchmarks.report ...   (the tables and chart of docs/benchmarks.md)

Modules: corpus (reading a corpus folder in place), scoring (the metric: a copy of
shared/tools/score.py with totals over pages), prediction (the output shape), systems (newsclean
and the baselines), peers (other extractors, from the optional `bench` extra), quality, speed,
report. See docs/benchmarks.md.
"""
