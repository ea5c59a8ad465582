"""Generic tabular import: CSV or Excel files read into an area's records.

An area declares an importer (fields, required columns, per-row checks, a bulk write) in its
`importers.py` and registers it; the core does the rest for every area alike:

- reads CSV (utf-8 with or without a byte order mark, or Windows-1252) or XLSX, refusing other
  types, files over 20 MB, unknown encodings and files with no header row, each with one
  clear message (`reading.py`);
- matches the file's columns to the importer's fields, suggested from the headers and saved
  per source, and previews the first rows (`engine.py`, pages in `views.py`);
- checks every row and reports every problem (row number, column, reason); if any row has a
  problem nothing is written;
- skips rows already imported (same source and external reference), so importing the same
  file twice adds nothing;
- runs as a background task (`tasks.py`) recording progress on an `ImportJob`; the page polls
  it with htmx. Commands run the same engine in the foreground.

    class TrainingImporter(Importer):
        name, label, permission = "training", "Training completions", "workforce.import"
        fields = [ImportField("external_ref", "Record ID", required=True),
                  ImportField("completed_on", "Date completed", required=True), ...]
        def clean_row(self, values, context): ...   # -> (row dict, [(field, reason)])
        def existing(self, keys, job, context): ... # -> keys already imported
        def write(self, rows, job, context): ...    # bulk create; returns how many
    register(TrainingImporter())
"""

from careloop.core.imports.base import Importer, ImportField, get_importer, importers, register
from careloop.core.imports.reading import FileProblem

__all__ = [
    "FileProblem",
    "ImportField",
    "Importer",
    "get_importer",
    "importers",
    "register",
]
