"""A site build that is killed at a chosen moment, for the fault-injection tests (run as a separate process).

    python -m tests.site.killed_build MOMENT CATALOGUE OUTPUT

MOMENT is where the build dies:

- ``generation``: it kills itself (SIGKILL) after writing five files of the project;
- ``mkdocs``: it prints ``CHILD <pid>`` once the mkdocs child is started, for the test to kill it from outside;
- ``switch``: it kills itself when the staged project and site are complete, just before the switch;
- ``mid-switch``: it kills itself between moving the previous site away and moving the new one in.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from gpcatalog.site import build, project, staging


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(moment: str, catalogue: str, output: str) -> None:
    if moment == "generation":
        text = project.Writer.text
        written = [0]

        def dying_text(self: project.Writer, relative: str, content: str) -> None:
            text(self, relative, content)
            written[0] += 1
            if written[0] == 5:
                _die()

        project.Writer.text = dying_text  # type: ignore[method-assign]
    elif moment == "mkdocs":
        popen = subprocess.Popen

        def announced(*args: Any, **kwargs: Any) -> subprocess.Popen[str]:
            child: subprocess.Popen[str] = popen(*args, **kwargs)
            print(f"CHILD {child.pid}", flush=True)
            return child

        build.subprocess.Popen = announced  # type: ignore[assignment,misc]
    elif moment == "switch":
        staging.Staging.switch = lambda self: _die()  # type: ignore[method-assign]
    elif moment == "mid-switch":
        rename = os.rename

        def dying_rename(source: Any, target: Any) -> None:
            rename(source, target)
            if Path(source).name == "site" and Path(target).parent.name == "old":
                _die()

        staging.os.rename = dying_rename  # type: ignore[assignment]
    try:
        build.build_site(catalogue, output)
    except KeyboardInterrupt as interrupt:  # SIGTERM while mkdocs runs (see build._stop_on_signals)
        print(f"INTERRUPTED {interrupt}", flush=True)
        sys.exit(130)
    print("BUILT", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
