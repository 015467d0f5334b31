"""Citation: citable units read from the enriched corpus, the identifier manifest, embedded
metadata, citation formats (CSL, BibTeX, RIS, CSL-JSON) and the static DTS API."""
