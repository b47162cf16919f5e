"""Files Rapport ships with (fonts, the demo book's people, the icon), found through
importlib.resources so they are there in an installed wheel as in a checkout."""
