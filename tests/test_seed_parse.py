"""The seed article parses exactly as the data contract (TABLES.md) says."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SEED, shared_path
from warta.decoding import Decoded, decode_bytes
from warta.parsing import parse_page

SEED_PARAGRAPHS = [
    (17, "Pernyataan mengejutkan dilontarkan oleh Korea Utara (Korut) di saat Rusia yang membutuhkan tambahan senjata setelah terdesak oleh serangan balasan Ukraina."),
    (19, "Korea Utara membantah dan bahkan menolak untuk menjual senjata, apalagi nuklir, kepada Rusia."),
    (21, "Pernyataan Korea Utara itu sekaligus membantah tuduhan Amerika Serikat yang menyatakan negara itu dalam proses penjualan senhata roket dan peluru artileri dengan Rusia untuk kebutuhan perang melawan Ukraina."),
    (23, "Dengan tegas Korea Utara mengatakan tidak pernah menjual senjata ke Rusia dan tidak memiliki rencana untuk melakukannya, menyusul laporan AS bahwa Moskow beralih ke Pyongyang untuk mengisi kembali persediaan."),
    (25, "Para pejabat AS mengatakan Rusia sedang dalam proses pembelian roket dan peluru artileri dari Korea Utara."),
    (29, "Mereka mengatakan langkah seperti itu, bersama dengan dugaan pembelian senjata Iran, menunjukkan sanksi Barat menghambat upaya Rusia dalam perang Ukraina."),
    (31, "Moskow membantah laporan itu pada saat itu."),
    (33, "Setiap pergerakan senjata antara kedua negara akan melanggar sanksi PBB."),
    (35, "Pada hari Kamis, dalam sebuah pernyataan yang dibawa oleh media pemerintah Korea Utara KCNA, seorang pejabat yang tidak disebutkan namanya di kementerian pertahanan Korea Utara mengatakan: “Kami tidak pernah mengekspor senjata atau amunisi ke Rusia sebelumnya dan kami tidak akan berencana untuk mengekspornya.”"),
    (37, "Ia menuduh AS, dan “kekuatan musuh” lainnya, menyebarkan desas-desus untuk “mengejar tujuan politik dan militer dasarnya”."),
    (41, "Pada awal September, seorang juru bicara departemen luar negeri AS mengatakan pembelian Korea Utara oleh Rusia “dapat mencakup jutaan peluru, roket, dan peluru artileri.”"),
    (43, "Namun juru bicara Dewan Keamanan Nasional John Kirby kemudian muncul untuk memperingatkan pernyataan itu, dengan mengatakan pembelian belum selesai dan tidak ada bukti yang menunjukkan bahwa senjata itu akan digunakan dalam perang Ukraina."),
    (45, "Banyak senjata rancangan Rusia Korea Utara berasal dari era Soviet, tetapi memiliki rudal yang mirip dengan Rusia."),
    (47, "Pernyataan itu menyusul laporan yang mengutip pejabat AS bahwa pengiriman pertama drone buatan Iran telah dikirim ke Rusia, dan bahwa operator drone Rusia telah melakukan perjalanan ke Iran untuk menerima pelatihan. Iran telah membantah mengirimkan senjata."),
    (49, "Invasi Rusia ke Ukraina pada bulan Februari telah terbukti mahal untuk militernya, meskipun menggunakan senjata canggih seperti rudal jelajah. Pasukan Ukraina, menggunakan senjata Barat yang telah disalurkan ke negara itu dalam beberapa bulan terakhir, telah menimbulkan kerugian besar."),
    (53, "Hubungan Rusia-Korea Utara menurun setelah runtuhnya Uni Soviet pada tahun 1991, tetapi secara bertahap meningkat dalam beberapa tahun terakhir karena hubungan Rusia dengan Barat memburuk."),
    (55, "Dengan pecahnya perang di Ukraina, rezim Kim Jong-un menyalahkan AS atas konflik tersebut dan menuduh Barat mengejar “kebijakan hegemonik” yang membenarkan penggunaan kekuatan Rusia."),
    (57, "Pada bulan Juli, Korea Utara adalah salah satu dari sedikit negara yang secara resmi mengakui dua wilayah separatis yang didukung Rusia di Ukraina timur. Sebagai pembalasan, Ukraina memutuskan semua hubungan diplomatik dengan Pyongyang."),
    (59, "Awal bulan ini, Presiden Rusia Vladimir Putin berjanji untuk memperluas “hubungan bilateral yang komprehensif dan konstruktif” dalam sebuah surat kepada rekannya Kim Jong-un. Korea Utara juga mengatakan akan memperdalam “persahabatan persahabatan” dengan Moskow."),
]  # fmt: skip

SEED_MARKERS = [
    # (source_line, text, kind, zone, after_paragraph_index)
    (27, "Advertisement", "advertisement", "body", 4),
    (39, "Advertisement", "advertisement", "body", 9),
    (51, "Advertisement", "advertisement", "body", 14),
    (61, "Advertisement", "advertisement", "trailer", 18),
    (62, "Lanjutkan Membaca", "read_more", "trailer", 18),
    (63, "Advertisement", "advertisement", "trailer", 18),
]


@pytest.fixture(scope="module")
def seed_article():
    decoded = decode_bytes(SEED.read_bytes())
    assert isinstance(decoded, Decoded)
    return parse_page(decoded.text, ingest_date=date(2026, 11, 25))


def test_repo_seed_is_the_shared_seed():
    shared = shared_path("seeds", "000_39c4db6f91142a44.txt")
    assert SEED.read_bytes() == shared.read_bytes()


def test_seed_article_fields(seed_article):
    a = seed_article
    assert a.layout == "faktual"
    assert a.site == "Faktual Indonesia"
    assert a.section == "Internasional"
    assert a.title == "Korea Utara Membantah dan Menolak Jual Senjata ke Rusia, Apalagi Nuklir"
    assert a.author == "Gungdewan"
    assert a.dateline == "FAKTUAL-INDONESIA"
    assert a.published_at is None
    assert a.published_text is None
    assert a.published_has_time is None
    assert a.warnings == ["published label without a date"]
    assert a.image_caption == (
        "Pemimpin Korea Utara Kim Jung-un dan Presiden Rusia Vladimir Putin "
        "serta kekuatan persenjataan militer Korut"
    )
    assert a.language == "id"
    assert len(a.article_id) == 16 and a.content_sha256.startswith(a.article_id)


def test_seed_paragraphs_exactly(seed_article):
    got = [(p.source_line, p.text) for p in seed_article.paragraphs]
    assert got == SEED_PARAGRAPHS
    assert [p.index for p in seed_article.paragraphs] == list(range(19))
    texts = " ".join(p.text for p in seed_article.paragraphs)
    assert "Connect with us" not in texts and "Advertisement" not in texts
    assert "***" not in texts
    assert seed_article.image_caption not in [p.text for p in seed_article.paragraphs]


def test_seed_ad_markers_exactly(seed_article):
    got = [
        (m.source_line, m.text, m.kind, m.zone, m.after_paragraph_index)
        for m in seed_article.ad_markers
    ]
    assert got == SEED_MARKERS
    assert [m.index for m in seed_article.ad_markers] == list(range(6))
