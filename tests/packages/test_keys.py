"""This installation's key: made once, owner-only, shown by ``key show``."""

from __future__ import annotations

import os
import re
import stat

import pytest

from lowcarbon_desk.packages.keys import (
    InstallationKey,
    decode_public_key,
    fingerprint,
    load_or_create_key,
    signature_valid,
)

from .offices import open_office


def test_key_is_made_on_first_use_and_kept(_isolated_home):
    key = load_or_create_key()
    assert key.path == _isolated_home / "keys" / "installation_ed25519.pem"
    again = load_or_create_key()
    assert again.public_bytes == key.public_bytes
    assert len(key.public_bytes) == 32
    assert decode_public_key(key.public_base64) == key.public_bytes


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_key_is_owner_only(_isolated_home):
    key = load_or_create_key()
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.path.parent.stat().st_mode) == 0o700
    key.path.chmod(0o644)
    load_or_create_key()
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    assert not [p for p in key.path.parent.iterdir() if p.name.startswith(".key.")]


def test_fingerprint_is_sha256_of_the_raw_key_in_groups():
    key = InstallationKey.generate()
    shown = key.fingerprint
    assert re.fullmatch(r"([0-9a-f]{4} ){15}[0-9a-f]{4}", shown)
    assert fingerprint(key.public_bytes) == shown
    assert shown != InstallationKey.generate().fingerprint


def test_signatures_verify_only_with_the_right_key_and_message():
    key, other = InstallationKey.generate(), InstallationKey.generate()
    signature = key.sign(b"manifest")
    assert signature_valid(key.public_bytes, signature, b"manifest")
    assert not signature_valid(other.public_bytes, signature, b"manifest")
    assert not signature_valid(key.public_bytes, signature, b"manifesT")
    assert decode_public_key("not base64!") is None and decode_public_key("AAAA") is None


def test_key_show_prints_the_fingerprint(tmp_path):
    office = open_office(tmp_path, "office")
    result = office.cli("key", "show")
    assert result.returncode == 0, result.stderr
    assert office.key.fingerprint in result.stdout
    shown = office.cli("key", "show", "--json")
    assert '"fingerprint"' in shown.stdout and office.key.public_base64 in shown.stdout
    # the key lives in the user data folder, never in the database
    assert office.key.path.is_relative_to(office.home)
    office.store.close()


def test_key_is_made_on_first_start_of_any_command(tmp_path):
    """package.md: "Each installation makes its own Ed25519 key pair on first start"."""
    office = open_office(tmp_path, "office")
    office.store.close()
    path = office.home / "keys" / "installation_ed25519.pem"
    assert office.cli("--help").returncode == 0 and not path.exists()
    assert office.cli("record", "list", "--no-such-option").returncode == 2 and not path.exists()
    assert office.cli("org", "list").returncode == 0
    assert path.exists()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = load_or_create_key(path.parent).fingerprint
    assert office.cli("org", "list").returncode == 0
    shown = office.cli("key", "show")
    assert shown.returncode == 0 and first in shown.stdout  # the same key, never remade
