"""Interface text per language: the gettext catalogues shipped with the package.

The interface of the site, the profiles and the scorecards is English in the templates, wrapped in
``{{ _("...") }}`` (Jinja's ``i18n`` extension); a few sentences are made in the view models with
:func:`gettext`. The French and Spanish words live in
``src/legalreview/locale/<lang>/LC_MESSAGES/legalreview.po`` (our own translations); they are
compiled in memory with Babel when a build first needs them. A message with no translation reads
in English (gettext's rule). ``python3 scripts/update_catalogues.py`` adds new messages to the
catalogues.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from pathlib import Path
from typing import Any

#: Where the catalogues are: ``<lang>/LC_MESSAGES/legalreview.po``.
LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "legalreview"


def catalogue_path(language: str) -> Path:
    """Return the path of a language's ``.po`` file (it may not exist)."""
    return LOCALE / language.split("-")[0] / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=16)
def translations(language: str | None) -> _gettext.NullTranslations:
    """Return the interface translations of a language (English, or a language without a catalogue:
    the English words themselves). The ``.po`` file is compiled in memory, once per process."""
    path = catalogue_path(language) if language else None
    if path is None or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=language.replace("-", "_") if language else None, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def template_callables(language: str | None) -> dict[str, Any]:
    """Return ``gettext`` and ``ngettext`` for Jinja's i18n extension: the words of a catalogue, HTML-escaped
    except for quotes, so a page reads byte for byte as the English text it replaced; ``|format`` escapes
    the values it is given. Apostrophes are safe in the templates' attributes (all double-quoted); a
    double quote may stand only in a translation of a message that has one (text, never an attribute:
    ``scripts/update_catalogues.py --check`` fails otherwise)."""
    from markupsafe import Markup, escape

    found = translations(language)
    done: dict[str, Markup] = {}  # message -> its words: a page asks for the same few messages again and again

    def safe(text: str) -> Markup:
        return Markup(str(escape(text)).replace("&#39;", "'").replace("&#34;", '"'))

    def _gettext(message: str) -> Markup:
        words = done.get(message)
        if words is None:
            words = done[message] = safe(found.gettext(message))
        return words

    @functools.lru_cache(maxsize=4096)
    def _ngettext(singular: str, plural: str, n: int) -> Markup:
        return safe(found.ngettext(singular, plural, n))

    return {"gettext": _gettext, "ngettext": _ngettext}


def gettext(language: str | None, message: str) -> str:
    """Return ``message`` in ``language`` (English when it has no translation)."""
    if not language or language == "en":
        return message
    return translations(language).gettext(message)
