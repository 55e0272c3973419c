"""The catalogue site: a mkdocs-material project generated from the data package, then built.

Nothing of the catalogue is written by hand: pages, navigation, downloads and the static JSON API all come from
the data. Every value from the data is HTML-escaped and written inside raw HTML blocks, so neither HTML nor
Markdown in a cell can change the page; ids are validated before they become file names, and every path is
checked to stay inside the output folder.
"""

from gpcatalog.errors import SiteError
from gpcatalog.site.build import BuildResult, build_site, check_links
from gpcatalog.site.project import generate_project

__all__ = ["BuildResult", "SiteError", "build_site", "check_links", "generate_project"]
