"""PDF/A-2b for the PDFs reportlab writes (ISO 19005-2, level B: the pages look the same
everywhere, for ever).

reportlab already embeds every font (the bundled CJK font is the only one) and paints in
DeviceRGB without transparency. What it lacks, this module adds to each document:

- an output intent (``/OutputIntents``, ``GTS_PDFA1``) holding the bundled sRGB ICC profile
  (``resources/icc/sRGB.icc``), which DeviceRGB colour needs;
- XMP metadata, uncompressed, with ``pdfaid:part = 2`` and ``conformance = B``, and the same
  title, author, subject, keywords, tools and dates as the Info dictionary (taken from it);
- a document ID of our own, derived from the finished document's bytes (``with_content_id``:
  the same record and options give the same bytes and ID; the PDF with and without the
  appendix, or in another language, has an ID of its own), repeated in the XMP as
  ``xmpMM:DocumentID``;
- an end-of-line before every ``endstream`` keyword, which PDF/A requires and reportlab
  leaves out (``with_stream_eols``, run on the finished bytes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache
from itertools import pairwise

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from ..paths import resources_dir

PART, CONFORMANCE = 2, "B"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
REGISTRY = "http://www.color.org"
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a document without a date


@cache
def srgb_profile() -> bytes:
    """The bundled sRGB ICC profile (ICC v2, see resources/icc/README.md)."""
    return (resources_dir() / "icc" / "sRGB.icc").read_bytes()


def document_time(stamp: str | None) -> dt.datetime:
    """The document's date from an ISO stamp, keeping its offset (UTC when it has none)."""
    try:
        when = dt.datetime.fromisoformat(stamp or "")
    except ValueError:
        return FALLBACK_TIME
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _offset(when: dt.datetime) -> tuple[str, int, int]:
    minutes = int((when.utcoffset() or dt.timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return sign, abs(minutes) // 60, abs(minutes) % 60


def pdf_date(when: dt.datetime) -> str:
    """The Info dictionary's form of a date: ``D:20261130124939+08'00'``."""
    sign, hours, minutes = _offset(when)
    return f"D:{when:%Y%m%d%H%M%S}{sign}{hours:02d}'{minutes:02d}'"


def xmp_date(when: dt.datetime) -> str:
    """The XMP form of the same date: ``2026-11-30T12:49:39+08:00``."""
    sign, hours, minutes = _offset(when)
    return f"{when:%Y-%m-%dT%H:%M:%S}{sign}{hours:02d}:{minutes:02d}"


def document_id(*parts: str) -> bytes:
    """16 bytes naming a document: the same parts give the same ID (no random ids)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).digest()[:16]


def _uuid(raw: bytes) -> str:
    text = raw.hex()
    return f"uuid:{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:32]}"


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped, as
    ``xml.sax.saxutils.escape`` does (whose module imports urllib.request, ssl and email: 12 ms
    on every start of the program)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, creator: str,
               producer: str, when: dt.datetime, identifier: bytes) -> bytes:
    """The XMP metadata packet of a PDF/A-2b document (UTF-8, without the ``bytes`` and
    ``encoding`` attributes PDF/A forbids)."""
    date, uuid = xmp_date(when), _uuid(identifier)
    x = escape  # text content: &, <, > (attributes are fixed)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>{PART}</pdfaid:part>
   <pdfaid:conformance>{CONFORMANCE}</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{x(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(subject)}</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{x(creator)}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{x(producer)}</pdf:Producer>
   <pdf:Keywords>{x(keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return packet.encode("utf-8")


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def add_pdfa_parts(doc: PDFDocument, when: dt.datetime) -> None:
    """Give reportlab's document ``doc`` the output intent, XMP metadata and ID of PDF/A-2b.

    Call it when the pages are done and before the document is formatted; the metadata is
    read from ``doc.info`` so that XMP and Info dictionary cannot disagree. ``when`` must be
    the date the Info dictionary is given (the canvas's date formatter)."""
    info = doc.info
    title, subject = _text(info.title), _text(info.subject)
    identifier = document_id(title, subject, xmp_date(when))
    metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                         content=xmp_packet(title=title, author=_text(info.author), subject=subject,
                                            keywords=_text(info.keywords), creator=_text(info.creator),
                                            producer=_text(info.producer), when=when,
                                            identifier=identifier),
                         filters=None)  # unfiltered: PDF/A wants XMP any tool can read as text
    profile = PDFStream(PDFDictionary({"N": 3}), content=srgb_profile(), filters=[PDFZCompress])
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
        "RegistryName": PDFString(REGISTRY),
        "Info": PDFString(OUTPUT_CONDITION),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog = doc.Catalog  # type: ignore[attr-defined]  # set by PDFDocument.__init__; missing from types-reportlab
    catalog.Metadata = metadata
    catalog.OutputIntents = PDFArray([intent])
    # reportlab's catalog writes only the keys it lists; OutputIntents is not among them
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
    # the trailer's /ID, a placeholder until ``with_content_id`` puts the content's digest in
    hex_id = identifier.hex().encode("ascii")
    # reportlab's private trailer /ID, written with the trailer; not in types-reportlab
    doc._ID = b"[<" + hex_id + b"><" + hex_id + b">]"  # type: ignore[attr-defined]


_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\n?$")


def with_stream_eols(pdf: bytes) -> bytes:
    """``pdf`` with an end-of-line before every ``endstream`` keyword, offsets corrected.

    reportlab writes ``…data endstream``; PDF/A-2 (6.1.7.1) requires an EOL between the data
    and the keyword (not counted in ``/Length``). reportlab writes one object after another
    and a single classic cross-reference table, so each object is the span between two
    successive offsets, and a stream object ends with ``endstream\\nendobj\\n``: the keyword
    is found at the object's end, never searched for inside binary data."""
    end = _STARTXREF.search(pdf)
    if end is None:
        raise ValueError("PDF without a final startxref: not reportlab's layout")
    xref_at = int(end.group(1))
    table = _XREF.match(pdf, xref_at - 1)
    if table is None:
        raise ValueError("PDF without a classic cross-reference table: not reportlab's layout")
    count = int(table.group(1))
    entries_at = table.end()
    offsets = [int(pdf[entries_at + 20 * n:entries_at + 20 * n + 10]) for n in range(1, count)]
    if offsets != sorted(offsets):
        raise ValueError("PDF objects out of order: not reportlab's layout")
    bounds = [*offsets, xref_at]
    out = [pdf[:bounds[0]]]
    position = bounds[0]
    moved: list[int] = []
    for start, stop in pairwise(bounds):
        chunk = pdf[start:stop]
        moved.append(position)
        tail = b"endstream\nendobj\n"
        if chunk.endswith(tail):
            # always: data that happens to end in a newline keeps it as data
            chunk = chunk[:-len(tail)] + b"\n" + tail
        out.append(chunk)
        position += len(chunk)
    head = pdf[xref_at:entries_at + 20]  # "xref\n0 N\n" and the free entry 0
    entries = b"".join(b"%010d 00000 n \n" % offset for offset in moved)
    rest = pdf[entries_at + 20 * count:end.start()]  # the trailer
    out += [head, entries, rest, b"startxref\n%d\n%%%%EOF\n" % position]
    return b"".join(out)


_TRAILER_ID = re.compile(rb"trailer\s*<<.*?/ID\s*\[<([0-9a-f]{32})><([0-9a-f]{32})>\]", re.S)
_XMP_ID = re.compile(rb"<xmpMM:(?:DocumentID|InstanceID)>(uuid:[0-9a-f-]{36})</xmpMM:")


def with_content_id(pdf: bytes) -> bytes:
    """``pdf`` with its trailer ``/ID`` and XMP ``xmpMM:DocumentID``/``InstanceID`` set to the
    first 16 bytes of the SHA-256 of the whole file as written with the placeholder ID.

    The digest covers every page's content stream, the fonts and the metadata, so two
    documents differing in anything (the appendix, its language) get different IDs while the
    same document gets the same ID and bytes. The ID is replaced in place with one of the same
    length, so no offset moves; only the trailer after the last ``xref`` and the XMP's two
    elements are touched (never text a record could put into a page or the title)."""
    xref_at = pdf.rfind(b"\nxref\n")
    trailer = _TRAILER_ID.search(pdf, xref_at)
    if xref_at < 0 or trailer is None or trailer.group(1) != trailer.group(2):
        raise ValueError("PDF without our trailer /ID: not add_pdfa_parts's output")
    identifier = hashlib.sha256(pdf).digest()[:16]
    new_hex, new_uuid = identifier.hex().encode("ascii"), _uuid(identifier).encode("ascii")
    old_uuid = _uuid(bytes.fromhex(trailer.group(1).decode("ascii"))).encode("ascii")
    out = bytearray(pdf)
    for match in _XMP_ID.finditer(pdf, 0, xref_at):
        if match.group(1) != old_uuid:
            raise ValueError("XMP DocumentID is not the trailer /ID")
        out[match.start(1):match.end(1)] = new_uuid
    out[trailer.start(1):trailer.end(1)] = new_hex
    out[trailer.start(2):trailer.end(2)] = new_hex
    return bytes(out)
