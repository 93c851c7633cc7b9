"""Synthetic people for the demo tenants: names in two scripts, phones, ids, IBANs, addresses.

Every identifier carries a valid checksum (Luhn for Saudi ids/iqamas and Emirates IDs,
the isikukood check digit, ISO 13616 for IBANs) and every phone number passes
`phonenumbers.is_valid_number`, so the redaction evals meet the real shapes.
All randomness comes from the `random.Random` and the seeded Faker instances passed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import phonenumbers
from faker import Faker
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.ee import ik

LOCALES = ("en_US", "en_GB", "ar_SA", "ar_AE", "de_DE", "et_EE")

# (Arabic script, Latin transliteration)
MALE_AR = (
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("عبدالله", "Abdullah"), ("خالد", "Khalid"),
    ("فيصل", "Faisal"), ("سعود", "Saud"), ("عمر", "Omar"), ("علي", "Ali"), ("يوسف", "Yousef"),
    ("إبراهيم", "Ibrahim"), ("سلطان", "Sultan"), ("ناصر", "Nasser"), ("فهد", "Fahad"),
    ("تركي", "Turki"), ("بندر", "Bandar"), ("ماجد", "Majed"), ("راشد", "Rashid"),
    ("سعيد", "Saeed"), ("حمد", "Hamad"), ("منصور", "Mansour"), ("عبدالرحمن", "Abdulrahman"),
    ("عبدالعزيز", "Abdulaziz"), ("طارق", "Tariq"), ("ياسر", "Yasser"), ("وليد", "Waleed"),
    ("مازن", "Mazen"), ("زياد", "Ziyad"), ("حسن", "Hassan"), ("حسين", "Hussein"),
    ("مشعل", "Mishal"), ("نايف", "Nayef"), ("سامي", "Sami"), ("هاني", "Hani"),
    ("كريم", "Kareem"), ("عادل", "Adel"), ("جمال", "Jamal"), ("أنس", "Anas"),
    ("مصطفى", "Mustafa"), ("بدر", "Badr"), ("حمدان", "Hamdan"),
)
FEMALE_AR = (
    ("فاطمة", "Fatima"), ("نورة", "Noura"), ("سارة", "Sara"), ("مريم", "Maryam"),
    ("عائشة", "Aisha"), ("ريم", "Reem"), ("هند", "Hind"), ("لطيفة", "Latifa"), ("منى", "Mona"),
    ("هيفاء", "Haifa"), ("دانة", "Dana"), ("لينا", "Lina"), ("رنا", "Rana"), ("أمل", "Amal"),
    ("جميلة", "Jamila"), ("شيماء", "Shaima"), ("نوف", "Nouf"), ("العنود", "Alanoud"),
    ("غادة", "Ghada"), ("سلمى", "Salma"), ("ليلى", "Layla"), ("ياسمين", "Yasmin"),
    ("هالة", "Hala"), ("رهف", "Rahaf"), ("جواهر", "Jawaher"), ("وفاء", "Wafa"),
    ("خلود", "Kholoud"), ("أسماء", "Asma"), ("بشرى", "Bushra"), ("ديما", "Dima"),
)
FAMILY_AR = (
    ("العتيبي", "Al-Otaibi"), ("القحطاني", "Al-Qahtani"), ("الشمري", "Al-Shammari"),
    ("الدوسري", "Al-Dosari"), ("الحربي", "Al-Harbi"), ("الغامدي", "Al-Ghamdi"),
    ("الزهراني", "Al-Zahrani"), ("المطيري", "Al-Mutairi"), ("السبيعي", "Al-Subaie"),
    ("العنزي", "Al-Anazi"), ("الشهري", "Al-Shehri"), ("البلوشي", "Al-Balushi"),
    ("المنصوري", "Al-Mansoori"), ("الكعبي", "Al-Kaabi"), ("الهاشمي", "Al-Hashemi"),
    ("النعيمي", "Al-Nuaimi"), ("الظاهري", "Al-Dhaheri"), ("المهيري", "Al-Muhairi"),
    ("الفلاسي", "Al-Falasi"), ("الشامسي", "Al-Shamsi"), ("السويدي", "Al-Suwaidi"),
    ("الملا", "Al-Mulla"), ("حداد", "Haddad"), ("خوري", "Khoury"), ("نصار", "Nassar"),
    ("عيسى", "Issa"), ("صالح", "Saleh"), ("الخطيب", "Al-Khatib"), ("الراشد", "Al-Rashed"),
    ("التميمي", "Al-Tamimi"), ("الجابري", "Al-Jaberi"), ("العمري", "Al-Omari"),
    ("السعدي", "Al-Saadi"), ("الحمادي", "Al-Hammadi"), ("الرميثي", "Al-Romaithi"),
    ("بن سعيد", "Bin Saeed"), ("الفارس", "Al-Fares"), ("العلي", "Al-Ali"),
)
# Western names that have a settled Arabic spelling (used for `name_alt` when both parts are known).
LATIN_TO_AR = {
    "James": "جيمس", "John": "جون", "David": "ديفيد", "Michael": "مايكل", "Daniel": "دانيال",
    "Thomas": "توماس", "Peter": "بيتر", "Mark": "مارك", "Paul": "بول", "George": "جورج",
    "Emma": "إيما", "Anna": "آنا", "Laura": "لورا", "Maria": "ماريا", "Sophie": "صوفي",
    "Olivia": "أوليفيا", "Jessica": "جيسيكا", "Robert": "روبرت", "William": "ويليام",
    "Smith": "سميث", "Brown": "براون", "Miller": "ميلر", "Wilson": "ويلسون", "Taylor": "تايلور",
    "Johnson": "جونسون", "Williams": "ويليامز", "Jones": "جونز", "Davies": "ديفيز",
    "Evans": "إيفانز", "Müller": "مولر", "Schmidt": "شميت", "Schneider": "شنايدر",
    "Fischer": "فيشر", "Weber": "فيبر", "Tamm": "تام", "Kask": "كاسك", "Saar": "سار",
}
AR_TITLES_M = ("السيد", "الأستاذ", "المهندس", "د.")
AR_TITLES_F = ("السيدة", "الأستاذة", "المهندسة", "د.")
EN_TITLES_M = ("Mr.", "Mr", "Eng.", "Dr.")
EN_TITLES_F = ("Ms.", "Mrs.", "Ms", "Dr.")

RIYADH_DISTRICTS = (
    ("Al Olaya", "العليا"), ("Al Malqa", "الملقا"), ("Al Yasmin", "الياسمين"),
    ("Al Nakheel", "النخيل"), ("Al Sulimaniyah", "السليمانية"), ("Hittin", "حطين"),
    ("Al Wurud", "الورود"), ("Al Rawdah", "الروضة"), ("Al Murabba", "المربع"),
)
RIYADH_STREETS = (
    ("King Fahd Road", "طريق الملك فهد"), ("Olaya Street", "شارع العليا"),
    ("Takhassusi Street", "شارع التخصصي"), ("Prince Sultan Road", "طريق الأمير سلطان"),
    ("Anas Ibn Malik Road", "طريق أنس بن مالك"), ("King Abdullah Road", "طريق الملك عبدالله"),
)
DUBAI_AREAS = (
    ("Al Barsha 2", "البرشاء 2"), ("Jumeirah 1", "جميرا 1"), ("Deira", "ديرة"),
    ("Business Bay", "الخليج التجاري"), ("Dubai Marina", "دبي مارينا"), ("Al Nahda 1", "النهدة 1"),
    ("Mirdif", "مردف"), ("Jumeirah Lake Towers", "أبراج بحيرات جميرا"), ("Al Qusais", "القصيص"),
)
TALLINN_STREETS = (
    "Narva mnt", "Pärnu mnt", "Tartu mnt", "Viru", "Kentmanni", "Sõpruse pst", "Mustamäe tee",
    "Endla", "Toompuiestee", "Liivalaia", "Kadaka tee", "Paldiski mnt", "Vesivärava",
)


@dataclass(frozen=True, slots=True)
class Person:
    """One synthetic person: record fields plus the variants notes quote."""

    first: str
    last: str
    name_alt: str | None
    female: bool
    arabic_primary: bool  # first/last are in Arabic script
    first_ar: str | None  # Arabic-script first name, if any
    full_ar: str | None
    first_lat: str
    full_lat: str
    email: str
    phone: str  # E.164
    country: str
    city: str
    national_id: str
    address: str
    address_ar: str | None
    date_of_birth: date
    language: str  # preferred language: en | ar | et | de

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}".strip()


class IdentityFactory:
    """Builds people and identifiers from one seeded `random.Random` and per-locale Fakers."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}
        for i, loc in enumerate(LOCALES):
            f = Faker(loc)
            f.seed_instance(seed * 7 + i)
            self.fakers[loc] = f

    # --- identifiers -------------------------------------------------------------------
    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def saudi_id(self, *, resident: bool = False) -> str:
        body = ("2" if resident else "1") + self.digits(8)
        return body + luhn.calc_check_digit(body)

    def emirates_id(self, birth_year: int) -> str:
        body = f"784{birth_year}{self.digits(7)}"
        check = luhn.calc_check_digit(body)
        return f"784-{birth_year}-{body[7:]}-{check}"

    def isikukood(self, born: date, female: bool) -> str:
        century = 3 if born.year < 2000 else 5
        body = f"{century + int(female)}{born:%y%m%d}{self.digits(3)}"
        return body + ik.calc_check_digit(body + "0")  # it ignores the last digit

    def iban(self, country: str) -> str:
        bban = {
            "SA": lambda: self.rng.choice(("80", "10", "45", "20", "15")) + self.digits(18),
            "AE": lambda: self.rng.choice(("033", "026", "035", "046", "030")) + self.digits(16),
            "EE": lambda: self.rng.choice(("22", "10", "77", "42")) + self.digits(14),
            "DE": lambda: self.digits(18),
            "GB": lambda: self.rng.choice(("NWBK", "BARC", "HBUK", "LOYD")) + self.digits(14),
        }[country]()
        value = country + std_iban.calc_check_digits(country + "00" + bban) + bban
        return std_iban.validate(value)

    def phone(self, country: str) -> str:
        """A valid mobile number in E.164."""
        while True:
            if country == "SA":
                raw = "+9665" + self.rng.choice("0345689") + self.digits(7)
            elif country == "AE":
                raw = "+9715" + self.rng.choice("024568") + self.digits(7)
            elif country == "EE":
                raw = "+3725" + self.digits(self.rng.choice((6, 7)))
            elif country == "DE":
                raw = "+4915" + self.rng.choice("179") + self.digits(8)
            else:
                raw = "+447" + self.rng.choice("45789") + self.digits(8)
            if phonenumbers.is_valid_number(phonenumbers.parse(raw)):
                return raw

    def phone_variant(self, e164: str, *, arabic_digits: bool = False) -> str:
        """The same number the way people write it: E.164, spaced, or local."""
        num = phonenumbers.parse(e164)
        style = self.rng.random()
        if style < 0.3:
            out = e164
        elif style < 0.55:
            out = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        elif style < 0.8:
            out = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
        else:
            out = "0" + str(num.national_number) if num.country_code in (966, 971) else str(
                num.national_number
            )
        return to_arabic_digits(out) if arabic_digits else out

    def iban_variant(self, value: str) -> str:
        if self.rng.random() < 0.5:
            return value
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))

    # --- names and places -----------------------------------------------------------------
    def arab_name(self, female: bool) -> tuple[tuple[str, str], tuple[str, str]]:
        first = self.rng.choice(FEMALE_AR if female else MALE_AR)
        return first, self.rng.choice(FAMILY_AR)

    def person(self, region: str, *, domain_hint: str | None = None) -> Person:
        """A customer/patient living in `region` (riyadh | dubai | tallinn)."""
        rng = self.rng
        female = rng.random() < 0.45
        born = date(rng.randint(1958, 2004), rng.randint(1, 12), rng.randint(1, 28))
        arab_share = {"riyadh": 0.85, "dubai": 0.55, "tallinn": 0.04}[region]
        arabic_primary = False
        first_ar = full_ar = name_alt = None
        if rng.random() < arab_share:
            (f_ar, f_lat), (l_ar, l_lat) = self.arab_name(female)
            first_ar, full_ar = f_ar, f"{f_ar} {l_ar}"
            first_lat, last_lat = f_lat, l_lat
            # Saudi CRMs often hold the Arabic form as the record name.
            arabic_primary = region == "riyadh" and rng.random() < 0.45
            first, last = (f_ar, l_ar) if arabic_primary else (f_lat, l_lat)
            name_alt = f"{f_lat} {l_lat}" if arabic_primary else full_ar
            language = "ar" if rng.random() < (0.75 if region == "riyadh" else 0.5) else "en"
        else:
            loc = {
                "riyadh": ("en_GB", "en_US", "de_DE"),
                "dubai": ("en_GB", "en_US", "de_DE", "en_GB"),
                "tallinn": ("et_EE", "et_EE", "et_EE", "de_DE", "en_GB"),
            }[region]
            locale = rng.choice(loc)
            fk = self.fakers[locale]
            first = fk.first_name_female() if female else fk.first_name_male()
            last = fk.last_name()
            first_lat, last_lat = first, last
            if first in LATIN_TO_AR and last in LATIN_TO_AR:
                first_ar = LATIN_TO_AR[first]
                full_ar = name_alt = f"{first_ar} {LATIN_TO_AR[last]}"
            language = "de" if locale == "de_DE" and rng.random() < 0.3 else "en"
            if locale == "et_EE":
                language = "et" if rng.random() < 0.6 else "en"
        country = {"riyadh": "SA", "dubai": "AE", "tallinn": "EE"}[region]
        city = {"riyadh": "Riyadh", "dubai": "Dubai", "tallinn": "Tallinn"}[region]
        if country == "SA":
            nid = self.saudi_id(resident=first_ar is None or rng.random() < 0.15)
        elif country == "AE":
            nid = self.emirates_id(born.year)
        else:
            nid = self.isikukood(born, female)
        address, address_ar = self.address(region)
        return Person(
            first=first, last=last, name_alt=name_alt, female=female,
            arabic_primary=arabic_primary, first_ar=first_ar, full_ar=full_ar,
            first_lat=first_lat, full_lat=f"{first_lat} {last_lat}",
            email=self.email(first_lat, last_lat, domain_hint),
            phone=self.phone(country if rng.random() < 0.92 else rng.choice(("GB", "DE", "SA", "AE"))),
            country=country, city=city, national_id=nid, address=address, address_ar=address_ar,
            date_of_birth=born, language=language,
        )

    def email(self, first: str, last: str, domain_hint: str | None) -> str:
        rng = self.rng
        clean = lambda s: "".join(ch for ch in ascii_fold(s).lower() if ch.isalnum())  # noqa: E731
        f, lst = clean(first) or "user", clean(last) or "mail"
        local = rng.choice((f"{f}.{lst}", f"{f}{lst[:1]}", f"{f[:1]}{lst}", f"{f}_{lst}{rng.randint(1, 99)}",
                            f"{f}{rng.randint(1, 99)}"))
        if domain_hint and rng.random() < 0.6:
            domain = domain_hint
        else:
            domain = self.fakers[rng.choice(LOCALES)].free_email_domain()
        return f"{local}@{domain}"

    def address(self, region: str) -> tuple[str, str | None]:
        rng = self.rng
        if region == "riyadh":
            (d_en, d_ar), (s_en, s_ar) = rng.choice(RIYADH_DISTRICTS), rng.choice(RIYADH_STREETS)
            bld, zip_ = rng.randint(2000, 9999), rng.randint(11000, 14999)
            return (f"Building {bld}, {s_en}, {d_en} District, Riyadh {zip_}",
                    f"مبنى {bld}، {s_ar}، حي {d_ar}، الرياض {zip_}")
        if region == "dubai":
            a_en, a_ar = rng.choice(DUBAI_AREAS)
            if rng.random() < 0.5:
                villa, street = rng.randint(1, 80), rng.randint(1, 40)
                return (f"Villa {villa}, Street {street}, {a_en}, Dubai",
                        f"فيلا {villa}، شارع {street}، {a_en if rng.random() < 0.2 else a_ar}، دبي")
            apt = rng.randint(101, 2405)
            return f"Apartment {apt}, {a_en}, Dubai", f"شقة {apt}، {a_ar}، دبي"
        street = rng.choice(TALLINN_STREETS)
        num = f"{rng.randint(1, 120)}" + (f"-{rng.randint(1, 60)}" if rng.random() < 0.6 else "")
        return f"{street} {num}, {rng.randint(10111, 13522)} Tallinn", None


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "õ": "o", "š": "s", "ž": "z", "ß": "ss",
                       "Ä": "A", "Ö": "O", "Ü": "U", "Õ": "O", "Š": "S", "Ž": "Z", "é": "e"})


def to_arabic_digits(text: str) -> str:
    return text.translate(ARABIC_INDIC)


def ascii_fold(text: str) -> str:
    return text.translate(_FOLD)
