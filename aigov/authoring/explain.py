"""`aigov explain FIELD`: what a record field means, its type, allowed values, an example and
which rules need it. Everything comes from the record model and the rule registry."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from aigov.authoring import yamltext
from aigov.authoring.fields import (
    FieldDoc,
    all_fields,
    field_doc,
    model_fields,
    normalise_path,
    suggest,
)
from aigov.catalog import Subcategory, nist
from aigov.model import Record
from aigov.obligations.citations import citation_id, cited_ids
from aigov.obligations.text import Obligation, Provision, TextVersion, act, citation_of

NIST_FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")


class UnknownField(LookupError):
    """`path` is no field; `matches` are the fields that name means (`threshold` →
    evaluations.results.threshold, …), `suggestions` close spellings when nothing matches."""

    def __init__(self, path: str, suggestions: list[str], matches: list[FieldDoc] | None = None):
        super().__init__(path)
        self.path = path
        self.suggestions = suggestions
        self.matches = matches or []


@dataclass(frozen=True)
class RuleRef:
    id: str
    title: str
    severity: str
    stages: tuple[str, ...]
    reads: str  # the field path the rule names
    direct: bool  # the rule reads this very field (not only something inside it)


@dataclass
class Explanation:
    doc: FieldDoc
    example: str
    children: list[FieldDoc]
    rules: list[RuleRef] | None  # None: the rule registry is not available
    nist: list[Subcategory] = field(default_factory=list)
    namesakes: list[str] = field(default_factory=list)  # other fields with the same name

    def to_dict(self) -> dict[str, Any]:
        d = self.doc
        return {
            "field": d.path,
            "description": d.description,
            "type": d.type_label,
            "required": d.required,
            "list": d.is_list,
            "allowed": list(d.choices),
            "constraints": dict(d.constraints),
            "example": self.example,
            "fields": [
                {
                    "name": c.name,
                    "type": c.type_label,
                    "required": c.required,
                    "description": c.description,
                }
                for c in self.children
            ],
            "rules": None
            if self.rules is None
            else [
                {
                    "id": r.id,
                    "title": r.title,
                    "severity": r.severity,
                    "stages": list(r.stages),
                    "reads": r.reads,
                    "direct": r.direct,
                }
                for r in self.rules
            ],
            "nist": [
                {"id": s.id, "function": s.function, "category": s.category_id, "text": s.text}
                for s in self.nist
            ],
            "same_name": list(self.namesakes),
        }


def named(word: str) -> list[FieldDoc]:
    """Every field whose name is `word` or has it as one of its words (`legal` →
    data.legal_basis, …), in the record's order. Only for a single name, not a dotted path."""
    wanted = word.strip().lower().replace("-", "_").replace(" ", "_")
    if not wanted or "." in wanted:
        return []
    exact = [d for d in all_fields() if d.name == wanted]
    parts = [d for d in all_fields() if d.name != wanted and wanted in d.name.split("_")]
    if not exact and not parts:  # a typo: the fields of the closest name (`threshhold`)
        names = sorted({d.name for d in all_fields()})
        close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
        exact = [d for d in all_fields() if close and d.name == close[0]]
    return exact + parts


def explain(path: str, *, with_nist: bool = False) -> Explanation:
    doc = field_doc(path)
    if doc is None:
        matches = named(path)
        if len(matches) == 1:
            doc = matches[0]
        else:
            raise UnknownField(path, [] if matches else suggest(path), matches)
    nist_items: list[Subcategory] = []
    if with_nist:
        parts = doc.path.split(".")
        function = parts[1] if parts[0] == "controls" and len(parts) > 1 else None
        nist_items = nist_subcategories(function)
    namesakes = [d.path for d in all_fields() if d.name == doc.name and d.path != doc.path]
    return Explanation(
        doc, example_for(doc), doc.children(), rules_for(doc.path), nist_items, namesakes
    )


def top_level() -> list[FieldDoc]:
    return list(model_fields(Record))


def nist_subcategories(function: str | None = None) -> list[Subcategory]:
    catalog = nist()
    if function:
        return catalog.by_function(function)
    return list(catalog.subcategories)


def nist_lookup(text: str) -> Subcategory | None:
    """'measure 2.11' / 'MEASURE-2.11' → the subcategory, if `text` names one."""
    wanted = " ".join(text.replace("-", " ").split()).upper()
    return nist().get(wanted)


@dataclass(frozen=True)
class ArticleExplanation:
    """An EU AI Act article or point from aigov/data/eu-ai-act.yaml, its obligations and the
    rules that cite it."""

    provision: Provision
    text: TextVersion
    obligations: tuple[Obligation, ...]
    rules: tuple[tuple[str, str], ...]  # (rule id, title)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.provision.id,
            "citation": self.provision.citation,
            "title": self.provision.title,
            "text": {"id": self.text.id, "title": self.text.short, "source": self.text.source},
            "obligations": [
                {
                    "id": o.id,
                    "citation": citation_of(o.article),
                    "title": o.title,
                    "roles": [r.value for r in o.roles],
                    "condition": o.condition,
                    "applies_from": {
                        route: {"date": d.date.isoformat(), "set_by": citation_of(d.article)}
                        for route, d in o.applies_from.items()
                    },
                    "grace": None
                    if o.grace is None
                    else {
                        "placed_before": o.grace.placed_before.date.isoformat(),
                        "until": o.grace.until.date.isoformat(),
                        "article": citation_of(o.grace.article),
                    },
                    "evidence": list(o.evidence),
                    "summary": o.summary,
                }
                for o in self.obligations
            ],
            "rules": [{"id": rid, "title": title} for rid, title in self.rules],
        }


def article_lookup(text: str) -> ArticleExplanation | None:
    """'art-27', 'Art. 27', 'Article 26(6)', 'annex-iii-5-c' → the article and its obligations."""
    wanted = text.strip().lower()
    ident = wanted if wanted in act().provisions else citation_id(text.strip())
    provision = act().provision(ident) if ident else None
    if provision is None:
        return None
    pid = provision.id
    obligations = tuple(
        o for o in act().obligations if o.article == pid or o.article.startswith(pid + "-")
    )
    from aigov.checks.registry import all_rules

    rules = tuple(
        (r.id, r.title)
        for r in all_rules()
        if any(i == pid or i.startswith(pid + "-") for ref in r.eu_ai_act for i in cited_ids(ref))
    )
    return ArticleExplanation(provision, act().version, obligations, rules)


# --- rules ----------------------------------------------------------------------------------


def expand_pattern(pattern: str) -> list[str]:
    """A rule's field pattern ('controls.*.*.evidence') as plain field paths: `*` after a list
    stands for its items (dropped), after a section for each of its fields."""
    current = [""]
    for part in pattern.split("."):
        nxt: list[str] = []
        for prefix in current:
            if part != "*":
                nxt.append(f"{prefix}.{part}" if prefix else part)
                continue
            doc = field_doc(prefix) if prefix else None
            if doc is not None and doc.is_list:
                nxt.append(prefix)
            elif doc is not None and doc.model is not None:
                nxt.extend(c.path for c in doc.children())
        current = nxt
    return [p for p in current if field_doc(p) is not None]


def rules_for(path: str) -> list[RuleRef] | None:
    """Rules whose metadata names this field, or a field inside it."""
    try:
        from aigov.checks.registry import all_rules

        rules = all_rules()
    except Exception:  # the rule registry is missing or broken: explain still works
        return None
    wanted = normalise_path(path)
    out = []
    for rule in rules:
        matches = [
            (reads, plain)
            for reads in rule.fields
            for plain in expand_pattern(reads)
            if plain == wanted or plain.startswith(wanted + ".")
        ]
        if matches:
            direct = any(plain == wanted for _, plain in matches)
            reads = next((r for r, plain in matches if plain == wanted), matches[0][0])
            out.append(
                RuleRef(
                    rule.id,
                    rule.title,
                    rule.severity.value,
                    tuple(s.value for s in rule.stages),
                    reads,
                    direct,
                )
            )
    return out


# --- examples -------------------------------------------------------------------------------


def _fallback(doc: FieldDoc) -> Any:
    if doc.choices:
        return doc.choices[0]
    return {"bool": True, "int": 1, "float": 0.5, "date": dt.date(2026, 3, 31)}.get(
        doc.kind, f"<{doc.name.replace('_', ' ')}>"
    )


def example_value(doc: FieldDoc, depth: int = 0) -> Any:
    """A plausible value for the field, built from the model's examples."""
    if doc.model is not None:
        item: dict[str, Any] = {}
        children = [c for c in doc.children() if not c.is_mapping]
        room = 8 if depth == 0 else 4
        for child in children:
            if not (child.required or (child.example is not None and len(item) < room)):
                continue
            value = example_value(child, depth + 1)
            if value not in (None, [], {}):
                item[child.name] = value
        if not item and depth < 2:  # a section made only of sub-sections: show the first
            for child in children:
                value = example_value(child, depth + 1)
                if value not in (None, [], {}):
                    item[child.name] = value
                    break
        return [item] if doc.is_list else item
    value = doc.example if doc.example is not None else (_fallback(doc) if doc.required else None)
    if value is None:
        return None
    if doc.kind == "date" and isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return [value] if doc.is_list else value


def example_for(doc: FieldDoc) -> str:
    """The field in context, as a YAML snippet a product manager can copy."""
    value = example_value(doc)
    if value is None:
        value = [_fallback(doc)] if doc.is_list else _fallback(doc)
    parts = doc.path.split(".")
    data: Any = {parts[-1]: value}
    for depth in range(len(parts) - 1, 0, -1):
        parent = field_doc(".".join(parts[:depth]))
        data = {parts[depth - 1]: [data] if parent is not None and parent.is_list else data}
    return yamltext.dump(data)
