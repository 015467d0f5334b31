"""Toolchain of the Karakhan digital edition (TEI P5 -> validation, HTML, PDF, citation)."""

__version__ = "1.0.0"
