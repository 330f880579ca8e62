"""The Qt user interface. The only package (with app.py) that imports Qt, and only through ui/qt.py."""
