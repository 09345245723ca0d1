"""Imports every table module so SQLModel.metadata knows the whole schema."""

from __future__ import annotations

from sqlmodel import SQLModel

from powbot.storage import (
    models,  # noqa: F401
    models_aftercare,  # noqa: F401
    models_faq,  # noqa: F401
    models_open_hiring,  # noqa: F401
    models_web,  # noqa: F401
)

metadata = SQLModel.metadata
