"""The county office's actions in the window: roll-up, blank template, decision packages."""

from .actions import CountyActions

__all__ = ["CountyActions"]
