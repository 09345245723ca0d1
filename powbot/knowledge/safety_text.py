"""Text normalisation shared by the crisis detector's rules, meaning components and model:
case, accents, tatweel and letter variants folded, punctuation to spaces, repeats shortened."""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "ł": "l",
        "ı": "i",
        "đ": "d",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "’": "'",
        "ʼ": "'",
        "‘": "'",
        # Arabic and Persian letter forms typed interchangeably.
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": "",
        "\u200c": "",  # zero-width non-joiner (Persian)
        "\u200d": "",
        # Currency signs as words: '€3,20' is 'euro 3 20' (the `money_unit` component).
        "€": " euro ",
        "£": " pound ",
        # Laughing emoji read as laughter (the `laugh` component in safety/concepts.yaml).
        "😂": " haha ",
        "🤣": " haha ",
        "😆": " haha ",
        "😹": " haha ",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_REPEATS = re.compile(r"(\w)\1{2,}", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents or tatweel, letter variants unified; punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_FOLD)


def normalise(text: str) -> str:
    """fold() plus: punctuation to spaces, 3+ repeated letters to 2, single spaces."""
    plain = _NON_WORD.sub(" ", fold(text)).replace("_", " ")
    return " ".join(_REPEATS.sub(r"\1\1", plain).split())


_PERSIAN = re.compile(
    r"[پچژگ]|(?:^| )(?:ن?مي(?:خو|خا|ز|ك|تو|ش|ر|د|ب|گ|م|ن)\w*|منو|مرا|را|رو|تو|است|نيست"
    r"|هستم|دارم|ندارم|دارد|داره|ديگه|كنم|شده|بشم|خونه|خانه|شوهرم|پدرم|مادرم|اون|اين|چي)(?: |$)"
)
_ARABIZI = re.compile(r"\b[a-z]*[a-z][2357][a-z]+|\b[2357][a-z]{2,}|\b[a-z]{3,}[2357]\b")


def script_language(text: str) -> str | None:
    """The language a script gives away: Ethiopic is Tigrinya, Arabic letters with a Persian
    letter or word are Persian, Latin words with 2/3/5/7 for letters are Arabizi."""
    if any("\u1200" <= ch <= "\u137f" for ch in text):
        return "ti"
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return "fa" if _PERSIAN.search(text) else "ar"
    return "ar" if _ARABIZI.search(text) else None
