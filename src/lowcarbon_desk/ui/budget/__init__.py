"""The energy-budget view: monthly actual against budget, drawn with QPainter."""
