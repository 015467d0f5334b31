"""Putting a finished build in place without ever losing the previous one.

* :class:`BuildLock` - one build per output folder at a time: a second build started while
  one is running stops at once with a message naming the running one (``fcntl`` lock on a
  file beside the output; the operating system releases it when a build dies).
* :func:`staging_dir` - builds are written into a temporary folder beside the output: the
  site before the last one (kept hidden beside the output, ``.<name>-spare``), whose files
  the build writes over, or a new folder. Writing over a file costs less than deleting the
  old and creating a new one: on ext4 without a journal, mounted with ``discard``, each new
  file is allocated past every recently deleted one and each deleted file's blocks are a
  request to the disk, which cost a rebuild more than a tenth of a second.
  :func:`prune_unwritten` then removes what the build did not write again.
* :func:`publish` - the finished folder replaces the output in one atomic step
  (``renameat2(RENAME_EXCHANGE)`` on Linux), so at every instant the output folder is either
  the complete old site or the complete new one, even if the process is killed. Where the
  exchange is not available, two renames are used and :func:`recover` puts the old site
  back if a build died between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from pathlib import Path
from types import TracebackType

from teiedition.errors import EditionError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class BuildLocked(EditionError):
    """Another build is writing the same output folder."""


def _lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


class BuildLock:
    """Exclusive lock for building into ``out_dir``.

    With ``create=False`` the lock is taken only if its file exists (a running build always
    has created it): a way to check that no build is running without writing anything.
    """

    def __init__(self, out_dir: Path, *, create: bool = True) -> None:
        self.out_dir = out_dir
        self.path = _lock_path(out_dir)
        self.create = create
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        if not self.create:
            try:
                fd = os.open(self.path, os.O_RDWR)
            except FileNotFoundError:
                return self  # no build has ever locked this folder
        else:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
                raise BuildLocked(
                    f"another build (process {holder}) is writing {self.out_dir}; "
                    "wait for it to finish, then build again") from exc
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _old_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}-old")


def recover(out_dir: Path) -> None:
    """Undo what a build killed while publishing or writing left behind (under the lock)."""
    old = _old_path(out_dir)
    if old.exists():
        if out_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(out_dir)
    for stale in out_dir.parent.glob(f".{out_dir.name}-tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _spare_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}-spare")


#: The modification time (nanoseconds after 1970) that marks a file of a reused working
#: folder as not (yet) written by this build; every writer sets the time to now, a copy to
#: its source's time. No file has this time of its own.
UNWRITTEN_NS = 7


def staging_dir(out_dir: Path) -> Path:
    """A folder beside ``out_dir`` for the build to write into (under the build's lock):
    the spare site, if there is one, with each file marked unwritten (see
    :func:`prune_unwritten`), else a new empty folder."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=out_dir.parent))
    staging.chmod(0o755)  # the published site is readable like any folder, not private
    spare = _spare_path(out_dir)
    if spare.is_dir():
        try:
            spare.rename(staging)  # onto the empty folder: the spare's name is free again
            _mark_unwritten(staging)
        except OSError:  # a spare that cannot be reused: a new folder after all
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(spare, ignore_errors=True)
            staging.mkdir(mode=0o755)
    return staging


def _mark_unwritten(folder: Path) -> None:
    """Mark every file of ``folder`` unwritten. What a writer must not write through is
    removed instead, so that the build creates it anew: a link (it could lead out of the
    site) and a file with other names (a hard link, say from a backup made with ``cp -al``,
    whose copy would change with it)."""
    for root, folders, files in os.walk(folder):
        for name in [f for f in folders if os.path.islink(os.path.join(root, f))]:
            os.unlink(os.path.join(root, name))
            folders.remove(name)
        for name in files:
            path = os.path.join(root, name)
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                os.utime(path, ns=(UNWRITTEN_NS, UNWRITTEN_NS))
            else:
                os.unlink(path)


def written(path: Path) -> bool:
    """Whether this build wrote ``path`` (in a folder from :func:`staging_dir`)."""
    return path.lstat().st_mtime_ns != UNWRITTEN_NS


def prune_unwritten(staging: Path) -> None:
    """Remove from a finished working folder every file the build did not write, and the
    folders that held only such files: what is left is what a build into a new folder
    writes."""
    for root, folders, files in os.walk(staging, topdown=False):
        emptied = False
        for name in files:
            path = os.path.join(root, name)
            if os.lstat(path).st_mtime_ns == UNWRITTEN_NS:
                os.unlink(path)
                emptied = True
        if (emptied or folders) and root != str(staging):
            with contextlib.suppress(OSError):  # not empty: something was written there
                os.rmdir(root)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(b))


class PublishError(EditionError):
    """The finished site could not be put in place (the file system refused)."""


def publish(staging: Path, out_dir: Path) -> None:
    """Make ``staging`` the output folder; the old site is removed only afterwards."""
    try:
        _publish(staging, out_dir)
    except OSError as exc:
        raise PublishError(f"{out_dir}: the new site could not be put in place: "
                           f"{exc.strerror or exc}") from exc


def _publish(staging: Path, out_dir: Path) -> None:
    if out_dir.exists() and _exchange(staging, out_dir):
        _keep_spare(staging, out_dir)  # holds the old site now
        return
    old = _old_path(out_dir)
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    if old.exists():
        _keep_spare(old, out_dir)


def _keep_spare(old_site: Path, out_dir: Path) -> None:
    """Keep the site just replaced as the next build's working folder."""
    spare = _spare_path(out_dir)
    shutil.rmtree(spare, ignore_errors=True)
    try:
        old_site.rename(spare)
    except OSError:
        shutil.rmtree(old_site, ignore_errors=True)
