"""An organisation's trend over the years: the page (``org_page``) and its chart (``chart``)."""
