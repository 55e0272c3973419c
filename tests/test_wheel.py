"""The data ships inside the wheel: build it, install it into a fresh venv, load from outside the repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.mark.slow
def test_wheel_installs_and_loads_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = dist.glob("gpcatalog-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    code = (
        "import gpcatalog; c = gpcatalog.load(); print(len(c.domains));"
        "import gpcatalog.store.resources as r; print(r.data_root());"
        "print(sorted(p.name for p in r.schemas_root().iterdir()));"
        "print(gpcatalog.load('national@2019.1').version, [v.version for v in gpcatalog.versions()]);"
        "import datetime as d, gpcatalog.timeliness.workdays as w;"
        "print(len(w.calendar(d.date(2026, 1, 1), d.date(2026, 12, 31)).workdays), len(gpcatalog.read_map().columns),"
        "(r.data_root() / 'docs' / 'cli.md').is_file())"
    )
    out = subprocess.run(
        [str(python), "-c", code], cwd=outside, capture_output=True, text=True, check=True
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "26"
    assert "site-packages" in lines[1] and lines[1].endswith("_data")
    assert lines[2] == str(sorted(p.name for p in (ROOT / "schemas").iterdir()))
    assert lines[3] == "2019.1 ['2019.1', '2026.1', '2026.2']"
    assert lines[4] == "757 180 True"  # working days 2025-2027 (2027 Monday–Friday), the bundled column map
    verify = subprocess.run(
        [str(venv / "bin" / "gpcatalog"), "verify"], cwd=outside, capture_output=True, text=True
    )
    assert (verify.returncode, verify.stdout.splitlines()[-1]) == (0, "一致:已发布版本的文件与发布时相同")
    cli = subprocess.run(
        [str(venv / "bin" / "gpcatalog"), "validate"], cwd=outside, capture_output=True, text=True
    )
    assert cli.returncode == 0
    assert cli.stdout.splitlines()[0] == "校验 national:27 个文件,453 个事项"
