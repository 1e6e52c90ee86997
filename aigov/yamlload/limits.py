"""The loader's limits: what a record file may be at most, before and after alias expansion."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
RECORD = "record"  # the default `kind` of file being loaded, named in messages
MAX_EXPANDED_CHARS = 2 * MAX_BYTES  # text after alias expansion; without aliases it is <= the file
SAFE_COMPOSE_DEPTH = 2_000  # libyaml composes this deep without trouble; we then stop at MAX_DEPTH
PRESCAN_FROM = 256 * 1024  # a file this small cannot hold MAX_NODES values without aliases
MAX_INT_DIGITS = 4000  # Python refuses to convert longer decimal strings (CVE-2020-10735 limit)
