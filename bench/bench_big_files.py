"""Big files from other programs, read as an import reads them: a vCard whose one photo is 2, 4,
8 and 50 MB, and a CSV of one 50 MB line. Prints the time and the peak memory of each, so that a
reader that is not linear in the file's size (a 50 MB photo once took over 240 s) shows at once.
Each size runs in a process of its own, so the peak memory is that file's alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine_line  # noqa: E402

ONE = """
import base64, os, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
from core.interchange import load
from core.interchange.csv_read import read_table
from core.interchange.records import ImportFileError
from core.interchange.vcard_read import read_vcards
kind, megabytes = sys.argv[1], int(sys.argv[2])
path = os.path.join(tempfile.mkdtemp(), "big." + kind)
if kind == "vcf":
    photo = base64.b64encode(os.urandom(megabytes * 1024 * 1024 * 3 // 4)).decode()
    folded = "\\r\\n ".join(photo[i:i + 74] for i in range(0, len(photo), 74))
    data = ("BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ana Lind\\r\\nPHOTO;ENCODING=b;TYPE=JPEG:" + folded
            + "\\r\\nEMAIL:ana@example.org\\r\\nEND:VCARD\\r\\n")
    del photo, folded
else:
    data = "Name,Email\\n" + "a," * (megabytes * 512 * 1024) + "\\n"
with open(path, "w") as out:
    out.write(data)
del data
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    loaded = load(path)
    with open(path, "rb") as handle:
        raw = handle.read()
    found = len(read_vcards(raw)) if kind == "vcf" else len(read_table(raw).rows)
    outcome = f"{{found}} read"
except ImportFileError as exc:
    outcome = f"refused: {{exc}}"
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{{kind}} {{megabytes:>3}} MB: {{seconds:6.2f}} s, peak memory {{peak // 1024}} MB ({{outcome}})")
"""


def main() -> None:
    print(machine_line("big files"))
    root = str(Path(__file__).resolve().parents[1])
    for kind, sizes in (("vcf", (2, 4, 8, 50)), ("csv", (50,))):
        for megabytes in sizes:
            subprocess.run([sys.executable, "-c", ONE.format(root=root), kind, str(megabytes)], check=True)


if __name__ == "__main__":
    main()
