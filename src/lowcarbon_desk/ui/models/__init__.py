"""Qt item models of the window: every table and list the views show."""
