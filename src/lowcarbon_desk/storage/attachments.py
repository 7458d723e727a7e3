"""Checking a supporting document before it is stored: type, size, content, SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import PurePath

from ..domain.attachment_types import content_matches
from ..domain.errors import InputError
from ..domain.forms import FormDef
from ..domain.jsontypes import Row


def checked_attachment(form: FormDef, name: str, content: bytes) -> Row:
    """The metadata ``{name, size, sha256, media_type}`` of an acceptable document, or
    ``InputError`` naming the file and the reason."""
    if not form.has_field("attachments"):
        raise InputError(f"{form.title_zh}不能添加附件", f"{form.title_en} takes no attachments",
                         subject="attachments")
    spec = form.field("attachments")
    name = PurePath(name).name.strip()
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in spec.allowed_types:
        raise InputError(f"附件“{name}”的类型不允许，只接受 PDF、JPEG、PNG、XLSX、DOCX",
                         f"attachment {name!r}: type not allowed (PDF, JPEG, PNG, XLSX, DOCX only)",
                         subject="attachments")
    if len(content) > spec.max_bytes:
        raise InputError(f"附件“{name}”大小 {len(content) / 1048576:.1f} MB，超过 50 MB 上限",
                         f"attachment {name!r} is {len(content) / 1048576:.1f} MB, over the 50 MB limit",
                         subject="attachments")
    if not content_matches(suffix, content[:16]):
        raise InputError(f"附件“{name}”的内容不是 {suffix.upper()} 文件（文件可能已损坏或扩展名不对）",
                         f"attachment {name!r}: the content is not a {suffix.upper()} file "
                         "(damaged, or the wrong extension)", subject="attachments")
    return {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest(),
            "media_type": mimetypes.guess_type(name)[0] or "application/octet-stream"}
