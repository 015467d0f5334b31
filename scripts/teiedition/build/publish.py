"""Putting a finished build in place without ever losing the previous one.

* :class:`BuildLock` - one build per output folder at a time: a second build started while
  one is running stops at once with a message naming the running one (``fcntl`` lock on a
  file beside the output; the operating system releases it when a build dies).
* :func:`staging_dir` - builds are written into a temporary folder beside the output.
* :func:`publish` - the finished folder replaces the output in one atomic step
  (``renameat2(RENAME_EXCHANGE)`` on Linux), so at every instant the output folder is either
  the complete old site or the complete new one, even if the process is killed. Where the
  exchange is not available, two renames are used and :func:`recover` puts the old site
  back if a build died between them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
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


def staging_dir(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=out_dir.parent))
    staging.chmod(0o755)  # the published site is readable like any folder, not private
    return staging


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
        shutil.rmtree(staging, ignore_errors=True)  # holds the old site now
        return
    old = _old_path(out_dir)
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
