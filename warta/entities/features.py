"""What the tagger sees: candidate runs of tokens and the features of each word type.

Most tokens are lowercase words that never start a name, and are tagged ``O`` without scoring.
The tagger only labels *runs*: maximal sequences of capitalised tokens, joined by the connector
words and punctuation that the training data shows inside names (``dan``, ``of``, ``,``), and
extended by the punctuation the training data shows at name edges (``(``, ``)``).

Every feature of a token is a feature of one word type at one offset (-2..+2) from the tagged
token, so the tagger can sum its weights once per (word type, offset) and cache the result. The
one exception, also cached per word type, is the set of features of a word that starts a
sentence (it follows one of ``SENTENCE_STARTS``): a capitalised ordinary noun there (``Pasukan``,
``Invasi``) looks like a name to every other feature.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import ne

from babel import Locale

from warta.entities.names import gazetteer
from warta.entities.tokens import tokenize

PARAGRAPH_START = "<s>"
PARAGRAPH_END = "</s>"
OFFSETS = (-2, -1, 0, 1, 2)
# A token after one of these starts a sentence (or a quotation).
SENTENCE_STARTS = frozenset({PARAGRAPH_START, ".", "!", "?", ":", "“", '"'})
# Name prefixes, as written, by what they start. An organisation or a place keeps its prefix
# (``PT Pertamina``, ``Jl. Sudirman``, as the training data writes them); a given name's
# abbreviation is part of the name (``Moch. Nurhasim``); academic and religious titles and
# honorifics the training data has both in and out of a name (``Ir. Soprijanto``, ``Dr Numbi``;
# ``Prof Bambang Hidayat``); military and police ranks it always leaves out (``Komjen``,
# ``Mayjen``).
ORGANISATION_PREFIXES = frozenset({"PT", "CV"})
PLACE_PREFIXES = frozenset({"Jl", "Jln", "JL", "JLN", "Gg", "Ds", "Kec", "Kab", "Kel", "St"})
GIVEN_NAME_PREFIXES = frozenset({"Moch", "Moh", "Mohd", "Muh", "Abd"})
HONORIFICS = frozenset(
    {
        *("Ir", "Dr", "Drs", "Dra", "Prof", "H", "Hj", "KH", "TGH", "Sdr", "Sdri", "Bpk"),
        *("Ny", "Nn", "Tn", "Pdt", "Mgr", "Tgk", "Mr", "Mrs", "Ms"),
    }
)
ABBREVIATED_RANKS = frozenset(
    {
        *("Jend", "Letjen", "Mayjen", "Brigjen", "Kol", "Letkol", "Kapt", "Ipda", "Iptu"),
        *("Irjen", "Komjen", "Kombes", "AKBP", "Pol", "Inf", "Purn"),
    }
)
# The prefixes that a period inside a name follows (``Ir. Soprijanto``, ``Prof. Dr. Budi``,
# ``KH. Ma'ruf Amin``, ``PT. Pertamina``, ``Jl. Sudirman``). Company suffixes (``Tbk.``,
# ``Inc.``) end a name: their period is a closer, never a connector.
NAME_PREFIXES = (
    ORGANISATION_PREFIXES | PLACE_PREFIXES | GIVEN_NAME_PREFIXES | HONORIFICS | ABBREVIATED_RANKS
)
# Ranks written without a period, which are not name prefixes for candidate runs.
PERSON_RANKS = frozenset({"Kompol", "AKP", "Aiptu", "Bripka", "Briptu", "Bripda"})
RANKS = ABBREVIATED_RANKS | PERSON_RANKS
PERSON_TITLES = HONORIFICS | RANKS
# Words that belong to a rank only after another title (``Brigjen TNI Achiruddin``, ``Kombes
# Pol Budhi``); alone they are something else (``TNI`` the armed forces).
RANK_PARTS = frozenset({"TNI"})
# Indonesian government, legislative and security bodies named by an abbreviation and their
# region (``Pemkot Surabaya``, ``DPRD DKI``, ``Polres Bandung``), prisons (``Lapas
# Nusakambangan``, ``Rutan Salemba``), secretariats (``Sekretariat Kabinet``) and presidencies
# (``Kepresidenan Prancis``): organisation heads the training data lacks, which the tagger
# labels as people or places, or misses.
GOVERNMENT_BODIES = frozenset(
    {
        *("Pemkot", "Pemprov", "Pemkab", "Pemda", "DPRD", "Bappeda", "BPBD", "KPUD", "Bawaslu"),
        *("Polda", "Polres", "Polresta", "Polrestabes", "Polsek", "Kodam", "Korem", "Kodim"),
        *("Kejati", "Kejari", "Kanwil", "Dinkes", "Dishub", "Disdik", "Sekretariat"),
        *("Lapas", "Rutan", "Kepresidenan"),
    }
)
# Words that start a place's name (``Kabupaten Sumenep``, ``Selat Sunda``, ``Desa Alue
# Papeun``), as the training data labels them; the administrative ones also start a new place
# inside a run (``Desa Seuneubok Aceh Kecamatan Paya Bakong`` is two places).
ADMINISTRATIVE_HEADS = frozenset(
    {"Desa", "Kelurahan", "Kecamatan", "Kabupaten", "Provinsi", "Dusun", "Kampung"}
)
PLACE_HEADS = ADMINISTRATIVE_HEADS | {
    *("Kota", "Pulau", "Pulo", "Kepulauan", "Selat", "Teluk", "Danau", "Gunung", "Sungai"),
    "Pantai",
    "Wisma",
}
# The bodies among them that are always named with their region, never with a person: a name
# right after one is its region (``Polda Metro Jaya``, which the tagger calls a person).
REGIONAL_COMMANDS = frozenset(
    {
        *("Polda", "Polres", "Polresta", "Polrestabes", "Polsek", "Kodam", "Korem", "Kodim"),
        *("Kejati", "Kejari", "Lapas", "Rutan"),
    }
)
# Offices written before a person's name, which the gold (train and dev) almost never counts as
# part of it (``Presiden`` precedes 40 gold persons and starts one), and the words that qualify them
# (``Mantan``, ``Wakil``). Those of a region: the name after one is the region when a person
# follows in apposition (``Presiden Turki, Recep Tayyip Erdogan``; ``Kapolsek Kebayoran Lama,
# Kompol Widya``); those of an organisation: the organisation (``Pendiri Facebook, Mark
# Zuckerberg``).
# Offices of a country (``Presiden Turki``) and of an Indonesian region (``Bupati Bogor``).
NATIONAL_POSITIONS = frozenset({"Presiden", "President", "Wapres", "Perdana Menteri"})
REGIONAL_POSITIONS = NATIONAL_POSITIONS | {
    *("Gubernur", "Wagub", "Bupati", "Wabup", "Walikota", "Wali Kota", "Wawali", "Camat"),
    *("Lurah", "Kapolda", "Kapolres", "Kapolresta", "Kapolrestabes", "Kapolsek", "Kajati"),
    *("Kajari", "Pangdam", "Danrem", "Dandim"),
}
ORGANISATION_POSITIONS = frozenset(
    {
        *("Pendiri", "Direktur", "Direktur Utama", "Dirut", "Ketua", "Ketua Umum", "Sekjen"),
        *("Juru Bicara", "Jubir", "Bos", "CEO", "Pemilik"),
    }
)
# All of them, with offices whose name after them may be of either kind (``Menteri Keuangan``).
POSITIONS = (
    REGIONAL_POSITIONS
    | ORGANISATION_POSITIONS
    | {"Menteri", "Menko", "Kapolri", "Panglima", "Pelatih", "Mantan", "Wakil"}
)
# The first words of all positions, by which a paragraph may have one.
POSITION_WORDS = frozenset(position.split()[0] for position in POSITIONS)
# The words of Indonesian ministers' portfolios (``Menteri Energi dan Sumber Daya Mineral``),
# and their short forms.
PORTFOLIO_WORDS = frozenset(
    {
        *("Pemuda", "Olahraga", "Olah", "Raga", "Kelautan", "Perikanan", "Hukum", "HAM"),
        *("Hak", "Asasi", "Manusia", "Energi", "Sumber", "Daya", "Mineral", "Lingkungan"),
        *("Hidup", "Kehutanan", "Keuangan", "Luar", "Dalam", "Negeri", "Pertahanan", "Agama"),
        *("Pendidikan", "Kebudayaan", "Riset", "Teknologi", "Tinggi", "Kesehatan", "Sosial"),
        *("Tenaga", "Kerja", "Ketenagakerjaan", "Transmigrasi", "Perindustrian", "Perdagangan"),
        *("Pertanian", "Agraria", "Tata", "Ruang", "Pekerjaan", "Umum", "Perumahan", "Rakyat"),
        *("Perhubungan", "Komunikasi", "Informatika", "Digital", "Desa", "Pembangunan"),
        *("Daerah", "Tertinggal", "Perencanaan", "Nasional", "Pendayagunaan", "Aparatur"),
        *("Negara", "Reformasi", "Birokrasi", "Badan", "Usaha", "Milik", "Koperasi", "Kecil"),
        *("Menengah", "Mikro", "Pariwisata", "Ekonomi", "Kreatif", "Pemberdayaan", "Perempuan"),
        *("Perlindungan", "Anak", "Sekretaris", "Investasi", "Hilirisasi", "Politik"),
        *("Keamanan", "Perekonomian", "Kemaritiman", "Maritim", "Penanaman", "Modal"),
        *("Kependudukan", "Keluarga", "Pangan", "Infrastruktur", "Kewilayahan", "Imigrasi"),
        *("Pemasyarakatan", "Penerangan", "Dasar", "Sains", "Sekretariat"),
        *("BUMN", "ESDM", "PUPR", "ATR", "BPN", "PPN", "PAN", "PANRB", "PAN-RB", "RB", "UKM"),
        *("UMKM", "KKP", "LHK", "PDTT", "Kominfo", "Komdigi", "Polhukam", "Dikti", "Saintek"),
        *("Dikdasmen", "P2MI", "PPPA", "KP"),
    }
)
# The portfolio words that start another body's name after a joiner (``Menteri Keuangan dan
# Badan Anggaran``): only first in a portfolio (``Menteri Badan Usaha Milik Negara``).
PORTFOLIO_FIRST_ONLY = frozenset({"Badan", "Sekretariat", "Sekretaris"})
# Portfolio words only after the word they follow in a portfolio's name (``Perlindungan
# Anak``); elsewhere they start a name (``Anak Agung Gede Ngurah Puspayoga``).
PORTFOLIO_ONLY_AFTER = {"Anak": "Perlindungan"}


def continues_portfolio(word: str, previous: str | None) -> bool:
    """True if ``word`` carries a minister's or an agency's portfolio on after ``previous``,
    the portfolio's last word so far (None: ``word`` would be its first): a portfolio word,
    not one that starts another body's name after the first (``PORTFOLIO_FIRST_ONLY``:
    ``Menteri Keuangan dan Badan Anggaran``), nor one that follows only another
    (``PORTFOLIO_ONLY_AFTER``: ``Anak`` of ``Anak Agung``)."""
    if word not in PORTFOLIO_WORDS:
        return False
    if previous is not None and word in PORTFOLIO_FIRST_ONLY:
        return False
    required = PORTFOLIO_ONLY_AFTER.get(word)
    return required is None or previous == required


# Suffixes that end a company's name (``PT Astra Otoparts Tbk``).
COMPANY_SUFFIXES = frozenset({"Tbk", "Inc", "Ltd", "Corp", "Plc", "LLC", "GmbH"})
# Words that end (``Arema FC``, ``Bali United``) or start (``FC Barcelona``) a football club's
# name: the tagger calls clubs people or places.
CLUB_WORDS = frozenset({"FC", "United"})
# Words that end an organisation's name in English (``The New York Times``, ``Mesa Airlines``,
# ``Indonesia Press Photo Service``: the training data's names that end with one are all
# organisations), which the tagger calls people (``Moody's Investors Service``); and the
# schools' words (``Stanford University``, ``Boston College``, which it calls a place or a
# person: the training data has universities as organisations, ``Universitas Indonesia``).
ORGANISATION_TAILS = frozenset(
    {"Times", "Airlines", "Service", "Television", "Reserve", "University", "College", "Institute"}
)
# Words that end a place's name in English (``Wembley Stadium``, ``Heathrow Airport``,
# ``Silicon Valley``), where the tagger calls the name a person or an organisation; not the
# ones that are surnames too (``Michael Bay``, ``Damon Hill``, ``Wayne Bridge``, ``Bruce
# Arena``). ``Park`` is one too (``Randall Park``, and ``Linkin Park`` is a band): it makes a
# place only of what the tagger calls an organisation (``Villa Park``, a stadium).
PLACE_TAILS = frozenset({"Stadium", "Square", "Airport", "Valley", "Island", "Islands"})
ORGANISATION_PLACE_TAILS = frozenset({"Park"})
TITLE_WORDS = PERSON_TITLES | GIVEN_NAME_PREFIXES
# Words before a title that make the title part of an institution's or a street's name
# (``RSUD Dr. Soetomo``, ``Rumah Sakit Dr. Sardjito``, ``Universitas Dr. Soetomo``, ``Jalan
# Prof. Dr. Satrio``).
INSTITUTION_WORDS = frozenset(
    {
        *("RSUD", "RSU", "RS", "RSAL", "RSAU", "RSPAD", "Sakit", "Universitas", "Institut"),
        *("Sekolah", "Akademi", "Bandara", "Stadion", "Museum", "Masjid", "Yayasan", "Gedung"),
        *("Jalan", "Jl", "Jln", "Lapangan", "Taman", "Pelabuhan", "Terminal", "Hotel"),
        *("Istana", "Pasar", "Fakultas", "Kampus", "Pesantren", "Pondok", "Wisma"),
    }
)
# Titles that are something else when written alone without a period: an initial (``H``), a
# name (``Pol Pot``), an abbreviation (``Inf``).
BARE_AMBIGUOUS_TITLES = frozenset({"H", "Pol", "Inf", "Purn", "Kol"})
# Words a letter follows as a label, not as an initial: ``Grup A. Timnas …`` ends a sentence,
# ``Rini M. Soemarno`` does not. Words of the training text in lowercase count too
# (``Perang Dunia I. Setelah …``; ``RunVocabulary.common``).
LETTER_TAKERS = frozenset(
    {
        *("Grup", "Blok", "Kelas", "Tipe", "Pasal", "Golongan", "Vitamin", "Seri", "Zona"),
        *("Babak", "Gelombang", "Tahap", "Fase", "Jalur", "Ruang", "Lantai", "Pos", "Kategori"),
        *("Divisi", "Hari", "Poin", "Ayat", "Bab", "Lampiran", "Opsi", "Rencana", "Skenario"),
    }
)


@dataclass(frozen=True, slots=True)
class RunVocabulary:
    """Tokens, learned from training data, that may sit inside or at the edge of a name."""

    connectors: frozenset[str]  # inside a name, between capitalised tokens
    openers: frozenset[str]  # first token of a name, before a capitalised token
    closers: frozenset[str]  # last token of a name, after a name token
    common: frozenset[str] = frozenset()  # words the training text has in lowercase


def is_capitalised(token: str) -> bool:
    """True if ``token`` has an uppercase letter (``Rusia``, ``AS``, ``eKTP``)."""
    return token != token.lower()


def capitalised_flags(words: list[str]) -> list[bool]:
    """``is_capitalised`` of every word, plus a final ``False`` sentinel (computed in C)."""
    flags = list(map(ne, words, map(str.lower, words)))
    flags.append(False)
    return flags


def period_joins(
    words: list[str], i: int, start: int, common: Collection[str] = frozenset()
) -> bool:
    """True if the period ``words[i]`` (``i`` ≥ 1) may be inside a name whose run starts at
    ``start``: after a title or name prefix (``NAME_PREFIXES``), or after an initial, unless
    that initial is a label after a word such as ``Grup`` (``LETTER_TAKERS``, or a word in
    ``common``, lowercased). So ``H. M. Prasetyo``, ``S.A.``, ``Rini M. Soemarno`` and
    ``PT. Pertamina`` are one run each, while a period after any other word (``Bank Indonesia.
    Dalam …``, ``kata KPK. Ia …``, ``Hun Sen. Pemerintah …``, ``Grup A. Timnas …``) ends a
    sentence.
    """
    word = words[i - 1]
    if word in NAME_PREFIXES:
        return True
    if len(word) != 1 or not word.isupper():
        return False
    if i - 1 == start:
        return True
    before = words[i - 2]
    return before not in LETTER_TAKERS and before.lower() not in common


def candidate_runs(
    words: list[str],
    vocab: RunVocabulary,
    caps: list[bool] | None = None,
    *,
    across_sentences: bool = False,
) -> list[tuple[int, int]]:
    """``(start, end)`` token index ranges of the runs the tagger labels, in order.

    A run starts at a capitalised token (or an opener just before one), goes on over capitalised
    tokens and connectors followed by a capitalised token, and ends after at most one closer. A
    period joins only after a title or an initial (``period_joins``): runs do not cross sentence
    ends, so ``… dari Bank Indonesia. Dalam keterangan …`` is two runs, not one name. Training uses
    ``across_sentences=True`` (any learned connector joins), the runs the shipped model was
    trained on (docs/NER.md). ``caps`` is ``capitalised_flags(words)`` if the caller has it.
    """
    if caps is None:
        caps = capitalised_flags(words)
    n = len(words)
    connectors, closers = vocab.connectors, vocab.closers
    runs: list[tuple[int, int]] = []
    end = 0  # tokens before ``end`` belong to earlier runs
    for first in compress(range(n), caps):
        if first < end:
            continue
        start = first - 1 if first > end and words[first - 1] in vocab.openers else first
        i = first + 1
        while i < n:
            if caps[i]:
                i += 1
            elif (
                caps[i + 1]
                and words[i] in connectors
                and (
                    across_sentences
                    or words[i] != "."
                    or period_joins(words, i, start, vocab.common)
                )
            ):
                i += 2
            elif words[i] in closers:
                i += 1
                break
            else:
                break
        runs.append((start, i))
        end = i
    return runs


def shape(word: str) -> str:
    """Word shape with repeats collapsed: ``Rusia`` → ``Xx``, ``PBB`` → ``X``, ``2014`` → ``d``."""
    out = []
    last = ""
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if kind != last:
            out.append(kind)
            last = kind
    return "".join(out)


@cache
def name_words() -> dict[str, frozenset[str]]:
    """Lowercased word → labels of the gazetteer names it is part of."""
    labels: dict[str, set[str]] = {}
    for surface, entity in gazetteer().surfaces().items():
        for _, _, token in tokenize(surface):
            if is_capitalised(token):
                labels.setdefault(token.lower(), set()).add(entity.label)
    return {word: frozenset(found) for word, found in labels.items()}


@cache
def calendar_words() -> frozenset[str]:
    """Indonesian and English month and weekday names (CLDR), lowercased."""
    words: set[str] = set()
    for code in ("id", "en"):
        locale = Locale.parse(code)
        for table in (locale.months, locale.days):
            words.update(name.lower() for name in table["format"]["wide"].values())
    return frozenset(words)


def word_features(word: str, offset: int, lowercase_words: Collection[str]) -> list[str]:
    """The features of ``word`` seen at ``offset`` from the tagged token.

    ``lowercase_words`` are words the training text shows in lowercase: a capitalised word among
    them is usually an ordinary word at the start of a sentence.
    """
    prefix = f"{offset}|"
    if word in (PARAGRAPH_START, PARAGRAPH_END):
        return [prefix + word]
    lower = word.lower()
    features = [prefix + "l=" + lower, prefix + "s=" + shape(word)]
    capitalised = lower != word
    if capitalised and lower in lowercase_words:
        features.append(prefix + "common")
    for label in name_words().get(lower, ()):
        features.append(prefix + "gaz=" + label)
    if offset == 0:
        features.append("bias")
        features.append("w=" + word)
        features.append("p3=" + lower[:3])
        features.append("x2=" + lower[-2:])
        features.append("x3=" + lower[-3:])
        features.append("x4=" + lower[-4:])
        features.append(f"len={min(len(word), 6)}")
        if lower in calendar_words():
            features.append("calendar")
    elif abs(offset) == 1 and capitalised:
        features.append(prefix + "cap")
    return features


def initial_features(word: str, lowercase_words: Collection[str]) -> list[str]:
    """The extra features of ``word`` when it starts a sentence (see ``SENTENCE_STARTS``)."""
    lower = word.lower()
    if lower == word:
        return []
    features = ["first", "first|x3=" + lower[-3:]]
    if lower in lowercase_words:
        features.append("first|common")
    return features
