"""Draw the map's basemap at build time from a TopoJSON file (by default the one shipped
with the package: Natural Earth 1:110m countries, from the npm package ``world-atlas``).

The result is an SVG document whose coordinates are degrees: ``x = longitude`` and
``y = -latitude`` (an equirectangular projection). The HTML transform crops it with a
``viewBox`` around the places and puts the place markers in the same coordinates, so no
projection code is needed in XSLT and no map tile or other request leaves the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from teiedition.errors import EditionError
from teiedition.resources import basemap

SVG_NS = "http://www.w3.org/2000/svg"

Point = tuple[float, float]


class BasemapError(EditionError):
    """The TopoJSON file cannot be read or decoded."""


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Absolute (longitude, latitude) points of every arc, undoing quantisation."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring_points(ring: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    """Stitch a ring from arc indexes (``~i`` is arc ``i`` reversed)."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict[str, Any]) -> Iterable[list[list[int]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        yield geometry["arcs"]
    elif kind == "MultiPolygon":
        yield from geometry["arcs"]
    elif kind == "GeometryCollection":
        for child in geometry.get("geometries", []):
            yield from _polygons(child)


def unwrap(points: list[Point]) -> list[Point]:
    """Make a ring continuous across the antimeridian (longitudes may leave [-180, 180])."""
    result: list[Point] = []
    shift = 0.0
    for i, (lon, lat) in enumerate(points):
        if i:
            delta = lon + shift - result[-1][0]
            if delta > 180:
                shift -= 360
            elif delta < -180:
                shift += 360
        result.append((lon + shift, lat))
    return result


def _ring_path(points: list[Point], precision: int) -> str:
    previous = ""
    commands: list[str] = []
    for lon, lat in points:
        point = f"{round(lon, precision):g},{round(-lat, precision) + 0:g}"
        if point != previous:
            commands.append(point)
            previous = point
    return "M" + "L".join(commands) + "Z" if len(commands) >= 3 else ""


def path_data(polygons: Iterable[list[list[int]]], arcs: list[list[Point]],
              precision: int = 2) -> str:
    """SVG path data (``x = lon``, ``y = -lat``) for polygons given as rings of arcs.

    A ring that crosses the antimeridian is drawn continuous, and a second time shifted
    by 360 degrees, so that both sides of the map show it.
    """
    parts: list[str] = []
    for polygon in polygons:
        for ring in polygon:
            points = unwrap(ring_points(ring, arcs))
            parts.append(_ring_path(points, precision))
            if any(lon > 180 for lon, _ in points):
                parts.append(_ring_path([(lon - 360, lat) for lon, lat in points], precision))
            elif any(lon < -180 for lon, _ in points):
                parts.append(_ring_path([(lon + 360, lat) for lon, lat in points], precision))
    return "".join(parts)


def basemap_svg(topojson: Path | None = None, *, object_name: str | None = None
                ) -> bytes:
    """The basemap as an SVG document: one ``path`` per country in ``<g class="map-land">``
    (default: the package's basemap)."""
    topojson = topojson or basemap()
    try:
        topology = json.loads(topojson.read_text(encoding="utf-8"))
        objects: dict[str, Any] = topology["objects"]
        name = object_name or ("countries" if "countries" in objects else next(iter(objects)))
        collection = objects[name]
        arcs = decode_arcs(topology)
    except (OSError, ValueError, KeyError, StopIteration, TypeError) as exc:
        raise BasemapError(f"{topojson}: cannot read the basemap: {exc}") from exc
    svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})  # type: ignore[dict-item]
    group = etree.SubElement(svg, f"{{{SVG_NS}}}g", {"class": "map-land", "aria-hidden": "true"})
    geometries = collection.get("geometries", [collection])
    for geometry in geometries:
        d = path_data(_polygons(geometry), arcs)
        if d:
            etree.SubElement(group, f"{{{SVG_NS}}}path", {"d": d})
    return bytes(etree.tostring(svg, encoding="utf-8"))
