"""Shared components: a model, dataset or vendor defined once in `components/<id>.yaml` and
referenced by id from any number of records (`uses:`). A component file is one of three
kinds, told apart by `type`; a model component holds the same fields as a record's
`approach.components` item, so it gets the same model card."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, RootModel

from aigov.model.approach import ModelComponent
from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Link, Person
from aigov.model.data import DataSource


class ModelComponentFile(ModelComponent):
    """A model shared by several systems; its model card is rendered from these fields."""

    schema_version: Literal[1] = Field(
        description="Version of the aigov component format. Write 1."
    )
    type: Literal["model"] = Field(description="model, dataset or vendor.")
    summary: str | None = F("One sentence: what the component is.")


class DatasetComponentFile(DataSource):
    """A dataset shared by several systems."""

    schema_version: Literal[1] = Field(
        description="Version of the aigov component format. Write 1."
    )
    type: Literal["dataset"] = Field(description="model, dataset or vendor.")
    summary: str | None = F("One sentence: what the component is.")
    version: str | None = F('Version or snapshot of the dataset (quote it: "2026.1").', "2026-q3")


class VendorComponentFile(Base):
    """A vendor several systems buy from."""

    schema_version: Literal[1] = Field(
        description="Version of the aigov component format. Write 1."
    )
    type: Literal["vendor"] = Field(description="model, dataset or vendor.")
    id: str = Field(description="Short slug; must match the file name.", pattern=SLUG)
    name: str = Field(description="The vendor's name.", examples=["Anthropic"])
    summary: str | None = F("What the vendor provides.")
    version: str | None = F("Contract or terms version.", "MSA 2026-01")
    country: str | None = F("Where the vendor is established.", "US")
    data_processing_agreement: bool | None = F("Is a data processing agreement signed?", True)
    contacts: list[Person] = L("Who to contact at the vendor.")
    references: list[Link] = L("Contract, security review, terms.")


SharedComponent = Annotated[
    ModelComponentFile | DatasetComponentFile | VendorComponentFile, Field(discriminator="type")
]


class ComponentFile(RootModel[SharedComponent]):
    """One file in components/: a shared model, dataset or vendor."""


class ComponentUse(Base):
    """A shared component this system uses, by id."""

    component: str = Field(
        description="Id of a shared component (components/<id>.yaml).",
        examples=["claims-llm"],
        pattern=SLUG,
    )
    role: str | None = F("What the component does in this system.", "Scores incoming claims")
    version: str | None = F(
        "The component version this system was validated with, when it pins one.", "3.1"
    )
