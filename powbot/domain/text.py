"""Text from outside made safe to store and to log.

PostgreSQL refuses NUL characters in text columns, and a lone surrogate (valid in a Python
str, not in UTF-8) makes the database driver fail with the text in its error message.
"""

from __future__ import annotations


def clean_text(text: str) -> str:
    """Without NUL characters and with lone surrogates replaced by U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text)
    return text
