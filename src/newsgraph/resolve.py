"""Name identity that works the same inside one article and across a corpus.

News spells one actor many ways: "Trump" / "Donald Trump", "Witkoff" / "Vitkoff" / "Viktof"
(transliterated back and forth through Russian), "Zelensky" / "Zelenskyy", "Kiev" / "Kyiv",
"the U.S." / "US". The functions here turn names into comparable keys and decide, with guards
against false merges (Trump is not Truman, Peskov is not Pesko), whether two names can denote
the same actor. A curated alias table (``data/actors.yaml``, extensible by the user) names
well-known actors with their Wikidata ids, types, countries and metonymic readings
("Kremlin" stands for the Russian presidency).

Both the in-article entity component and cross-article linking in the store use this module.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jellyfish
import yaml
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

ACTORS_ENV = "NEWSGRAPH_ACTORS"
DEFAULT_TABLE = Path(__file__).parent / "data" / "actors.yaml"
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "OTHER"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_INNER_DOTS = re.compile(r"\.(?=\S)")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"(.)\1+")
# Names recur across the articles of a batch: the pure name functions below are memoized.
_NAME_CACHE = 1 << 16

# Letter groups that transliteration systems render differently (Russian/Ukrainian -> Latin).
_TRANSLIT = (
    ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ts", "c"), ("tz", "c"), ("w", "v"),
    ("yy", "i"), ("iy", "i"), ("ij", "i"), ("y", "i"), ("j", "i"), ("x", "ks"),
)
_O_I = frozenset("oi")


def fold(text: str) -> str:
    """Strip accents and unify apostrophes: 'Erdoğan' -> 'Erdogan', 'Kremlin’s' -> "Kremlin's"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_surface(name: str) -> str:
    """A name as written, minus a leading 'the' and a trailing possessive: "the Kremlin's" -> 'Kremlin'."""
    name = _SPACES.sub(" ", name.translate(_APOSTROPHES)).strip()
    name = _LEADING_THE.sub("", name)
    return _POSSESSIVE.sub("", name).strip()


@lru_cache(maxsize=_NAME_CACHE)
def name_key(name: str) -> str:
    """The comparison key of a name: folded, lower-cased, without article, possessive or dots.

    ``name_key("the U.S.") == name_key("US") == "us"``.
    """
    name = clean_surface(fold(name))
    name = _INNER_DOTS.sub("", name)
    name = _NON_WORD.sub(" ", name)
    return _SPACES.sub(" ", name).strip().casefold()


@lru_cache(maxsize=_NAME_CACHE)
def translit_key(word: str) -> str:
    """A spelling-insensitive key for one name word: 'Zelenskyy', 'Zelenskiy', 'Zelensky' -> 'zelenski'."""
    key = name_key(word).replace(" ", "")
    for src, dst in _TRANSLIT:
        key = key.replace(src, dst)
    return _REPEATS.sub(r"\1", key)


def _one_vowel_swap(a: str, b: str) -> bool:
    """Same length, one position differs by the Russian/Ukrainian o <-> i ('kharkov'/'kharkiv').

    Other vowel changes are left alone: 'Hanson'/'Hansen', 'Carlson'/'Carlsen' are different people.
    """
    if len(a) != len(b):
        return False
    diffs = [frozenset((x, y)) for x, y in zip(a, b) if x != y]
    return diffs == [_O_I]


def _one_transposition(a: str, b: str) -> bool:
    """Same letters, two neighbours swapped ('vitkof'/'viktof')."""
    return len(a) == len(b) and sorted(a) == sorted(b) and OSA.distance(a, b) == 1


def spelling_variant(a: str, b: str) -> float:
    """Score (0 = no) that two single name words are spellings of one name.

    Guards: very short words (< 5 letters) must match exactly after transliteration
    folding; both must start alike and be of similar length; beyond the folding only a
    single swapped pair of letters or a single o/i change is allowed, and the phonetic
    codes or the letter sets must agree. 'Trump'/'Truman' and 'Peskov'/'Pesko' fail.
    """
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0 if name_key(a) == name_key(b) else 0.95
    if min(len(ka), len(kb)) < 5 or ka[0] != kb[0] or abs(len(ka) - len(kb)) > 1:
        return 0.0
    if _one_transposition(ka, kb):
        return 0.85
    if min(len(ka), len(kb)) >= 6 and _one_vowel_swap(ka, kb) and jellyfish.metaphone(ka) == jellyfish.metaphone(kb):
        return 0.85
    return 0.0


def _words(name: str) -> list[str]:
    return name_key(name).split()


@lru_cache(maxsize=_NAME_CACHE)
def same_actor(a: str, b: str, type_a: str | None = None, type_b: str | None = None) -> float:
    """Score in [0, 1] that two names denote the same actor; 0.0 means "do not merge".

    Equal keys score 1; a bare surname against a full name of a person scores by the
    spelling of the last word ('Trump' ~ 'Donald Trump', 'Vitkoff' ~ 'Steve Witkoff');
    full names must agree on both first and last word. Different known types never merge.
    """
    if type_a and type_b and type_a != type_b:
        return 0.0
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    person = "PERSON" in (type_a, type_b)
    if len(wa) == 1 or len(wb) == 1:
        single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        if len(full) == 1:
            return spelling_variant(single[0], full[0])
        if not person:
            return 0.0
        return 0.9 * spelling_variant(single[0], full[-1])
    if len(wa) != len(wb):
        # 'Donald J. Trump' ~ 'Donald Trump': same first and last word.
        if not person or wa[0] != wb[0]:
            return 0.0
        return 0.9 * spelling_variant(wa[-1], wb[-1])
    scores = [spelling_variant(x, y) for x, y in zip(wa, wb)]
    if min(scores) == 0.0 or fuzz.ratio(" ".join(wa), " ".join(wb)) < 80:
        return 0.0
    return min(scores)


@dataclass(frozen=True)
class Actor:
    """One row of the alias table."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    stands_for: str | None = None
    capital_of: str | None = None

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every written form that names this actor, the canonical name first."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass
class ActorTable:
    """Known actors indexed by every alias; later files override earlier ones by name."""

    actors: dict[str, Actor] = field(default_factory=dict)
    versions: list[str] = field(default_factory=list)
    _by_alias: dict[str, Actor] = field(default_factory=dict, repr=False)
    _by_key: dict[str, Actor] = field(default_factory=dict, repr=False)

    def add(self, actor: Actor) -> None:
        self.actors[actor.name] = actor
        for surface in actor.surfaces:
            self._by_alias[surface] = actor
            self._by_key.setdefault(name_key(surface), actor)

    def reindex(self) -> None:
        """Rebuild the alias index so that overridden rows drop their old aliases."""
        self._by_alias.clear()
        self._by_key.clear()
        for actor in list(self.actors.values()):
            self.add(actor)

    def lookup(self, surface: str, *, exact: bool = False) -> Actor | None:
        """The actor a surface form names: exact alias first, then (unless ``exact``) by name key."""
        surface = clean_surface(surface)
        hit = self._by_alias.get(surface)
        if hit is None and not exact:
            key = name_key(surface)
            hit = self._by_key.get(key)
            if hit is not None and len(key) <= 3 and not surface.isupper():
                hit = None  # 'us' the pronoun is not 'US'
        return hit

    def aliases(self) -> dict[str, Actor]:
        """Alias -> actor, for building a matcher."""
        return dict(self._by_alias)

    def __len__(self) -> int:
        return len(self.actors)


def _actor_from_row(row: dict) -> Actor | None:
    name = str(row.get("name") or "").strip()
    etype = str(row.get("type") or "").upper()
    if not name or etype not in ENTITY_TYPES:
        return None
    aliases = tuple(str(a) for a in row.get("aliases") or () if str(a).strip())
    return Actor(
        name=name,
        type=etype,
        aliases=aliases,
        wikidata=row.get("wikidata") or None,
        country=row.get("country") or None,
        stands_for=row.get("stands_for") or None,
        capital_of=row.get("capital_of") or None,
    )


def _table_paths(paths: Iterable[str | os.PathLike] | None) -> list[Path]:
    found = [DEFAULT_TABLE]
    env = os.environ.get(ACTORS_ENV)
    if env:
        found += [Path(p) for p in env.split(os.pathsep) if p]
    found += [Path(p) for p in paths or ()]
    return found


def load_actor_table(paths: Iterable[str | os.PathLike] | None = None) -> ActorTable:
    """The packaged table, then files named in $NEWSGRAPH_ACTORS, then ``paths``; later rows win.

    A user file has the same shape as ``data/actors.yaml``: ``version:`` and ``actors:`` (a
    list of rows with ``name``, ``type`` and optional ``aliases``, ``wikidata``, ``country``,
    ``stands_for``, ``capital_of``).
    """
    table = ActorTable()
    for path in _table_paths(paths):
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"actor table {path} does not exist; check ${ACTORS_ENV} or the path given") from exc
        table.versions.append(f"{Path(path).name}:{data.get('version', '?')}")
        for row in data.get("actors") or ():
            actor = _actor_from_row(row) if isinstance(row, dict) else None
            if actor is not None:
                table.actors[actor.name] = actor
    table.reindex()
    return table


@lru_cache(maxsize=4)
def _cached_table(env: str | None) -> ActorTable:
    """Loaded once per value of $NEWSGRAPH_ACTORS (the argument is the cache key)."""
    return load_actor_table()


def default_actor_table() -> ActorTable:
    """The table the pipeline uses: packaged rows plus $NEWSGRAPH_ACTORS, loaded once."""
    return _cached_table(os.environ.get(ACTORS_ENV))
