"""Reading one YAML content file into a validated model, with errors that name the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from powbot.knowledge.errors import KnowledgeError

Model = TypeVar("Model", bound=BaseModel)

# The C parser when libyaml is there (it is in the PyYAML wheels): content loading spent
# over half its time in the pure-Python parser. Both are safe loaders.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """The one way content YAML is parsed (safe: plain data only)."""
    return yaml.load(text, Loader=_LOADER)


def load_model(file: Path, model: type[Model], root: str) -> Model:
    """`root` names the file's content in an error when pydantic gives no location."""
    try:
        data = parse_yaml(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(file, "yaml", str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise KnowledgeError(file, root, "must be a mapping")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        location = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        # Our own validators say "field.path: problem" for cross-field checks.
        if ": " in message and not location:
            location, _, message = message.partition(": ")
        raise KnowledgeError(file, location or root, message) from None
