"""The one place that defines gpcatalog's errors.

Every error carries structured fields (file, line, column, JSON path, item id) and a Chinese message that the
CLI prints as is. Errors also inherit a built-in where it is natural, so ``except KeyError`` keeps working for
callers that do not know gpcatalog.
"""

from __future__ import annotations

import os


class GpCatalogError(Exception):
    """Base class of every error gpcatalog raises on purpose.

    Attributes:
        message: the Chinese message, without the location prefix.
        file: the file concerned, if any.
        line: 1-based line number, if known.
        column: 1-based column number, if known.
        path: JSON path inside the document (``$.items[0].name``), if known.
        item_id: the catalogue item concerned, if any.
        report: every problem found, where there were several (a :class:`~gpcatalog.schema.report.Report`).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | os.PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        item_id: str | None = None,
        report: object | None = None,
    ) -> None:
        self.message = message
        self.report = report
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.path = path
        self.item_id = item_id
        super().__init__(self.__str__())

    def location(self) -> str:
        """Return "文件 X 第N行第M列" style text for the known parts of the location."""
        parts: list[str] = []
        if self.file:
            parts.append(f"文件 {self.file}")
        if self.line is not None:
            parts.append(f"第{self.line}行" + (f"第{self.column}列" if self.column is not None else ""))
        if self.path:
            parts.append(f"位置 {self.path}")
        if self.item_id:
            parts.append(f"事项 {self.item_id}")
        return ",".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}:{self.message}" if where else self.message


class CatalogueReadError(GpCatalogError, OSError):
    """A catalogue file or directory could not be read: missing, not a catalogue, bad encoding, bad YAML."""


class YAMLSyntaxError(CatalogueReadError, ValueError):
    """A file is not well-formed YAML, or uses YAML in a way gpcatalog refuses (alias bombs, duplicate keys)."""


class CatalogueInvalidError(GpCatalogError, ValueError):
    """A catalogue failed validation; ``report`` holds every problem found."""


class UnknownItemError(GpCatalogError, KeyError):
    """No item has the requested id."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return GpCatalogError.__str__(self)


class UnknownDomainError(GpCatalogError, KeyError):
    """No domain matches the requested name, code or number."""

    def __str__(self) -> str:
        return GpCatalogError.__str__(self)


class HistoryError(GpCatalogError, ValueError):
    """The history of a package (history.yaml, adjustments.yaml, versions/) is wrong; ``report`` lists each
    problem with its file, line and record."""


class ReleaseRefusedError(HistoryError):
    """``release`` would not write the version (changes without a record, nothing new, version exists); the
    package is left exactly as it was."""


class WriteError(CatalogueReadError):
    """A file or folder could not be written (disk full, no permission); nothing was left half-written."""


class ExtensionError(GpCatalogError, ValueError):
    """An unknown extension, an incompatible version, two extensions adding one field, or a patch that redefines
    the core."""


class DerivedError(GpCatalogError, ValueError):
    """A derived catalogue whose base is missing, forms a cycle, or whose overlay does not fit its base."""


class DiffError(GpCatalogError, ValueError):
    """A change list that cannot be applied to the catalogue given (it was made from another one)."""


class TableError(GpCatalogError, ValueError):
    """A catalogue that cannot be laid out as a table, or a table that cannot be read as a catalogue."""


class ImportRefusedError(TableError):
    """``import --into`` would not put the workbook into the package: it was exported from another catalogue or
    version (or carries no gpcatalog metadata) and the user did not say so, or the target is not a working copy
    it can replace; the package is left exactly as it was."""


class ColumnMapError(GpCatalogError, ValueError):
    """A column map file that cannot be read; ``report`` lists every problem with file, line and path."""


class AuditError(GpCatalogError, ValueError):
    """Records that cannot be audited: missing columns, no rows."""


class SiteError(GpCatalogError, ValueError):
    """A site that cannot be generated safely (an id that is not a safe file name, a path outside the output)."""


class InspectError(GpCatalogError, ValueError):
    """A start address or folder that cannot be inspected."""


class PackageLockedError(GpCatalogError):
    """Another process is writing the package (it holds the package's lock); nothing was changed."""
