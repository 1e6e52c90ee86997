"""Experience design: confidence, editing, grounding, fallbacks, expectations."""

from __future__ import annotations

from aigov.model.base import Base, F


class Experience(Base):
    confidence_cues: str | None = F(
        "How uncertainty is shown to users.", "Low-confidence drafts are marked and collapsed"
    )
    editable_outputs: str | None = F(
        "How users edit or correct outputs.", "Draft opens in the editor; nothing is sent unedited"
    )
    source_grounding: str | None = F(
        "How sources are shown (or why not).",
        "Each paragraph links the help-centre article it came from",
    )
    fallbacks: str | None = F(
        "What happens when the system is unsure.",
        "No draft; suggests the top three articles instead",
    )
    expectation_setting: str | None = F(
        "How users learn what it can and cannot do.",
        "Onboarding card and a 'what this can't do' link",
    )
    ai_disclosure: str | None = F(
        "How people are told they are dealing with AI.", "Agents see an 'AI draft' label"
    )
