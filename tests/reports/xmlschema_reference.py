"""The XML compte rendu as edi-flux wrote it before it rendered it with lxml: xmlschema's
encoder against ``schemas/compte-rendu.xsd``, strict, so it refuses a non-conforming one.

Kept here, in the tests, as the reference the lxml renderer must match (consumers must
see no change) and as an independent conformance check; the package no longer imports
xmlschema. ``bench/compte_rendu.py`` times it against ``compte_rendu.to_xml``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import xmlschema
from lxml import etree

from edi.reports import compte_rendu as cr


@cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(cr.schema_path(cr.XSD_NAME)))


def to_xml(report: dict) -> bytes:
    """The XML CR of ``report`` encoded by xmlschema; raises if it would not conform."""
    element = schema().encode(xml_shape(report), namespaces={"": cr.NAMESPACE},
                              etree_element_class=etree.Element)
    return etree.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"


def xml_shape(record: dict[str, Any]) -> dict[str, Any]:
    """A report record as xmlschema's default converter reads it: scalars become
    attributes ('@name'), a finding's message the element's text ('$'), sub-records child
    elements, lists wrappers with one child per item; nulls are dropped (absent)."""
    out: dict[str, Any] = {}
    for key, item in record.items():
        if item is None:
            continue
        if isinstance(item, list):
            out[key] = {cr._ITEM[key]: [xml_shape(i) for i in item]} if item else {}
        elif isinstance(item, dict):
            out[key] = xml_shape(item)
        elif key == cr._TEXT:
            out["$"] = item
        else:
            out["@" + key] = item
    return out
