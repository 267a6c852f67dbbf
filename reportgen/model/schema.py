"""The JSON Schema of the application format, generated from the models.

Checked in as schemas/application.schema.json (a test keeps it current) so editors with
the YAML language server show the Chinese titles and descriptions while typing.
"""

from __future__ import annotations

from typing import Any

from reportgen.model.application import SCHEMA_DIALECT, Application


def application_schema() -> dict[str, Any]:
    schema = Application.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, **schema}
