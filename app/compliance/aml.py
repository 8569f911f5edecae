"""AML/CTF: the threshold transaction report (TTR) prompt on incidents (SPEC §4).

Under AUSTRAC rules a cash transaction of AUD 10,000 or more (or the foreign
currency equivalent) is reported in a TTR. The console cannot tell cash from
chips or a transfer, so any incident amount at or above the threshold *prompts*
the TTR and staff record what happened (``TtrOutcome``).

Decisions (``assess_ttr``):

* The threshold is data: ``aml_policy.toml`` next to this module, or a
  property's own file (``load_aml_policy(path)``), validated at load.
* AUD amounts (currency ``AUD``, any case or spacing) are compared with the
  threshold as they are: ``>=`` prompts.
* Another currency with a rate in the policy (``aud_per_unit``: AUD for one
  unit) is converted, then raised by ``rate_margin`` (default 10 %) because a
  rate in a file goes stale; the result ``>=`` the threshold prompts.
* Another currency *without* a rate, an empty currency, or an amount that is
  not a finite number: **always prompts** when the amount is not zero (being
  conservative: staff confirm the AUD equivalent themselves).
* No amount or zero: no prompt. A negative amount (a refund) counts by size.

Records (audit rows, not timeline notes: the concierge reads an incident's notes
but may not see its money amounts, SPEC §1):

* ``aml.ttr_prompted`` when ``AmlService.ttr_prompt`` finds a TTR is needed;
  detail: the reason (e.g. ``AUD 12000.00 >= AUD 10000``).
* ``aml.ttr_recorded`` by ``AmlService.record_ttr_decision``; detail: the
  outcome and the reference given (checked like any free text).

Both need ``incident.view_amounts`` (host, pit boss, VIP desk). The prompt in
the incident form is the UI's part; it calls ``ttr_prompt`` after ``open``.
"""

import functools
import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from app.actor import Actor
from app.clock import Clock
from app.domain import Incident
from app.permissions import Action
from app.ports import Store, UnitOfWork
from app.services.audit import record
from app.services.base import AuditedService
from app.services.incidents import IncidentNotFound
from app.services.validation import check_free_text

log = logging.getLogger(__name__)

AML_POLICY_FILE = "aml_policy.toml"
SCHEMA_VERSION = 1
MAX_REFERENCE = 100
AUD = "AUD"


class AmlPolicyError(ValueError):
    """The AML policy file is unreadable or holds a bad key or value."""


@dataclass(frozen=True, slots=True)
class AmlPolicy:
    ttr_threshold_aud: Decimal = Decimal("10000")
    aud_per_unit: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    rate_margin: Decimal = Decimal("0.10")


class TtrReason(StrEnum):
    NO_AMOUNT = "no_amount"
    BELOW_THRESHOLD = "below_threshold"
    AT_OR_ABOVE_THRESHOLD = "at_or_above_threshold"
    NOT_CONVERTIBLE = "not_convertible"  # no rate for the currency
    UNREADABLE_AMOUNT = "unreadable_amount"


@dataclass(frozen=True, slots=True)
class TtrAssessment:
    required: bool
    reason: TtrReason
    amount: Decimal | None  # as entered, by size
    currency: str
    aud_equivalent: Decimal | None  # with the safety margin for foreign currency
    threshold_aud: Decimal

    @property
    def detail(self) -> str:
        """Short and factual, for the audit row."""
        if self.aud_equivalent is not None:
            sign = ">=" if self.required else "<"
            compared = f"{sign} AUD {self.threshold_aud}"
            if self.currency == AUD:
                return f"AUD {self.amount} {compared}"
            return f"{self.currency} {self.amount} ~ AUD {self.aud_equivalent} {compared}"
        return f"{self.reason}: {self.currency or 'no currency'}"

    @property
    def message(self) -> str:
        """Plain English fallback for the prompt (the UI shows a translated one)."""
        if not self.required:
            return "No threshold transaction report is needed."
        threshold = f"AUD {self.threshold_aud:,}"
        ask = (
            "a threshold transaction report (TTR) is required if it was cash: "
            "record whether it was cash and who reports it."
        )
        if self.reason is TtrReason.AT_OR_ABOVE_THRESHOLD:
            return f"The amount is {threshold} or more: {ask}"
        if self.reason is TtrReason.UNREADABLE_AMOUNT:
            return f"The amount cannot be read: if it is {threshold} or more, {ask}"
        currency = self.currency or "an unknown currency"
        return f"No rate for {currency} here: if the amount is worth {threshold} or more, {ask}"


class TtrOutcome(StrEnum):
    REFERRED = "referred"  # cash: handed to the AML/CTF team, who lodge the TTR
    ALREADY_REPORTED = "already_reported"  # cash: the cage has lodged it (give its reference)
    NOT_CASH = "not_cash"  # chips, card or transfer: no TTR
    BELOW_THRESHOLD = "below_threshold"  # foreign currency worth less than the threshold


def default_aml_policy_text() -> str:
    return resources.files("app.compliance").joinpath(AML_POLICY_FILE).read_text("utf-8")


@functools.cache
def default_aml_policy() -> AmlPolicy:
    """The shipped policy (AUD 10,000, no conversion rates), read once."""
    return load_aml_policy()


def load_aml_policy(path: Path | None = None) -> AmlPolicy:
    """The property's AML policy file, or the shipped one when ``path`` is None."""
    if path is None:
        return loads_aml_policy(default_aml_policy_text(), AML_POLICY_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AmlPolicyError(f"{path.name}: cannot read the AML policy: {error}") from error
    return loads_aml_policy(text, path.name)


def loads_aml_policy(text: str, source: str = "<aml policy>") -> AmlPolicy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AmlPolicyError(f"{source}: not valid TOML: {error}") from error
    unknown = set(raw) - {"schema", "ttr_threshold_aud", "rate_margin", "aud_per_unit"}
    if unknown:
        raise AmlPolicyError(f"{source}: unknown keys {sorted(unknown)}")
    if raw.get("schema") != SCHEMA_VERSION or isinstance(raw.get("schema"), bool):
        raise AmlPolicyError(f"{source}: schema: expected {SCHEMA_VERSION}")
    threshold = _decimal(raw.get("ttr_threshold_aud"), f"{source}: ttr_threshold_aud")
    margin = _decimal(raw.get("rate_margin", "0.10"), f"{source}: rate_margin", zero_ok=True)
    table = raw.get("aud_per_unit", {})
    if not isinstance(table, dict):
        raise AmlPolicyError(f"{source}: aud_per_unit: expected a table of rates")
    rates: dict[str, Decimal] = {}
    for code, value in table.items():
        currency = _currency(code)
        if len(currency) != 3 or not currency.isalpha() or currency == AUD:
            raise AmlPolicyError(f"{source}: aud_per_unit.{code}: expected an ISO 4217 code")
        rates[currency] = _decimal(value, f"{source}: aud_per_unit.{code}")
    return AmlPolicy(threshold, MappingProxyType(rates), margin)


def assess_ttr(
    amount: Decimal | None, currency: str, policy: AmlPolicy | None = None
) -> TtrAssessment:
    """Whether ``amount`` in ``currency`` prompts a TTR, and why (decisions: module doc)."""
    policy = policy if policy is not None else default_aml_policy()
    code = _currency(currency)

    def result(required: bool, reason: TtrReason, aud: Decimal | None = None) -> TtrAssessment:
        size = abs(amount) if amount is not None and amount.is_finite() else None
        return TtrAssessment(required, reason, size, code, aud, policy.ttr_threshold_aud)

    if amount is None:
        return result(False, TtrReason.NO_AMOUNT)
    if not amount.is_finite():
        return result(True, TtrReason.UNREADABLE_AMOUNT)
    size = abs(amount)
    if size == 0:
        return result(False, TtrReason.NO_AMOUNT)
    if code == AUD:
        aud = size
    elif code in policy.aud_per_unit:
        aud = (size * policy.aud_per_unit[code] * (1 + policy.rate_margin)).quantize(
            Decimal("0.01")
        )
    else:
        return result(True, TtrReason.NOT_CONVERTIBLE)
    if aud >= policy.ttr_threshold_aud:
        return result(True, TtrReason.AT_OR_ABOVE_THRESHOLD, aud)
    return result(False, TtrReason.BELOW_THRESHOLD, aud)


def requires_ttr(amount: Decimal | None, currency: str, policy: AmlPolicy | None = None) -> bool:
    """True when an incident amount must prompt the threshold transaction report."""
    return assess_ttr(amount, currency, policy).required


class AmlService(AuditedService):
    """The TTR prompt and its record, audited like every other action."""

    def __init__(self, store: Store, clock: Clock, policy: AmlPolicy | None = None) -> None:
        super().__init__(store, clock)
        self._policy = policy if policy is not None else default_aml_policy()

    def ttr_prompt(self, actor: Actor, incident_id: str) -> TtrAssessment:
        """The assessment of the incident's amount; ``aml.ttr_prompted`` when one is needed."""

        def work(uow: UnitOfWork, now: datetime) -> TtrAssessment:
            incident = self._incident(uow, actor, incident_id, now)
            assessment = assess_ttr(incident.amount, incident.currency, self._policy)
            if assessment.required:
                record(
                    uow, actor, "aml.ttr_prompted", incident_id, at=now, detail=assessment.detail
                )
                log.info("TTR prompted for incident %s (%s)", incident_id, assessment.reason)
            return assessment

        return self._run(work)

    def record_ttr_decision(
        self, actor: Actor, incident_id: str, outcome: TtrOutcome, reference: str = ""
    ) -> None:
        """Record what staff decided; ``reference`` is the cage's or AML team's reference."""
        check_free_text(reference, "ttr_reference", MAX_REFERENCE)

        def work(uow: UnitOfWork, now: datetime) -> None:
            incident = self._incident(uow, actor, incident_id, now)
            assessment = assess_ttr(incident.amount, incident.currency, self._policy)
            detail = f"{outcome}; {assessment.detail}"
            if reference.strip():
                detail += f"; ref {reference.strip()}"
            record(uow, actor, "aml.ttr_recorded", incident_id, at=now, detail=detail)
            log.info("TTR decision for incident %s: %s", incident_id, outcome)

        self._run(work)

    def _incident(self, uow: UnitOfWork, actor: Actor, incident_id: str, now: datetime) -> Incident:
        self._require(uow, actor, Action.INCIDENT_VIEW_AMOUNTS, incident_id, now)
        incident = uow.incidents.by_id(incident_id)
        if incident is None:
            raise IncidentNotFound(incident_id)
        return incident


def _currency(code: str) -> str:
    return "".join(code.split()).upper()


def _decimal(value: object, where: str, *, zero_ok: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise AmlPolicyError(f"{where}: expected a number, got {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise AmlPolicyError(f"{where}: expected a number, got {value!r}") from None
    if not number.is_finite() or number < 0 or (number == 0 and not zero_ok):
        raise AmlPolicyError(f"{where}: expected a positive number, got {value!r}")
    return number
