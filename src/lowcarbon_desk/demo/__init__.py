"""A realistic, fictional demo county (deterministic for a seed)."""

from .builder import DemoCancelled, build_demo

__all__ = ["DemoCancelled", "build_demo"]
