"""The documentation agrees with the program.

Every `edition …` command line shown in README.md and docs/ names a command that exists and
options that its `--help` lists; every option that `--help` lists is in the options table of
its command in docs/usage.md; every test file is in the test map; links between the
documents resolve; no document refers to tracker numbers. Each check is a function that
returns its problems, so that each test also shows, on a doctored document, that it fails.
"""

from __future__ import annotations

import re
import shlex
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
USAGE = DOCS / "usage.md"
TESTING = DOCS / "testing.md"
HELP = frozenset({"-h", "--help"})

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
INLINE = re.compile(r"`([^`\n]+)`")
#: `edition`, `.venv/bin/edition` or `$ edition`, then the rest of the command line.
COMMAND_LINE = re.compile(r"^\s*(?:\$\s+)?(?:\S*/)?edition(?=\s|$)(.*)$")
OPTION = re.compile(r"(?<![\w\[|-])(--?[A-Za-z][\w-]*)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
ISSUE_REFERENCE = re.compile(r"\bissues?\s*#?\s*\d+|(?<![\w&/#])#\d+\b", re.I)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def documents() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- what the program says ------------------------------------------------------------------


@cache
def help_text(command: str) -> str:
    """The `--help` output of a command ("" is the `edition` group itself)."""
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


def help_options(command: str) -> set[str]:
    """The option names in the "Options:" section of a command's help."""
    text = help_text(command)
    section = text.split("\nOptions:\n", 1)[1]
    found: set[str] = set()
    for line in section.splitlines():
        declaration = re.match(r"^  (-\S.*?)(?:\s{2,}|$)", line)
        if declaration:
            found.update(OPTION.findall(declaration.group(1)))
    return found


def commands() -> list[str]:
    return sorted(cli.commands)


# -- what the documents say -----------------------------------------------------------------


def invocations(markdown: str) -> list[tuple[str | None, list[str], str]]:
    """Every `edition …` command line of a document, from code blocks and inline code:
    (command or None, options, the line). A command in capitals is a placeholder."""
    lines: list[str] = []
    for block in FENCE.findall(markdown):
        lines.extend(block.splitlines())
    lines.extend(INLINE.findall(FENCE.sub("", markdown)))
    found: list[tuple[str | None, list[str], str]] = []
    for line in lines:
        match = COMMAND_LINE.match(line)
        if not match:
            continue
        tokens = shlex.split(match.group(1), comments=True)
        command = tokens[0] if tokens and not tokens[0].startswith("-") else None
        options = [t.split("=", 1)[0] for t in tokens if OPTION.fullmatch(t.split("=", 1)[0])]
        found.append((command, options, line.strip()))
    return found


def sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body up to the next heading) for every heading outside code blocks."""
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    heads = list(HEADING.finditer(text))
    return [(h.group(2), text[h.end():heads[i + 1].start() if i + 1 < len(heads) else None])
            for i, h in enumerate(heads)]


def option_tables(markdown: str) -> dict[str, set[str]]:
    """The options documented per command: the first column of the tables in the section
    headed `edition COMMAND`, and for the group ("") in the section "Commands"."""
    tables: dict[str, set[str]] = {}
    for heading, body in sections(markdown):
        named = re.fullmatch(r"`edition (\w[\w-]*)`", heading)
        if named:
            command = named.group(1)
        elif heading == "Commands":
            command = ""
        else:
            continue
        documented = tables.setdefault(command, set())
        for row in re.findall(r"^\|((?:[^|\n\\]|\\.)*)\|", body, re.M):  # \| inside a cell
            for code in INLINE.findall(row):
                if code.startswith("-"):
                    documented.update(OPTION.findall(code))
    return tables


# -- the checks -----------------------------------------------------------------------------


def invocation_problems(markdown: str, where: str) -> list[str]:
    problems = []
    for command, options, line in invocations(markdown):
        if command is not None and command.isupper():
            continue  # `edition COMMAND -h`: a placeholder
        if command is not None and command not in cli.commands:
            problems.append(f"{where}: `{line}`: no command {command!r}")
            continue
        known = help_options(command or "")
        problems.extend(f"{where}: `{line}`: {option} is not in `edition {command or ''} "
                        "--help`" for option in options if option not in known)
    return problems


def table_problems(markdown: str) -> list[str]:
    tables = option_tables(markdown)
    problems = []
    for command in ["", *commands()]:
        name = f"edition {command}".strip()
        if command not in tables:
            problems.append(f"no options table for `{name}`")
            continue
        in_help = help_options(command)
        expected = in_help - HELP if command else in_help
        problems.extend(f"`{name}`: {o} is in --help but not documented"
                        for o in sorted(expected - tables[command]))
        problems.extend(f"`{name}`: {o} is documented but not in --help"
                        for o in sorted(tables[command] - in_help))
    problems.extend(f"options table for `edition {c}`, which is no command"
                    for c in sorted(set(tables) - {"", *commands()}))
    return problems


def issue_references(text: str) -> list[str]:
    return [m.group(0) for m in ISSUE_REFERENCE.finditer(text)]


def slug(heading: str) -> str:
    """The anchor a Markdown renderer (GitHub's rules) gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def link_problems(path: Path, markdown: str) -> list[str]:
    problems = []
    for target in LINK.findall(markdown):
        if re.match(r"^[a-z]+:", target):
            continue  # an address on the web
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            problems.append(f"{path.name}: link to {target}: no such file")
        elif anchor and linked.suffix == ".md":
            anchors = {slug(h) for h, _ in sections(read(linked))}
            if anchor not in anchors:
                problems.append(f"{path.name}: link to {target}: no such heading")
    return problems


def map_problems(testing: str, test_files: list[str]) -> list[str]:
    mapped = set(re.findall(r"`(test_\w+\.py)`", testing))
    return ([f"{name} is not in the test map" for name in test_files if name not in mapped]
            + [f"the test map names {name}, which does not exist"
               for name in sorted(mapped - set(test_files))])


# -- the tests ------------------------------------------------------------------------------


def test_the_documents_exist_and_show_commands() -> None:
    assert README.is_file() and USAGE.is_file()
    for name in ("architecture.md", "performance.md", "testing.md"):
        assert (DOCS / name).is_file(), name
    shown = {c for doc in documents() for c, _, _ in invocations(read(doc))}
    assert set(commands()) <= shown, f"commands never shown: {set(commands()) - shown}"


@pytest.mark.parametrize("doc", documents(), ids=lambda p: p.name)
def test_documented_command_lines_match_the_help(doc: Path) -> None:
    assert invocation_problems(read(doc), doc.name) == []


def test_a_wrong_command_line_is_caught() -> None:
    doctored = ("```sh\nedition frobnicate\nedition build --no-such-option  # comment\n```\n"
                "Run `edition validate --formt json` or `edition COMMAND -h`.\n")
    problems = invocation_problems(doctored, "doctored")
    assert len(problems) == 3, problems
    assert "'frobnicate'" in problems[0]
    assert "--no-such-option" in problems[1] and "--formt" in problems[2]


def test_every_option_of_every_command_is_documented_in_usage() -> None:
    assert table_problems(read(USAGE)) == []


def test_a_missing_or_stale_option_table_is_caught() -> None:
    text = read(USAGE)
    assert "| `--no-pdf` | skip the PDF edition |" in text
    doctored = (text.replace("| `--no-pdf` | skip the PDF edition |\n", "")
                .replace("| `--check` | write nothing;", "| `--check`, `--dry-run` | write nothing;"))
    problems = table_problems(doctored)
    assert "`edition build`: --no-pdf is in --help but not documented" in problems
    assert "`edition schema`: --dry-run is documented but not in --help" in problems
    assert "no options table for `edition serve`" in table_problems(
        text.replace("### `edition serve`", "### Serving"))


def test_help_options_are_read_from_the_help() -> None:
    assert {"-P", "--project", "--out", "-j", "--jobs", "--no-pdf", "-h", "--help"} <= \
        help_options("build")
    assert {"-V", "--version"} <= help_options("")
    assert "--json" not in help_options("validate")  # `[text|json]` is a value, not an option


@pytest.mark.parametrize("doc", documents(), ids=lambda p: p.name)
def test_no_document_refers_to_tracker_numbers(doc: Path) -> None:
    assert issue_references(read(doc)) == []


def test_tracker_numbers_are_caught_and_anchors_are_not() -> None:
    word, mark = "issue", "#"  # the sample is made here so that this file cites no tracker
    sample = (f"{word.title()} 7's targets; see {word} {mark}12, {word}s 5 and 6; "
              f"fixed in {mark}42.")
    assert issue_references(sample) == [f"{word.title()} 7", f"{word} {mark}12", f"{word}s 5",
                                        f"{mark}42"]
    assert issue_references("¶ 3 is at karakhan-declarations.html#p3 and `#note4`; "
                            "entity &#8203; colour #fff; section 7") == []


@pytest.mark.parametrize("doc", documents(), ids=lambda p: p.name)
def test_links_between_the_documents_resolve(doc: Path) -> None:
    assert link_problems(doc, read(doc)) == []


def test_a_broken_link_is_caught() -> None:
    problems = link_problems(USAGE, "[a](missing.md) [b](architecture.md#no-such-part) "
                                    "[c](architecture.md#the-model) [d](https://example.org/)")
    assert problems == ["usage.md: link to missing.md: no such file",
                        "usage.md: link to architecture.md#no-such-part: no such heading"]


def test_every_test_file_is_in_the_test_map() -> None:
    files = sorted(p.name for p in (ROOT / "tests").glob("test_*.py"))
    assert "test_docs.py" in files
    assert map_problems(read(TESTING), files) == []


def test_a_test_file_missing_from_the_map_is_caught() -> None:
    assert map_problems("| `test_a.py` | … |\n| `test_gone.py` | … |",
                             ["test_a.py", "test_new.py"]) == [
        "test_new.py is not in the test map",
        "the test map names test_gone.py, which does not exist"]
