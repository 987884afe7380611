"""Write kg/lexicon/common_words.txt: lower-case words frequent in the treebanks.

The gazetteer uses it to skip place names that are ordinary English words
("Police", "Mobile", "Of") when they are not tagged as entities.
Usage: python training/common_words.py DATA_DIR
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from convert import write_list  # noqa: E402

data = Path(sys.argv[1])
counts: Counter[str] = Counter()
for f in ("ud-ewt/en_ewt-ud-train.conllu", "gum-ccby/gum-ccby-train.conllu"):
    for line in (data / f).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit() and cols[1].isalpha() and cols[1].islower():
            counts[cols[1]] += 1
words = sorted(w for w, n in counts.items() if n >= 3)
write_list("common_words.txt", "Derived from UD EWT (CC BY-SA 4.0) and GUM (CC BY 4.0)", words)

# Known lemmas, so the pipeline can repair a lemmatizer guess that is no word ("blamed" → "blam").
lemmas: Counter[str] = Counter()
for f in ("ud-ewt/en_ewt-ud-train.conllu", "gum-ccby/gum-ccby-train.conllu"):
    for line in (data / f).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit() and cols[3] in ("VERB", "NOUN", "ADJ") and cols[2].isalpha():
            lemmas[cols[2].lower()] += 1
known = sorted(w for w, n in lemmas.items() if n >= 2)
write_list("lemmas.txt", "Verb, noun and adjective lemmas of UD EWT (CC BY-SA 4.0) and GUM (CC BY 4.0)", known)
