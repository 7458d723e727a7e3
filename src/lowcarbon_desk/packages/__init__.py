"""Signed ``.lcpkg`` submission packages (headless, no Qt): keys, create, verify, import,
decisions. The format is ``docs/standard/package.md``; one job per module:

- ``keys``: this installation's Ed25519 key pair (made on first use, owner-only files) and
  fingerprints (SHA-256 of the raw public key, in groups of four hex digits);
- ``layout``: member names and the package file name;
- ``limits``: package, member, ratio and total size limits (a parameter, for tests);
- ``archive``: opening a ZIP safely (paths, links, limits) and capped reads;
- ``manifest``: ``manifest.json`` shape;
- ``recordfile``: a record's file in a package (writing, and validating a received one);
- ``create``: submission packages (a county's includes the enterprise packages it accepted,
  unchanged, under ``packages/<sha256>.lcpkg``) and decision packages;
- ``verify``: every check of the spec, in order, without a database;
- ``importer``: all-or-nothing import with trust on first use and idempotent re-import.

Decisions taken where the spec leaves room (also in each module's docstring):

- A submission package takes, per record lineage, the newest revision that is ``submitted``
  or ``accepted`` and was entered locally; received records travel only in their original
  package.
- Record files carry ``lineage_id``, ``previous_record_id``, ``org_id``, ``period`` and the
  organisation's profile (``org``) so a package validates without a database; they do not
  carry ``issues``, which the receiver recomputes.
- The manifest adds ``kind`` (``submission`` or ``decision``, default ``submission``) and the
  sender's organisation ``kind``.
- A decision package (signed by the county) holds record files with only ``record_id``,
  ``lineage_id``, ``revision``, ``state`` and ``comment``, and no reports.
- A county package nests the original enterprise packages the county accepted, only those
  needed to carry every accepted latest revision (newest first); nesting is one level deep. It
  also carries the county roll-up of the period's year (``reports/rollup.pdf`` and
  ``reports/rollup.xlsx``), which only a county's package may hold.
- Nested packages are verified and imported oldest first (manifest ``created_at``).
- Record files must be exactly canonical JSON.
"""
