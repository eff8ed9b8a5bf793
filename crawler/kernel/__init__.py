"""The kernel: what every layer shares and nothing below it.

The record types (``record``), Vietnamese text (``text``: one folding, NFC, URLs), legacy
fonts (``fonts``), dates (``dates``) and document numbers (``numbers``).  The kernel imports
nothing of the project outside itself; the parsers, the crawl and the archive all import it.
"""
