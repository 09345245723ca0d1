"""Errors raised while loading content files."""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(Exception):
    """A content file is invalid. The message always names the file and the field."""

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: {field}: {problem}")
