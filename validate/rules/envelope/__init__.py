"""Envelope rules (``LBL``): the record envelope every label record shares (DESIGN.md).

Some of these rules are found while reading or by the engine itself (``FOUND_BY``): their
``check`` yields nothing and exists so that every rule module has the same shape.
"""
