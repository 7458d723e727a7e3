"""Atomic output files: complete or absent, with ordinary permissions."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lowcarbon_desk.domain.errors import FileError
from lowcarbon_desk.fileio import atomic_output, atomic_write_bytes, file_error, os_error_reason
from lowcarbon_desk.tempfiles import temp_name_pattern

SRC = Path(__file__).resolve().parents[1] / "src"


def test_written_file_gets_umask_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        target = tmp_path / "out.pdf"
        atomic_write_bytes(target, b"%PDF")
        assert target.read_bytes() == b"%PDF"
        assert target.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)


def test_replacing_keeps_the_old_permissions(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o640


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


# --- failures: one FileError naming the output, nothing left behind -------------------------

def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_folder_as_target_is_refused(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(FileError) as info, atomic_output(folder):
        pytest.fail("the body must not run")
    assert str(folder) in info.value.message("en") and "is a folder" in info.value.message("en")
    assert "是一个文件夹" in info.value.message("zh")
    assert _names(tmp_path) == ["reports"] and _names(folder) == []


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    blocker = tmp_path / "out.db"
    blocker.write_bytes(b"keep")
    with pytest.raises(FileError) as info:
        atomic_write_bytes(blocker / "x.db", b"new")
    assert f"{blocker} is a file, not a folder" == info.value.message("en")
    assert blocker.read_bytes() == b"keep" and _names(tmp_path) == ["out.db"]


def test_missing_folders_are_created(tmp_path):
    target = tmp_path / "2025" / "三月 报表" / "out.pdf"
    atomic_write_bytes(target, b"%PDF")
    assert target.read_bytes() == b"%PDF"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_that_cannot_hold_files(tmp_path):
    with pytest.raises(FileError) as info:
        atomic_write_bytes("/proc/r.pdf", b"%PDF")
    assert info.value.message("en") == "file /proc/r.pdf: no such file or folder"
    assert info.value.message("zh") == "文件 /proc/r.pdf：文件或文件夹不存在"
    assert not Path("/proc/r.pdf").exists()


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux /sys")
def test_a_folder_without_write_permission():
    # /sys refuses new files even to root, so this runs as any user
    with pytest.raises(FileError) as info:
        atomic_write_bytes("/sys/t.xlsx", b"PK")
    assert info.value.message("en") == "file /sys/t.xlsx: permission denied"
    assert not any(p.name.startswith(".t.xlsx.") for p in Path("/sys").iterdir())


def test_an_error_while_writing_the_temporary_names_the_output(tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(FileError) as info, atomic_output(target) as temp:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(temp))
    assert info.value.message("en") == f"file {target}: the disk is full"
    assert _names(tmp_path) == []


def test_an_error_about_another_file_is_left_to_the_caller(tmp_path):
    source = tmp_path / "missing.png"
    with pytest.raises(FileNotFoundError), atomic_output(tmp_path / "out.pdf"):
        source.read_bytes()
    assert _names(tmp_path) == []


def test_journal_files_of_a_failed_database_write_are_removed(tmp_path):
    import sqlite3

    with pytest.raises(RuntimeError), atomic_output(tmp_path / "copy.db") as temp:
        conn = sqlite3.connect(temp)
        conn.execute("CREATE TABLE t (x)")
        Path(str(temp) + "-journal").write_bytes(b"left by a crash")
        conn.close()
        raise RuntimeError("backup failed")
    assert _names(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                            capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_during_an_atomic_write_leaves_no_half_file(tiny_disk):
    target = tiny_disk / "big.pdf"
    target.write_bytes(b"old")
    with pytest.raises(FileError) as info:
        atomic_write_bytes(target, os.urandom(200_000))
    assert info.value.message("en") == f"file {target}: the disk is full"
    assert info.value.message("zh") == f"文件 {target}：磁盘已满"
    assert target.read_bytes() == b"old" and _names(tiny_disk) == ["big.pdf"]


def test_file_size_limit_during_an_atomic_write_leaves_no_half_file(tmp_path):
    """Disk full without a mount: RLIMIT_FSIZE makes the write fail with EFBIG."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(SRC)!r})
        from lowcarbon_desk.domain.errors import FileError
        from lowcarbon_desk.fileio import atomic_write_bytes
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
        try:
            atomic_write_bytes({str(tmp_path / 'out.xlsx')!r}, bytes(300_000))
        except FileError as exc:
            print(exc.message("en"))
    """)
    env = {**os.environ, "LOWCARBON_DESK_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == f"file {tmp_path / 'out.xlsx'}: the file is too large", result.stderr
    assert _names(tmp_path) == ["home"]


# --- the reasons, including Windows' codes --------------------------------------------------

def _os_error(code: int, winerror: int | None = None, name: str = "x.xlsx") -> OSError:
    exc = OSError(code, os.strerror(code), name)
    if winerror is not None:
        exc.winerror = winerror  # what Windows sets; errno alone cannot tell these apart
    return exc


@pytest.mark.parametrize(("code", "winerror", "replacing", "english"), [
    (errno.EACCES, 32, False, "the file is open in another program (for example Excel); close it there and try again"),
    (errno.EACCES, 33, False, "the file is open in another program (for example Excel); close it there and try again"),
    (errno.EACCES, 5, True, "cannot replace it: the file may be open in another program (for example Excel), or it is read-only"),
    (errno.EACCES, 5, False, "permission denied"),
    (errno.ENOSPC, 112, False, "the disk is full"),
    (errno.ENOENT, 3, False, "the folder does not exist"),
    (errno.EINVAL, 123, False, 'the file name is not valid (no \\ / : * ? " < > |)'),
    (errno.EACCES, None, False, "permission denied"),
    (errno.ENOENT, None, False, "no such file or folder"),
    (errno.EISDIR, None, False, "it is a folder, not a file"),
    (errno.ENOTDIR, None, False, "a part of the path is not a folder"),
    (errno.ENOSPC, None, False, "the disk is full"),
    (errno.EROFS, None, False, "it is on a read-only file system"),
    (errno.EPERM, None, False, "operation not permitted (no permission, or the file is marked unchangeable)"),
])
def test_os_error_reasons(code, winerror, replacing, english):
    zh, en = os_error_reason(_os_error(code, winerror), replacing=replacing)
    assert en == english
    assert zh and zh != en


def test_windows_replace_of_a_file_open_in_excel_is_one_line():
    error = file_error(_os_error(errno.EACCES, 5, "C:\\报表\\2025 年.xlsx"), "C:\\报表\\2025 年.xlsx",
                       replacing=True)
    assert error.message("zh") == ("文件 C:\\报表\\2025 年.xlsx：无法替换：文件可能正被另一个程序打开（例如 Excel），或是只读的")
    assert error.subject == "C:\\报表\\2025 年.xlsx"


def test_unknown_errors_keep_the_system_text():
    assert os_error_reason(_os_error(errno.ECONNRESET)) == (os.strerror(errno.ECONNRESET),) * 2


def test_temp_names_match_only_our_own(tmp_path):
    with atomic_output(tmp_path / "r.pdf") as temp:
        pattern = temp_name_pattern("r.pdf")
        assert pattern.match(temp.name)
    for name in (".r.pdf.abcd1234.part", ".r.pdf.abcd_234.part-journal", ".r.pdf.abcd1234.part-wal"):
        assert pattern.match(name), name
    for name in ("r.pdf.abcd1234.part", ".r.pdf.abc.part", ".r.pdf.ABCD1234.part", ".r.pdf.abcd1234.part.keep",
                 ".xr.pdf.abcd1234.part", ".r.pdf.abcd1234.partial", ".r.pdf.abcd1234.part-journal~"):
        assert not pattern.match(name), name
