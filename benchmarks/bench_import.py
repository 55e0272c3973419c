"""Start-up benchmark: what ``import gpcatalog`` costs, beside a bare interpreter and ``import pydantic``, all
measured in the same run (median of 15 runs each, interleaved so that a busy machine slows all alike).

``python benchmarks/bench_import.py`` (or ``make bench``) prints:

- ``python -c pass`` (baseline), ``import pydantic`` and defining one pydantic model (baselines: pydantic imports
  most of itself when the first model class is created, a cost any pydantic program pays);
- ``import gpcatalog`` and its cost over the bare interpreter (target: under 150 ms);
- ``import gpcatalog`` and first use of the model (``gpcatalog.Catalogue``): what a program that loads a catalogue
  pays before reading any file, to compare with the one-model baseline;
- ``gpcatalog --help``: the CLI's start-up.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

ONE_MODEL = (
    "from pydantic import BaseModel, ConfigDict\n"
    "class M(BaseModel):\n    model_config = ConfigDict(defer_build=True)\n    x: int = 1"
)
"""The floor of any program with pydantic models: pydantic imports most of itself on the first class."""
CASES = {
    "python -c pass(基线)": [sys.executable, "-c", "pass"],
    "import pydantic(基线)": [sys.executable, "-c", "import pydantic"],
    "pydantic 定义一个模型(基线)": [sys.executable, "-c", ONE_MODEL],
    "import gpcatalog": [sys.executable, "-c", "import gpcatalog"],
    "import gpcatalog + 模型首次使用": [sys.executable, "-c", "import gpcatalog; gpcatalog.Catalogue"],
    "gpcatalog --help": [sys.executable, "-m", "gpcatalog", "--help"],
}


def measure(runs: int = 15) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):
        for name, command in CASES.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    times = measure()
    bare = times["python -c pass(基线)"]
    print(f"{'测量(15 次取中位数)':<30}{'ms':>8}{'比解释器多':>12}")
    for name, seconds in times.items():
        print(f"{name:<30}{seconds * 1000:>8.0f}{(seconds - bare) * 1000:>12.0f}")
    overhead = (times["import gpcatalog"] - bare) * 1000
    verdict = "达到" if overhead < 150 else "未达到"
    print(f"import gpcatalog 比解释器多 {overhead:.0f} ms(目标 < 150 ms,{verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
