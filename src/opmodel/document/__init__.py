"""The operating-model document: schema, references, validation and YAML/JSON text."""

from opmodel.document.io import dumps, loads, validate_data
from opmodel.document.model import API_VERSION, OperatingModel
from opmodel.document.problems import DocumentError, Problem

__all__ = [
    "API_VERSION",
    "DocumentError",
    "OperatingModel",
    "Problem",
    "dumps",
    "loads",
    "validate_data",
]
