"""``python -m lowcarbon_desk``."""

import sys

from lowcarbon_desk.app import main

sys.exit(main())
