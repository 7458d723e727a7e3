"""lowcarbon-desk: offline low-carbon reporting for county offices and enterprises."""

import os

__version__ = "0.1.0"
APP_NAME = "lowcarbon-desk"

# openpyxl parses through lxml whenever lxml is installed, and then not through defusedxml: an
# environment that happens to hold lxml would lose the guard on a user's workbook. Decided here,
# where every entry point passes before anything can import openpyxl.
os.environ["OPENPYXL_LXML"] = "False"
os.environ["OPENPYXL_DEFUSEDXML"] = "True"
