"""The survey on real data: haifeng-yanglao against national@2026.2, with threads and with processes."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from gpcatalog.survey import survey
from tests.helpers import ROOT

HAIFENG = ROOT / "catalogues" / "haifeng-yanglao"


def _facts(executor: object) -> tuple[object, ...]:
    result = survey([HAIFENG], executor=executor)  # type: ignore[arg-type]
    place = result.places[0]
    domain = place.domains[0]
    findings = [(f.item, f.kind, f.standard, f.local) for f in place.findings]
    return place.place, place.base_lag, place.score, domain.present, domain.missing, domain.added, findings


EXPECTED = (
    "广东省汕尾市海丰县",
    True,
    99.0,
    13,
    0,
    0,
    [("yanglao-fuwu-002", "channel_dropped", "两微一端", None)],
)


def test_haifeng_threads() -> None:
    with ThreadPoolExecutor(2) as pool:
        assert _facts(pool) == EXPECTED


def test_haifeng_processes(tmp_path: object) -> None:
    with ProcessPoolExecutor(2) as pool:
        assert _facts(pool) == EXPECTED
