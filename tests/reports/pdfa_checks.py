"""Structural checks of PDF/A-2b (ISO 19005-2, level B) on a finished PDF.

No PDF/A validator (veraPDF) can be installed from the registries this project uses, so the
tests check the clauses that a reportlab document can break, each on the real bytes, with
pypdf (strict mode, every object read and every stream decoded) and our own reading of the
file structure and of the embedded font programs:

- file structure: header comment with binary bytes, every xref offset at its object, an EOL
  before every ``endstream`` with ``/Length`` exact, trailer /ID, no /Encrypt (6.1);
- an output intent ``GTS_PDFA1`` with an embedded RGB ICC profile, and no CMYK colour (6.2.3);
- no transparency: no soft masks, no transparency groups, no alpha or blend modes (6.2.10);
- every font embedded (FontFile/FontFile2/FontFile3), symbolic TrueType fonts without
  /Encoding and with one cmap subtable, /Widths equal to the font program's advance widths,
  no shown code that maps to .notdef (6.2.11);
- no JavaScript, actions, forms, embedded files or optional content (6.5-6.9);
- XMP metadata, unfiltered, with pdfaid part 2 / conformance B, and Info entries equal to
  their XMP counterparts, dates as the same instant (6.6);
- implementation limits: names, strings, q nesting (6.1.13).

pikepdf (qpdf) would add qpdf's own syntax check, but it requires lxml, and with lxml
installed openpyxl reads workbooks through lxml instead of defusedxml (two of the import
safety tests then fail): the tests stay with pypdf.

Each check returns a list of problems (empty when the file passes), naming where.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

FORBIDDEN_CATALOG_KEYS = ("/AA", "/OpenAction", "/AcroForm", "/OCProperties", "/Threads")
CMYK_OPERATORS = {b"k", b"K"}
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}


def open_pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content), strict=True)


def problems(content: bytes) -> list[str]:
    """Every PDF/A-2b problem found in ``content`` (empty: it passes every check)."""
    found: list[str] = []
    found += file_structure(content)
    reader = open_pdf(content)
    found += every_object(reader)
    found += output_intent(reader)
    found += metadata(reader)
    found += fonts(reader)
    found += colour_and_transparency(reader)
    found += actions_and_extras(reader)
    found += limits(reader)
    return found


def raw(value: object) -> bytes:
    """The bytes of a PDF string object as they are in the file. pypdf guesses an encoding
    for every string (bytes such as ``49 00 …`` become UTF-16LE text) and its
    ``get_original_bytes`` re-encodes the guess, adding a byte-order mark; the bytes it read
    are kept in ``_original_bytes``."""
    if isinstance(value, TextStringObject):
        original = getattr(value, "_original_bytes", None)
        return original if original is not None else value.get_original_bytes()
    return bytes(value)  # type: ignore[arg-type]


# --- 6.1 file structure ------------------------------------------------------------------

def _xref_offsets(content: bytes) -> list[tuple[int, int]]:
    """(object number, offset) of the in-use entries of the last classic xref table."""
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", content).group(1))
    section = re.compile(rb"xref\s+(\d+) (\d+)\s+").match(content, start)
    if section is None:
        return []
    first, count = int(section.group(1)), int(section.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", content[section.end():section.end() + 20 * count])
    return [(first + i, int(offset)) for i, (offset, _, kind) in enumerate(entries) if kind == b"n"]


def file_structure(content: bytes) -> list[str]:
    found = []
    lines = content.split(b"\n", 2)
    if not lines[0].startswith(b"%PDF-1."):
        found.append(f"header is {lines[0][:10]!r}")
    if not (lines[1].startswith(b"%") and sum(b > 127 for b in lines[1][1:5]) == 4):
        found.append("second line is not a comment of four binary bytes")
    if not content.rstrip(b"\r\n").endswith(b"%%EOF"):
        found.append("file does not end with %%EOF")
    if not re.search(rb"startxref\s+\d+\s+%%EOF\s*$", content):
        return [*found, "no startxref before %%EOF"]
    for number, offset in _xref_offsets(content):
        if not content.startswith(b"%d 0 obj" % number, offset):
            found.append(f"xref: object {number} is not at byte {offset}")
    for match in re.finditer(rb"/Length (\d+)\s*>>\s*stream(\r\n|\n)", content):
        end = match.end() + int(match.group(1))
        if content[end:end + 10] != b"\nendstream" and content[end:end + 11] != b"\r\nendstream":
            found.append(f"stream at byte {match.end()}: no EOL then endstream after /Length bytes")
    return found


def _objects(reader: PdfReader) -> Iterator[tuple[tuple[int, int], object]]:
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield (number, generation), reader.get_object(IndirectObject(number, generation, reader))


def every_object(reader: PdfReader) -> list[str]:
    """Every object reads and every stream decodes (pypdf in strict mode)."""
    found = []
    for where, obj in _objects(reader):
        try:
            if isinstance(obj, StreamObject):
                obj.get_data()
        except Exception as exc:  # any failure to read is the finding
            found.append(f"object {where}: {type(exc).__name__}: {exc}")
    return found


def output_intent(reader: PdfReader) -> list[str]:
    intents = reader.root_object.get("/OutputIntents")
    if not intents:
        return ["no /OutputIntents in the catalog"]
    pdfa = [i.get_object() for i in intents if i.get_object().get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        return [f"{len(pdfa)} GTS_PDFA1 output intents (one wanted)"]
    intent = pdfa[0]
    found = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        found.append("output intent without OutputConditionIdentifier")
    stream = intent.get("/DestOutputProfile")
    stream = stream.get_object() if stream is not None else None
    if not isinstance(stream, StreamObject):
        return [*found, "output intent without an embedded ICC profile (DestOutputProfile)"]
    profile = stream.get_data()
    size, = struct.unpack(">I", profile[:4])
    if size != len(profile) or profile[36:40] != b"acsp":
        found.append("DestOutputProfile is not an ICC profile")
    if profile[16:20] != b"RGB " or int(stream.get("/N", 0)) != 3:
        found.append(f"ICC profile colour space {profile[16:20]!r}, /N {stream.get('/N')}: RGB and 3 wanted")
    if profile[12:16] not in (b"mntr", b"prtr"):
        found.append(f"ICC profile class {profile[12:16]!r}: output (prtr) or monitor (mntr) wanted")
    if profile[8] > 4:
        found.append(f"ICC profile version {profile[8]}: at most 4 for PDF/A-2")
    return found


# --- 6.6 metadata ------------------------------------------------------------------------

def pdf_date(text: str) -> dt.datetime:
    """An Info dictionary date (``D:20260120100000+08'00'``) as an aware datetime."""
    match = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", text)
    if match is None:
        raise ValueError(f"not a full PDF date: {text!r}")
    offset = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
    zone = dt.timezone(offset if match.group(2) == "+" else -offset)
    return dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=zone)


def _uuid(identifier: bytes) -> str:
    text = identifier.hex()
    return f"uuid:{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:32]}"


def xmp_values(packet: bytes) -> dict[str, object]:
    """The XMP properties by ``prefix:name``: text, or a list for rdf:Seq/Bag, or the
    x-default of an rdf:Alt; properties written as attributes of rdf:Description too."""
    root = ET.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    values: dict[str, object] = {}

    def key(tag: str) -> str:
        uri, _, name = tag[1:].partition("}")
        return f"{prefixes.get(uri, uri)}:{name}"

    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for attribute, value in description.attrib.items():
            if not attribute.startswith(f"{{{NS['rdf']}}}"):
                values[key(attribute)] = value
        for prop in description:
            alt = prop.find("rdf:Alt", NS)
            sequence = prop.find("rdf:Seq", NS)
            sequence = sequence if sequence is not None else prop.find("rdf:Bag", NS)
            if alt is not None:
                items = alt.findall("rdf:li", NS)
                chosen = [li for li in items
                          if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
                values[key(prop.tag)] = (chosen or items)[0].text or "" if items else ""
            elif sequence is not None:
                values[key(prop.tag)] = [li.text or "" for li in sequence.findall("rdf:li", NS)]
            else:
                values[key(prop.tag)] = prop.text or ""
    return values


def metadata(reader: PdfReader) -> list[str]:
    stream = reader.root_object.get("/Metadata")
    stream = stream.get_object() if stream is not None else None
    if not isinstance(stream, StreamObject):
        return ["no /Metadata stream in the catalog"]
    found = []
    if "/Filter" in stream:
        found.append("the metadata stream has a /Filter")
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        found.append("the metadata stream is not /Type /Metadata /Subtype /XML")
    packet = stream.get_data()
    header = packet.split(b"?>", 1)[0]
    if not header.startswith(b"<?xpacket begin=") or b"bytes=" in header or b"encoding=" in header:
        found.append(f"xpacket header {header[:60]!r}")
    if not re.search(rb'<\?xpacket end="[rw]"\?>\s*$', packet):
        found.append("no xpacket end")
    xmp = xmp_values(packet)
    if (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) != ("2", "B"):
        found.append(f"pdfaid part {xmp.get('pdfaid:part')} conformance {xmp.get('pdfaid:conformance')}")
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    creators = xmp.get("dc:creator")
    pairs = {"/Title": xmp.get("dc:title"), "/Subject": xmp.get("dc:description"),
             "/Creator": xmp.get("xmp:CreatorTool"), "/Producer": xmp.get("pdf:Producer"),
             "/Keywords": xmp.get("pdf:Keywords"),
             "/Author": creators[0] if isinstance(creators, list) and len(creators) == 1 else creators}
    for name, value in pairs.items():
        if name in info and str(info[name]) != value:
            found.append(f"Info {name} {str(info[name])!r} differs from XMP {value!r}")
    for name, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if name not in info:
            continue
        value = xmp.get(prop)
        if not isinstance(value, str) or pdf_date(str(info[name])) != dt.datetime.fromisoformat(value):
            found.append(f"Info {name} {info[name]!s} is not XMP {prop} {value}")
    ids = reader.trailer.get("/ID")
    if not isinstance(ids, ArrayObject) or len(ids) != 2 or not all(len(raw(i)) >= 16 for i in ids):
        found.append(f"trailer /ID {ids!r}: two strings of 16 bytes wanted")
    elif xmp.get("xmpMM:DocumentID") != _uuid(raw(ids[0])):
        found.append(f"xmpMM:DocumentID {xmp.get('xmpMM:DocumentID')} is not the trailer /ID")
    if "/Encrypt" in reader.trailer:
        found.append("the trailer has /Encrypt")
    return found


# --- 6.2.11 fonts ------------------------------------------------------------------------

def _resources(reader: PdfReader) -> Iterator[tuple[str, DictionaryObject, object]]:
    """(where, resources, content owner) of every page and every form XObject in them."""
    seen: set[int] = set()

    def visit(where: str, owner: DictionaryObject) -> Iterator[tuple[str, DictionaryObject, object]]:
        resources = owner.get("/Resources")
        if resources is None:
            return
        resources = resources.get_object()
        yield where, resources, owner
        for name, ref in (resources.get("/XObject") or {}).items():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                yield from visit(f"{where} {name}", xobject)

    for number, page in enumerate(reader.pages, 1):
        yield from visit(f"page {number}", page)


def _operations(reader: PdfReader, owner) -> list[tuple[list, bytes]]:
    contents = owner.get_contents() if hasattr(owner, "get_contents") else owner
    return [] if contents is None else ContentStream(contents, reader).operations


def _tables(program: bytes) -> dict[bytes, bytes]:
    count, = struct.unpack(">H", program[4:6])
    tables = {}
    for n in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", program[12 + 16 * n:28 + 16 * n])
        tables[tag] = program[offset:offset + length]
    return tables


def _cmap(table: bytes) -> tuple[int, dict[int, int] | None]:
    """(number of subtables, code -> glyph of the first subtable, None if not format 0/6)."""
    _, count = struct.unpack(">HH", table[:4])
    _, _, offset = struct.unpack(">HHI", table[4:12])
    sub = table[offset:]
    fmt, = struct.unpack(">H", sub[:2])
    if fmt == 0:
        return count, dict(enumerate(sub[6:262]))
    if fmt == 6:
        first, entries = struct.unpack(">HH", sub[6:10])
        glyphs = struct.unpack(f">{entries}H", sub[10:10 + 2 * entries])
        return count, {first + i: g for i, g in enumerate(glyphs)}
    return count, None


def _advances(tables: dict[bytes, bytes]) -> tuple[int, list[int]]:
    units, = struct.unpack(">H", tables[b"head"][18:20])
    metrics, = struct.unpack(">H", tables[b"hhea"][34:36])
    hmtx = tables[b"hmtx"]
    return units, [struct.unpack(">H", hmtx[4 * i:4 * i + 2])[0] for i in range(metrics)]


def _shown_codes(reader: PdfReader, owner) -> dict[str, set[int]]:
    """Per font resource name, the codes the content stream shows with it."""
    shown: dict[str, set[int]] = {}
    font = None
    for operands, operator in _operations(reader, owner):
        if operator == b"Tf":
            font = str(operands[0])
        elif operator in (b"Tj", b"'", b'"', b"TJ") and font is not None:
            strings = operands[-1] if operator == b"TJ" else [operands[-1]]
            for item in strings:
                if not isinstance(item, (int, float)):
                    shown.setdefault(font, set()).update(raw(item))
    return shown


def fonts(reader: PdfReader) -> list[str]:
    found: list[str] = []
    programs: dict[int, bytes] = {}  # a font program is decoded once
    for where, resources, owner in _resources(reader):
        shown = _shown_codes(reader, owner)
        for name, ref in (resources.get("/Font") or {}).items():
            font = ref.get_object()
            label = f"{where} font {name} {font.get('/BaseFont')}"
            descendants = [d.get_object() for d in font.get("/DescendantFonts") or []]
            descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
            if descriptor is None:
                found.append(f"{label}: no FontDescriptor (not embedded)")
                continue
            descriptor = descriptor.get_object()
            program = next((descriptor[k].get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
            if program is None:
                found.append(f"{label}: not embedded (no FontFile, FontFile2 or FontFile3)")
                continue
            if font.get("/Subtype") != "/TrueType":
                continue
            if id(program) not in programs:
                programs[id(program)] = program.get_data()
            found += _truetype(label, font, descriptor, programs[id(program)], shown.get(name, set()))
    return found


def _truetype(label: str, font, descriptor, program: bytes, codes: set[int]) -> list[str]:
    found = []
    tables = _tables(program)
    symbolic = int(descriptor.get("/Flags", 0)) & 4
    subtables, mapping = _cmap(tables[b"cmap"])
    if symbolic:
        if "/Encoding" in font:
            found.append(f"{label}: symbolic TrueType font with an /Encoding")
        if subtables != 1:
            found.append(f"{label}: symbolic TrueType font with {subtables} cmap subtables")
    if mapping is None:
        return [*found, f"{label}: cmap format not checked here (only 0 and 6)"]
    units, advances = _advances(tables)
    first = int(font.get("/FirstChar", 0))
    widths = [float(w) for w in font.get("/Widths", [])]
    for code in sorted(codes):
        glyph = mapping.get(code, 0)
        if glyph == 0:
            found.append(f"{label}: code {code} shows .notdef (a character the font lacks)")
            continue
        expected = advances[min(glyph, len(advances) - 1)] * 1000 / units
        if not 0 <= code - first < len(widths):
            found.append(f"{label}: code {code} outside /FirstChar../LastChar")
        elif abs(widths[code - first] - expected) > 1:
            found.append(f"{label}: code {code} width {widths[code - first]} in /Widths, "
                         f"{expected:.1f} in the font program")
    return found


def _to_unicode(font) -> dict[int, str]:
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    text = stream.get_object().get_data().decode("latin-1")
    pairs = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            pairs[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
    return pairs


def lost_characters(reader: PdfReader) -> list[str]:
    """Shown codes whose character the font lacks. Not a PDF/A-2b matter (reportlab draws
    them with the blank glyph of U+0000, not .notdef), but the text is lost to readers, copy
    and search, which the standard's outputs forbid."""
    found = []
    for where, resources, owner in _resources(reader):
        for name, codes in _shown_codes(reader, owner).items():
            mapping = _to_unicode(resources["/Font"][name].get_object())
            lost = sorted(code for code in codes if mapping.get(code, "\x00") in ("\x00", ""))
            if lost:
                found.append(f"{where} font {name}: codes {lost} have no character (the font lacks it)")
    return found


# --- 6.2.3, 6.2.10 colour and transparency -----------------------------------------------

def colour_and_transparency(reader: PdfReader) -> list[str]:
    found = []
    for where, resources, owner in _resources(reader):
        group = owner.get("/Group")
        if group is not None and group.get_object().get("/S") == "/Transparency":
            found.append(f"{where}: transparency group")
        for name, ref in (resources.get("/ExtGState") or {}).items():
            state = ref.get_object()
            for key in ("/CA", "/ca"):
                if key in state and float(state[key]) != 1.0:
                    found.append(f"{where} {name}: {key} {state[key]}")
            if state.get("/SMask", "/None") != "/None":
                found.append(f"{where} {name}: soft mask")
            if state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
                found.append(f"{where} {name}: blend mode {state['/BM']}")
        for name, space in (resources.get("/ColorSpace") or {}).items():
            if "DeviceCMYK" in str(space.get_object()):
                found.append(f"{where} colour space {name}: DeviceCMYK under an RGB output intent")
        for name, ref in (resources.get("/XObject") or {}).items():
            xobject = ref.get_object()
            if "/SMask" in xobject or "/SMaskInData" in xobject:
                found.append(f"{where} {name}: image with a soft mask")
            if xobject.get("/ColorSpace") == "/DeviceCMYK":
                found.append(f"{where} {name}: DeviceCMYK image")
        for operands, operator in _operations(reader, owner):
            if operator in CMYK_OPERATORS:
                found.append(f"{where}: CMYK colour operator {operator.decode()}")
                break
            if operator in (b"cs", b"CS") and operands[0] == "/DeviceCMYK":
                found.append(f"{where}: DeviceCMYK colour space")
                break
    return found


# --- 6.5-6.9 actions, JavaScript, forms, attachments, layers -----------------------------

def actions_and_extras(reader: PdfReader) -> list[str]:
    root = reader.root_object
    found = [f"catalog has {key}" for key in FORBIDDEN_CATALOG_KEYS if key in root]
    names = root.get("/Names")
    if names is not None:
        found += [f"name tree {key}" for key in ("/JavaScript", "/EmbeddedFiles") if key in names.get_object()]
    for number, page in enumerate(reader.pages, 1):
        if "/AA" in page:
            found.append(f"page {number} has additional actions /AA")
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if not int(annotation.get("/F", 0)) & 4:
                found.append(f"page {number}: annotation {annotation.get('/Subtype')} not printable")
    for where, obj in _objects(reader):
        if isinstance(obj, DictionaryObject):
            if "/JS" in obj or obj.get("/S") in ("/JavaScript", "/Launch"):
                found.append(f"object {where}: JavaScript or launch action")
            if obj.get("/Type") == "/EmbeddedFile":
                found.append(f"object {where}: embedded file")
    return found


# --- 6.1.13 implementation limits -------------------------------------------------------

def limits(reader: PdfReader) -> list[str]:
    found = []
    for where, _, owner in _resources(reader):
        depth = deepest = 0
        for operands, operator in _operations(reader, owner):
            depth += (operator == b"q") - (operator == b"Q")
            deepest = max(deepest, depth)
            for item in operands:
                if isinstance(item, NameObject):
                    if len(item.encode()) > 128:
                        found.append(f"{where}: name longer than 127 bytes")
                elif isinstance(item, str | bytes) and len(raw(item)) > 32767:
                    found.append(f"{where}: string longer than 32,767 bytes")
        if deepest > 28:
            found.append(f"{where}: q nested {deepest} deep (28 at most)")
    return found
