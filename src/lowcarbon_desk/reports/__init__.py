"""Standard outputs (headless, no Qt): record PDFs, workbooks, template import, county roll-up.

One job per module:

- ``fingerprint``: what the QR code and packages hash (``record_fingerprint``);
- ``display``: turning stored values into the text and numbers shown, generic over forms;
- ``fonts``, ``pdf_common``, ``charts``: the embedded CJK font, page furniture, charts;
- ``record_pdf``: the standard PDF of one record;
- ``workbook_layout``, ``workbook``: the standard workbook (and the empty template);
- ``xlsx_import``: reading a standard workbook filled in Excel/LibreOffice back in;
- ``rollup_data``, ``rollup_xlsx``, ``rollup_pdf``: the county roll-up.
"""
