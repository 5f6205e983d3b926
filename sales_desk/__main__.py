"""Entry point: `sales-desk` starts the GUI; `sales-desk COMMAND …` runs the CLI.

This is the top of the house: it may import both the CLI and the app wiring, which
must not import each other.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from sales_desk.cli.main import build_parser, dispatch, gui_args

    argv = sys.argv[1:] if argv is None else argv
    args = gui_args(argv) or build_parser().parse_args(argv)
    if args.command is None:
        from sales_desk.app import run_gui

        return run_gui(args)
    return dispatch(args)


if __name__ == "__main__":
    sys.exit(main())
