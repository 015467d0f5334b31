"""Measure validation time of a growing register (target: 10,000 persons in under 2 s).

Generates, in a temporary folder, an edition with one text and a register of N persons
(every person mentioned once, with names in two scripts, dates, a description and
identifiers), then times ``validate_paths`` on it: loading, RELAX NG (project schema),
Schematron and cross-file rules. For comparison it also times libxml2 on the unmodified
TEI ``tei_all`` RELAX NG where that stays affordable.

    .venv/bin/python scripts/bench_validation.py            # N = 1000 2000 4000 10000
    .venv/bin/python scripts/bench_validation.py 500 20000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from teiedition.project import find_project
from teiedition.resources import tei_all_rng
from teiedition.validation.validate import validate_paths

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>Benchmark data</p></publicationStmt><sourceDesc><p>Generated</p></sourceDesc>
</fileDesc><encodingDesc><listPrefixDef>
<prefixDef ident="per" matchPattern="([a-z0-9-]+)"
 replacementPattern="{target}#$1"><p>persons</p></prefixDef>
</listPrefixDef></encodingDesc></teiHeader>"""


def person(i: int) -> str:
    return (f'<person xml:id="person-{i}"><persName type="preferred" xml:lang="en">Person {i}'
            f'</persName><persName type="variant" xml:lang="ru">Лицо {i}</persName>'
            f'<birth when="{1800 + i % 150}-01-01"/><death when="{1900 + i % 100}-12-31"/>'
            f'<note type="description">A generated person, number {i}.</note>'
            f'<idno type="wikidata">Q{i + 1}</idno></person>')


def write_edition(folder: Path, n: int) -> None:
    (folder / "registers").mkdir(parents=True)
    register = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
                + HEADER.format(title="Persons", target="persons.xml")
                + '<text><body><listPerson type="mentioned">'
                + "".join(person(i) for i in range(n))
                + "</listPerson></body></text></TEI>")
    (folder / "registers" / "persons.xml").write_text(register, encoding="utf-8")
    paragraphs = []
    for start in range(0, n, 50):
        names = ", ".join(f'<persName ref="per:person-{i}">Person {i}</persName>'
                          for i in range(start, min(start + 50, n)))
        paragraphs.append(f'<p n="{len(paragraphs) + 1}" xml:id="p{len(paragraphs) + 1}">'
                          f"{names}.</p>")
    text = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">'
            + HEADER.format(title="Text", target="registers/persons.xml")
            + "<text><body>" + "".join(paragraphs) + "</body></text></TEI>")
    (folder / "text.xml").write_text(text, encoding="utf-8")


def main(sizes: list[int]) -> None:
    tei_all = etree.RelaxNG(etree.parse(str(tei_all_rng())))
    print(f"{'persons':>8} {'edition validate':>17} {'valid':>6} {'libxml2 + tei_all':>18}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            write_edition(folder, n)
            start = time.perf_counter()
            report = validate_paths([], find_project(Path(__file__)).with_sources(folder))
            ours = time.perf_counter() - start
            raw = "-"
            if n <= 2000:
                tree = etree.parse(str(folder / "registers" / "persons.xml"))
                start = time.perf_counter()
                tei_all.validate(tree)
                raw = f"{time.perf_counter() - start:.2f} s"
            print(f"{n:>8} {ours:>15.2f} s {report.ok!s:>6} {raw:>18}")
            if not report.ok:
                for d in report.diagnostics[:5]:
                    print("   ", d.format())


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000, 4000, 10000])
