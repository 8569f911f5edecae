"""What changed in an act after its last signature, beyond what our own upgrade writes.

After the last signature the only revisions an act may carry are the ones
``app.acts.upgrade`` appends: a document timestamp (B-T: a signature field, its
widget, the ``/AcroForm`` and page ``/Annots`` that list them) and the document
security store (B-LT: ``/DSS`` and its certificates and CRLs). Those writers leave
the document information (``/Info``) and the XMP metadata exactly as signed.

pyHanko's default difference policy accepts any ``/Info`` update and any
well-formed XMP after a signature as "LTA updates", so a rewritten ``/Title`` or
``/Subject`` (what ``pdfinfo`` and every viewer's title bar show) or added XMP still
verified. Here:

* ``STRICT_DIFF_POLICY``: pyHanko's default without those two allowances — an
  ``/Info`` or ``/Metadata`` change is an unexplained object, so the modification
  analysis fails;
* ``metadata_changes``: names, revision by revision, which entries changed, so the
  report says what an editor did (a PDF date, a title, XMP) and not only that
  "something" did.
"""

from collections.abc import Iterator

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DSSCompareRule,
    FormUpdatingRule,
    GenericFieldModificationRule,
    ModificationLevel,
    ObjectStreamRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    XrefStreamRule,
)
from pyhanko.sign.diff_analysis.constants import ROOT_EXEMPT_STRICT_COMPARISON

# Catalog entries our upgrade may change after the last signature (the rules for
# them are DSSCompareRule and the form rule); /Metadata is compared on its own.
UPGRADE_CATALOG_KEYS = frozenset({"/AcroForm", "/DSS"})

STRICT_DIFF_POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(  # type: ignore[no-untyped-call]
            ignored_keys=ROOT_EXEMPT_STRICT_COMPARISON - {"/Metadata"}
        ),
        XrefStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        ObjectStreamRule().as_qualified(ModificationLevel.LTA_UPDATES),
        DSSCompareRule().as_qualified(ModificationLevel.LTA_UPDATES),
    ],
    form_rule=FormUpdatingRule(
        field_rules=[
            SigFieldCreationRule(),  # type: ignore[no-untyped-call]
            SigFieldModificationRule(),
            GenericFieldModificationRule(),
        ],
    ),
)


def metadata_changes(reader: PdfFileReader, signed_revision: int) -> list[str]:
    """Each change to ``/Info``, the XMP metadata or the catalog after ``signed_revision``
    (the last signature's), once, naming the first revision that made it."""
    try:
        signed = reader.get_historical_resolver(signed_revision)
        base_info = _info(signed)
        base_xmp = _xmp(signed)
        base_catalog = _catalog(signed)
    except (PdfError, KeyError, ValueError, TypeError) as error:
        return [f"cannot read the signed revision's metadata: {error}"]
    problems: list[str] = []
    seen: set[str] = set()
    for revision, resolver in _later(reader, signed_revision):
        try:
            found = list(_changes(resolver, base_info, base_xmp, base_catalog))
        except (PdfError, KeyError, ValueError, TypeError) as error:
            found = [f"metadata unreadable ({error})"]
        for change in found:
            if change not in seen:
                seen.add(change)
                problems.append(f"changed after signing (revision {revision}): {change}")
    return problems


def _later(reader: PdfFileReader, revision: int) -> Iterator[tuple[int, HistoricalResolver]]:
    for later in range(revision + 1, reader.xrefs.total_revisions):
        yield later, reader.get_historical_resolver(later)


def _changes(
    resolver: HistoricalResolver,
    base_info: dict[str, str],
    base_xmp: bytes | None,
    base_catalog: dict[str, str],
) -> Iterator[str]:
    info = _info(resolver)
    keys = sorted(k for k in base_info.keys() | info.keys() if base_info.get(k) != info.get(k))
    if keys:
        yield "document information " + ", ".join(keys)
    xmp = _xmp(resolver)
    if xmp != base_xmp:
        what = "added" if base_xmp is None else "removed" if xmp is None else "rewritten"
        yield f"XMP metadata {what}"
    catalog = _catalog(resolver)
    moved = sorted(
        k
        for k in base_catalog.keys() | catalog.keys()
        if k not in UPGRADE_CATALOG_KEYS and base_catalog.get(k) != catalog.get(k)
    )
    if moved:
        yield "document catalog " + ", ".join(moved)


def _resolve(resolver: HistoricalResolver, value: generic.PdfObject) -> generic.PdfObject:
    """``value`` as it was in ``resolver``'s revision (``get_object`` would read the
    newest one: an object rewritten later would look unchanged)."""
    if isinstance(value, generic.IndirectObject):
        resolved: generic.PdfObject = resolver(value.reference)
        return resolved
    return value


def _info(resolver: HistoricalResolver) -> dict[str, str]:
    trailer = resolver.trailer_view
    if "/Info" not in trailer:
        return {}
    info = _resolve(resolver, trailer.raw_get("/Info"))
    if not isinstance(info, generic.DictionaryObject):
        return {"/Info": f"not a dictionary: {type(info).__name__}"}
    return {str(key): _text(_resolve(resolver, info.raw_get(key))) for key in info}


def _xmp(resolver: HistoricalResolver) -> bytes | None:
    root = resolver.root
    if "/Metadata" not in root:
        return None
    stream = _resolve(resolver, root.raw_get("/Metadata"))
    if not isinstance(stream, generic.StreamObject):
        return repr(stream).encode()
    return bytes(stream.encoded_data)


def _catalog(resolver: HistoricalResolver) -> dict[str, str]:
    """The catalog's entries as they refer (an indirect value by its reference: a
    reference to a rewritten object is checked by the difference analysis)."""
    root = resolver.root
    return {str(key): repr(root.raw_get(key)) for key in root if key != "/Metadata"}


def _text(value: generic.PdfObject) -> str:
    if isinstance(value, generic.TextStringObject | generic.ByteStringObject):
        return str(value.original_bytes.hex())  # byte-exact: two spellings differ too
    return repr(value)
