"""Rapport's core: the book, the ladder and the printouts. Pure Python, never Qt."""
