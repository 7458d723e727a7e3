"""``python -m lowcarbon_desk``."""

import sys

from lowcarbon_desk.app import main

if getattr(sys, "frozen", False):
    # a worker process of the bundle (reports.pdf_pool) starts as this program: it must run its
    # task, not the program (what PyInstaller and multiprocessing ask of a frozen entry point)
    import multiprocessing

    multiprocessing.freeze_support()
sys.exit(main())
