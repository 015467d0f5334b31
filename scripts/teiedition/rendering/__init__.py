"""The outputs made by XSLT: the HTML site (pages, assets, map, search index) and the PDF
edition."""
