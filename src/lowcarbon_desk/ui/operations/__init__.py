"""The window's actions as operation objects (``base.Operation``), one small function each."""

from .base import Changes, Done, Operation, OperationFunction, OperationHub, Progress, TaskCancelled, reading

__all__ = ["Changes", "Done", "Operation", "OperationFunction", "OperationHub", "Progress", "TaskCancelled",
           "reading"]
