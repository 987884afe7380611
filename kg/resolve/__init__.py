"""resolve: mentions across the corpus → one Entity per real-world referent, each merge explained.

Rules (their explanations are in RULES and DIR/aliases.json):
- ``normalised``: same name after Unicode, quote, diacritic, case, title and possessive folding;
- ``acronym``: an acronym the text defines ("Libyan National Army (LNA)");
- ``known-alias``: a name the organisations gazetteer lists for the same body ("UN" = "United Nations");
- ``gazetteer``: two names GeoNames gives one place ("Kiev", "Kyiv");
- ``transliteration``: same consonant skeleton, every word pair alike ("Hafter", "Haftar");
- ``surname``: a surname-only mention joins the one full name that ends with it (in the article, else corpus);
- ``name-part``: an organisation name inside exactly one longer one with the same head word;
- ``leader-force``: "X’s forces" joins the organisation X leads, when the corpus says so;
- ``country-and-sector``: an actor named by role ("Nigerian troops", "the army of Nigeria") is one node per
  state (or people) and sector, joined with the state's one known body of that sector ("Israeli forces" =
  "Israel Defense Forces") or the people's movement ("Houthi rebels" = "Houthis"); without a state it is
  its article's own group.
Constraints: a Person never merges with an Organization or a Location; two full names with one surname and
different given names never share a cluster; two places GeoNames tells apart stay apart.
Then attacks: the same attack in several articles becomes one event (``same_events``).
"""

from kg.resolve.events import same_events
from kg.resolve.forms import label_variants, printed_variants, written_forms
from kg.resolve.keys import normalise, similar, skeleton, slug, sound_key, strip_titles
from kg.resolve.nodes import compact, resolve
from kg.resolve.report import RULES, aliases_report, explain

__all__ = [
    "RULES",
    "aliases_report",
    "compact",
    "explain",
    "label_variants",
    "normalise",
    "printed_variants",
    "resolve",
    "same_events",
    "similar",
    "skeleton",
    "slug",
    "sound_key",
    "strip_titles",
    "written_forms",
]
