"""The JSON report (shared/eval/REPORT_FORMAT.md), validated against our JSON Schema."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from corroborator.model import Report, report_to_json


@functools.lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    text = resources.files("corroborator").joinpath("schema/report.schema.json").read_text()
    return dict(json.loads(text))


def render_json(report: Report, with_text: bool = True) -> str:
    return json.dumps(report_to_json(report, with_text), ensure_ascii=False, indent=1)


def validate_report(obj: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``obj`` is not a valid report."""
    import jsonschema

    jsonschema.validate(obj, report_schema())
