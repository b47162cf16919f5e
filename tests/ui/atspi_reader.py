"""Reads the accessibility tree of every application on the AT-SPI bus, as a screen reader does, and
prints it as JSON: [depth, role, name, the parent's role] for each node. Run by the distribution's
Python (it has the GObject bindings), not the project's: see test_screen_reader.py."""
import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402 - after the version is chosen


def walk(node, depth, out, parent=""):
    if node is None or depth > 12:
        return
    try:
        role, name = node.get_role_name(), node.get_name()
    except Exception:
        return
    out.append((depth, role, name, parent))
    for i in range(min(node.get_child_count(), 200)):
        walk(node.get_child_at_index(i), depth + 1, out, role)


desktop = Atspi.get_desktop(0)
apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
print("apps:", [a.get_name() for a in apps], file=sys.stderr)
out = []
for app in apps:
    walk(app, 0, out)
json.dump(out, sys.stdout)
