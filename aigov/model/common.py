"""Small parts shared by several sections: evidence, links and people."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, field_validator

from aigov.model.base import Base, F


def check_link(value: str, *, allow_relative: bool) -> str:
    lowered = value.strip().lower()
    if lowered.startswith(("http://", "https://")):
        if " " in value.strip():
            raise ValueError("a URL cannot contain spaces")
        return value
    if lowered.startswith("mailto:"):
        return value
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        raise ValueError("only http(s) and mailto links are allowed")
    if not allow_relative:
        raise ValueError("must be an http(s) URL")
    return value


class Evidence(Base):
    """A document that backs a claim: a file in the governance repo, or a URL."""

    title: str = Field(
        description="What the evidence is.", examples=["Red-team report, March 2026"]
    )
    path: str | None = F(
        "A path relative to the governance repository root, for files kept next to the records.",
        "evidence/support-copilot/redteam-2026-03.pdf",
    )
    url: str | None = F(
        "An http(s) link to the evidence (never fetched by aigov).",
        "https://wiki.example.com/ai/redteam-42",
    )
    date: dt.date | None = F("When the evidence was produced (YYYY-MM-DD).", "2026-03-14")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_link(v, allow_relative=False)

    @field_validator("path")
    @classmethod
    def _path(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if v.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", v):
            raise ValueError("must be relative to the governance repository, not an absolute path")
        if ".." in re.split(r"[\\/]", v):
            raise ValueError("must stay inside the governance repository ('..' is not allowed)")
        return v


class Link(Base):
    title: str = Field(description="Link text.", examples=["Design doc"])
    url: str = Field(
        description="http(s) or mailto link, or a relative path.",
        examples=["https://wiki.example.com/ai/support-copilot"],
    )

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return check_link(v, allow_relative=True)


class Person(Base):
    name: str = Field(description="Full name.", examples=["Priya Raman"])
    contact: str | None = F("Email or team channel.", "priya.raman@example.com")
    role: str | None = F("Role in relation to the system.", "Product manager")
