"""The window's actions as operation objects (``base.Operation``), one small function each."""

from .base import Changes, Done, Operation, OperationHub, Progress, TaskCancelled

__all__ = ["Changes", "Done", "Operation", "OperationHub", "Progress", "TaskCancelled"]
