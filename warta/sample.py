"""The synthetic sample corpus shipped in ``data/raw/``: deterministic, written from templates.

Pages follow the seed's theme (``faktual`` layout) and its variants: several sites, sections and
authors; publication dates absolute, relative or missing; English labels (``Published`` /
``on`` / ``Continue Reading``); captions twice, once or absent; 0-8 ``Advertisement`` lines;
datelines with and without a place; ``***`` end marks. A few files are exact re-scrapes
(duplicates) and a few are bad input (empty, binary, undecodable, an index page), so every
ledger status appears. ``python -m warta.sample DIR`` rewrites the corpus byte for byte.
"""

from __future__ import annotations

import hashlib
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 20261125
DAYS = ("2026-11-22", "2026-11-23", "2026-11-24")
ARTICLES_PER_DAY = 100

SITES = (
    ("FAKTUAL-INDONESIA", "id"),
    ("WARTA-NUSANTARA", "id"),
    ("KABAR-KHATULISTIWA", "id"),
    ("ARCHIPELAGO-POST", "en"),
)
SECTIONS_ID = ("Internasional", "Nasional", "Ekonomi", "Olahraga", "Teknologi", "Hukum", "Politik")
SECTIONS_EN = ("World", "Business", "Sports", "Technology")
AUTHORS = (
    "Gungdewan", "Rina Kusuma", "Ahmad Fauzi", "Dimas Saputra", "Lestari Wulandari",
    "Yusuf Hidayat", "Maria Simanjuntak", "Bagus Wicaksono", "Nadia Putri", "Redaksi",
)  # fmt: skip
PEOPLE = (
    "Budi Santoso", "Siti Rahmawati", "Andi Pratama", "Hendra Gunawan", "Ratna Sari",
    "Teguh Prasetyo", "Wulan Anggraini", "Rudi Hartono", "Ketut Arsana", "Made Wirawan",
)  # fmt: skip
ORGS = (
    "Komisi Pemberantasan Korupsi", "Bank Indonesia", "Badan Pusat Statistik", "PBB",
    "Dewan Perwakilan Rakyat", "BMKG", "Kementerian Keuangan", "Mahkamah Konstitusi",
)  # fmt: skip
PLACES_ID = (
    "Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Denpasar", "Yogyakarta",
    "Rusia", "Ukraina", "Jepang", "Korea Selatan", "Amerika Serikat", "Tiongkok", "Malaysia",
)  # fmt: skip
DATELINE_CITIES = ("JAKARTA", "SURABAYA", "BANDUNG", "MEDAN", "DENPASAR")

SENTENCES_ID = (
    "{person} mengatakan bahwa {org} akan meninjau kembali kebijakan tersebut dalam {n} hari ke depan.",
    "Menurut data {org}, jumlah kasus di {place} meningkat sekitar {n} persen dibandingkan tahun lalu.",
    "Pertemuan antara delegasi {place} dan {place2} berlangsung tertutup selama hampir {n} jam.",
    "Warga {place} diminta tetap tenang dan mengikuti informasi resmi dari {org}.",
    "{person} menegaskan tidak ada rencana untuk menaikkan tarif dalam waktu dekat.",
    "Sejumlah pengamat menilai langkah itu terlambat, tetapi tetap diperlukan untuk menjaga kepercayaan publik.",
    "Dalam keterangan tertulis, {org} menyebut proses evaluasi masih berjalan dan hasilnya akan diumumkan bulan depan.",
    "Pemerintah {place} telah menyiapkan anggaran sebesar Rp {n} miliar untuk program tersebut.",
    "Kunjungan {person} ke {place} disambut ratusan warga yang telah menunggu sejak pagi.",
    "{person}, yang juga anggota {org}, meminta semua pihak menahan diri.",
    "Harga bahan pokok di pasar tradisional {place} terpantau stabil pada pekan ini.",
    "Laporan itu juga menyebutkan adanya kerja sama baru antara {place} dan {place2} di bidang energi.",
    "Hingga berita ini diturunkan, belum ada tanggapan resmi dari {org}.",
    "Pertandingan di {place} berakhir dengan skor {m}-{k} setelah perpanjangan waktu.",
    "Peluncuran aplikasi baru itu diharapkan memudahkan {n} juta pengguna di seluruh Indonesia.",
    "{person} menjelaskan bahwa timnya sudah bekerja sejak awal tahun untuk menyiapkan rencana itu.",
    "Sebelumnya, {org} sempat memanggil sejumlah saksi untuk dimintai keterangan.",
    "Cuaca ekstrem diperkirakan masih akan melanda wilayah {place} hingga akhir pekan, kata {org}.",
    "Para pelaku usaha kecil di {place} berharap bantuan modal segera dicairkan.",
    "Nilai tukar rupiah ditutup menguat {n} poin pada perdagangan sore ini.",
)  # fmt: skip
SENTENCES_EN = (
    "{person} said the committee would review the policy within {n} days.",
    "Officials in {place} reported a rise of about {n} percent compared with last year.",
    "Talks between delegations from {place} and {place2} lasted nearly {n} hours behind closed doors.",
    "Residents of {place} were asked to stay calm and follow official updates.",
    "Analysts said the move came late but was still needed to restore public trust.",
    "The government has set aside {n} billion rupiah for the programme, the ministry said.",
    "The match in {place} ended {m}-{k} after extra time.",
    "No official response had been received at the time of writing.",
)  # fmt: skip
TITLE_ID = (
    "{org} Tinjau Ulang Kebijakan, {person} Minta Publik Bersabar",
    "Kasus di {place} Naik {n} Persen, {org} Siapkan Langkah Baru",
    "{place} dan {place2} Sepakati Kerja Sama Energi",
    "{person} Bantah Rencana Kenaikan Tarif",
    "Harga Pangan di {place} Stabil Jelang Akhir Pekan",
    "Skor {m}-{k}, Laga di {place} Berakhir Dramatis",
)  # fmt: skip
TITLE_EN = (
    "{place} and {place2} Agree on Energy Cooperation",
    "{person} Denies Plan to Raise Tariffs",
    "Cases in {place} Up {n} Percent, Officials Say",
)  # fmt: skip
CAPTIONS_ID = (
    "{person} memberikan keterangan kepada wartawan di {place}",
    "Suasana pertemuan di {place}",
    "Ilustrasi kegiatan warga {place}",
)  # fmt: skip


def fill_template(rng: random.Random, template: str, places: tuple[str, ...]) -> str:
    """``template`` with its slots filled: people, organisations, places, numbers."""
    place, place2 = rng.sample(places, 2)
    return template.format(
        person=rng.choice(PEOPLE), org=rng.choice(ORGS), place=place, place2=place2,
        n=rng.randint(2, 95), m=rng.randint(0, 4), k=rng.randint(0, 4),
    )  # fmt: skip


def theme_page(rng: random.Random, day: date) -> str:
    """One page in the seed's theme (the faktual layout), with its variants drawn by ``rng``."""
    site, language = rng.choice(SITES)
    english = language == "en"
    sentences = SENTENCES_EN if english else SENTENCES_ID
    places = PLACES_ID
    lines = ["Connect with us", rng.choice(SECTIONS_EN if english else SECTIONS_ID)]
    lines.append(fill_template(rng, rng.choice(TITLE_EN if english else TITLE_ID), places))
    if rng.random() < 0.9:
        lines.append(rng.choice(AUTHORS))
    lines += _published(rng, day, english)
    caption = fill_template(rng, rng.choice(CAPTIONS_ID), places)
    caption_copies = rng.choices((0, 1, 2), weights=(2, 1, 5))[0]
    lines += [caption] * caption_copies
    paragraphs = [
        " ".join(
            fill_template(rng, rng.choice(sentences), places) for _ in range(rng.randint(1, 3))
        )
        for _ in range(rng.randint(4, 16))
    ]
    dateline = rng.choice((site, f"{rng.choice(DATELINE_CITIES)}, {site}", None))
    if dateline:
        paragraphs[0] = f"{dateline}: {paragraphs[0]}"
    if rng.random() < 0.5:
        paragraphs[-1] += " ***"
    ads = sorted(rng.sample(range(1, len(paragraphs)), min(rng.randint(0, 5), len(paragraphs) - 1)))
    for offset, position in enumerate(ads):
        paragraphs.insert(position + offset, "Advertisement")
    lines += paragraphs
    page = "\n\n".join(lines)
    trailer = [
        "Advertisement",
        "Continue Reading" if english else "Lanjutkan Membaca",
        "Advertisement",
    ]
    count = rng.choice((0, 1, 3))
    # The theme prints its trailer lines without blank lines between them, as in the seed.
    return page + ("\n\n" + "\n".join(trailer[:count]) if count else "\n")


def _published(rng: random.Random, day: date, english: bool) -> list[str]:
    label, joiner = ("Published", "on") if english else ("Diterbitkan", "pada")
    published = day - timedelta(days=rng.randint(0, 900))
    months = ("January February March April May June July August September October November "
              "December" if english else "Januari Februari Maret April Mei Juni Juli Agustus "
              "September Oktober November Desember").split()  # fmt: skip
    absolute = f"{published.day} {months[published.month - 1]} {published.year}"
    years = (day - published).days // 365
    relative = (f"{years} years ago" if english else f"{years} tahun lalu") if years else (
        f"{(day - published).days or 1} days ago" if english else f"{(day - published).days or 1} hari lalu"
    )  # fmt: skip
    form = rng.choices(
        ("absolute", "relative+absolute", "relative", "missing"), weights=(4, 3, 1, 2)
    )[0]
    return {
        "absolute": [label, joiner, absolute],
        "relative+absolute": [label, relative, joiner, absolute],
        "relative": [label, relative, joiner],
        "missing": [label, joiner],
    }[form]


def _bad_files(rng: random.Random) -> dict[str, bytes]:
    index_page = "\n\n".join(
        ["Connect with us", "Berita Terkini", *(f"Berita {i}" for i in range(12))]
    )
    return {
        "zz_empty.txt": b"",
        "zz_photo.txt": b"\x89PNG\r\n\x1a\n" + rng.randbytes(512),
        "zz_shift_jis.txt": "日本語のニュース記事です。これは対象外です。".encode("shift_jis") * 8,
        "zz_index_page.txt": index_page.encode("utf-8"),
    }


def generate(rng_seed: int = SEED) -> dict[str, bytes]:
    """Relative path -> bytes of every sample file (the seed article is not included)."""
    rng = random.Random(rng_seed)
    files: dict[str, bytes] = {}
    previous: list[bytes] = []
    for day_text in DAYS:
        day = date.fromisoformat(day_text)
        for number in range(ARTICLES_PER_DAY):
            data = theme_page(rng, day).encode("utf-8")
            if previous and rng.random() < 0.03:
                data = rng.choice(previous)  # a re-scrape of an earlier article
            previous.append(data)
            name = f"{number:03d}_{hashlib.sha256(data + day_text.encode()).hexdigest()[:16]}.txt"
            files[f"{day_text}/{name}"] = data
    for name, data in _bad_files(rng).items():
        files[f"{DAYS[-1]}/{name}"] = data
    return files


def sample_days_holding_other_files(directory: Path) -> list[str]:
    """The sample's day folders under ``directory`` that hold a file the sample does not write
    (a real landing zone: writing the sample there would mix synthetic pages into it)."""
    own = set(generate())
    return [
        day
        for day in DAYS
        if (Path(directory) / day).is_dir()
        and any(
            path.is_file() and path.relative_to(directory).as_posix() not in own
            for path in (Path(directory) / day).rglob("*")
        )
    ]


def write_sample_corpus(directory: Path) -> int:
    """Write the corpus under ``directory`` (existing files of the same name are replaced)."""
    files = generate()
    for relative, data in files.items():
        path = Path(directory) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "data/raw")
    print(f"wrote {write_sample_corpus(target)} files under {target}")
