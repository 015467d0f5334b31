"""The one place that talks to saxonche: processor, compiled-stylesheet cache, parameters.

Stylesheets are compiled once per process and reused for every document. Errors come back as
:class:`~teiedition.diagnostics.TransformError` carrying Saxon's own message (with the
stylesheet location for compile errors).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable

from teiedition.errors import TransformError

#: A document (or node) held by Saxon, and a compiled stylesheet: the types the rest of the
#: package passes around without importing saxonche.
Node = PyXdmNode
Executable = PyXsltExecutable

_lock = threading.Lock()
_processor: PySaxonProcessor | None = None
_compiled: dict[tuple[str, float], PyXsltExecutable] = {}


def processor() -> PySaxonProcessor:
    """The process-wide Saxon processor (SaxonC allows only one)."""
    global _processor
    with _lock:
        if _processor is None:
            _processor = PySaxonProcessor(license=False)
        return _processor


def started() -> bool:
    """Whether this process has started Saxon's runtime (made its processor); loading the
    library alone starts nothing."""
    return _processor is not None


def compile_file(path: Path) -> PyXsltExecutable:
    """Compile an XSLT file, or return the copy compiled earlier in this process."""
    key = (str(path.resolve()), path.stat().st_mtime)
    cached = _compiled.get(key)
    if cached is not None:
        return cached
    compiler = processor().new_xslt30_processor()
    try:
        executable = compiler.compile_stylesheet(stylesheet_file=str(path.resolve()))
    except Exception as exc:  # saxonche raises plain exceptions
        raise TransformError(f"{path}: the stylesheet does not compile: {exc}") from exc
    if executable is None:  # pragma: no cover - older saxonche reported errors this way
        raise TransformError(f"{path}: the stylesheet does not compile")
    _compiled[key] = executable
    return executable


def compile_text(text: str, name: str) -> PyXsltExecutable:
    """Compile a stylesheet held in memory (``name`` is used in error messages)."""
    compiler = processor().new_xslt30_processor()
    try:
        executable = compiler.compile_stylesheet(stylesheet_text=text)
    except Exception as exc:
        raise TransformError(f"{name}: the stylesheet does not compile: {exc}") from exc
    if executable is None:  # pragma: no cover
        raise TransformError(f"{name}: the stylesheet does not compile")
    return executable


def parse(text: str, base_uri: str | None = None) -> PyXdmNode:
    """Parse XML held in memory into a Saxon tree (no DTD, no network: text only)."""
    builder = processor().new_document_builder()
    if base_uri:
        builder.set_base_uri(base_uri)
    try:
        return builder.parse_xml(xml_text=text)
    except Exception as exc:
        raise TransformError(f"Saxon could not read the document: {exc}") from exc


_IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" indent="no" encoding="UTF-8"/>
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""
_identity: PyXsltExecutable | None = None


def serialize(node: PyXdmNode) -> str:
    """The tree as XML text, exactly (no indentation added, unlike ``to_string()``), for
    another process to :func:`parse` into the same tree."""
    global _identity
    if _identity is None:
        _identity = compile_text(_IDENTITY, "identity")
    return transform(_identity, node, name="serialisation")


def _value(value: Any) -> Any:
    proc = processor()
    if isinstance(value, PyXdmNode):
        return value
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def transform(executable: PyXsltExecutable, source: PyXdmNode, *, name: str,
              params: Mapping[str, Any] | None = None,
              messages: list[str] | None = None) -> str:
    """Run a compiled stylesheet on a document and return the serialised result; a failure
    is a TransformError that repeats what the stylesheet said with ``xsl:message``."""
    runner = _prepare(executable, params)
    with _reporting(runner, name, messages):
        result = runner.transform_to_string(xdm_node=source)
    if result is None:
        raise TransformError(f"{name}: the transformation produced no result")
    return str(result)


def _prepare(executable: PyXsltExecutable, params: Mapping[str, Any] | None) -> PyXsltExecutable:
    runner = executable.clone() if hasattr(executable, "clone") else executable
    runner.clear_parameters()
    for key, value in (params or {}).items():
        runner.set_parameter(key, _value(value))
    runner.set_save_xsl_message(True)
    return runner


def _messages(runner: PyXsltExecutable) -> list[str]:
    value = runner.get_xsl_messages()
    if value is None:
        return []
    return [str(item.string_value if hasattr(item, "string_value") else item)
            for item in value]


@contextmanager
def _reporting(runner: PyXsltExecutable, name: str, messages: list[str] | None) -> Iterator[None]:
    """Turn a failed run into a TransformError naming the stylesheet and what it said with
    ``xsl:message``; hand every message to ``messages`` either way."""
    try:
        yield
    except Exception as exc:
        said = "; ".join(m.strip() for m in _messages(runner) if m.strip())
        raise TransformError(f"{name}: the transformation failed: {exc}"
                             + (f" ({said})" if said else "")) from exc
    finally:
        if messages is not None:
            messages.extend(_messages(runner))


def transform_to_node(executable: PyXsltExecutable, source: PyXdmNode, *, name: str,
                      params: Mapping[str, Any] | None = None,
                      messages: list[str] | None = None) -> PyXdmNode:
    """Run a stylesheet and return its principal result as a tree (for pipeline stages).

    ``xsl:message`` output is appended to ``messages`` when a list is given.
    """
    runner = _prepare(executable, params)
    with _reporting(runner, name, messages):
        value = runner.transform_to_value(xdm_node=source)
    node = value.head if value is not None and value.size > 0 else None
    if node is None or not isinstance(node, PyXdmNode):
        raise TransformError(f"{name}: the transformation produced no document")
    return node


def transform_to_directory(executable: PyXsltExecutable, source: PyXdmNode, out_dir: Path, *,
                           name: str, principal: str = "index.html",
                           params: Mapping[str, Any] | None = None,
                           messages: list[str] | None = None) -> None:
    """Run a stylesheet whose ``xsl:result-document`` hrefs are relative to ``out_dir``.

    Saxon serialises every result document itself (with the output format the stylesheet
    declares); the principal result is written to ``out_dir/principal``.
    """
    runner = _prepare(executable, params)
    target = (out_dir / principal).resolve()
    runner.set_base_output_uri(target.as_uri())
    with _reporting(runner, name, messages):
        runner.transform_to_file(xdm_node=source, output_file=str(target))
