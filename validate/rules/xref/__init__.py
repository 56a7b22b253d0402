"""Cross-reference rules (``XRF``): sources that refer to each other must agree."""
