"""The analysts' spreadsheet round trip: ``export_workbook`` writes a workbook for one criteria set,
``import_workbook`` checks a filled-in workbook and applies its changes to the country files
(all or nothing). The layout both follow is described once, in :mod:`.layout`.
"""

from __future__ import annotations

from .export import ExportResult, export_workbook
from .import_ import Change, ImportResult, import_workbook

__all__ = ["Change", "ExportResult", "ImportResult", "export_workbook", "import_workbook"]
