"""A realistic, fictional demo county of Henan (deterministic for a seed), and a province desk."""

from .builder import DemoCancelled, build_demo

__all__ = ["DemoCancelled", "build_demo"]
