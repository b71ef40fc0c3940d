"""The project's own seeded data generators, shared by exercises, solutions and graders.

Committed code instead of downloads: the same seed gives the same data on every machine, and
what an exercise is given (a cohort, an image) lives here once instead of in each stub and
solution. One module per kind of data; import from the module, e.g.
``from autograde.datasets.imaging import synthetic_chest_xray``: this package imports nothing
itself, so a unit pays only for the libraries its data needs.
"""
