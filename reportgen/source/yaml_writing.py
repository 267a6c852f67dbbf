"""Writing a user's YAML file back as a person would edit it: ruamel's round trip with
the settings every writer of an application file shares (the browser's save, `reportgen
import`), so a file saved by either looks the same."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def round_trip_yaml() -> Any:
    """A ruamel YAML (round trip) that keeps quotes, writes long paragraphs on one line,
    indents as `reportgen init` does, null as `null` and figures as written."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # "13800000000" stays in double quotes
    yaml.allow_unicode = True
    yaml.width = 4096  # a long paragraph stays one scalar line rather than folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    # null as reportgen init writes it (ruamel's round trip writes nothing after the colon)
    yaml.representer.add_representer(
        type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    # figures as written: 1850.00 stays 1850.00 (a Decimal), not a float's 1850.0
    yaml.representer.add_representer(
        Decimal, lambda r, d: r.represent_scalar("tag:yaml.org,2002:float", str(d))
    )
    return yaml
