"""The logic of every rule, one module per part of the record. Importing this package
registers them all (see `aigov.checks.registry.check`)."""

from . import (
    data,
    design,
    governance,
    impact,
    launch,
    measurement,
    obligations,
    operations,
    review,
    use_case,
)

__all__ = [
    "data",
    "design",
    "governance",
    "impact",
    "launch",
    "measurement",
    "obligations",
    "operations",
    "review",
    "use_case",
]
