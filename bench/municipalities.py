"""The 98 Danish municipalities (kommuner): code (kommunekode), name and an approximate population.

Populations are rounded figures of the right order (Danmarks Statistik, mid-2020s); they only set
each municipality's share of the synthetic youth, so small errors do not matter.
"""

from __future__ import annotations

MUNICIPALITIES: tuple[tuple[str, str, int], ...] = (
    ("101", "København", 660_000),
    ("147", "Frederiksberg", 104_000),
    ("151", "Ballerup", 49_000),
    ("153", "Brøndby", 35_000),
    ("155", "Dragør", 14_500),
    ("157", "Gentofte", 75_000),
    ("159", "Gladsaxe", 70_000),
    ("161", "Glostrup", 23_500),
    ("163", "Herlev", 29_000),
    ("165", "Albertslund", 28_000),
    ("167", "Hvidovre", 54_000),
    ("169", "Høje-Taastrup", 56_000),
    ("173", "Lyngby-Taarbæk", 57_000),
    ("175", "Rødovre", 41_000),
    ("183", "Ishøj", 24_000),
    ("185", "Tårnby", 44_000),
    ("187", "Vallensbæk", 17_000),
    ("190", "Furesø", 41_000),
    ("201", "Allerød", 26_000),
    ("210", "Fredensborg", 41_000),
    ("217", "Helsingør", 63_000),
    ("219", "Hillerød", 53_000),
    ("223", "Hørsholm", 25_000),
    ("230", "Rudersdal", 57_000),
    ("240", "Egedal", 44_000),
    ("250", "Frederikssund", 46_000),
    ("253", "Greve", 51_000),
    ("259", "Køge", 62_000),
    ("260", "Halsnæs", 31_000),
    ("265", "Roskilde", 91_000),
    ("269", "Solrød", 24_000),
    ("270", "Gribskov", 41_000),
    ("306", "Odsherred", 33_000),
    ("316", "Holbæk", 72_000),
    ("320", "Faxe", 37_000),
    ("326", "Kalundborg", 49_000),
    ("329", "Ringsted", 35_000),
    ("330", "Slagelse", 79_000),
    ("336", "Stevns", 23_000),
    ("340", "Sorø", 30_000),
    ("350", "Lejre", 29_000),
    ("360", "Lolland", 41_000),
    ("370", "Næstved", 83_000),
    ("376", "Guldborgsund", 60_000),
    ("390", "Vordingborg", 46_000),
    ("400", "Bornholm", 39_000),
    ("410", "Middelfart", 39_000),
    ("420", "Assens", 41_000),
    ("430", "Faaborg-Midtfyn", 52_000),
    ("440", "Kerteminde", 24_000),
    ("450", "Nyborg", 32_000),
    ("461", "Odense", 207_000),
    ("479", "Svendborg", 59_000),
    ("480", "Nordfyns", 30_000),
    ("482", "Langeland", 12_000),
    ("492", "Ærø", 6_000),
    ("510", "Haderslev", 56_000),
    ("530", "Billund", 27_000),
    ("540", "Sønderborg", 74_000),
    ("550", "Tønder", 37_000),
    ("561", "Esbjerg", 116_000),
    ("563", "Fanø", 3_500),
    ("573", "Varde", 50_000),
    ("575", "Vejen", 43_000),
    ("580", "Aabenraa", 59_000),
    ("607", "Fredericia", 52_000),
    ("615", "Horsens", 98_000),
    ("621", "Kolding", 95_000),
    ("630", "Vejle", 121_000),
    ("657", "Herning", 90_000),
    ("661", "Holstebro", 59_000),
    ("665", "Lemvig", 19_500),
    ("671", "Struer", 21_000),
    ("706", "Syddjurs", 43_000),
    ("707", "Norddjurs", 37_000),
    ("710", "Favrskov", 49_000),
    ("727", "Odder", 23_000),
    ("730", "Randers", 99_000),
    ("740", "Silkeborg", 97_000),
    ("741", "Samsø", 3_700),
    ("746", "Skanderborg", 64_000),
    ("751", "Aarhus", 367_000),
    ("756", "Ikast-Brande", 42_000),
    ("760", "Ringkøbing-Skjern", 56_000),
    ("766", "Hedensted", 47_000),
    ("773", "Morsø", 20_000),
    ("779", "Skive", 46_000),
    ("787", "Thisted", 43_000),
    ("791", "Viborg", 97_000),
    ("810", "Brønderslev", 36_000),
    ("813", "Frederikshavn", 59_000),
    ("820", "Vesthimmerlands", 36_000),
    ("825", "Læsø", 1_800),
    ("840", "Rebild", 30_000),
    ("846", "Mariagerfjord", 42_000),
    ("849", "Jammerbugt", 38_000),
    ("851", "Aalborg", 222_000),
    ("860", "Hjørring", 64_000),
)

assert len(MUNICIPALITIES) == 98
assert len({code for code, _, _ in MUNICIPALITIES}) == 98


def shares(total: int, codes: list[str] | None = None) -> dict[str, int]:
    """Splits `total` over the municipalities in proportion to population (largest remainder)."""
    chosen = [m for m in MUNICIPALITIES if codes is None or m[0] in codes]
    if not chosen:
        raise ValueError("no known municipality among the codes given")
    population = sum(p for _, _, p in chosen)
    exact = [(code, total * p / population) for code, _, p in chosen]
    counts = {code: int(x) for code, x in exact}
    rest = total - sum(counts.values())
    for code, _x in sorted(exact, key=lambda item: item[1] - int(item[1]), reverse=True)[:rest]:
        counts[code] += 1
    return counts
