"""The one description of the record model: field and section titles, and the dotted-path grammar.

Submodules: `paths` (dotted paths with list items by id), `titles` (field and section titles).
"""
