"""The window's half of signed submission packages: export, verify, import, review queue, key.

Every package operation is a call into the headless ``lowcarbon_desk.packages`` API (the same
calls the command line makes); this package only chooses files, runs the calls on workers
and shows what they returned.
"""
