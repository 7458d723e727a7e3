"""Atomic output files: complete or absent, with ordinary permissions."""

from __future__ import annotations

import os

import pytest

from lowcarbon_desk.fileio import atomic_output, atomic_write_bytes


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
