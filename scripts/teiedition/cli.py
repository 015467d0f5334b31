"""The ``edition`` command line: a thin click layer over the library.

Library errors become messages and exit codes here, and nowhere else:
0 success, 1 invalid sources or failed build, 2 misuse of the command.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from teiedition import __version__
from teiedition.errors import Diagnostic, EditionError, InvalidSources, UsageError
from teiedition.xmlio import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:  # imported when used: an up-to-date build must start fast
    from teiedition.project import Project
    from teiedition.validation.validate import Report

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def project_options(func: F) -> F:
    """``--project`` (where edition.toml is) and ``--edition`` (another TEI folder)."""
    func = click.option(
        "--edition", "edition_dir", type=click.Path(file_okay=False, path_type=Path),
        default=None, help="Read the TEI from this folder instead of the project's "
        "[sources] folder (its texts and registers are the context of every check).",
    )(func)
    return click.option(
        "-P", "--project", "project_path", type=click.Path(path_type=Path), default=None,
        help="The edition project: a folder with an edition.toml (or the file itself). "
        "[default: found from the current folder upwards]",
    )(func)


def load_project(project_path: Path | None, edition_dir: Path | None) -> Project:
    """The project named on the command line, or found from the current folder upwards;
    a missing or broken project file is a usage error (exit 2)."""
    from teiedition.project import NoProject, ProjectError, find_project

    try:
        project = find_project(project_path)
    except NoProject as exc:
        raise click.UsageError(str(exc)) from exc
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from exc
    return project if edition_dir is None else project.with_sources(edition_dir)


def base_url_option(what: str) -> Callable[[F], F]:
    """``--base-url URL``: the edition's address for this command, instead of the project's
    (a usage error unless it is an absolute http(s) URL; see with_base_url)."""
    def decorate(func: F) -> F:
        return click.option(
            "--base-url", "base_url", metavar="URL", default=None,
            help=f"{what}  [default: edition.toml's base-url, else each text's "
            "idno[@type='URI']]",
        )(func)
    return decorate


def with_base_url(project: Project, base_url: str | None) -> Project:
    """The project with --base-url, when given; a bad URL is a usage error (exit 2)."""
    from teiedition.project import ProjectError

    if base_url is None:
        return project
    try:
        return project.with_base_url(base_url)
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from exc


def max_size_option(func: F) -> F:
    return click.option(
        "--max-file-size", "max_mb", type=click.IntRange(1, 1024),
        default=DEFAULT_MAX_FILE_SIZE // (1024 * 1024), show_default=True,
        help="Refuse source files larger than this many MB.",
    )(func)


def print_report(report: Report, fmt: str, quiet: bool = False) -> None:
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    for diagnostic in report.diagnostics:
        if quiet and diagnostic.severity == "warning":
            continue
        click.echo(diagnostic.format())
    click.echo(report.summary())


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="edition")
def cli() -> None:
    """Validate, build and cite a TEI digital edition (a folder with an edition.toml).

    Every command works on the project found from the current folder upwards, or on the
    one named with --project.

    \b
    Examples:
      edition init my-edition          start a new edition project
      edition validate                 check every TEI file of the edition
      edition validate my-text.xml     check one file against the edition
      edition schema --check           are the generated schemas up to date?
      edition build                    validate, then write build/site/
      edition serve                    preview build/site/ on http://127.0.0.1:8000/
      edition cite p3 --style mla      cite paragraph 3
      edition citations --check edition/released/citations-1.0.0.json
    """


@cli.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default="A new edition", show_default=True,
              help="The edition's title (in edition.toml, the sample text and the ODD).")
def init(directory: Path, title: str) -> None:
    """Start a new edition: write a small working project into DIRECTORY.

    The project holds an edition.toml, a short sample letter with tagged persons, places
    and dates, two registers, an ODD to customise (compiled at once) and a README that
    explains them; it validates and builds as it is. DIRECTORY must be new or empty:
    nothing is overwritten.

    \b
    Examples:
      edition init my-edition
      edition init letters --title "Letters of Anna Field"
      cd my-edition && edition build && edition serve
    """
    from teiedition.errors import display_path
    from teiedition.scaffold import init_project

    try:
        written = init_project(directory, title)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    for path in written:
        click.echo(f"wrote {display_path(path)}")
    click.echo(f"new edition in {display_path(directory)}: next, `cd {display_path(directory)}` "
               "and `edition build`, then `edition serve`; see its README.md")


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@project_options
@click.option("--tei-all", is_flag=True, help="Also check conformance to TEI P5 tei_all.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output: one line per problem, or a JSON document.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (and the summary).")
@max_size_option
def validate(paths: tuple[Path, ...], project_path: Path | None, edition_dir: Path | None,
             tei_all: bool, fmt: str, quiet: bool, max_mb: int) -> None:
    """Validate TEI files: the schema edition.toml names, Schematron rules, cross-file checks.

    The grammar is the project's RELAX NG ([schema] in edition.toml), else TEI P5 tei_all;
    the toolchain's generic rules (ids, pointers, dates, language tags) always run. Without
    PATHS, everything under the edition folder is checked. Named files are checked in the
    context of the edition (its registers resolve their references). Files are only read,
    never written.

    \b
    Examples:
      edition validate
      edition validate edition/my-text.xml --tei-all
      edition validate --format json > report.json

    Exit status: 0 valid, 1 invalid, 2 usage error.
    """
    from teiedition.validation.validate import validate_paths

    project = load_project(project_path, edition_dir)
    try:
        report = validate_paths(list(paths), project, tei_all=tei_all,
                                max_size=max_mb * 1024 * 1024)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    print_report(report, fmt, quiet)
    if not report.ok:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.option("--check", is_flag=True,
              help="Write nothing; fail if the generated schemas differ from the ODD.")
@click.option("-P", "--project", "project_path", type=click.Path(path_type=Path), default=None,
              help="The edition project (folder with edition.toml).  [default: found from "
              "the current folder upwards]")
def schema(check: bool, project_path: Path | None) -> None:
    """Compile the project's ODD into RELAX NG and Schematron (no Java, no network).

    The ODD and the files it compiles to are named in edition.toml ([schema]); they are
    written into the project.

    \b
    Examples:
      edition schema            regenerate the project's .rng and .sch from its ODD
      edition schema --check    exit 1 when they are stale
    """
    from teiedition.errors import display_path
    from teiedition.validation import odd

    schemas = load_project(project_path, None).schemas
    if check:
        stale = odd.stale_schemas(schemas)
        if stale:
            for path in stale:
                click.echo(f"{display_path(path)}: stale: run `edition schema` to regenerate it")
            sys.exit(1)
        click.echo("generated schemas are up to date")
        return
    changed = odd.write_schemas(schemas)
    for path in changed:
        click.echo(f"wrote {display_path(path)}")
    if not changed:
        click.echo("generated schemas are up to date")


@cli.command(context_settings=CONTEXT)
@project_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Output folder of the site.  [default: the project's "
              "[build] output, build/site]")
@max_size_option
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF edition (<text>.pdf).")
@click.option("--archival", is_flag=True,
              help="Make the PDFs PDF/A-3a and PDF/UA-1 with the TEI source attached "
                   "(default: PDF/UA-1).")
@click.option("--force", is_flag=True,
              help="Rebuild everything, even when no input changed (no PDF is reused).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes that typeset PDFs in parallel.  [default: the cores]")
@base_url_option(
    "The edition's address, the base of every permalink, export, canonical link and the "
    "PDF's citation.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress lines, only problems and the summary.")
@click.option("--draft", is_flag=True,
              help="Report every problem and build anyway; every page says it is a draft "
              "(files that cannot be read are skipped).  [default: the project's [build] "
              "validation]")
def build(project_path: Path | None, edition_dir: Path | None, out_dir: Path | None,
          max_mb: int, no_search: bool, no_pdf: bool, archival: bool, force: bool,
          jobs: int | None, base_url: str | None, quiet: bool, draft: bool) -> None:
    """Validate the edition, then write the static site.

    Invalid sources stop the build before anything is written; the previous site stays.
    A draft (--draft, or validation = "warn" in edition.toml) reports every problem and
    builds anyway, leaving out files that are not well-formed. When no input changed since
    the last build, nothing is validated or written ("up to date"); a PDF whose own inputs
    did not change is reused from the previous site.

    \b
    Examples:
      edition build --out build/site
      edition build --draft            preview work in progress despite errors
      edition build --archival         PDF/A-3a (and PDF/UA-1), TEI source attached
      edition build --force -j 2       rebuild everything, two PDF workers
      edition build --base-url https://host.name/karakhan/
    """
    from teiedition.build.config import BuildConfig
    from teiedition.build.orchestrator import build_site, terminal_progress

    project = with_base_url(load_project(project_path, edition_dir), base_url)
    config = BuildConfig(project, out_dir=out_dir, max_size=max_mb * 1024 * 1024,
                         search=not no_search, pdf=not no_pdf, archival=archival, force=force,
                         jobs=jobs, draft=True if draft else None)
    problems: list[Diagnostic] = []
    try:
        result = build_site(config, progress=terminal_progress(quiet), problems=problems)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    except InvalidSources as exc:
        for diagnostic in exc.diagnostics if not problems else []:
            click.echo(diagnostic.format(), err=True)
        if config.is_draft:
            raise click.ClickException(f"build refused: {exc}, and no file can be read, "
                                       "so not even a draft can be built; nothing was "
                                       "written") from exc
        raise click.ClickException(f"build refused: {exc}; nothing was written (edition "
                                   "build --draft builds a preview anyway)") from exc
    except EditionError as exc:
        raise click.ClickException(f"build failed: {exc}; the previous site is unchanged") from exc
    finally:
        for diagnostic in problems:
            if not (quiet and diagnostic.severity == "warning"):
                click.echo(diagnostic.format(), err=True)
    click.echo(result)


@cli.command(context_settings=CONTEXT)
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/site"), show_default=True, help="Folder of the built site.")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
def serve(site_dir: Path, port: int) -> None:
    """Preview the built site on 127.0.0.1 (search needs HTTP, not file://).

    The server listens on the loopback interface only; stop it with Ctrl-C.

    \b
    Examples:
      edition serve
      edition serve --port 8080 --site build/site
    """
    from teiedition.serve import make_server, url_of

    try:
        server = make_server(site_dir, port)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"serving {site_dir} at {url_of(server)} (Ctrl-C stops)")
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _citation_model(project_path: Path | None, edition_dir: Path | None,
                    base_url: str | None) -> Any:
    """The edition's citation model, as the build makes it, its permalinks on --base-url
    when given: a text whose header lacks what a citation needs is left out with a warning
    (on stderr); exit 1 when no text can be cited. Unusable sources are exit 1 with their
    diagnostics."""
    from teiedition.build.corpus import load_corpus
    from teiedition.citation.units import CitationError, citation_model

    project = with_base_url(load_project(project_path, edition_dir), base_url)
    skipped: list[str] = []
    try:
        corpus = load_corpus(project)
        try:
            return citation_model(corpus, project.base_url, project.base_url_origin,
                                  skipped=skipped)
        finally:
            for problem in skipped:
                click.echo(f"warning: left out, it cannot be cited: {problem}", err=True)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from exc
    except InvalidSources as exc:
        for diagnostic in exc.diagnostics:
            click.echo(diagnostic.format(), err=True)
        raise click.ClickException(f"{len(exc.diagnostics)} error(s) in the sources") from exc
    except CitationError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command(context_settings=CONTEXT)
@click.argument("ref", required=False)
@click.option("--style", type=click.Choice(["chicago", "mla", "apa", "bibtex", "ris", "csl-json"]),
              default="chicago", show_default=True,
              help="A formatted citation (CSL style) or an export format.")
@base_url_option("The edition's address, the base of the citation's URL.")
@project_options
def cite(ref: str | None, style: str, base_url: str | None, project_path: Path | None,
         edition_dir: Path | None) -> None:
    """Print the citation of the edition or of one passage (REF: a paragraph id).

    Every citation carries the edition version and the canonical URL with the
    passage's fragment. A text whose header lacks what a citation needs is left out, with
    a warning.

    \b
    Examples:
      edition cite                       the edition, Chicago
      edition cite p3 --style mla        paragraph 3, MLA
      edition cite p3 --style bibtex     paragraph 3 as a BibLaTeX entry
      edition cite --base-url https://host.name/karakhan/
    """
    from teiedition.citation.formats import cite as render_citation
    from teiedition.citation.units import UncitedReference, UnknownReference

    model = _citation_model(project_path, edition_dir, base_url)
    try:
        text = render_citation(model, ref, style)
    except UncitedReference as exc:
        raise click.ClickException(str(exc)) from exc
    except UnknownReference as exc:
        raise click.BadParameter(
            f"'{exc.ref}' is not a citable passage; valid references: {', '.join(exc.valid)}",
            param_hint="'REF'") from exc
    click.echo(text, nl=False)


@cli.command(context_settings=CONTEXT)
@click.option("--check", "previous", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="The manifest (citations.json) of a published version.")
@base_url_option("The edition's address, the base of the current permalinks (texts "
                 "without idno[@type='URI'] can then be checked).")
@project_options
def citations(previous: Path, base_url: str | None, project_path: Path | None,
              edition_dir: Path | None) -> None:
    """Check that published identifiers still resolve and that their text is unchanged
    unless the edition version was raised.

    One line per problem; exit status 1 when there is any. A text whose header lacks
    what a citation needs is left out, with a warning.

    \b
    Examples:
      edition citations --check edition/released/citations-1.0.0.json
      edition citations --check citations-1.0.0.json --base-url https://host.name/karakhan/
    """
    from teiedition.citation.manifest import check_manifest, locations, manifest, read_manifest
    from teiedition.citation.units import CitationError
    from teiedition.errors import display_path

    try:
        published = read_manifest(previous)
    except CitationError as exc:
        raise click.UsageError(str(exc)) from exc
    model = _citation_model(project_path, edition_dir, base_url)
    problems = check_manifest(published, manifest(model), previous_name=display_path(previous),
                              locations=locations(model))
    for problem in problems:
        click.echo(problem.format())
    if problems:
        raise SystemExit(1)
    click.echo(f"{len(published['units'])} published identifiers checked: all present, "
               "texts unchanged or versioned")


@cli.command(context_settings=CONTEXT)
@click.option("--sizes", default="1,100,1000", show_default=True,
              help="Corpus sizes (texts), comma-separated (all three: about 10 minutes).")
@click.option("--no-pdf", is_flag=True, help="Measure validation and HTML only.")
@click.option("--pdf-limit", type=click.IntRange(1, 100_000), default=4, show_default=True,
              help="Typeset at most this many texts of each corpus (PDF documents/s).")
@click.option("--no-persons", is_flag=True,
              help="Skip the variant with a register of 10,000 more persons.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes (PDFs; HTML pages of large corpora).  [default: the cores]")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the JSON report to this file.")
@click.option("-P", "--project", "project_path", type=click.Path(path_type=Path), default=None,
              help="The edition project the corpus is derived from.  [default: found from "
              "the current folder upwards]")
def bench(sizes: str, no_pdf: bool, pdf_limit: int, no_persons: bool, jobs: int | None,
          out_file: Path | None, project_path: Path | None) -> None:
    """Measure build speed on a synthetic corpus derived from the edition.

    For each size N: N texts (the article and N-1 copies with distinct ids, pointing into
    the edition's registers), plus the largest N with 10,000 more persons; validation, HTML,
    citation files and PDF, cold and warm, by the clock and by the processor; documents per
    second and peak memory. Prints a table.

    \b
    Examples:
      edition bench                          N = 1, 100, 1000 (+10k persons)
      edition bench --sizes 1,100 --no-persons --out report.json
    """
    from teiedition.build import bench as benchmark

    try:
        numbers = [int(n) for n in sizes.split(",") if n.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"{sizes!r}: give sizes like 1,100,1000",
                                 param_hint="'--sizes'") from exc
    if not numbers or min(numbers) < 1:
        raise click.BadParameter("sizes must be positive", param_hint="'--sizes'")
    project = load_project(project_path, None)
    try:
        report = benchmark.run(numbers, project, persons_variant=not no_persons,
                               pdf=not no_pdf, pdf_limit=pdf_limit, jobs=jobs,
                               echo=lambda line: click.echo(line, err=True))
    except EditionError as exc:
        raise click.ClickException(f"benchmark failed: {exc}") from exc
    if out_file is not None:
        out_file.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    click.echo(benchmark.table(report))


def main() -> None:
    """Entry point: never shows a traceback unless EDITION_DEBUG is set."""
    try:
        cli.main(prog_name="edition", standalone_mode=True)
    except EditionError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # last line of defence: a message, not a traceback
        if os.environ.get("EDITION_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); "
                   "set EDITION_DEBUG=1 to see the traceback", err=True)
        sys.exit(1)
