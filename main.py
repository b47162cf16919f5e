"""Rapport's entry point: no command opens the window; commands run headless on the same core."""

from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from core.i18n import use_language

    use_language()  # before any module with words is imported: their words are looked up in it
    from core.cli import book_argument, build_parser, run

    parsed, _ = build_parser().parse_known_args(args)
    if parsed.command is not None:
        try:
            return run(args)
        except BrokenPipeError:
            # The reader went away (rapport list | head -1): stop quietly, as a Unix tool does.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    try:
        from ui.app import run_gui
    except ImportError as exc:
        if exc.name and exc.name.startswith("ui"):
            print("rapport: the window is not available in this build; use a command (rapport --help).",
                  file=sys.stderr)
            return 1
        raise
    return run_gui(book_argument(args), minimised=parsed.minimised)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # a built app's child (the forecast's fit) starts here: let it run
    sys.exit(main())
