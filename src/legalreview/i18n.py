"""Languages: review text that may be translated in the files themselves, and names, dates and
numbers formatted per language (Babel, CLDR).

A translatable field of a criteria set (``title``, ``description``, a criterion's ``short``,
``question``, ``guidance`` and ``model_provision``, a wording's ``question``, scale and tier labels
and descriptions, edition labels) takes either a string or a mapping of language code to string::

    question: {en: "Does national law ...?", fr: "La législation nationale ...?"}

The model keeps a :class:`Text`: a ``str`` holding the first language of the mapping (list the
review's default language first), with every translation beside it, so code that expects a string
keeps working. :func:`in_language` picks the words for a language and says when it fell back to
another. A review's languages are ``review.toml`` ``[review] languages = ["en", "fr", "es"]`` (the
first is the default); :func:`missing_translations` lists what is not translated (``lint`` warns
``missing-translation``; ``status --translations`` prints the list).

Imports nothing of legalreview (models.py imports it); Babel only inside the formatting functions
(a heavy import that most commands never need).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator
from pydantic_core import PydanticCustomError

#: A language code: ISO 639-1/-2 with an optional region or script ("en", "fr", "pt-BR", "zh-Hant").
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
#: Languages whose interface text ships with the package.
INTERFACE_LANGUAGES = ("en", "fr", "es")
#: Most translations one field may hold.
MAX_LANGUAGES = 50


class Text(str):
    """Text in its first language (the ``str`` value), with translations by language code.

    ``Text("Yes", {"fr": "Oui"})`` equals ``"Yes"``; ``.translations`` holds the others and
    ``.language`` the language of the ``str`` value (None when the file gave a plain string: the
    review's default language).
    """

    translations: dict[str, str]
    language: str | None

    def __new__(cls, value: str, translations: dict[str, str] | None = None, language: str | None = None) -> Text:
        obj = super().__new__(cls, value)
        obj.translations = dict(translations or {})
        obj.language = language
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (str(self), self.translations, self.language))

    def languages(self) -> list[str]:
        """Return the languages this text is written in (its own first, when known)."""
        return ([self.language] if self.language else []) + [k for k in self.translations if k != self.language]


def _check_language(code: Any) -> str:
    if not isinstance(code, str) or not LANGUAGE_PATTERN.match(code):
        raise PydanticCustomError("bad_language", "{message}", {
            "message": f"{code!r} is not a language code (write two or three lower-case letters such as "
                       "\"en\", \"fr\", \"es\", optionally followed by a region such as \"pt-BR\")"})
    return code


#: A language code field (``review.toml`` ``language``, ``languages``).
Language = Annotated[str, PlainValidator(lambda v: _check_language(v.strip() if isinstance(v, str) else v))]


def to_text(value: Any) -> str:
    """Validate a translatable field: a string, or a mapping of language code to string. (Refused
    characters are checked, in every translation, by the models' common check.)"""
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict) and value:
        if len(value) > MAX_LANGUAGES:
            raise PydanticCustomError("too_many", "{message}",
                                      {"message": f"at most {MAX_LANGUAGES} languages per text"})
        out: dict[str, str] = {}
        for code, words in value.items():
            code = _check_language(code)
            if not isinstance(words, str):
                raise PydanticCustomError("string_type", "{message}", {
                    "message": f"the {code!r} text must be a string, not {type(words).__name__}"})
            out[code] = words.strip()
        first = next(iter(out))
        return Text(out[first], {k: v for k, v in out.items() if k != first}, first)
    raise PydanticCustomError("string_type", "{message}", {
        "message": "write a string, or a mapping of language code to string such as {en: \"...\", fr: \"...\"}"})


def _dump(value: str) -> Any:
    if isinstance(value, Text) and value.translations:
        return {value.language or "": str(value), **value.translations}
    return str(value)


#: A model field that may be translated in the file (see the module docstring).
LocalText = Annotated[str, PlainValidator(to_text), PlainSerializer(_dump)]


def in_language(value: str | None, language: str, default: str) -> tuple[str, str]:
    """Return (words, their language) for ``language``: the translation when there is one, else the
    text in its own language (``default``, the review's default, for a plain string). A caller marks
    the words as a fallback when their language is not the one asked for."""
    if value is None:
        return "", language
    if isinstance(value, Text):
        if language == (value.language or default):
            return str(value), language
        if language in value.translations:
            return value.translations[language], language
        return str(value), value.language or default
    return str(value), default


def has_language(value: str | None, language: str, default: str) -> bool:
    """Return True when ``value`` is written in ``language`` (its own text or a translation)."""
    return in_language(value, language, default)[1] == language


# --------------------------------------------------------------------------- names, dates, numbers


def babel_locale(language: str) -> Any:
    """Return the Babel locale of a language code (English when Babel does not know it)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def known_language(language: str) -> bool:
    """Return True when CLDR (through Babel) knows the language code."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def country_name(iso2: str, language: str, fallback: str) -> str:
    """Return the CLDR name of a country (by ISO 3166 alpha-2) in ``language``, else ``fallback``."""
    if not iso2:
        return fallback
    return babel_locale(language).territories.get(iso2.upper(), fallback)


def language_name(code: str, in_language_of: str | None = None) -> str:
    """Return a language's own name ("français"), or its name in another language."""
    locale = babel_locale(code)
    return (locale.get_display_name(babel_locale(in_language_of)) if in_language_of
            else locale.get_display_name()) or code


def format_date(value: Any, language: str, style: str = "long") -> str:
    """Return a date written the way ``language`` writes it ("30 June 2023", "30 juin 2023")."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=style, locale=babel_locale(language))


def format_percent(share: float, language: str) -> str:
    """Return a share (0-1) as a whole percentage in ``language`` ("45%", "45 %")."""
    from babel.numbers import format_percent as babel_format_percent

    return babel_format_percent(share, locale=babel_locale(language))


def format_number(value: float, language: str) -> str:
    """Return a number in ``language`` ("1,234", "1 234")."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))
