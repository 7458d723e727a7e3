"""The short writes of the window as operation functions: organisations, records, drafts,
justifications, submit, revise, delete, decisions, attachments.

Each ``*_op`` returns ``fn(store, progress) -> Done`` for an ``Operation`` and touches no
widget; the ``DeskService`` runs them at once (``Operation.run_now``) on its own ``Store``:
each is one transaction the user waits on (a draft saved while typing, a click on Submit).
What each changed is in its ``Changes``, so the views follow them as they follow an import.
"""

from __future__ import annotations

from pathlib import Path

from ...domain.periods import common_period
from ...domain.versions import VersionMove
from ...packages.create import CreatedPackage, create_decision_package
from ...storage import Store
from .base import Changes, Done, OperationFunction, Progress


def add_org_op(data: dict, operator: str) -> OperationFunction[str]:
    """A new organisation (``org add``)."""

    def work(store: Store, _progress: Progress) -> Done[str]:
        org_id = store.add_orgs([data], operator)[0]
        return Done(org_id, Changes(orgs=(org_id,)))

    return work


def create_record_op(form_id: str, org_id: str, data: dict, operator: str) -> OperationFunction[str]:
    """A new draft record (``record new``)."""

    def work(store: Store, _progress: Progress) -> Done[str]:
        record_id = store.add_record(form_id, org_id, data, operator)
        return Done(record_id, Changes(records=(record_id,)))

    return work


def save_draft_op(record_id: str, data: dict, operator: str) -> OperationFunction[dict]:
    """A draft's values stored (malformed input raises ``InputError`` and stores nothing)."""

    def work(store: Store, _progress: Progress) -> Done[dict]:
        doc = store.update_record(record_id, data, operator)
        return Done(doc, Changes(records=(record_id,)))

    return work


def justify_op(record_id: str, rule: str, field: str, text: str, operator: str) -> OperationFunction[int]:
    """A warning's justification stored; the value is how many warnings it covers."""

    def work(store: Store, _progress: Progress) -> Done[int]:
        count = store.justify(record_id, rule, text, operator, field=field)
        return Done(count, Changes(records=(record_id,)))

    return work


def submit_op(record_id: str, operator: str) -> OperationFunction[None]:
    """The draft submitted (``record submit``)."""

    def work(store: Store, _progress: Progress) -> Done[None]:
        store.submit(record_id, operator)
        return Done(None, Changes(records=(record_id,)))

    return work


def revise_op(record_id: str, operator: str) -> OperationFunction[str]:
    """A new draft revision of a submitted record; the value is its id."""

    def work(store: Store, _progress: Progress) -> Done[str]:
        new_id = store.revise(record_id, operator)
        return Done(new_id, Changes(records=(record_id, new_id)))

    return work


def revise_to_latest_op(record_id: str, operator: str) -> OperationFunction[VersionMove]:
    """A new draft revision on the newest version of the record's form (``record revise --to-latest``)."""

    def work(store: Store, _progress: Progress) -> Done[VersionMove]:
        move = store.revise_to_latest(record_id, operator)
        return Done(move, Changes(records=tuple(dict.fromkeys([record_id, move.record_id]))))

    return work


def delete_draft_op(record_id: str, operator: str) -> OperationFunction[None]:
    """A draft that was never submitted, deleted."""

    def work(store: Store, _progress: Progress) -> Done[None]:
        store.delete_draft(record_id, operator)
        return Done(None, Changes(records=(record_id,)))

    return work


def decide_op(record_ids: list[str], decision: str, operator: str, comment: str | None = None,
              folder: Path | None = None) -> OperationFunction[list[CreatedPackage]]:
    """Received records accepted or returned (a return needs ``comment``), all or none; with
    ``folder``, each enterprise's signed decision package written there too (``review -o``)."""

    def work(store: Store, _progress: Progress) -> Done[list[CreatedPackage]]:
        made: list[CreatedPackage] = []
        with store.transaction():
            by_org: dict[str, list[str]] = {}
            periods: dict[str, str | None] = {}
            for record_id in record_ids:
                store.decide(record_id, decision, operator, comment)
                doc = store.get_record(record_id)
                by_org.setdefault(doc["org_id"], []).append(record_id)
                periods[record_id] = doc.get("period")
            if folder is not None:
                for org_id, ids in by_org.items():  # the file is named by the records' period
                    made.append(create_decision_package(store, org_id, folder, operator=operator, record_ids=ids,
                                                        period=common_period([periods[i] for i in ids])))
        return Done(made, Changes(records=tuple(record_ids), packages=tuple(m.path for m in made)))

    return work


def add_attachment_op(record_id: str, path: Path, operator: str) -> OperationFunction[dict]:
    """A file attached to a draft; the value is the attachment's description."""

    def work(store: Store, _progress: Progress) -> Done[dict]:
        meta = store.add_attachment(record_id, path.name, path.read_bytes(), operator)
        return Done(meta, Changes(records=(record_id,)))

    return work


def remove_attachment_op(record_id: str, index: int, operator: str) -> OperationFunction[None]:
    """A draft's attachment removed."""

    def work(store: Store, _progress: Progress) -> Done[None]:
        store.remove_attachment(record_id, index, operator)
        return Done(None, Changes(records=(record_id,)))

    return work
