"""What editors show for the record schema's closed vocabularies and list items.

The YAML language server (and VS Code's JSON language service) read non-standard keywords next
to the standard ones: `markdownDescription` (hover text, Markdown), `enumDescriptions` and
`markdownEnumDescriptions` (one entry per `enum` value, same order; shown on hover and in
completion) and `defaultSnippets` (completion templates, `${1:placeholder}` tab stops). Draft-07
validators ignore unknown keywords, so the schema stays a valid draft-07 schema.

ENUM_DOCS says what a value means where its name alone does not; every other value is described
by its label (`human_in_the_loop` → "Human in the loop").
"""

from __future__ import annotations

ENUM_DOCS: dict[str, dict[str, str]] = {
    "EURole": {
        "provider": "Develops the system or has it developed and places it on the market (Art. 3(3)).",
        "deployer": "Uses the system under its authority (Art. 3(4)).",
        "importer": "Brings a system from outside the EU onto the EU market (Art. 3(6)).",
        "distributor": "Makes the system available in the supply chain (Art. 3(7)).",
        "product_manufacturer": "Places an Annex I product with the AI system on the market under its own name (Art. 25(3)).",
        "authorised_representative": "Acts in the EU for a provider established outside it (Art. 22).",
        "gpai_model_provider": "Provides a general-purpose AI model (Art. 53).",
        "gpai_model_provider_systemic_risk": "Provides a general-purpose AI model with systemic risk (Art. 53, Art. 55).",
    },
    "Art25Situation": {
        "own_name_or_trademark": "You put your name or trademark on a high-risk system already on the market (Art. 25(1)(a)).",
        "substantial_modification": "You substantially modified a high-risk system (Art. 25(1)(b)).",
        "changed_intended_purpose": "You changed the intended purpose so that the system became high-risk (Art. 25(1)(c)).",
    },
    "Stakeholder.kind": {
        "direct": "Uses the system or receives its outputs.",
        "indirect": "Affected by the system's outputs without using it.",
    },
    "Stage": {
        "idea": "Proposed; nothing built yet.",
        "feasibility": "A time-boxed sprint answers whether it can work and is worth building.",
        "mvp": "A minimum viable version proves the value with a small group.",
        "pilot": "Real use by a limited group, with extra oversight.",
        "production": "In general use.",
        "retired": "Switched off; the record stays for the audit trail.",
    },
    "Autonomy": {
        "copilot": "Suggests; a person decides and acts.",
        "autopilot": "Acts on its own; people supervise or handle exceptions.",
    },
    "Strategy": {
        "buy": "A vendor's product or API, used as is.",
        "build": "Built in-house.",
        "blend": "Bought components combined with in-house work (prompts, retrieval, fine-tuning).",
    },
    "OversightMode": {
        "human_in_the_loop": "A person approves every output before it takes effect.",
        "human_on_the_loop": "Outputs take effect; a person monitors and can intervene.",
        "human_in_command": "People decide when and how the system is used at all.",
        "none": "No human oversight.",
    },
    "EUTier": {
        "prohibited": "A practice banned by Art. 5 of the EU AI Act.",
        "high": "High-risk (Art. 6, Annex I or III): the Chapter III obligations apply.",
        "limited": "Transparency obligations only (Art. 50).",
        "minimal": "No specific obligations under the EU AI Act.",
    },
    "RiskTier": {
        "low": "Little potential for harm; light-touch governance.",
        "medium": "Some potential for harm; standard reviews.",
        "high": "Significant potential for harm; full reviews and sign-offs.",
        "critical": "Severe potential for harm; the strictest controls and senior sign-off.",
    },
    "ControlStatus": {
        "planned": "Agreed, not started.",
        "in_progress": "Being put in place.",
        "implemented": "In place.",
        "verified": "In place and its effect checked (a test, an audit).",
    },
    "Direction": {
        "higher_is_better": "The result passes when value ≥ threshold.",
        "lower_is_better": "The result passes when value ≤ threshold.",
    },
    "GateDecision": {
        "go": "Cleared to proceed.",
        "go_with_conditions": "Cleared, provided the listed conditions are met.",
        "no_go": "Not cleared.",
        "pending": "Not decided yet.",
    },
    "FeasibilityDecision": {
        "go": "Worth building: proceed to an MVP.",
        "no_go": "Stop: it cannot work or is not worth it.",
        "pivot": "Continue with a changed problem or approach.",
        "pending": "The sprint has not concluded.",
    },
    "ReviewDecision": {
        "approved": "Approved as recorded.",
        "approved_with_conditions": "Approved, provided the listed conditions are met.",
        "rejected": "Not approved.",
    },
    "ConditionStatus": {
        "open": "Still to be met.",
        "met": "Met; the note says how.",
        "waived": "Dropped by the reviewer; the note says why.",
    },
    "FindingStatus": {
        "open": "Not addressed yet.",
        "mitigated": "Reduced by a control; the residual risk remains.",
        "accepted": "Risk knowingly accepted by its owner.",
        "closed": "Resolved; nothing left to do.",
    },
    "Visibility": {
        "public": "May be published outside the organisation.",
        "internal": "For people inside the organisation only.",
        "confidential": "For the named reviewers only; left out of internal builds too.",
    },
    "RetrainTrigger": {
        "scheduled": "Retrained on a fixed schedule.",
        "drift_threshold": "Retrained when monitored drift crosses its threshold.",
        "scheduled_and_drift": "On the schedule, and earlier when drift crosses its threshold.",
        "manual": "Retrained when someone decides to.",
    },
    "ValidationRoute": {
        "offline_eval": "Evaluated on held-out data before release.",
        "shadow": "Runs alongside the current process; its outputs are not used.",
        "ab_test": "A share of traffic gets the new version; outcomes are compared.",
        "canary": "A small share of traffic first, widened when healthy.",
        "staged_rollout": "Released group by group.",
        "human_review": "People review outputs before release.",
    },
    "ComponentSource": {
        "api": "Called as a hosted API.",
        "open_weights": "Openly released weights, run by us.",
        "fine_tuned": "A base model we fine-tuned.",
        "in_house": "Designed and trained by us.",
        "vendor_product": "Part of a vendor's product.",
    },
    "LegalBasis": {
        "consent": "GDPR Art. 6(1)(a): the person consented.",
        "contract": "GDPR Art. 6(1)(b): needed for a contract with the person.",
        "legal_obligation": "GDPR Art. 6(1)(c): required by law.",
        "vital_interests": "GDPR Art. 6(1)(d): protects someone's life.",
        "public_task": "GDPR Art. 6(1)(e): a task in the public interest.",
        "legitimate_interests": "GDPR Art. 6(1)(f): legitimate interests, balanced.",
        "not_personal_data": "No personal data is processed.",
    },
}
