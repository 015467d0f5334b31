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


def test_links_in_the_spare_site_are_removed_not_written_through(tmp_path: Path) -> None:
    """A symbolic link could lead a writer out of the site, and a file with a second name
    (a backup made with ``cp -al``) would change with it: both leave the working folder,
    and the build writes new files in their place."""
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    spare = tmp_path / ".site-spare"
    (spare / "sub").mkdir(parents=True)
    (spare / "page.html").write_text("old page", encoding="utf-8")
    backup = tmp_path / "backup-page.html"
    os.link(spare / "page.html", backup)
    (spare / "link.html").symlink_to(outside)
    (spare / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    (spare / "sub" / "kept.html").write_text("kept", encoding="utf-8")
    staging = staging_dir(tmp_path / "site")
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == [
        "sub", "sub/kept.html"]
    write_over(staging / "page.html", "new page")
    write_over(staging / "link.html", "new link")
    assert backup.read_text(encoding="utf-8") == "old page"
    assert outside.read_text(encoding="utf-8") == "not the site's"
    assert not (staging / "link.html").is_symlink()
