"""A news-like corpus generator: N conflict articles of about 400 words, for scale benchmarks.

    python bench/newsgen.py N OUTDIR [--seed 7] [--start 0] [--format jsonl|txt]

Writes OUTDIR/news.jsonl (records {id, title, text, url, published}) or one OUTDIR/<id>.txt per
article plus OUTDIR/metadata.json. Every sentence comes from this file's own templates: several
invented-but-plausible conflicts, each with its armed groups, leaders, officials, places and
operations; attacks (airstrikes, shelling, drone strikes, raids, bombings) with casualty counts and
dates; statements (condemnations, accusations, denials, warnings, praise) with quotes; background.

Article ``i`` depends only on (seed, i), never on N: ``newsgen.py 2010`` starts with the 2,000
articles of ``newsgen.py 2000``, and ``--start 2000`` writes only the 10 new ones (for --update).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Conflict:
    country: str
    demonym: str
    capital: str
    places: tuple[str, ...]
    state_forces: tuple[str, ...]  # (full name, acronym) pairs flattened: name|ACR
    rebels: tuple[str, ...]
    operations: tuple[str, ...]
    ministry: str


CONFLICTS = (
    Conflict("Sudan", "Sudanese", "Khartoum",
             ("Omdurman", "El Fasher", "Nyala", "Kassala", "Wad Madani", "Kadugli", "El Obeid", "Geneina"),
             ("Sudanese Armed Forces|SAF",), ("Rapid Support Forces|RSF", "Sudan Liberation Movement|SLM"),
             ("Desert Shield", "Dignity Dawn"), "Sudanese Ministry of Health"),
    Conflict("Yemen", "Yemeni", "Sanaa",
             ("Aden", "Taiz", "Marib", "Hodeidah", "Saada", "Mukalla", "Ibb", "Dhamar"),
             ("Presidential Leadership Council|PLC", "Giants Brigades|GB"),
             ("Supreme Political Council|SPC", "Southern Resistance Forces|SRF"),
             ("Golden Arrow", "Decisive Wind"), "Yemeni Ministry of Human Rights"),
    Conflict("Libya", "Libyan", "Tripoli",
             ("Benghazi", "Derna", "Sirte", "Misrata", "Sabha", "Zawiya", "Tarhuna", "Ajdabiya"),
             ("Government of National Unity|GNU",), ("Libyan National Army|LNA", "Benghazi Defence Brigades|BDB"),
             ("Volcano of Rage", "Flood of Dignity"), "Libyan Ministry of Interior"),
    Conflict("Somalia", "Somali", "Mogadishu",
             ("Kismayo", "Baidoa", "Beledweyne", "Jowhar", "Garowe", "Afgooye", "Marka", "Dhusamareb"),
             ("Somali National Army|SNA",), ("Somali Islamist Front|SIF", "Islamic State in Somalia|ISS"),
             ("Black Lion", "Badbaado"), "Somali Ministry of Information"),
    Conflict("Mali", "Malian", "Bamako",
             ("Mopti", "Gao", "Timbuktu", "Kidal", "Segou", "Menaka", "Djenne", "Bandiagara"),
             ("Malian Armed Forces|FAMa",), ("Jamaat Nusrat al-Islam wal-Muslimin|JNIM", "Azawad Liberation Front|FLA"),
             ("Keletigui", "Maliko"), "Malian Ministry of Defence"),
    Conflict("Myanmar", "Burmese", "Naypyidaw",
             ("Mandalay", "Sittwe", "Lashio", "Myawaddy", "Hpakant", "Sagaing", "Loikaw", "Bhamo"),
             ("Myanmar military|Tatmadaw",), ("Arakan Army|AA", "Kachin Independence Army|KIA"),
             ("Northern Shield", "Anawrahta"), "Myanmar Ministry of Information"),
)  # fmt: skip

GIVEN = ("Ahmed", "Mohamed", "Fatima", "Omar", "Khalid", "Aisha", "Hassan", "Yusuf", "Ibrahim", "Amina",
         "Abdullahi", "Moussa", "Aung", "Min", "Hamid", "Salma", "Tariq", "Nour", "Idris", "Mariam",
         "Samuel", "Grace", "Daniel", "Helen", "Peter", "Ali", "Zainab", "Bashir", "Kyaw", "Hawa")  # fmt: skip
SURNAMES = ("al-Burhan", "Dagalo", "al-Alimi", "Saleh", "Dbeibah", "Haftar", "Mohamud", "Hassan", "Goita",
            "Traore", "Hlaing", "Naing", "el-Mahdi", "Osman", "Abdelrahman", "Warsame", "Keita", "Diallo",
            "al-Sharif", "Mansour", "Nasser", "Farah", "Tun", "Oo", "Idriss", "Kamara", "Adan", "al-Amin")  # fmt: skip
TITLES = ("General", "Colonel", "Major General", "Brigadier", "Minister", "President", "Commander")
ROLES = ("spokesman", "spokeswoman", "military spokesman", "deputy commander", "senior official", "envoy")
INTERNATIONAL = ("United Nations|UN", "African Union|AU", "European Union|EU", "Arab League|AL",
                 "International Organization for Migration|IOM",
                 "International Committee of the Red Cross|ICRC")  # fmt: skip
UN_ROLES = ("Secretary-General", "humanitarian coordinator", "special envoy", "High Commissioner for Human Rights")
AGENCIES = ("Reuters", "Agence France-Presse", "the Associated Press", "Al Jazeera", "the BBC")
TARGETS = ("a market", "a hospital", "a school", "a camp for displaced people", "a residential neighbourhood",
           "a mosque", "a fuel depot", "an army base", "a checkpoint", "a bridge", "a power station")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen")


def cap(text: str) -> str:
    """Sentence case for a name that may start with 'the'; str.capitalize would lower the rest."""
    return text[:1].upper() + text[1:]


class Writer:
    """One article's sentences, drawn from ``rng`` about one conflict."""

    def __init__(self, rng: random.Random, conflict: Conflict, published: dt.date) -> None:
        self.rng = rng
        self.c = conflict
        self.published = published
        people = [(rng.choice(GIVEN), rng.choice(SURNAMES)) for _ in range(4)]
        self.people = [f"{g} {s}" for g, s in people]
        self.state, self.state_acr = rng.choice(conflict.state_forces).split("|")
        self.rebel, self.rebel_acr = rng.choice(conflict.rebels).split("|")
        self.intl, self.intl_acr = rng.choice(INTERNATIONAL).split("|")
        self.places = rng.sample(conflict.places, 4)
        self.acr_used: set[str] = set()
        self.said: set[str] = set()

    def fresh(self, forms) -> str:
        """One of the sentence makers, built lazily (naming an organisation marks its acronym as
        introduced) and never a sentence the article already has."""
        for _ in range(8):
            sentence = self.rng.choice(forms)()
            if sentence not in self.said:
                break
        self.said.add(sentence)
        return sentence

    def pick(self, items):
        return self.rng.choice(items)

    def org(self, which: str) -> str:
        """A full name with its acronym the first time, the acronym or the full name afterwards."""
        name, acr = {"state": (self.state, self.state_acr), "rebel": (self.rebel, self.rebel_acr),
                     "intl": (self.intl, self.intl_acr)}[which]  # fmt: skip
        if acr not in self.acr_used:
            self.acr_used.add(acr)
            return f"the {name} ({acr})"
        return acr if self.rng.random() < 0.5 else f"the {name}"

    def day(self) -> str:
        back = self.rng.randrange(0, 6)
        return "on " + WEEKDAYS[(self.published - dt.timedelta(days=back)).weekday()]

    def count(self) -> int:
        return self.rng.choice((2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 23, 25, 31, 40, 52))

    def person(self, i: int, full: bool = True) -> str:
        name = self.people[i]
        return name if full else name.split(" ", 1)[1]

    def attack(self) -> str:
        place, target = self.pick(self.places), self.pick(TARGETS)
        k, w, attacker = self.count(), self.count(), self.org(self.pick(("state", "rebel")))
        forms = (
            lambda: (
                f"An airstrike by {attacker} hit {target} in {place} {self.day()}, killing {k} civilians and "
                f"wounding {w} others, according to local medics."
            ),
            lambda: (
                f"{cap(attacker)} shelled {place} {self.day()}, killing at least {k} people, "
                f"including {self.pick(NUMBER_WORDS)} children, residents said."
            ),
            lambda: (
                f"Drone strikes on {target} near {place} killed {k} people {self.day()}, the "
                f"{self.c.ministry} said in a statement."
            ),
            lambda: (
                f"Fighters from {attacker} attacked {place} {self.day()}; {k} soldiers were killed and {w} were "
                f"injured in the fighting that followed."
            ),
            lambda: (
                f"A car bomb exploded outside {target} in {place} {self.day()}, killing {k} and injuring {w}, "
                f"police said, blaming {attacker} for the bombing."
            ),
            lambda: (
                f"At least {k} people died when artillery fire from {attacker} struck {target} on the edge of {place}."
            ),
        )
        return self.fresh(forms)

    def statement(self) -> str:
        p0, p1, place = self.person(0), self.person(1), self.pick(self.places)
        t0, role = self.pick(TITLES), self.pick(ROLES)
        forms = (
            lambda: (
                f"{t0} {p0}, head of {self.org('state')}, condemned the attack and accused {self.org('rebel')} of "
                f"deliberately targeting civilians."
            ),
            lambda: (
                f"{cap(self.org('rebel'))} denied responsibility, saying its fighters had only struck "
                f"military positions around {place}."
            ),
            lambda: (
                f"\u201cThis is a crime that will not go unpunished,\u201d said {p1}, a {role} for {self.org('state')}."
            ),
            lambda: (
                f"The {self.pick(UN_ROLES)} of {self.org('intl')} strongly condemned the killing of civilians in "
                f"{place} and called for an independent investigation."
            ),
            lambda: (
                f"{self.person(2)}, a {role} for {self.org('rebel')}, warned that the group would respond to any "
                f"further strikes on {place}."
            ),
            lambda: f"{cap(self.org('intl'))} accused both sides of using heavy weapons in populated areas.",
            lambda: (
                f"{self.person(0, full=False)} praised the troops who defended {place} and promised to rebuild "
                f"the destroyed homes."
            ),
            lambda: (
                f"In a televised address, {p1} blamed {self.org('rebel')} for the violence and urged residents of "
                f"{place} to stay indoors."
            ),
        )
        return self.fresh(forms)

    def operation(self) -> str:
        op, place = self.pick(self.c.operations), self.pick(self.places)
        forms = (
            lambda: (
                f"{cap(self.org('state'))} launched Operation {op} last month to retake {place} and the "
                f"roads around it."
            ),
            lambda: (
                f"The offensive, part of Operation {op}, has pushed {self.org('rebel')} fighters out of several "
                f"villages west of {place}."
            ),
        )
        return self.fresh(forms)

    def background(self) -> str:
        place = self.pick(self.places)
        n = self.rng.randrange(2, 12)
        forms = (
            lambda: (
                f"The war in {self.c.country} has displaced more than {n} million people, according to aid agencies."
            ),
            lambda: f"Food and medicine are running short in {place}, where the main road has been closed for weeks.",
            lambda: (
                f"Humanitarian workers say access to {place} remains difficult because of checkpoints and "
                f"sporadic clashes."
            ),
            lambda: (
                "Talks between the warring parties stalled earlier this year after a ceasefire collapsed within days."
            ),
            lambda: f"{self.c.capital} has seen repeated protests over the rising cost of bread and fuel.",
            lambda: f"Local journalists said phone lines to {place} had been cut since the fighting began.",
            lambda: f"Thousands of families have fled {place} for {self.pick(self.places)}, many of them on foot.",
            lambda: f"The {self.c.demonym} currency has lost more than half of its value since the start of the war.",
            lambda: (
                f"Hospitals in {place} are overwhelmed and short of blood, a doctor there told {self.pick(AGENCIES)}."
            ),
        )
        return self.fresh(forms)

    def title(self) -> str:
        place = self.places[0]
        return self.pick(
            (
                f"Deadly strike hits {place} as {self.c.country} fighting intensifies",
                f"{self.state_acr} and {self.rebel_acr} trade blame after attack in {place}",
                f"Civilians killed in {place}; {self.intl_acr} calls for investigation",
                f"Fighting spreads around {place}, residents flee",
            )
        )

    def article(self, words: int = 400) -> tuple[str, str]:
        title = self.title()
        lead = f"{self.places[0].upper()}, {self.c.country} ({self.pick(AGENCIES).removeprefix('the ')}) \u2014 "
        paragraphs: list[str] = []
        count = 0
        makers = (self.attack, self.attack, self.statement, self.statement, self.statement, self.background,
                  self.background, self.operation)  # fmt: skip
        first = True
        while count < words:
            sents = [self.attack() if first else self.pick(makers)() for _ in range(self.rng.randrange(1, 4))]
            para = " ".join(sents)
            if first:
                para, first = lead + para, False
            paragraphs.append(para)
            count += len(para.split())
        return title, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def article(seed: int, i: int) -> dict[str, str]:
    """Article ``i`` of the corpus with ``seed``: a record for .jsonl."""
    rng = random.Random(f"newsgen-{seed}-{i}")
    conflict = CONFLICTS[rng.randrange(len(CONFLICTS))]
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    title, text = Writer(rng, conflict, published).article()
    aid = f"news-{seed}-{i:06d}"
    return {"id": aid, "title": title, "text": text, "url": f"https://news.example.org/{aid}",
            "published": published.isoformat()}  # fmt: skip


def generate(n: int, out: Path, seed: int = 7, start: int = 0, fmt: str = "jsonl") -> list[Path]:
    """Write articles ``start`` … ``n - 1`` into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    records = (article(seed, i) for i in range(start, n))
    if fmt == "jsonl":
        path = out / "news.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return [path]
    files, meta = [], {}
    for r in records:
        path = out / f"{r['id']}.txt"
        path.write_text(r["text"], encoding="utf-8")
        meta[path.name] = {k: r[k] for k in ("title", "url", "published")}
        files.append(path)
    (out / "metadata.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="articles: ids start … n-1")
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0, help="first article index (to add articles to a corpus)")
    ap.add_argument("--format", dest="fmt", choices=("jsonl", "txt"), default="jsonl")
    args = ap.parse_args()
    files = generate(args.n, args.out, args.seed, args.start, args.fmt)
    print(f"{max(args.n - args.start, 0)} articles → {args.out} ({len(files)} files)")


if __name__ == "__main__":
    main()
