"""Import rules (``IMP``): problems found while converting other tools' exports.

The importers in :mod:`validate.importers` report these codes; the modules here carry each
code's documentation, name and default severity for the registry.
"""
