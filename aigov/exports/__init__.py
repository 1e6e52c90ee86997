"""Exports: a record turned into another organisation's published format."""
