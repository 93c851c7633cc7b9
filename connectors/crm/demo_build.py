"""Row generation for the demo tenants (no database access here; `demo.py` inserts the rows).

Rows are plain dicts keyed by column name; references to rows not yet inserted are list
indexes under keys starting with `_` (`_contact`, `_owner`, `_lead`, `_wallet`), which
`demo.py` turns into ids after inserting the referenced table.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from connectors.crm.demo_people import FAMILY_AR, MALE_AR, IdentityFactory, Person
from connectors.crm.demo_text import (
    ALLERGIES,
    CONDITIONS,
    MEDICATIONS,
    PRODUCTS,
    TREATMENTS,
    NoteInput,
    NoteWriter,
)

REFERENCE_NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)
HISTORY_DAYS = 730
EUR_RATE = {"EUR": 1.0, "USD": 1.08, "SAR": 4.05, "AED": 3.97}


@dataclass(frozen=True, slots=True)
class BranchSpec:
    name: str
    city: str
    country: str
    currency: str
    region: str  # riyadh | dubai | tallinn (which people live there)
    reps: int
    share: float  # of the tenant's leads
    win_rate: float
    kinds: tuple[tuple[str, float], ...]  # activity kinds and weights
    sources: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class TenantSpec:
    slug: str
    name: str
    kind: str
    timezone: str
    branches: tuple[BranchSpec, ...]
    contacts: int  # at scale 1.0
    leads: int
    companies: tuple[str, ...] = ()


@dataclass
class TenantRows:
    tenant: dict
    branches: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    leads: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    wallets: list[dict] = field(default_factory=list)
    transactions: list[dict] = field(default_factory=list)


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    names, weights = zip(*weighted)
    return rng.choices(names, weights=weights)[0]


class TenantBuilder:
    """Generates all rows of one demo tenant from its own seeded rng and Fakers."""

    def __init__(self, spec: TenantSpec, *, seed: int, scale: float) -> None:
        self.spec, self.scale = spec, scale
        self.rng = random.Random(f"{seed}:{spec.slug}")
        self.ids = IdentityFactory(self.rng, seed + sum(map(ord, spec.slug)))
        self.writer = NoteWriter(self.ids)
        self.clinic = spec.kind == "clinic"
        self.rows = TenantRows(tenant=dict(
            slug=spec.slug, name=spec.name, kind=spec.kind, timezone=spec.timezone,
            created_at=REFERENCE_NOW - timedelta(days=HISTORY_DAYS + 30),
        ))
        self.persons: list[Person] = []
        self.person_iban: list[str] = []
        self.contact_branch: list[int] = []
        self.branch_users: dict[int, dict[str, list[int]]] = {}
        self.rep_skill: dict[int, float] = {}
        self.health: list[tuple] = []

    # --- structure ------------------------------------------------------------------------
    def build(self) -> TenantRows:
        self._branches_and_users()
        self._contacts()
        lead_acts = self._leads()
        self._activities(lead_acts)
        self._wallets()
        return self.rows

    def _branches_and_users(self) -> None:
        rng, slug, ids = self.rng, self.spec.slug, self.ids
        for bi, b in enumerate(self.spec.branches):
            self.rows.branches.append(dict(name=b.name, city=b.city, country=b.country, currency=b.currency))
            key = b.name.lower().replace("al ", "").replace(" ", "")
            staff: dict[str, list[int]] = {"sales_rep": [], "manager": []}
            for role, count in (("manager", 1), ("sales_rep", b.reps)):
                for i in range(1, count + 1):
                    local = f"manager.{key}" if role == "manager" else f"rep{i}.{key}"
                    ar = b.region == "riyadh" or (b.region == "dubai" and rng.random() < 0.5)
                    if ar:
                        (f_ar, f_lat), (l_ar, l_lat) = ids.arab_name(rng.random() < 0.35)
                        full_name = f"{f_lat} {l_lat}"
                    else:
                        fk = ids.fakers["et_EE" if b.region == "tallinn" else "en_GB"]
                        full_name = f"{fk.first_name()} {fk.last_name()}"
                    staff[role].append(len(self.rows.users))
                    if role == "sales_rep":
                        self.rep_skill[len(self.rows.users)] = rng.uniform(0.65, 1.4)
                    self.rows.users.append(dict(
                        email=f"{local}@{slug}.example", full_name=full_name, role=role, _branch=bi,
                        preferred_language="ar" if ar and rng.random() < 0.5 else "en", active=True,
                    ))
            self.branch_users[bi] = staff
        (_, f_lat), (_, l_lat) = rng.choice(MALE_AR), rng.choice(FAMILY_AR)
        self.rows.users.append(dict(email=f"admin@{slug}.example", full_name=f"{f_lat} {l_lat}",
                                    role="admin", _branch=None, preferred_language="en", active=True))

    def _branch_index(self) -> int:
        weights = [b.share for b in self.spec.branches]
        return self.rng.choices(range(len(weights)), weights=weights)[0]

    def _company(self, region: str) -> str:
        rng, ids = self.rng, self.ids
        if self.spec.companies and rng.random() < 0.2:
            return rng.choice(self.spec.companies)
        if region == "tallinn":
            return f"{ids.fakers['et_EE'].last_name()} {rng.choice(('OÜ', 'AS', 'OÜ'))}"
        if region == "riyadh" and rng.random() < 0.5:
            return ids.fakers["ar_SA"].company()
        return f"{ids.fakers['en_GB'].last_name()} {rng.choice(('Trading', 'Group', 'Retail', 'Foods', 'Logistics'))} LLC"

    def _contacts(self) -> None:
        rng, ids = self.rng, self.ids
        n = max(len(self.spec.branches) * 4, round(self.spec.contacts * self.scale))
        for ci in range(n):
            # Every branch gets contacts, the rest follow the branch shares.
            bi = ci if ci < len(self.spec.branches) else self._branch_index()
            b = self.spec.branches[bi]
            company = None if self.clinic else (
                "Gulf Horizon" if ci < 6 and "Gulf Horizon" in self.spec.companies else self._company(b.region))
            domain = None
            if company and company.isascii() and not company.endswith("LLC"):
                domain = "".join(ch for ch in company.lower() if ch.isalnum()) + ".com"
            p = ids.person(b.region, domain_hint=domain)
            self.persons.append(p)
            self.person_iban.append(ids.iban(p.country if p.country != "EE" or rng.random() < 0.8 else "DE"))
            self.contact_branch.append(bi)
            row = dict(
                _branch=bi, first_name=p.first, last_name=p.last, name_alt=p.name_alt, company=company,
                email=p.email if rng.random() < 0.93 else None, phone=p.phone,
                national_id=p.national_id if rng.random() < (0.97 if self.clinic else 0.6) else None,
                address=p.address if rng.random() < 0.8 else None, city=p.city, country=p.country,
                preferred_language=p.language, date_of_birth=p.date_of_birth.isoformat()
                if self.clinic or rng.random() < 0.3 else None,
                created_at=REFERENCE_NOW - timedelta(days=rng.uniform(1, HISTORY_DAYS)),
            )
            cond = rng.choice(CONDITIONS)
            while cond[0].startswith("Pregnancy") and not p.female:
                cond = rng.choice(CONDITIONS)
            allergy = rng.choice(ALLERGIES)
            meds = ", ".join(rng.sample(MEDICATIONS, rng.choice((1, 1, 2))))
            self.health.append((cond, meds, allergy))
            if self.clinic:
                use_ar = p.language == "ar" and rng.random() < 0.5
                row.update(health_conditions=cond[1] if use_ar else cond[0], medications=meds,
                           allergies=allergy[1] if use_ar else allergy[0])
            self.rows.contacts.append(row)

    # --- leads ----------------------------------------------------------------------------
    def _leads(self) -> list[tuple[int, list[str]]]:
        rng = self.rng
        by_branch: dict[int, list[int]] = {}
        for ci, bi in enumerate(self.contact_branch):
            by_branch.setdefault(bi, []).append(ci)
        n = max(len(self.spec.branches) * 6, round(self.spec.leads * self.scale))
        plans: list[tuple[int, list[str]]] = []
        for li in range(n):
            bi = li % len(self.spec.branches) if li < len(self.spec.branches) * 2 else self._branch_index()
            b = self.spec.branches[bi]
            recent = li < 6  # a few hot leads with activity in the last week (e.g. Gulf Horizon)
            ci = li if recent and li < len(self.persons) else rng.choice(by_branch[bi])
            bi = self.contact_branch[ci]
            b = self.spec.branches[bi]
            staff = self.branch_users[bi]
            owner = rng.choice(staff["manager"]) if rng.random() < 0.05 else rng.choices(
                staff["sales_rep"], weights=[self.rep_skill[u] for u in staff["sales_rep"]])[0]
            source = _pick(rng, b.sources)
            catalogue = TREATMENTS if self.clinic else PRODUCTS
            product = rng.choice(catalogue)
            age = rng.uniform(20, 60) if recent else HISTORY_DAYS * rng.random() ** 1.25
            created = REFERENCE_NOW - timedelta(days=age, hours=rng.uniform(0, 9))
            currency = b.currency if rng.random() < (0.95 if b.currency == "EUR" else 0.85) else (
                "USD" if rng.random() < 0.7 else "EUR")
            base = product[2] * (1 if self.clinic else EUR_RATE[currency]) * math.exp(rng.gauss(0, 0.45))
            if not self.clinic:
                base *= rng.choice((1, 1, 1.5, 2, 3))
            value = Decimal(round(base, -1 if base < 5000 else -2)).quantize(Decimal("0.01"))
            cycle = 3 + rng.lognormvariate(math.log(30 if self.clinic else 38), 0.6)
            p_win = b.win_rate * self.rep_skill.get(owner, 1.0) * {
                "referral": 1.3, "partner": 1.2, "walk_in": 1.1, "website": 0.9, "campaign": 0.8,
                "social": 0.7, "phone": 1.0}[source]
            p_win = min(0.85, max(0.05, p_win))
            closed = None
            if not recent and age > cycle and rng.random() < 0.9:
                status = "won" if rng.random() < p_win else "lost"
                stage, closed = status, created + timedelta(days=cycle)
            else:
                status = "open"
                progress = min(0.99, age / cycle) if not recent else rng.uniform(0.5, 0.95)
                stage = ("new", "contacted", "qualified", "proposal", "negotiation")[int(progress * 5)]
            company = self.rows.contacts[ci]["company"]
            title = product[0] if self.clinic else f"{company} - {product[0]}"
            self.rows.contacts[ci]["created_at"] = min(
                self.rows.contacts[ci]["created_at"], created - timedelta(days=rng.uniform(0, 20)))
            self.rows.leads.append(dict(
                _contact=ci, _branch=bi, _owner=owner, title=title[:200], source=source, stage=stage,
                status=status, value=value, currency=currency, created_at=created, closed_at=closed,
            ))
            plans.append((li, [product[0], product[1]]))
        return plans

    # --- activities -----------------------------------------------------------------------
    def _note_input(self, ci: int, lead: dict | None, product: list[str], author: int) -> NoteInput:
        p = self.persons[ci]
        cond, meds, allergy = self.health[ci]
        amount = float(lead["value"]) if lead else float(self.rng.randint(200, 5000))
        return NoteInput(
            person=p, company=self.rows.contacts[ci]["company"] or self.spec.name,
            product=product[0], product_ar=product[1], amount=amount,
            currency=lead["currency"] if lead else self.spec.branches[0].currency,
            rep_name=self.rows.users[author]["full_name"], iban=self.person_iban[ci],
            condition=cond, medication=meds, allergy=allergy,
        )

    def _activity(self, *, ci: int, li: int | None, author: int, when: datetime, kind: str,
                  note: tuple) -> None:
        subject, body, lang, body_class = note if len(note) == 4 else (*note, "personal")
        self.rows.activities.append(dict(
            _lead=li, _contact=ci, _author=author, kind=kind, subject=subject, body=body,
            body_class=body_class, language=lang, occurred_at=when, updated_at=when,
        ))

    def _activities(self, plans: list[tuple[int, list[str]]]) -> None:
        rng = self.rng
        for li, product in plans:
            lead = self.rows.leads[li]
            ci, bi = lead["_contact"], lead["_branch"]
            b = self.spec.branches[bi]
            end = lead["closed_at"] or REFERENCE_NOW
            n = max(1, int(rng.gauss(4.6 if self.clinic else 4.4, 1.8))) + (2 if lead["status"] == "won" else 0)
            span = (end - lead["created_at"]).total_seconds()
            times = sorted(lead["created_at"] + timedelta(seconds=span * rng.random()) for _ in range(n))
            if li < 6:
                times[-1] = REFERENCE_NOW - timedelta(days=rng.uniform(0.2, 6))
            for k, when in enumerate(times):
                author = lead["_owner"] if rng.random() < 0.9 else rng.choice(self.branch_users[bi]["manager"])
                inp = self._note_input(ci, lead, product, author)
                if self.clinic:
                    clinical = rng.random() < 0.45
                    kind = "note" if clinical else _pick(rng, b.kinds)
                    self._activity(ci=ci, li=li, author=author, when=when, kind=kind,
                                   note=self.writer.clinic(inp, clinical=clinical))
                    continue
                frac = k / max(1, n - 1)
                if k == n - 1 and n > 1:
                    phase = {"won": "won", "lost": "lost"}.get(lead["status"], "followup")
                else:
                    phase = ("intro", "demo", "pricing", "objection", "negotiation", "followup")[
                        min(5, int(frac * 5.5))]
                kind = _pick(rng, b.kinds)
                self._activity(ci=ci, li=li, author=author, when=when, kind=kind,
                               note=self.writer.sales(inp, phase=phase, kind=kind))
        # Contact-level notes (no lead): check-ups for patients, account details for customers.
        for ci, row in enumerate(self.rows.contacts):
            if rng.random() > (0.5 if self.clinic else 0.12):
                continue
            bi = self.contact_branch[ci]
            author = rng.choice(self.branch_users[bi]["sales_rep"])
            product = list((TREATMENTS if self.clinic else PRODUCTS)[0][:2])
            inp = self._note_input(ci, None, product, author)
            when = row["created_at"] + timedelta(days=rng.uniform(0, 60))
            when = min(when, REFERENCE_NOW - timedelta(hours=1))
            note = (self.writer.clinic(inp, clinical=rng.random() < 0.5) if self.clinic
                    else self.writer.sales(inp, phase="detail", kind="note"))
            self._activity(ci=ci, li=None, author=author, when=when, kind="note", note=note)

    # --- money ----------------------------------------------------------------------------
    def _wallets(self) -> None:
        rng = self.rng
        won = {lead["_contact"] for lead in self.rows.leads if lead["status"] == "won"}
        for ci, row in enumerate(self.rows.contacts):
            if not (ci in won and rng.random() < 0.6) and rng.random() > 0.12:
                continue
            currency = self.spec.branches[self.contact_branch[ci]].currency
            wi = len(self.rows.wallets)
            balance = Decimal("0.00")
            when = row["created_at"]
            for t in range(rng.randint(2, 8)):
                when = min(when + timedelta(days=rng.uniform(1, 45)), REFERENCE_NOW - timedelta(minutes=5))
                kind = "deposit" if t == 0 else rng.choices(
                    ("deposit", "payment", "withdrawal", "refund"), weights=(3, 5, 1, 1))[0]
                amount = Decimal(rng.randrange(50, 20000 if not self.clinic else 4000) * 5).quantize(Decimal("0.01"))
                if kind in ("payment", "withdrawal"):
                    amount = min(amount, balance)
                    if amount <= 0:
                        kind, amount = "deposit", Decimal(rng.randrange(100, 4000) * 5).quantize(Decimal("0.01"))
                balance += -amount if kind in ("payment", "withdrawal") else amount
                ref = {"deposit": f"FT{rng.randint(24000, 26999)}{self.ids.digits(7)}",
                       "payment": f"INV-{when.year}-{rng.randint(1, 9999):04d}",
                       "withdrawal": f"WD-{self.ids.digits(8)}",
                       "refund": f"RF-{self.ids.digits(6)}"}[kind]
                self.rows.transactions.append(dict(_wallet=wi, kind=kind, amount=amount,
                                                   currency=currency, reference=ref, occurred_at=when))
            self.rows.wallets.append(dict(_contact=ci, currency=currency, balance=balance,
                                          iban=self.person_iban[ci]))
