"""Structural checks of PDF/A-2b (ISO 19005-2, level B) on a finished PDF, read with pikepdf.

No PDF/A validator (veraPDF) can be installed from the registries this project uses, so the
tests check the clauses that a reportlab document can break, each on the real bytes:

- file structure: header comment with binary bytes, trailer /ID, no /Encrypt, qpdf opens the
  file without repairing it, an EOL before every ``endstream`` and ``/Length`` exact (6.1);
- an output intent ``GTS_PDFA1`` with an embedded RGB ICC profile, and no CMYK colour (6.2.3);
- no transparency: no soft masks, no transparency groups, no alpha or blend modes (6.2.10);
- every font embedded (FontFile/FontFile2/FontFile3), symbolic TrueType fonts without
  /Encoding and with one cmap subtable, /Widths equal to the font program's advance widths,
  no shown character that maps to .notdef (6.2.11);
- no JavaScript, actions, forms, embedded files or optional content (6.5-6.9);
- XMP metadata, unfiltered, with pdfaid part 2 / conformance B, and Info entries equal to
  their XMP counterparts, dates as the same instant (6.6);
- implementation limits: names, strings, q nesting (6.1.13).

Each check returns a list of problems (empty when the file passes), naming where.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from collections.abc import Iterator

import pikepdf

PDFA_IDENTIFIER = "http://www.aiim.org/pdfa/ns/id/"
FORBIDDEN_CATALOG_KEYS = ("/AA", "/OpenAction", "/AcroForm", "/OCProperties", "/Threads")
CMYK_OPERATORS = {"k", "K"}


def problems(content: bytes) -> list[str]:
    """Every PDF/A-2b problem found in ``content`` (empty: it passes every check)."""
    found: list[str] = []
    found += file_structure(content)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        # qpdf reads every object: a wrong offset or /Length is a warning (a repaired file)
        found += [f"qpdf: {w}" for w in pdf.check_pdf_syntax()]
        found += output_intent(pdf)
        found += metadata(pdf)
        found += fonts(pdf)
        found += colour_and_transparency(pdf)
        found += actions_and_extras(pdf)
        found += limits(pdf)
    return found


# --- 6.1 file structure ------------------------------------------------------------------

def file_structure(content: bytes) -> list[str]:
    found = []
    lines = content.split(b"\n", 2)
    if not lines[0].startswith(b"%PDF-1."):
        found.append(f"header is {lines[0][:10]!r}")
    if not (lines[1].startswith(b"%") and sum(b > 127 for b in lines[1][1:5]) == 4):
        found.append("second line is not a comment of four binary bytes")
    if not content.rstrip(b"\r\n").endswith(b"%%EOF"):
        found.append("file does not end with %%EOF")
    for number, offset in _xref_offsets(content):
        if not content.startswith(b"%d 0 obj" % number, offset):
            found.append(f"xref: object {number} is not at byte {offset}")
    for match in re.finditer(rb"/Length (\d+)\s*>>\s*stream(\r\n|\n)", content):
        end = match.end() + int(match.group(1))
        if content[end:end + 10] != b"\nendstream" and content[end:end + 11] != b"\r\nendstream":
            found.append(f"stream at byte {match.end()}: no EOL then endstream after /Length bytes")
    return found


def _xref_offsets(content: bytes) -> list[tuple[int, int]]:
    """(object number, offset) of the in-use entries of the last classic xref table."""
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", content).group(1))
    section = re.compile(rb"xref\s+(\d+) (\d+)\s+").match(content, start)
    if section is None:
        return []
    first, count = int(section.group(1)), int(section.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", content[section.end():section.end() + 20 * count])
    return [(first + i, int(offset)) for i, (offset, _, kind) in enumerate(entries) if kind == b"n"]


def output_intent(pdf: pikepdf.Pdf) -> list[str]:
    intents = pdf.Root.get("/OutputIntents")
    if not intents:
        return ["no /OutputIntents in the catalog"]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        return [f"{len(pdfa)} GTS_PDFA1 output intents (one wanted)"]
    intent = pdfa[0]
    found = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        found.append("output intent without OutputConditionIdentifier")
    stream = intent.get("/DestOutputProfile")
    if not isinstance(stream, pikepdf.Stream):
        return [*found, "output intent without an embedded ICC profile (DestOutputProfile)"]
    profile = stream.read_bytes()
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


def _uuid(raw: bytes) -> str:
    text = raw.hex()
    return f"uuid:{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:32]}"


def metadata(pdf: pikepdf.Pdf) -> list[str]:
    stream = pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return ["no /Metadata stream in the catalog"]
    found = []
    if "/Filter" in stream:
        found.append("the metadata stream has a /Filter")
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        found.append("the metadata stream is not /Type /Metadata /Subtype /XML")
    raw = stream.read_raw_bytes()
    header = raw.split(b"?>", 1)[0]
    if not header.startswith(b"<?xpacket begin=") or b"bytes=" in header or b"encoding=" in header:
        found.append(f"xpacket header {header[:60]!r}")
    if not raw.rstrip().endswith(b"<?xpacket end=\"r\"?>") and not raw.rstrip().endswith(b"<?xpacket end=\"w\"?>"):
        found.append("no xpacket end")
    xmp = pdf.open_metadata()
    if str(xmp.get("pdfaid:part")) != "2" or str(xmp.get("pdfaid:conformance")) != "B":
        found.append(f"pdfaid part {xmp.get('pdfaid:part')} conformance {xmp.get('pdfaid:conformance')}")
    info = pdf.trailer.get("/Info")
    if info is None:
        return found
    pairs = {"/Title": xmp.get("dc:title"), "/Subject": xmp.get("dc:description"),
             "/Creator": xmp.get("xmp:CreatorTool"), "/Producer": xmp.get("pdf:Producer"),
             "/Keywords": xmp.get("pdf:Keywords")}
    creators = xmp.get("dc:creator")
    pairs["/Author"] = creators[0] if creators and len(creators) == 1 else creators
    for key, value in pairs.items():
        if key in info and str(info[key]) != str(value if value is not None else None):
            found.append(f"Info {key} {str(info[key])!r} differs from XMP {value!r}")
    for key, name in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key not in info:
            continue
        value = xmp.get(name)
        if value is None or pdf_date(str(info[key])) != dt.datetime.fromisoformat(str(value)):
            found.append(f"Info {key} {info[key]!s} is not XMP {name} {value}")
    ids = pdf.trailer.get("/ID")
    if ids is None or len(ids) != 2 or not all(len(bytes(i)) >= 16 for i in ids):
        found.append(f"trailer /ID {ids!r}: two strings of 16 bytes wanted")
    elif str(xmp.get("xmpMM:DocumentID")) != _uuid(bytes(ids[0])):
        found.append(f"xmpMM:DocumentID {xmp.get('xmpMM:DocumentID')} is not the trailer /ID")
    if "/Encrypt" in pdf.trailer:
        found.append("the trailer has /Encrypt")
    return found


# --- 6.2.11 fonts ------------------------------------------------------------------------

def _resources(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary, object]]:
    """(where, resources, content owner) of every page and every form XObject in them."""
    seen: set[tuple[int, int]] = set()

    def visit(where: str, owner) -> Iterator[tuple[str, pikepdf.Dictionary, object]]:
        resources = owner.get("/Resources")
        if resources is None:
            return
        yield where, resources, owner
        for name, xobject in (resources.get("/XObject") or {}).items():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from visit(f"{where} {name}", xobject)

    for number, page in enumerate(pdf.pages, 1):
        yield from visit(f"page {number}", page.obj)


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
        return count, {code: glyph for code, glyph in enumerate(sub[6:262])}
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


def _shown_codes(owner, resources) -> dict[str, set[int]]:
    """Per font resource name, the codes the content stream shows with it."""
    shown: dict[str, set[int]] = {}
    font = None
    for operands, operator in pikepdf.parse_content_stream(owner):
        op = str(operator)
        if op == "Tf":
            font = str(operands[0])
        elif op in ("Tj", "'", '"', "TJ") and font is not None:
            strings = operands[-1] if op == "TJ" else [operands[-1]]
            for item in strings:
                if isinstance(item, pikepdf.String):
                    shown.setdefault(font, set()).update(bytes(item))
    return shown


def fonts(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []
    programs: dict[tuple[int, int], bytes] = {}  # a font program is read once
    for where, resources, owner in _resources(pdf):
        shown = _shown_codes(owner, resources)
        for name, font in (resources.get("/Font") or {}).items():
            label = f"{where} font {name} {font.get('/BaseFont')}"
            descendants = list(font.get("/DescendantFonts") or [])
            descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
            if descriptor is None:
                found.append(f"{label}: no FontDescriptor (not embedded)")
                continue
            program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3")
                            if k in descriptor), None)
            if program is None:
                found.append(f"{label}: not embedded (no FontFile, FontFile2 or FontFile3)")
                continue
            if font.get("/Subtype") != "/TrueType":
                continue
            if program.objgen not in programs:
                programs[program.objgen] = program.read_bytes()
            found += _truetype(label, font, descriptor, programs[program.objgen], shown.get(name, set()))
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
    if not isinstance(stream, pikepdf.Stream):
        return {}
    text = stream.read_bytes().decode("latin-1")
    pairs = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            pairs[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
    return pairs


def lost_characters(pdf: pikepdf.Pdf) -> list[str]:
    """Shown codes whose character the font lacks. Not a PDF/A-2b matter (reportlab draws
    them with the blank glyph of U+0000, not .notdef), but the text is lost to readers, copy
    and search, which the standard's outputs forbid."""
    found = []
    for where, resources, owner in _resources(pdf):
        for name, codes in _shown_codes(owner, resources).items():
            mapping = _to_unicode(resources["/Font"][name])
            lost = sorted(code for code in codes if mapping.get(code, "\x00") in ("\x00", ""))
            if lost:
                found.append(f"{where} font {name}: codes {lost} have no character (the font lacks it)")
    return found


# --- 6.2.3, 6.2.10 colour and transparency -----------------------------------------------

def colour_and_transparency(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    for where, resources, owner in _resources(pdf):
        group = owner.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            found.append(f"{where}: transparency group")
        for name, state in (resources.get("/ExtGState") or {}).items():
            for key in ("/CA", "/ca"):
                if key in state and float(state[key]) != 1.0:
                    found.append(f"{where} {name}: {key} {state[key]}")
            if state.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_:
                found.append(f"{where} {name}: soft mask")
            if state.get("/BM", pikepdf.Name.Normal) not in (pikepdf.Name.Normal, pikepdf.Name.Compatible):
                found.append(f"{where} {name}: blend mode {state['/BM']}")
        for name, space in (resources.get("/ColorSpace") or {}).items():
            if "DeviceCMYK" in str(space):
                found.append(f"{where} colour space {name}: DeviceCMYK under an RGB output intent")
        for name, xobject in (resources.get("/XObject") or {}).items():
            if "/SMask" in xobject or "/SMaskInData" in xobject:
                found.append(f"{where} {name}: image with a soft mask")
            if xobject.get("/ColorSpace") == "/DeviceCMYK":
                found.append(f"{where} {name}: DeviceCMYK image")
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            if op in CMYK_OPERATORS:
                found.append(f"{where}: CMYK colour operator {op}")
                break
            if op in ("cs", "CS") and str(operands[0]) == "/DeviceCMYK":
                found.append(f"{where}: DeviceCMYK colour space")
                break
    return found


# --- 6.5-6.9 actions, JavaScript, forms, attachments, layers -----------------------------

def actions_and_extras(pdf: pikepdf.Pdf) -> list[str]:
    found = [f"catalog has {key}" for key in FORBIDDEN_CATALOG_KEYS if key in pdf.Root]
    names = pdf.Root.get("/Names")
    if names is not None:
        found += [f"name tree {key}" for key in ("/JavaScript", "/EmbeddedFiles") if key in names]
    for number, page in enumerate(pdf.pages, 1):
        if "/AA" in page.obj:
            found.append(f"page {number} has additional actions /AA")
        for annotation in page.obj.get("/Annots") or []:
            if not int(annotation.get("/F", 0)) & 4:
                found.append(f"page {number}: annotation {annotation.get('/Subtype')} not printable")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            if "/JS" in obj or obj.get("/S") in ("/JavaScript", "/Launch"):
                found.append(f"object {obj.objgen}: JavaScript or launch action")
            if obj.get("/Type") == "/EmbeddedFile":
                found.append(f"object {obj.objgen}: embedded file")
    return found


# --- 6.1.13 implementation limits -------------------------------------------------------

def limits(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    for where, _, owner in _resources(pdf):
        depth = deepest = 0
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            depth += (op == "q") - (op == "Q")
            deepest = max(deepest, depth)
            for item in operands:
                if isinstance(item, pikepdf.String) and len(bytes(item)) > 32767:
                    found.append(f"{where}: string longer than 32,767 bytes")
                if isinstance(item, pikepdf.Name) and len(str(item).encode()) > 128:
                    found.append(f"{where}: name longer than 127 bytes")
        if deepest > 28:
            found.append(f"{where}: q nested {deepest} deep (28 at most)")
    return found
