"""The Directory Service's searches over the Chorus Pro directory we hold (a real
``edi flow-service``): SIREN, SIRET and routing-code searches with their filters, sorting,
fields, include and paging, each answer valid against the official description; what the
export does not hold answered 501, and directory lines too."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.flowservice.conftest import Instance
from tests.flowservice.test_directory import SIRET, _valid, served  # noqa: F401

JSON = {"Content-Type": "application/json"}


def search(inst: Instance, what: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    answer = inst.client().call("POST", f"/directory-service/v1/{what}/search",
                                json.dumps(body).encode(), JSON)
    return answer.status, answer.json()


@pytest.mark.shared
def test_siret_search_filters_sorts_and_pages(served: Instance) -> None:  # noqa: F811
    body = {"filters": {"postalCode": {"op": "startWith", "value": "93"},
                        "name": {"op": "contains", "value": "noisy-le"},
                        "administrativeStatus": {"op": "strict", "value": "A"}},
            "sorting": [{"field": "siret", "order": "descending"}], "limit": 5}
    status, page = search(served, "siret", body)
    assert status == 200, page
    _valid(page, "siretSearchPost200Response")
    assert page["search"] == body and page["totalNumberOfResults"] > 5
    sirets = [r["siret"] for r in page["results"]]
    assert len(sirets) == 5 and sirets == sorted(sirets, reverse=True)
    for r in page["results"]:
        assert r["address"]["postalCode"].startswith("93")
        assert "NOISY-LE" in r["name"].upper() and r["administrativeStatus"] == "A"
    status, rest = search(served, "siret", {**body, "ignore": 5, "limit": 1000})
    assert status == 200
    assert len(rest["results"]) == page["totalNumberOfResults"] - 5
    assert not set(sirets) & {r["siret"] for r in rest["results"]}

    status, one = search(served, "siret", {"filters": {"siret": {"op": "strict",
                                                                 "value": SIRET}},
                                           "fields": ["siret", "name", "pmStatus"],
                                           "include": ["siren"]})
    assert status == 200 and one["totalNumberOfResults"] == 1
    _valid(one, "siretSearchPost200Response")
    assert one["results"] == [{"siret": SIRET, "name": "DIRECTION REGIONALE DE NOISY-LE-GRAND 1",
                               "b2gAdditionalData": {"pm": False},
                               "legalUnit": {"siren": SIRET[:9], "businessName":
                                             "DIRECTION REGIONALE DE NOISY-LE-GRAND 1",
                                             "entityType": "Public",
                                             "administrativeStatus": "A"}}]


@pytest.mark.shared
def test_siren_search_knows_every_structure_is_public(served: Instance) -> None:  # noqa: F811
    status, unit = search(served, "siren", {"filters": {"siren": {"op": "strict",
                                                                  "value": SIRET[:9]}}})
    assert status == 200 and unit["totalNumberOfResults"] == 1
    _valid(unit, "sirenSearchPost200Response")
    assert unit["results"][0]["siren"] == SIRET[:9]
    status, every = search(served, "siren", {"limit": 1})
    public = search(served, "siren", {"filters": {"entityType": {
        "op": "strict", "value": "Public"}}, "limit": 1})[1]
    private = search(served, "siren", {"filters": {"entityType": {
        "op": "strict", "value": "PrivateVatRegistered"}}})[1]
    assert every["totalNumberOfResults"] == public["totalNumberOfResults"] > 1
    assert (private["totalNumberOfResults"], private["results"]) == (0, [])
    status, communes = search(served, "siren", {
        "filters": {"businessName": {"op": "startWith", "value": "commune de"}},
        "sorting": [{"field": "businessName", "order": "ascending"}], "limit": 20})
    names = [r["businessName"] for r in communes["results"]]
    assert status == 200 and names and names == sorted(names)
    assert all(n.startswith("COMMUNE DE") for n in names)


@pytest.mark.shared
def test_routing_code_search_includes_the_facility(served: Instance) -> None:  # noqa: F811
    status, found = search(served, "routing-code", {
        "filters": {"siret": {"op": "strict", "value": SIRET},
                    "routingIdentifier": {"op": "contains", "value": "SVC0001"}},
        "include": ["siren", "siret"]})
    assert status == 200, found
    _valid(found, "routingCodeSearchPost200Response")
    codes = {r["routingIdentifier"]: r for r in found["results"]}
    assert "SVC00010" in codes and found["totalNumberOfResults"] == len(codes)
    assert codes["SVC00010"]["routingCodeName"] == "SERVICE 0 NOISY-LE-GRAND"
    assert codes["SVC00010"]["facility"]["siret"] == SIRET
    assert codes["SVC00010"]["legalUnit"]["siren"] == SIRET[:9]


@pytest.mark.shared
def test_what_the_directory_does_not_hold_is_said(served: Instance) -> None:  # noqa: F811
    status, body = search(served, "siret", {"filters": {"facilityType": {
        "op": "strict", "value": "P"}}})
    assert status == 501 and "main one (P) or secondary (S)" in body["errorMessage"]
    status, body = search(served, "siret", {"filters": {"name": {"op": "equals",
                                                                 "value": "X"}}})
    assert status == 400 and "contains, strict, startWith" in body["errorMessage"]
    assert search(served, "siren", {"limit": 0})[0] == 400
    assert served.client().call("POST", "/directory-service/v1/siret/search", b"{not json",
                                JSON).status == 400
    status, body = search(served, "directory-line", {})
    assert status == 501 and "no directory lines" in body["errorMessage"]
    assert served.client(token="wrong").call(
        "POST", "/directory-service/v1/siren/search", b"{}", JSON).status == 401
