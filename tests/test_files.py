"""Writing files over the site before the last: the writer and the pruning of what a build
did not write again."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from teiedition.build.publish import UNWRITTEN_NS, prune_unwritten, staging_dir, written
from teiedition.files import write_over


def test_a_file_written_over_holds_exactly_the_new_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_over(path, "Карахан " * 1000)  # a new file
    assert path.read_text(encoding="utf-8") == "Карахан " * 1000
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    inode = path.stat().st_ino
    write_over(path, b"short")  # over a longer file: the rest is cut off
    assert path.read_bytes() == b"short"
    assert path.stat().st_ino == inode  # the same file, written over
    write_over(path, bytearray(b"longer than before"))
    assert path.read_bytes() == b"longer than before"


def test_an_empty_file_written_over_an_empty_file_counts_as_written(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    os.utime(path, ns=(UNWRITTEN_NS, UNWRITTEN_NS))
    assert not written(path)
    write_over(path, b"")
    assert written(path) and path.read_bytes() == b""


def test_the_spare_site_is_the_next_working_folder_and_its_unwritten_files_are_pruned(
        tmp_path: Path) -> None:
    out = tmp_path / "site"
    spare = tmp_path / ".site-spare"
    (spare / "kept" / "deeper").mkdir(parents=True)
    (spare / "gone").mkdir()
    for name in ("index.html", "kept/a.json", "kept/deeper/b.json", "gone/c.json",
                 "stale.html"):
        (spare / name).write_text(name, encoding="utf-8")
    staging = staging_dir(out)
    assert not spare.exists() and staging.parent == tmp_path
    assert not any(written(p) for p in staging.rglob("*") if p.is_file())
    write_over(staging / "index.html", "new")
    write_over(staging / "kept" / "deeper" / "b.json", "new")
    (staging / "new.html").write_text("new", encoding="utf-8")
    prune_unwritten(staging)
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == [
        "index.html", "kept", "kept/deeper", "kept/deeper/b.json", "new.html"]
    assert (staging / "index.html").read_text(encoding="utf-8") == "new"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
