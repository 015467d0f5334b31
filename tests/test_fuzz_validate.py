"""Property-based robustness: whatever is done to the edition's TEI, `edition validate` ends
with exit 0 or 1, prints only located messages and a summary, and never a traceback."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from teiedition.cli import cli

from .conftest import EDITION
from .mutations import TEXT, mutated_text

pytestmark = pytest.mark.slow

LINE = re.compile(r"^.+:\d+:\d+: (error|warning): \[[a-z0-9-]+\] .+$")
SUMMARY = re.compile(r"^\d+ files? (valid|checked: \d+ errors?, \d+ warnings?)$")


@settings(max_examples=40, deadline=timedelta(seconds=20),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=mutated_text())
def test_validate_survives_any_mutation(tmp_path_factory: pytest.TempPathFactory,
                                        content: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz") / "edition"
    shutil.copytree(EDITION, folder)
    (folder / TEXT.name).write_bytes(content)
    result = CliRunner().invoke(cli, ["validate", "--edition", str(folder)])
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    for line in lines[:-1]:
        assert LINE.match(line), line
