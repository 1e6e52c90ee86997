"""Evaluations: the plan and results over time."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ValidationError, ValidatorFunctionWrapHandler, WrapValidator
from pydantic_core import PydanticCustomError

from aigov.dates import PartialDateField
from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Evidence
from aigov.model.vocab import Direction


def written_number(value: float) -> str:
    """A number as the record wrote it: an integer as an integer, a float by the shortest text
    that reads back as the same float (Python's repr), so 82.0 and 0.9105504587155964 are
    shown exactly so and nothing is rounded."""
    return str(value) if isinstance(value, int) else repr(float(value))


def _one_number_error(value: Any, handler: ValidatorFunctionWrapHandler) -> int | float:
    """`int | float` keeps the written form, but pydantic reports a bad value once per member
    ('value.int', 'value.float'). Every int is a float, so the float's error is the one that
    says what is wrong (`input should be a finite number`): raise that one, at the field."""
    try:
        return handler(value)
    except ValidationError as exc:
        errors = exc.errors()
        err = next((e for e in errors if e["loc"][:1] == ("float",)), errors[0])
        raise PydanticCustomError(err["type"], err["msg"]) from None


#: A measured number: an int stays an int, a float a float (82.0 stays 82.0); one error if not.
Number = Annotated[int | float, WrapValidator(_one_number_error)]


class TestSet(Base):
    __test__ = False  # not a pytest class
    id: str = Field(description="Short slug.", examples=["policy-400"], pattern=SLUG)
    name: str = Field(description="Human name.", examples=["400 curated policy tickets"])
    description: str | None = F("How it was built and what it covers.")
    size: int | None = F("Number of examples.", 400, ge=0)
    slices: list[str] = L("Slices reported separately.", "language")
    link: str | None = F("Where it lives.")


class EvaluationPlan(Base):
    method: str | None = F(
        "How the system is evaluated offline before users see it.",
        "Two reviewers grade each draft against the rubric",
    )
    rubric: str | None = F(
        "The grading rubric, or a link to it.",
        "Correct policy, grounded, polite, actionable: 0-2 each",
    )
    test_sets: list[TestSet] = L("The test sets.")


class ConfidenceInterval(Base):
    lower: float = Field(description="Lower bound.")
    upper: float = Field(description="Upper bound.")
    level: float | None = F("Confidence level.", 0.95)


class EvalResult(Base):
    metric: str = Field(
        description="The metric: an id from `metrics`, or a name.", examples=["groundedness"]
    )
    value: Number = Field(
        description="The measured value, as the source wrote it (82.0 stays 82.0).",
        examples=[0.88],
    )
    date: PartialDateField | None = F(
        "When it was measured: YYYY-MM-DD, or YYYY-MM / YYYY when the source gives only that, "
        "or `unknown` when it gives no date.",
        "2026-09-01",
    )
    reported_in: str | None = F(
        "The source that reports the value: a paper, a model card, a leaderboard, a report.",
        "Model card, Hugging Face, revision 2024-03",
    )
    dataset: str | None = F("Test set or dataset id.", "policy-400")
    dataset_name: str | None = F(
        "The dataset's name as the source gives it (Hugging Face `dataset.name`).",
        "GLUE SST-2",
    )
    dataset_config: str | None = F(
        "The dataset configuration or subset (Hugging Face `dataset.config`).", "sst2"
    )
    split: str | None = F("Dataset split.", "test")
    slice: str | None = F("Slice the value is for; omit for overall.", "language=pl")
    threshold: float | None = F("The pass/fail threshold.", 0.85)
    decision_threshold: float | None = F(
        "The decision threshold the model was run at (a classifier's cut-off, a Model Card "
        "Toolkit `threshold`); never a pass/fail bar.",
        0.5,
    )
    direction: Direction | None = F(
        "higher_is_better (default) or lower_is_better.", "higher_is_better"
    )
    confidence_interval: ConfidenceInterval | None = F("Confidence interval, where known.")
    component: str | None = F("Id of the model component evaluated, if one.", "reply-drafter")
    variant: str | None = F(
        "Id of the component's variant the value is for (`variants` of the model: a size, "
        "base or instruct), when the source reports variants separately.",
        "8b-instruct",
    )
    task: str | None = F("Task type (Hugging Face model-index).", "text-generation")
    task_name: str | None = F(
        "The task's name as the source gives it (Hugging Face `task.name`).",
        "Text Classification",
    )
    metric_name: str | None = F(
        "The metric's name as the source gives it (Hugging Face `metrics[].name`), when "
        "`metric` holds its id.",
        "Accuracy",
    )
    verified: bool | None = F("Independently verified rather than self-reported.", False)
    evidence: list[Evidence] = L("Evaluation report.")
    notes: str | None = F("Notes.")
    run: str | None = F(
        "Id of the pipeline run that produced it (written by `aigov results add`; the same run "
        "is never added twice).",
        "mlflow:7f3c2a1e",
    )
    source: str | None = F(
        "The file or tool it was read from (written by `aigov results add`).",
        "lm-evaluation-harness: results/claims.json",
    )

    @property
    def value_text(self) -> str:
        """The value as written: 82.0 stays "82.0", 0.9105504587155964 keeps every digit."""
        return written_number(self.value)

    @property
    def date_text(self) -> str:
        """The date as written ("2024", "2022-09", "2022-09-01"), or "date unknown"."""
        return self.date.isoformat() if self.date is not None else "date unknown"

    def passes(self) -> bool | None:
        if self.threshold is None:
            return None
        if self.direction == Direction.LOWER_IS_BETTER:
            return self.value <= self.threshold
        return self.value >= self.threshold


class Evaluations(Base):
    plan: EvaluationPlan | None = F("The offline evaluation plan: test sets and rubric.")
    results: list[EvalResult] = L("Results over time; append new ones, never overwrite.")
