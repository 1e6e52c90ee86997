"""aigov: responsible-AI governance as docs-as-code."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
