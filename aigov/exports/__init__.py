"""The compliance documents aigov exports (Annex IV file, FRIA, EU database entry, …): typed
`ExportDocument` values built by pure functions from a loaded record, its check summary and
obligations report (`build.py`, one module per kind), rendered to Markdown, HTML, PDF, DOCX and
JSON (`render.py`) with a published schema per kind (`schema.py`)."""
