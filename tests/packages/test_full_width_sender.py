"""A package whose sender code has full-width digits (signed, so only the code is wrong) is
refused naming the full-width characters."""

from __future__ import annotations

import pytest

from lowcarbon_desk.packages.errors import ManifestError
from lowcarbon_desk.packages.importer import import_package
from lowcarbon_desk.packages.keys import load_or_create_key
from lowcarbon_desk.packages.verify import verify_bytes

from . import tamper
from .conftest import Built


def test_full_width_sender_code_is_refused(county, enterprise_package: Built) -> None:
    content = enterprise_package.content
    sender = tamper.manifest(content)["sender"]
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in sender["org_id"])
    key = load_or_create_key(enterprise_package.home / "keys")
    bad = tamper.resign(content, key, manifest_changes={"sender": {**sender, "org_id": full_width}})
    with pytest.raises(ManifestError) as caught:
        verify_bytes(bad, "bad.lcpkg")
    assert f"'{full_width}' contains full-width characters" in caught.value.message_en
    assert "含全角字符" in caught.value.message_zh and "bad.lcpkg" in caught.value.message_en
    before = county.dump()
    with pytest.raises(ManifestError):
        import_package(county.store, bad, "县审核员")
    assert county.dump() == before
