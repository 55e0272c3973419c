"""The documents catalogues cite (依据): a registry across catalogues, the item ↔ document graph, impact lists.

``gpcatalog laws`` ↔ :func:`registry`; ``gpcatalog impact`` ↔ :func:`impact`.
"""

from gpcatalog.laws.documents import Citing, Document, impact, law_graph, registry
from gpcatalog.parsing.basis import document_key, title_key

__all__ = ["Citing", "Document", "document_key", "impact", "law_graph", "registry", "title_key"]
