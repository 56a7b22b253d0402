"""Likert rating rules (``LKT``): scores on the rubric's scales, N/A and rationales."""
