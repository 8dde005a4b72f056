"""Reading the text of a PDF in tests (pypdf, pure Python)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pages_text(content: bytes) -> list[str]:
    """The text of each page, in order."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def text(content: bytes) -> str:
    return "\n".join(pages_text(content))
