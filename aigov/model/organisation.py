"""The organisation record (`organisation.yaml` at the repository root): portfolio-wide GOVERN
controls — policies, committees, training — that hold for every system, so each record need not
repeat them. The same control model as a record's."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from aigov import SCHEMA_VERSION
from aigov.model.base import Base, F, L
from aigov.model.controls import Control


class Organisation(Base):
    """The organisation that runs the portfolio, and its portfolio-wide controls."""

    schema_version: Literal[1] = Field(
        description="Version of the aigov record format. Write 1.", examples=[SCHEMA_VERSION]
    )
    name: str = Field(
        description="The organisation's name.", examples=["Northwind Mutual"], min_length=1
    )
    summary: str | None = F(
        "What the organisation-wide controls are, in one sentence.",
        "Group AI policy, the AI risk committee and staff training, for every AI system.",
    )
    controls: list[Control] = L(
        "GOVERN controls that hold for every system (each cites GOVERN subcategories only).",
        title="Organisation-wide controls",
    )
