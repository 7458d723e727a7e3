"""This installation's Ed25519 key pair and key fingerprints.

The key pair is made on the program's first start (``ensure_key``, called by the command line
and the window; ``load_or_create_key`` also makes it if it is still missing) and kept in
``user_data_dir()/keys/`` (folder 0700, private key file 0600 on POSIX systems). The private
key never goes into the database or a package; packages carry only the raw public key (base64).

Fingerprint: SHA-256 of the 32 raw public-key bytes, shown as 16 groups of 4 hex digits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..domain.errors import InputError
from ..fileio import os_error_reason
from ..paths import user_data_dir, user_data_path

KEY_FOLDER = "keys"
KEY_FILE = "installation_ed25519.pem"
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64


def fingerprint(public_key: bytes) -> str:
    """SHA-256 of the raw public key, hex in groups of four (``3fa2 9c01 …``)."""
    digest = hashlib.sha256(public_key).hexdigest()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def encode_public_key(public_key: bytes) -> str:
    """The raw public key as it appears in a manifest (standard base64)."""
    return base64.b64encode(public_key).decode("ascii")


def decode_public_key(text: object) -> bytes | None:
    """The raw 32-byte key from its base64 text, or ``None`` when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    return raw if len(raw) == PUBLIC_KEY_BYTES else None


def signature_valid(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is the Ed25519 signature of ``message`` by ``public_key``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class InstallationKey:
    """A loaded key pair: signs manifests, knows its public key and fingerprint."""

    private_key: Ed25519PrivateKey
    path: Path | None = None

    @property
    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                          serialization.PublicFormat.Raw)

    @property
    def public_base64(self) -> str:
        return encode_public_key(self.public_bytes)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_bytes)

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``message``."""
        return self.private_key.sign(message)

    @classmethod
    def generate(cls) -> InstallationKey:
        """A fresh key pair kept only in memory (tests, benchmarks)."""
        return cls(Ed25519PrivateKey.generate())


def key_folder() -> Path:
    """``user_data_dir()/keys``, created owner-only when missing."""
    folder = user_data_dir() / KEY_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


def _write_new_key(path: Path) -> None:
    """Write a fresh private key to ``path`` unless another process got there first."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    handle, temp_name = tempfile.mkstemp(prefix=".key.", suffix=".part", dir=path.parent)
    temp = Path(temp_name)
    try:
        os.chmod(temp, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, path)  # fails if a key already exists: never overwrite one
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def ensure_key(folder: Path | None = None) -> Path:
    """Make this installation's key pair unless it exists (on first start); the key file.

    Cheap when the key is there: one ``stat``, no parsing.
    """
    folder = folder or key_folder()
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_new_key(path)
    return path


def key_unavailable(exc: OSError, folder: Path | None = None) -> InputError:
    """One line: the key cannot be made or kept because its folder cannot be written."""
    where = folder or user_data_path()
    zh, en = os_error_reason(exc)
    return InputError(f"无法生成本机签名密钥：文件夹 {where} 无法写入（{zh}）",
                      f"cannot make this installation's signing key: the folder {where} cannot be written ({en})",
                      subject=str(where))


def load_or_create_key(folder: Path | None = None) -> InstallationKey:
    """This installation's key pair, made on first use; a folder that cannot hold it is one
    ``InputError``."""
    try:
        folder = folder or key_folder()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / KEY_FILE
        if not path.exists():
            _write_new_key(path)
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
    except OSError as exc:
        raise key_unavailable(exc, folder) from None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"无法读取本机签名密钥 {path}：{exc}",
                         f"cannot read this installation's signing key {path}: {exc}",
                         subject=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"密钥文件 {path} 不是 Ed25519 私钥", f"key file {path} is not an Ed25519 private key",
                         subject=str(path))
    return InstallationKey(key, path)
