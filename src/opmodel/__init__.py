"""opmodel: a workbench for designing, planning and running an IT operating model."""

__version__ = "0.1.0"
