"""The validation gate: the project's RELAX NG and Schematron (compiled from its ODD),
language tags, and located diagnostics."""
