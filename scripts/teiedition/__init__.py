"""A toolchain for TEI P5 digital editions: a validation gate, an HTML and a PDF edition,
citation exports and a static DTS API, for any project folder with an ``edition.toml``."""

__version__ = "2.0.0"
