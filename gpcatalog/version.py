"""The package version, in one place: the build reads it from here (``[tool.hatch.version]``) and so does
:data:`gpcatalog.__version__`; pilot extensions declare the core versions they work with against it."""

__version__ = "0.1.0"
