"""The one pydantic base model every gpcatalog model derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GpModel(BaseModel):
    """Unknown keys are errors (``extra="forbid"``): a typo in a YAML key must not vanish silently.

    ``defer_build``: validators are built on first use, which keeps ``import gpcatalog`` fast.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)
