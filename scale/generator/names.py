"""Fictional names for the synthetic installation: people, streets, towns and municipalities.

Made-up combinations of common Danish first names and invented surnames ("-vang", "-høj" ...), so
that no generated person is a real one; towns and municipalities are invented too.
"""

FIRST_NAMES = (
    "Alma",
    "Anders",
    "Anne",
    "Asger",
    "Bent",
    "Birgit",
    "Bo",
    "Camilla",
    "Carsten",
    "Cecilie",
    "Dennis",
    "Ditte",
    "Ebba",
    "Emil",
    "Erik",
    "Freja",
    "Frode",
    "Gitte",
    "Gry",
    "Hans",
    "Helle",
    "Henrik",
    "Ida",
    "Inger",
    "Jannik",
    "Jens",
    "Jonas",
    "Julie",
    "Karl",
    "Karen",
    "Kasper",
    "Kirsten",
    "Lars",
    "Lene",
    "Line",
    "Louise",
    "Mads",
    "Maja",
    "Marianne",
    "Martin",
    "Mette",
    "Mikkel",
    "Nanna",
    "Niels",
    "Nora",
    "Ole",
    "Oliver",
    "Pernille",
    "Peter",
    "Pia",
    "Rasmus",
    "Rikke",
    "Sara",
    "Signe",
    "Simon",
    "Sofie",
    "Søren",
    "Thomas",
    "Tina",
    "Tobias",
    "Torben",
    "Ulla",
    "Vibeke",
    "William",
    "Æsa",
    "Øjvind",
)
SURNAME_STEMS = (
    "Fjord",
    "Lyng",
    "Mose",
    "Skov",
    "Eng",
    "Kær",
    "Sten",
    "Bølge",
    "Hede",
    "Klint",
    "Birke",
    "Ege",
    "Hassel",
    "Rønne",
    "Tjørne",
    "Mølle",
    "Dam",
    "Bakke",
    "Lund",
    "Strand",
    "Sø",
    "Vænge",
    "Kilde",
    "Hav",
)
SURNAME_ENDINGS = ("vang", "høj", "bæk", "dal", "holm", "vig", "by", "lund", "gaard", "sig", "rup", "strup")

TOWN_STEMS = (
    "Fjord",
    "Lyng",
    "Mose",
    "Skov",
    "Eng",
    "Kær",
    "Sten",
    "Hede",
    "Klint",
    "Birke",
    "Ege",
    "Hassel",
    "Rønne",
    "Mølle",
    "Bakke",
    "Strand",
    "Vænge",
    "Kilde",
    "Ask",
    "Ravn",
    "Ulve",
    "Hjorte",
    "Ørne",
    "Rosen",
)
TOWN_ENDINGS = ("sted", "løse", "rup", "by", "bjerg", "havn", "købing", "ager", "lev", "inge")
STREETS = ("Bakkevej", "Skolegade", "Kirkestræde", "Engvej", "Søndergade", "Nørregade", "Mosevej", "Toften")


def surname(k: int) -> str:
    stem = SURNAME_STEMS[k % len(SURNAME_STEMS)]
    return stem + SURNAME_ENDINGS[(k // len(SURNAME_STEMS)) % len(SURNAME_ENDINGS)]


def town(k: int) -> str:
    """The ``k``-th invented town (240 before they repeat with a number)."""
    stem = TOWN_STEMS[k % len(TOWN_STEMS)]
    name = stem + TOWN_ENDINGS[(k // len(TOWN_STEMS)) % len(TOWN_ENDINGS)].lower()
    lap = k // (len(TOWN_STEMS) * len(TOWN_ENDINGS))
    return f"{name} {lap + 1}" if lap else name
