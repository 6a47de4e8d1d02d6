"""Importers: CSV/XLSX (and content folders) into the database, validated row by row."""
from copilot.importing.service import ImportReport, Importer, RowProblem

__all__ = ["ImportReport", "Importer", "RowProblem"]
