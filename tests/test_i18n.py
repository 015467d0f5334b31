"""Interface strings: every key the transforms look up literally exists in every language."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .conftest import ROOT

TRANSFORMS = ROOT / "transforms"
I18N = TRANSFORMS / "i18n"
#: f:i18n('key' …) and f:i18n-or('key', …) with a literal key (computed keys such as
#: 'id-' || @type are left out: they cannot be checked without the data).
LOOKUP = re.compile(r"""f:i18n(?:-or)?\(\s*(['"])([^'"]+)\1\s*[,)]""")


def looked_up(transforms: Path) -> dict[str, set[str]]:
    """Literal keys looked up by the stylesheets: key -> the stylesheets that use it."""
    keys: dict[str, set[str]] = {}
    for path in sorted(transforms.rglob("*.xsl")):
        for match in LOOKUP.finditer(path.read_text(encoding="utf-8")):
            keys.setdefault(match.group(2), set()).add(path.relative_to(transforms).as_posix())
    return keys


def defined(strings: Path) -> set[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return {str(s.get("key")) for s in etree.parse(str(strings), parser).iterfind("s")}


def missing(transforms: Path, strings: Path) -> list[str]:
    have = defined(strings)
    return [f"{key} (used in {', '.join(sorted(users))})"
            for key, users in sorted(looked_up(transforms).items()) if key not in have]


def test_the_lookups_are_found() -> None:
    keys = looked_up(TRANSFORMS)
    # literal keys of both functions, in the HTML and the print layers
    assert {"skip-link", "print-pages-short", "print-registers-no-ids",
            "print-index-intro-units"} <= set(keys)
    assert "print/index.xsl" in keys["print-pages-short"]
    assert not any("'" in k or "|" in k for k in keys)


def test_every_key_the_transforms_look_up_exists_in_every_language() -> None:
    languages = sorted(I18N.glob("*.xml"))
    assert I18N / "en.xml" in languages
    for strings in languages:
        assert missing(TRANSFORMS, strings) == [], strings.name


def test_a_missing_key_is_reported(tmp_path: Path) -> None:
    strings = tmp_path / "en.xml"
    text = (I18N / "en.xml").read_text(encoding="utf-8")
    doctored = re.sub(r'\s*<s key="print-pages-short">[^<]*</s>', "", text)
    assert doctored != text
    strings.write_text(doctored, encoding="utf-8")
    assert missing(TRANSFORMS, strings) == ["print-pages-short (used in print/index.xsl)"]
