"""Signed ``.lcpkg`` submission packages (headless, no Qt): keys, create, verify, import,
decisions. The format is ``docs/standard/package.md``; one job per module:

- ``keys``: this installation's Ed25519 key pair (made on first use, owner-only files) and
  fingerprints (SHA-256 of the raw public key, in groups of four hex digits);
- ``layout``: member names and the package file name;
- ``limits``: package, member, ratio and total size limits, and the caps on what is read
  whole (a parameter, for tests);
- ``archive``: our own reader of the ZIP structure: bounded from the end record before the
  directory is read, exact (no byte outside a listed member), members streamed in chunks;
- ``source``: where a package's bytes are (a file, bytes, a nested package in place);
- ``jsondoc``: strict JSON (each key once, finite numbers, depth) naming the failing field;
- ``manifest``: ``manifest.json`` shape (canonical JSON);
- ``recordfile``: a record's file in a package (writing, and validating a received one);
- ``create``: submission packages (a county's includes the enterprise packages it accepted,
  unchanged, under ``packages/<sha256>.lcpkg``) and decision packages;
- ``writer``: the archive written straight into the output file, manifest first, the
  large members (nested packages, attachments) copied from the database in chunks and
  checked against their hash while copied;
- ``verify``: every check of the spec, in order, without a database, in bounded memory;
- ``verify_record``: what the receiver checks of a record's content: entered values in normal
  form, the sender's computed values of the declared shape (not recomputed), the deciding rules;
- ``importer``: verify first, then an all-or-nothing import with trust on first use (pins
  written last, in the same transaction) and idempotent re-import by content;
- ``import_home``: the database's identity read once per import call, again only when a
  written package may change it.
- ``jurisdiction``: who may send and decide what, against the database's derived identity
  (``storage.identity``): foreign divisions, misplaced and forged decisions.

``docs/security.md`` says what a package proves, the trust model and every limit.

Decisions taken where the spec leaves room (also in each module's docstring):

- A submission package takes, per record lineage, the newest revision that is ``submitted``
  or ``accepted`` and was entered locally; received records travel only in their original
  package.
- Record files carry ``lineage_id``, ``previous_record_id``, ``org_id``, ``period`` and the
  organisation's profile (``org``) so a package validates without a database; they do not
  carry ``issues``: the receiver derives the deciding ones from the entered values and the
  sender's computed values, which it checks for shape but does not recompute.
- The manifest adds ``kind`` (``submission`` or ``decision``, default ``submission``) and the
  sender's organisation ``kind``.
- A decision package (signed by the county) holds record files with only ``record_id``,
  ``lineage_id``, ``revision``, ``state`` and ``comment``, and no reports.
- A county package nests the original enterprise packages the county accepted, only those
  needed to carry every accepted latest revision (newest first); nesting is one level deep. It
  also carries the county roll-up of the period's year (``reports/rollup.pdf`` and
  ``reports/rollup.xlsx``), which only a county's package may hold.
- Nested packages are verified and imported oldest first (manifest ``created_at``).
- Only a county's package (sender with a division code) nests packages, each an enterprise's
  or park's of the county's division, stored uncompressed; a submission package carries at
  least one record (a county's may carry only nested packages instead).
- Manifest and record files must be exactly canonical JSON; the archive exactly its members.
"""
