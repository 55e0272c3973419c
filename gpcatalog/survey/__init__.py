"""Survey (多地目录对照):many local catalogues against the standard, place by place and domain by domain.

``gpcatalog survey`` ↔ :func:`survey`; one place is compared by :func:`compare`.
"""

from gpcatalog.survey.compare import DomainResult, Finding, PlaceResult, compare
from gpcatalog.survey.run import SurveyResult, survey

__all__ = ["DomainResult", "Finding", "PlaceResult", "SurveyResult", "compare", "survey"]
