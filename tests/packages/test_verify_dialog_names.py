"""The verify dialog's sender label is ``sender_label``: a ``sender`` attribute would hide
``QObject.sender()``, which a slot of the dialog asks who signalled."""

from __future__ import annotations

from lowcarbon_desk.packages.verify import verify_bytes


def test_verify_dialog_keeps_qobject_sender(qapp, tmp_path, enterprise_package):
    from lowcarbon_desk.ui.submissions.dialogs import VerifyDialog
    from lowcarbon_desk.ui.submissions.tasks import VerifyOutcome

    package = verify_bytes(enterprise_package.content, "ok.lcpkg")
    dialog = VerifyDialog(VerifyOutcome(tmp_path / "ok.lcpkg", package), "zh")
    try:
        assert dialog.sender() is None  # QObject.sender outside a slot, not a label
        assert enterprise_package.org["name"] in dialog.sender_label.text()
    finally:
        dialog.deleteLater()
