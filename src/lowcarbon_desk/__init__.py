"""lowcarbon-desk: offline low-carbon reporting for county offices and enterprises."""

__version__ = "0.1.0"
APP_NAME = "lowcarbon-desk"
