"""EN16931-CII 1.3.16, compiled from edi-flux edi/validators/artefacts/EN16931-CII-validation.xslt (sha256 0b234dea2bbfee739b7761e607a992c17fab88773014ef56355b6158cfb1cc53) by edi/validators/native/compiler.py: generated, never edit by hand."""
import re
from lxml import etree

from edi.validators.native import runtime as R

# ruff: noqa

NS = {'svrl': 'http://purl.oclc.org/dsdl/svrl', 'ccts': 'urn:un:unece:uncefact:documentation:standard:CoreComponentsTechnicalSpecification:2', 'iso': 'http://purl.oclc.org/dsdl/schematron', 'qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100', 'ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100', 'rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100', 'saxon': 'http://saxon.sf.net/', 'schold': 'http://www.ascc.net/xml/schematron', 'udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100', 'xhtml': 'http://www.w3.org/1999/xhtml', 'xs': 'http://www.w3.org/2001/XMLSchema', 'xsd': 'http://www.w3.org/2001/XMLSchema', 'xsl': 'http://www.w3.org/1999/XSL/Transform'}

X0 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:ClassCode/attribute::listID) > 1)))), substring('0000', 1, 4 * number(not(((normalize-space(child::ram:ClassCode/attribute::listID) != '') or not(child::ram:ClassCode))))), '')", namespaces=NS, smart_strings=False)
X1 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:IssuerAssignedID) > 1)))), substring('0000', 1, 4 * number(not((normalize-space(child::ram:IssuerAssignedID) != '')))), '')", namespaces=NS, smart_strings=False)
X2 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:ID) > 1)))), substring('0000', 1, 4 * number(not((string-length(normalize-space(child::ram:ID)) <= 10)))), '')", namespaces=NS, smart_strings=False)
X3 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:IBANID) > 1) or (count(child::ram:ProprietaryID) > 1)))), substring('0000', 1, 4 * number(not(((normalize-space(child::ram:IBANID) != '') or (normalize-space(child::ram:ProprietaryID) != ''))))), substring('0001', 1, 4 * number(not(((child::ram:IBANID) or (child::ram:ProprietaryID))))))", namespaces=NS, smart_strings=False)
X4 = etree.XPath("self::ram:PayeePartyCreditorFinancialAccount[parent::ram:SpecifiedTradeSettlementPaymentMeans[((child::ram:TypeCode = '30') or (child::ram:TypeCode = '58'))]]", namespaces=NS, smart_strings=False)
X5 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:ShipToTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) > 1)))), substring('0000', 1, 4 * number(not((((child::ram:ShipToTradeParty/child::ram:PostalTradeAddress and (normalize-space(child::ram:ShipToTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) != ''))) or not(child::ram:ShipToTradeParty/child::ram:PostalTradeAddress))))), '')", namespaces=NS, smart_strings=False)
X6 = etree.XPath('self::ram:ApplicableHeaderTradeDelivery[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X7 = etree.XPath('(parent::node()/child::ram:ActualAmount)', namespaces=NS, smart_strings=False)
X8 = etree.XPath("(parent::node()/child::ram:CategoryTradeTax[(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')]/child::ram:CategoryCode)", namespaces=NS, smart_strings=False)
X9 = etree.XPath("boolean((parent::node()/child::ram:CategoryTradeTax[(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X10 = etree.XPath("concat(substring('0002', 1, 4 * number(not(((parent::node()/child::ram:Reason) or (parent::node()/child::ram:ReasonCode))))), substring('0003', 1, 4 * number(not(true()))), substring('0004', 1, 4 * number(not(((parent::node()/child::ram:Reason) or (parent::node()/child::ram:ReasonCode))))), substring('G', 1, number(boolean((count(parent::node()/child::ram:ActualAmount[1]) > 1)))), substring('0005', 1, 4 * number(not((string-length(substring-after(parent::node()/child::ram:ActualAmount[1], '.')) <= 2)))), substring('G', 1, number(boolean((count(parent::node()/child::ram:BasisAmount) > 1)))), substring('0006', 1, 4 * number(not((string-length(substring-after(parent::node()/child::ram:BasisAmount, '.')) <= 2)))))", namespaces=NS, smart_strings=False)
X11 = etree.XPath("self::ram:ChargeIndicator[(child::udt:Indicator = 'false')][parent::ram:SpecifiedTradeAllowanceCharge[parent::ram:ApplicableHeaderTradeSettlement]]", namespaces=NS, smart_strings=False)
X12 = etree.XPath("self::ram:ChargeIndicator[(child::udt:Indicator = 'true')][parent::ram:SpecifiedTradeAllowanceCharge[parent::ram:ApplicableHeaderTradeSettlement]]", namespaces=NS, smart_strings=False)
X13 = etree.XPath('(child::ram:LineTotalAmount)', namespaces=NS, smart_strings=False)
X14 = etree.XPath('(child::ram:TaxBasisTotalAmount)', namespaces=NS, smart_strings=False)
X15 = etree.XPath('(child::ram:GrandTotalAmount)', namespaces=NS, smart_strings=False)
X16 = etree.XPath('(child::ram:DuePayableAmount)', namespaces=NS, smart_strings=False)
X17 = etree.XPath('child::ram:LineTotalAmount', namespaces=NS, smart_strings=False)
X18 = etree.XPath('parent::node()/parent::node()/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:LineTotalAmount', namespaces=NS, smart_strings=False)
X19 = etree.XPath('100', namespaces=NS, smart_strings=False)
X20 = etree.XPath("((not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]) and not(child::ram:AllowanceTotalAmount)))", namespaces=NS, smart_strings=False)
X21 = etree.XPath("boolean((/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]))", namespaces=NS, smart_strings=False)
X22 = etree.XPath('child::ram:AllowanceTotalAmount', namespaces=NS, smart_strings=False)
X23 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:ActualAmount[1]", namespaces=NS, smart_strings=False)
X24 = etree.XPath('10', namespaces=NS, smart_strings=False)
X25 = etree.XPath("((not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]) and not(child::ram:ChargeTotalAmount)))", namespaces=NS, smart_strings=False)
X26 = etree.XPath('child::ram:ChargeTotalAmount', namespaces=NS, smart_strings=False)
X27 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:ActualAmount[1]", namespaces=NS, smart_strings=False)
X28 = etree.XPath('child::ram:TaxBasisTotalAmount[1]', namespaces=NS, smart_strings=False)
X29 = etree.XPath('child::ram:LineTotalAmount[1]', namespaces=NS, smart_strings=False)
X30 = etree.XPath('child::ram:AllowanceTotalAmount[1]', namespaces=NS, smart_strings=False)
X31 = etree.XPath('child::ram:ChargeTotalAmount[1]', namespaces=NS, smart_strings=False)
X32 = etree.XPath('not(child::ram:ChargeTotalAmount)', namespaces=NS, smart_strings=False)
X33 = etree.XPath('not(child::ram:AllowanceTotalAmount)', namespaces=NS, smart_strings=False)
X34 = etree.XPath('child::ram:DuePayableAmount[1]', namespaces=NS, smart_strings=False)
X35 = etree.XPath('child::ram:GrandTotalAmount[1]', namespaces=NS, smart_strings=False)
X36 = etree.XPath('child::ram:TotalPrepaidAmount[1]', namespaces=NS, smart_strings=False)
X37 = etree.XPath('child::ram:RoundingAmount[1]', namespaces=NS, smart_strings=False)
X38 = etree.XPath('not(child::ram:TotalPrepaidAmount)', namespaces=NS, smart_strings=False)
X39 = etree.XPath('not(child::ram:RoundingAmount)', namespaces=NS, smart_strings=False)
X40 = etree.XPath('not(child::ram:TaxTotalAmount)', namespaces=NS, smart_strings=False)
X41 = etree.XPath('child::ram:TaxTotalAmount', namespaces=NS, smart_strings=False)
X42 = etree.XPath('(attribute::currencyID = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode)', namespaces=NS, smart_strings=False)
X43 = etree.XPath('not((attribute::currencyID = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode))', namespaces=NS, smart_strings=False)
X44 = etree.XPath('(attribute::currencyID = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode)', namespaces=NS, smart_strings=False)
X45 = etree.XPath('not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode)', namespaces=NS, smart_strings=False)
X46 = etree.XPath("concat(substring('0004', 1, 4 * number(not((not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode) or (((/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode and ((child::ram:TaxTotalAmount/attribute::currencyID = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode))) and not((/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:TaxCurrencyCode = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode)))))))), substring('G', 1, number(boolean((count(child::ram:LineTotalAmount) > 1)))), substring('0010', 1, 4 * number(not((string-length(substring-after(child::ram:LineTotalAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:AllowanceTotalAmount) > 1)))), substring('0011', 1, 4 * number(not((string-length(substring-after(child::ram:AllowanceTotalAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:ChargeTotalAmount) > 1)))), substring('0012', 1, 4 * number(not((string-length(substring-after(child::ram:ChargeTotalAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:TaxBasisTotalAmount) > 1)))), substring('0013', 1, 4 * number(not((string-length(substring-after(child::ram:TaxBasisTotalAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:GrandTotalAmount) > 1)))), substring('0014', 1, 4 * number(not((string-length(substring-after(child::ram:GrandTotalAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:TotalPrepaidAmount) > 1)))), substring('0017', 1, 4 * number(not((string-length(substring-after(child::ram:TotalPrepaidAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:RoundingAmount) > 1)))), substring('0018', 1, 4 * number(not((string-length(substring-after(child::ram:RoundingAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:DuePayableAmount) > 1)))), substring('0019', 1, 4 * number(not((string-length(substring-after(child::ram:DuePayableAmount, '.')) <= 2)))))", namespaces=NS, smart_strings=False)
X47 = etree.XPath('child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:PostalTradeAddress', namespaces=NS, smart_strings=False)
X48 = etree.XPath('child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:PostalTradeAddress', namespaces=NS, smart_strings=False)
X49 = etree.XPath('/descendant-or-self::node()/child::ram:IncludedSupplyChainTradeLineItem', namespaces=NS, smart_strings=False)
X50 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode', namespaces=NS, smart_strings=False)
X51 = etree.XPath('(count(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeSettlementHeaderMonetarySummation/child::ram:TaxTotalAmount[(attribute::currencyID = $v_Currency)]) = 1)', namespaces=NS, smart_strings=False)
X52 = etree.XPath('(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeSettlementHeaderMonetarySummation/child::ram:GrandTotalAmount)[1]', namespaces=NS, smart_strings=False)
X53 = etree.XPath('(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeSettlementHeaderMonetarySummation/child::ram:TaxBasisTotalAmount)[1]', namespaces=NS, smart_strings=False)
X54 = etree.XPath('(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeSettlementHeaderMonetarySummation/child::ram:TaxTotalAmount[(attribute::currencyID = $v_Currency)])[1]', namespaces=NS, smart_strings=False)
X55 = etree.XPath("count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'S')])", namespaces=NS, smart_strings=False)
X56 = etree.XPath("count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'S')])", namespaces=NS, smart_strings=False)
X57 = etree.XPath('2', namespaces=NS, smart_strings=False)
X58 = etree.XPath("not(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'S')])", namespaces=NS, smart_strings=False)
X59 = etree.XPath("count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')])", namespaces=NS, smart_strings=False)
X60 = etree.XPath("not(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')])", namespaces=NS, smart_strings=False)
X61 = etree.XPath("count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')])", namespaces=NS, smart_strings=False)
X62 = etree.XPath("count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')])", namespaces=NS, smart_strings=False)
X63 = etree.XPath("not(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')])", namespaces=NS, smart_strings=False)
X64 = etree.XPath("count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')])", namespaces=NS, smart_strings=False)
X65 = etree.XPath("not(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')])", namespaces=NS, smart_strings=False)
X66 = etree.XPath("count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')])", namespaces=NS, smart_strings=False)
X67 = etree.XPath("count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')])", namespaces=NS, smart_strings=False)
X68 = etree.XPath("not(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')])", namespaces=NS, smart_strings=False)
X69 = etree.XPath("count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')])", namespaces=NS, smart_strings=False)
X70 = etree.XPath("not(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')])", namespaces=NS, smart_strings=False)
X71 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::rsm:ExchangedDocumentContext/child::ram:GuidelineSpecifiedDocumentContextParameter/child::ram:ID) > 1)))), substring('0000', 1, 4 * number(not((normalize-space(child::rsm:ExchangedDocumentContext/child::ram:GuidelineSpecifiedDocumentContextParameter/child::ram:ID) != '')))), substring('G', 1, number(boolean((count(child::rsm:ExchangedDocument/child::ram:ID) > 1)))), substring('0001', 1, 4 * number(not((normalize-space(child::rsm:ExchangedDocument/child::ram:ID) != '')))), substring('G', 1, number(boolean((count(child::rsm:ExchangedDocument/child::ram:IssueDateTime/child::udt:DateTimeString[(attribute::format = '102')]) > 1)))), substring('0002', 1, 4 * number(not((normalize-space(child::rsm:ExchangedDocument/child::ram:IssueDateTime/child::udt:DateTimeString[(attribute::format = '102')]) != '')))), substring('G', 1, number(boolean((count(child::rsm:ExchangedDocument/child::ram:TypeCode) > 1)))), substring('0003', 1, 4 * number(not((normalize-space(child::rsm:ExchangedDocument/child::ram:TypeCode) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode) > 1)))), substring('0004', 1, 4 * number(not((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:Name) > 1)))), substring('0005', 1, 4 * number(not((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:Name) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:Name) > 1)))), substring('0006', 1, 4 * number(not((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:Name) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) > 1)))), substring('0008', 1, 4 * number(not((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) > 1)))), substring('0010', 1, 4 * number(not((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID) != '')))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:URIUniversalCommunication[1]/child::ram:URIID/attribute::schemeID) > 1)))), substring('0012', 1, 4 * number(not(((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:URIUniversalCommunication[1]/child::ram:URIID/attribute::schemeID) != '') or not(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:URIUniversalCommunication))))), substring('G', 1, number(boolean((count(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication[1]/child::ram:URIID/attribute::schemeID) > 1)))), substring('0013', 1, 4 * number(not(((normalize-space(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication[1]/child::ram:URIID/attribute::schemeID) != '') or not(child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication))))), substring('0016', 1, 4 * number(not((((((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')]) = 0) and (count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')]) = 0)) and (count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')]) = 0))) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')]))))))))), substring('0017', 1, 4 * number(not((((((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')]) = 0) and (count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')]) = 0)) and (count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')]) = 0))) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')]))))))))), substring('0018', 1, 4 * number(not((((((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')]) = 0) and (count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')]) = 0)) and (count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')]) = 0))) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')]))))))))), substring('0019', 1, 4 * number(not((((((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')]) = 0) and (count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')]) = 0)) and (count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')]) = 0))) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')]))))))))), substring('0020', 1, 4 * number(not((((((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')]) = 0) and (count(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')]) = 0)) and (count(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')]) = 0))) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')]))))))))), substring('0021', 1, 4 * number(not((not(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')]) or (((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')]) = 1) and ((boolean(/descendant-or-self::node()/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')]) or boolean(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'O')]))))))))), substring('0024', 1, 4 * number(not((((not((/descendant-or-self::node()/child::ram:CountryID != 'IT')) and (/descendant-or-self::node()/child::ram:CategoryCode = 'B'))) or (not((/descendant-or-self::node()/child::ram:CategoryCode = 'B'))))))), substring('0025', 1, 4 * number(not(((((/descendant-or-self::node()/child::ram:CategoryCode = 'B') and (not((/descendant-or-self::node()/child::ram:CategoryCode = 'S'))))) or (not((/descendant-or-self::node()/child::ram:CategoryCode = 'B'))))))))", namespaces=NS, smart_strings=False)
X72 = etree.XPath('self::rsm:CrossIndustryInvoice[not(parent::*)]', namespaces=NS, smart_strings=False)
X73 = etree.XPath('(child::ram:SpecifiedLineTradeDelivery/child::ram:BilledQuantity)', namespaces=NS, smart_strings=False)
X74 = etree.XPath('(child::ram:SpecifiedLineTradeDelivery/child::ram:BilledQuantity/attribute::unitCode)', namespaces=NS, smart_strings=False)
X75 = etree.XPath('(child::ram:SpecifiedLineTradeSettlement/child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:LineTotalAmount)', namespaces=NS, smart_strings=False)
X76 = etree.XPath('(child::ram:SpecifiedLineTradeAgreement/child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount)', namespaces=NS, smart_strings=False)
X77 = etree.XPath("(child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')]/child::ram:CategoryCode)", namespaces=NS, smart_strings=False)
X78 = etree.XPath("boolean((child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X79 = etree.XPath('/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax', namespaces=NS, smart_strings=False)
X80 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:AssociatedDocumentLineDocument/child::ram:LineID) > 1)))), substring('0000', 1, 4 * number(not((normalize-space(child::ram:AssociatedDocumentLineDocument/child::ram:LineID) != '')))), substring('G', 1, number(boolean((count(child::ram:SpecifiedTradeProduct/child::ram:Name) > 1)))), substring('0004', 1, 4 * number(not((normalize-space(child::ram:SpecifiedTradeProduct/child::ram:Name) != '')))), substring('G', 1, number(boolean(((child::ram:SpecifiedLineTradeAgreement/child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount)[string(number(.)) = 'NaN']) or ((child::ram:SpecifiedLineTradeAgreement/child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount)[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0006', 1, 4 * number(not(((child::ram:SpecifiedLineTradeAgreement/child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount) >= 0)))), substring('G', 1, number(boolean((child::ram:SpecifiedLineTradeAgreement/child::ram:GrossPriceProductTradePrice/child::ram:ChargeAmount[string(number(.)) = 'NaN']) or (child::ram:SpecifiedLineTradeAgreement/child::ram:GrossPriceProductTradePrice/child::ram:ChargeAmount[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0007', 1, 4 * number(not((((child::ram:SpecifiedLineTradeAgreement/child::ram:GrossPriceProductTradePrice/child::ram:ChargeAmount >= 0)) or not(child::ram:SpecifiedLineTradeAgreement/child::ram:GrossPriceProductTradePrice/child::ram:ChargeAmount))))), substring('G', 1, number(boolean((count(child::ram:SpecifiedTradeProduct/child::ram:GlobalID/attribute::schemeID) > 1)))), substring('0008', 1, 4 * number(not(((normalize-space(child::ram:SpecifiedTradeProduct/child::ram:GlobalID/attribute::schemeID) != '') or not(child::ram:SpecifiedTradeProduct/child::ram:GlobalID))))), substring('G', 1, number(boolean((count(child::ram:SpecifiedLineTradeSettlement/child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:LineTotalAmount) > 1)))), substring('0011', 1, 4 * number(not((string-length(substring-after(child::ram:SpecifiedLineTradeSettlement/child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:LineTotalAmount, '.')) <= 2)))))", namespaces=NS, smart_strings=False)
X81 = etree.XPath("concat(substring('0001', 1, 4 * number(not(((parent::node()/child::ram:Reason) or (parent::node()/child::ram:ReasonCode))))), substring('0002', 1, 4 * number(not(true()))), substring('0003', 1, 4 * number(not(((parent::node()/child::ram:Reason) or (parent::node()/child::ram:ReasonCode))))), substring('G', 1, number(boolean((count(parent::node()/child::ram:ActualAmount[1]) > 1)))), substring('0004', 1, 4 * number(not((string-length(substring-after(parent::node()/child::ram:ActualAmount[1], '.')) <= 2)))), substring('G', 1, number(boolean((count(parent::node()/child::ram:BasisAmount) > 1)))), substring('0005', 1, 4 * number(not((string-length(substring-after(parent::node()/child::ram:BasisAmount, '.')) <= 2)))))", namespaces=NS, smart_strings=False)
X82 = etree.XPath("self::ram:ChargeIndicator[(child::udt:Indicator = 'false')][parent::ram:SpecifiedTradeAllowanceCharge[parent::ram:SpecifiedLineTradeSettlement]]", namespaces=NS, smart_strings=False)
X83 = etree.XPath("self::ram:ChargeIndicator[(child::udt:Indicator = 'true')][parent::ram:SpecifiedTradeAllowanceCharge[parent::ram:SpecifiedLineTradeSettlement]]", namespaces=NS, smart_strings=False)
X84 = etree.XPath("(child::ram:EndDateTime/child::udt:DateTimeString[(attribute::format = '102')])", namespaces=NS, smart_strings=False)
X85 = etree.XPath("(child::ram:StartDateTime/child::udt:DateTimeString[(attribute::format = '102')])", namespaces=NS, smart_strings=False)
X86 = etree.XPath('not(child::ram:EndDateTime)', namespaces=NS, smart_strings=False)
X87 = etree.XPath('not(child::ram:StartDateTime)', namespaces=NS, smart_strings=False)
X88 = etree.XPath("concat(substring('0001', 1, 4 * number(not(((child::ram:StartDateTime) or (child::ram:EndDateTime))))), '')", namespaces=NS, smart_strings=False)
X89 = etree.XPath('self::ram:BillingSpecifiedPeriod[parent::ram:SpecifiedLineTradeSettlement]', namespaces=NS, smart_strings=False)
X90 = etree.XPath('self::ram:BillingSpecifiedPeriod[parent::ram:ApplicableHeaderTradeSettlement]', namespaces=NS, smart_strings=False)
X91 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((child::ram:Description) and (child::ram:Value))))), '')", namespaces=NS, smart_strings=False)
X92 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((child::ram:Name) and (((not((child::ram:Name = parent::node()/parent::node()/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:Name)) and not((child::ram:ID = parent::node()/parent::node()/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:ID))) and not((child::ram:SpecifiedLegalOrganization/child::ram:ID = parent::node()/parent::node()/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:ID)))))))), '')", namespaces=NS, smart_strings=False)
X93 = etree.XPath('(child::ram:TypeCode)', namespaces=NS, smart_strings=False)
X94 = etree.XPath('self::ram:InvoiceReferencedDocument[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X95 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((((child::ram:ID) or (child::ram:GlobalID)) or (child::ram:SpecifiedLegalOrganization/child::ram:ID)) or (child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]))))), '')", namespaces=NS, smart_strings=False)
X96 = etree.XPath('(child::ram:PostalTradeAddress)', namespaces=NS, smart_strings=False)
X97 = etree.XPath("concat(substring('G', 1, number(boolean((count(child::ram:Name) > 1)))), substring('0000', 1, 4 * number(not((normalize-space(child::ram:Name) != '')))), substring('G', 1, number(boolean((count(child::ram:PostalTradeAddress/child::ram:CountryID) > 1)))), substring('0002', 1, 4 * number(not((normalize-space(child::ram:PostalTradeAddress/child::ram:CountryID) != '')))), substring('G', 1, number(boolean((count(child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]) > 1)))), substring('0003', 1, 4 * number(not((normalize-space(child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]) != '')))))", namespaces=NS, smart_strings=False)
X98 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax/child::ram:CalculatedAmount', namespaces=NS, smart_strings=False)
X99 = etree.XPath('self::ram:TaxTotalAmount[(attribute::currencyID = /child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:InvoiceCurrencyCode)][parent::ram:SpecifiedTradeSettlementHeaderMonetarySummation]', namespaces=NS, smart_strings=False)
X100 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1)))), substring('0000', 1, 4 * number(not(contains(' 1A AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW ', concat(' ', substring(., 1, 2), ' '))))), '')", namespaces=NS, smart_strings=False)
X101 = etree.XPath("self::ram:ID[(attribute::schemeID = 'VA')][parent::ram:SpecifiedTaxRegistration]", namespaces=NS, smart_strings=False)
X102 = etree.XPath('parent::node()/child::ram:BasisAmount', namespaces=NS, smart_strings=False)
X103 = etree.XPath('1', namespaces=NS, smart_strings=False)
X104 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'AE')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X105 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'AE'))]", namespaces=NS, smart_strings=False)
X106 = etree.XPath('child::ram:ActualAmount[1]', namespaces=NS, smart_strings=False)
X107 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'AE'))]", namespaces=NS, smart_strings=False)
X108 = etree.XPath("concat(substring('G', 1, number(boolean((parent::node()/child::ram:CalculatedAmount[string(number(.)) = 'NaN']) or (parent::node()/child::ram:CalculatedAmount[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((parent::node()/child::ram:CalculatedAmount = 0)))), substring('0002', 1, 4 * number(not(((parent::node()/child::ram:ExemptionReason) or (parent::node()/child::ram:ExemptionReasonCode))))))", namespaces=NS, smart_strings=False)
X109 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax/child::ram:CategoryCode[(. = 'AE')][(count(parent::node()/child::ram:TypeCode) > 1) or (translate(parent::node()/child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X110 = etree.XPath("self::ram:CategoryCode[(. = 'AE')][(translate(parent::node()/child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X111 = etree.XPath('/descendant-or-self::node()/child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration', namespaces=NS, smart_strings=False)
X112 = etree.XPath('child::ram:ID', namespaces=NS, smart_strings=False)
X113 = etree.XPath('attribute::schemeID', namespaces=NS, smart_strings=False)
X114 = etree.XPath("'VA'", namespaces=NS, smart_strings=False)
X115 = etree.XPath("'FC'", namespaces=NS, smart_strings=False)
X116 = etree.XPath("/descendant-or-self::node()/child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]", namespaces=NS, smart_strings=False)
X117 = etree.XPath("((/descendant-or-self::node()/child::ram:BuyerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')] or /descendant-or-self::node()/child::ram:BuyerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:ID))", namespaces=NS, smart_strings=False)
X118 = etree.XPath("concat(substring('G', 1, number(boolean((child::ram:RateApplicablePercent[string(number(.)) = 'NaN']) or (child::ram:RateApplicablePercent[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:RateApplicablePercent = 0)))), '')", namespaces=NS, smart_strings=False)
X119 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X120 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X121 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X122 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'AE')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X123 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X124 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'AE')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X125 = etree.XPath('parent::node()/child::ram:RateApplicablePercent', namespaces=NS, smart_strings=False)
X126 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem', namespaces=NS, smart_strings=False)
X127 = etree.XPath('child::ram:SpecifiedLineTradeSettlement', namespaces=NS, smart_strings=False)
X128 = etree.XPath("(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'L')", namespaces=NS, smart_strings=False)
X129 = etree.XPath('child::ram:ApplicableTradeTax', namespaces=NS, smart_strings=False)
X130 = etree.XPath('child::ram:RateApplicablePercent', namespaces=NS, smart_strings=False)
X131 = etree.XPath('child::ram:SpecifiedTradeSettlementLineMonetarySummation', namespaces=NS, smart_strings=False)
X132 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement', namespaces=NS, smart_strings=False)
X133 = etree.XPath('child::ram:SpecifiedTradeAllowanceCharge', namespaces=NS, smart_strings=False)
X134 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'L'))", namespaces=NS, smart_strings=False)
X135 = etree.XPath("boolean((child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')]))", namespaces=NS, smart_strings=False)
X136 = etree.XPath('child::ram:CategoryTradeTax', namespaces=NS, smart_strings=False)
X137 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'L'))", namespaces=NS, smart_strings=False)
X138 = etree.XPath("concat(substring('0001', 1, 4 * number(not(true()))), substring('0002', 1, 4 * number(not((not(child::ram:ExemptionReason) and not(child::ram:ExemptionReasonCode))))))", namespaces=NS, smart_strings=False)
X139 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X140 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]", namespaces=NS, smart_strings=False)
X141 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration', namespaces=NS, smart_strings=False)
X142 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]", namespaces=NS, smart_strings=False)
X143 = etree.XPath("concat(substring('G', 1, number(boolean((child::ram:RateApplicablePercent[string(number(.)) = 'NaN']) or (child::ram:RateApplicablePercent[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:RateApplicablePercent > 0)))), '')", namespaces=NS, smart_strings=False)
X144 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X145 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'L')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X146 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X147 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X148 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X149 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'L')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X150 = etree.XPath("(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'M')", namespaces=NS, smart_strings=False)
X151 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'M'))", namespaces=NS, smart_strings=False)
X152 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'M'))", namespaces=NS, smart_strings=False)
X153 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X154 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]", namespaces=NS, smart_strings=False)
X155 = etree.XPath("concat(substring('G', 1, number(boolean((child::ram:RateApplicablePercent[string(number(.)) = 'NaN']) or (child::ram:RateApplicablePercent[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:RateApplicablePercent >= 0)))), '')", namespaces=NS, smart_strings=False)
X156 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X157 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'M')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X158 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X159 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X160 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X161 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'M')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X162 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'E')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X163 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'E'))]", namespaces=NS, smart_strings=False)
X164 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'E'))]", namespaces=NS, smart_strings=False)
X165 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax/child::ram:CategoryCode[(. = 'E')][(count(parent::node()/child::ram:TypeCode) > 1) or (translate(parent::node()/child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X166 = etree.XPath("self::ram:CategoryCode[(. = 'E')][(translate(parent::node()/child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X167 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X168 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X169 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X170 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'E')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X171 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X172 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'E')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X173 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'G')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X174 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'G'))]", namespaces=NS, smart_strings=False)
X175 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'G'))]", namespaces=NS, smart_strings=False)
X176 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax/child::ram:CategoryCode[(. = 'G')][(count(parent::node()/child::ram:TypeCode) > 1) or (translate(parent::node()/child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X177 = etree.XPath("self::ram:CategoryCode[(. = 'G')][(translate(parent::node()/child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X178 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((/descendant-or-self::node()/child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')] or /descendant-or-self::node()/child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]))))), substring('G', 1, number(boolean((child::ram:RateApplicablePercent[string(number(.)) = 'NaN']) or (child::ram:RateApplicablePercent[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:RateApplicablePercent = 0)))))", namespaces=NS, smart_strings=False)
X179 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X180 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X181 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X182 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'G')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X183 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X184 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'G')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X185 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'K')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X186 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'K'))]", namespaces=NS, smart_strings=False)
X187 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:SpecifiedTradeAllowanceCharge[(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'K'))]", namespaces=NS, smart_strings=False)
X188 = etree.XPath('/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeDelivery/child::ram:ShipToTradeParty/child::ram:PostalTradeAddress/child::ram:CountryID', namespaces=NS, smart_strings=False)
X189 = etree.XPath("concat(substring('G', 1, number(boolean((parent::node()/child::ram:CalculatedAmount[string(number(.)) = 'NaN']) or (parent::node()/child::ram:CalculatedAmount[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((parent::node()/child::ram:CalculatedAmount = 0)))), substring('0002', 1, 4 * number(not(((parent::node()/child::ram:ExemptionReason) or (parent::node()/child::ram:ExemptionReasonCode))))), substring('0003', 1, 4 * number(not((((/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeDelivery/child::ram:ActualDeliverySupplyChainEvent/child::ram:OccurrenceDateTime/child::udt:DateTimeString) or (parent::node()/parent::node()/child::ram:BillingSpecifiedPeriod/child::ram:StartDateTime)) or (parent::node()/parent::node()/child::ram:BillingSpecifiedPeriod/child::ram:EndDateTime))))))", namespaces=NS, smart_strings=False)
X190 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax/child::ram:CategoryCode[(. = 'K')][(count(parent::node()/child::ram:TypeCode) > 1) or (translate(parent::node()/child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X191 = etree.XPath("self::ram:CategoryCode[(. = 'K')][(translate(parent::node()/child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X192 = etree.XPath("concat(substring('0000', 1, 4 * number(not((((/descendant-or-self::node()/child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')] or /descendant-or-self::node()/child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')])) and /descendant-or-self::node()/child::ram:BuyerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')])))), substring('G', 1, number(boolean((child::ram:RateApplicablePercent[string(number(.)) = 'NaN']) or (child::ram:RateApplicablePercent[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:RateApplicablePercent = 0)))))", namespaces=NS, smart_strings=False)
X193 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X194 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X195 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X196 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'K')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X197 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X198 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'K')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X199 = etree.XPath('child::ram:BasisAmount', namespaces=NS, smart_strings=False)
X200 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'O')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X201 = etree.XPath('child::ram:ChargeIndicator/child::udt:Indicator', namespaces=NS, smart_strings=False)
X202 = etree.XPath('true()', namespaces=NS, smart_strings=False)
X203 = etree.XPath("(child::ram:CategoryTradeTax/child::ram:CategoryCode = 'O')", namespaces=NS, smart_strings=False)
X204 = etree.XPath('false()', namespaces=NS, smart_strings=False)
X205 = etree.XPath("concat(substring('G', 1, number(boolean((child::ram:CalculatedAmount[string(number(.)) = 'NaN']) or (child::ram:CalculatedAmount[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((child::ram:CalculatedAmount = 0)))), substring('0002', 1, 4 * number(not(((child::ram:ExemptionReason) or (child::ram:ExemptionReasonCode))))), substring('0003', 1, 4 * number(not(not(/descendant-or-self::node()/child::ram:ApplicableTradeTax[(child::ram:CategoryCode != 'O')])))), substring('0004', 1, 4 * number(not(not(/descendant-or-self::node()/child::ram:ApplicableTradeTax[(child::ram:CategoryCode != 'O')])))), substring('0005', 1, 4 * number(not(not(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode != 'O')])))), substring('0006', 1, 4 * number(not(not(/descendant-or-self::node()/child::ram:CategoryTradeTax[(child::ram:CategoryCode != 'O')])))))", namespaces=NS, smart_strings=False)
X206 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X207 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction]]", namespaces=NS, smart_strings=False)
X208 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]) and not(/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:ApplicableHeaderTradeAgreement/child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')])) and not(/descendant-or-self::node()/child::ram:BuyerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:ID[(attribute::schemeID = 'VA')]))))), substring('0001', 1, 4 * number(not(not(child::ram:RateApplicablePercent)))))", namespaces=NS, smart_strings=False)
X209 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'O')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X210 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'O')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X211 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'O')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X212 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'O')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X213 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X214 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'O')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X215 = etree.XPath("(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'S')", namespaces=NS, smart_strings=False)
X216 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'S'))", namespaces=NS, smart_strings=False)
X217 = etree.XPath("(boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0']) and (child::ram:CategoryTradeTax/child::ram:CategoryCode = 'S'))", namespaces=NS, smart_strings=False)
X218 = etree.XPath('parent::node()/child::ram:CalculatedAmount', namespaces=NS, smart_strings=False)
X219 = etree.XPath("concat(substring('0002', 1, 4 * number(not((not(parent::node()/child::ram:ExemptionReason) and not(parent::node()/child::ram:ExemptionReasonCode))))), '')", namespaces=NS, smart_strings=False)
X220 = etree.XPath("self::ram:CategoryCode[(. = 'S')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement]]", namespaces=NS, smart_strings=False)
X221 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'S')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X222 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'S')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X223 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X224 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X225 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X226 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'S')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X227 = etree.XPath("/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement[(child::ram:ApplicableTradeTax/child::ram:CategoryCode = 'Z')]/child::ram:SpecifiedTradeSettlementLineMonetarySummation", namespaces=NS, smart_strings=False)
X228 = etree.XPath("(child::ram:CategoryTradeTax/child::ram:CategoryCode = 'Z')", namespaces=NS, smart_strings=False)
X229 = etree.XPath("concat(substring('G', 1, number(boolean((parent::node()/child::ram:CalculatedAmount[string(number(.)) = 'NaN']) or (parent::node()/child::ram:CalculatedAmount[number(.) = 0 and starts-with(normalize-space(.), '-')])))), substring('0001', 1, 4 * number(not((parent::node()/child::ram:CalculatedAmount = 0)))), substring('0002', 1, 4 * number(not((not(parent::node()/child::ram:ExemptionReason) and not(parent::node()/child::ram:ExemptionReasonCode))))))", namespaces=NS, smart_strings=False)
X230 = etree.XPath("self::ram:CategoryCode[(. = 'Z')][parent::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement]]", namespaces=NS, smart_strings=False)
X231 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X232 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X233 = etree.XPath("boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]) or (/descendant-or-self::node()/child::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]/child::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X234 = etree.XPath("self::ram:CategoryTradeTax[(child::ram:CategoryCode = 'Z')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X235 = etree.XPath("boolean((/descendant-or-self::node()/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeSettlement/child::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')][(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X236 = etree.XPath("self::ram:ApplicableTradeTax[(child::ram:CategoryCode = 'Z')][(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')][parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction]]]", namespaces=NS, smart_strings=False)
X237 = etree.XPath('(child::ram:BasisAmount)', namespaces=NS, smart_strings=False)
X238 = etree.XPath('(child::ram:CalculatedAmount)', namespaces=NS, smart_strings=False)
X239 = etree.XPath("(self::node()[(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')]/child::ram:CategoryCode)", namespaces=NS, smart_strings=False)
X240 = etree.XPath("boolean((self::node()[(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]))", namespaces=NS, smart_strings=False)
X241 = etree.XPath("self::node()[(normalize-space(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')) = 'VAT')]", namespaces=NS, smart_strings=False)
X242 = etree.XPath('0', namespaces=NS, smart_strings=False)
X243 = etree.XPath('child::ram:CalculatedAmount', namespaces=NS, smart_strings=False)
X244 = etree.XPath("concat(substring('G', 1, number(boolean((self::node()[(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')]) or (self::node()[(count(child::ram:TypeCode) > 1) or (translate(child::ram:TypeCode, ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')])))), substring('0003', 1, 4 * number(not(((self::node()[(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')]/child::ram:RateApplicablePercent) or ((self::node()[(translate(child::ram:TypeCode, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') = 'VAT')]/child::ram:CategoryCode = 'O')))))), substring('0004', 1, 4 * number(not((((((/descendant-or-self::node()/child::ram:TaxPointDate) and not(/descendant-or-self::node()/child::ram:DueDateTypeCode))) or ((not(/descendant-or-self::node()/child::ram:TaxPointDate) and (/descendant-or-self::node()/child::ram:DueDateTypeCode)))) or ((not(/descendant-or-self::node()/child::ram:TaxPointDate) and not(/descendant-or-self::node()/child::ram:DueDateTypeCode))))))), substring('G', 1, number(boolean((count(child::ram:BasisAmount) > 1)))), substring('0006', 1, 4 * number(not((string-length(substring-after(child::ram:BasisAmount, '.')) <= 2)))), substring('G', 1, number(boolean((count(child::ram:CalculatedAmount) > 1)))), substring('0007', 1, 4 * number(not((string-length(substring-after(child::ram:CalculatedAmount, '.')) <= 2)))))", namespaces=NS, smart_strings=False)
X245 = etree.XPath('self::ram:ApplicableTradeTax[parent::ram:ApplicableHeaderTradeSettlement]', namespaces=NS, smart_strings=False)
X246 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:PayerSpecifiedDebtorFinancialInstitution)))), '')", namespaces=NS, smart_strings=False)
X247 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:SpecifiedTransactionID)))), substring('0001', 1, 4 * number(not(not(child::ram:TestIndicator)))), substring('0002', 1, 4 * number(not(((count(child::ram:BusinessProcessSpecifiedDocumentContextParameter) <= 1))))), substring('0003', 1, 4 * number(not(not(child::ram:BIMSpecifiedDocumentContextParameter)))), substring('0004', 1, 4 * number(not(not(child::ram:ScenarioSpecifiedDocumentContextParameter)))), substring('0005', 1, 4 * number(not(not(child::ram:ApplicationSpecifiedDocumentContextParameter)))), substring('0006', 1, 4 * number(not((count(child::ram:GuidelineSpecifiedDocumentContextParameter) = 1)))), substring('0007', 1, 4 * number(not((count(child::ram:GuidelineSpecifiedDocumentContextParameter/child::ram:ID) = 1)))), substring('0008', 1, 4 * number(not(not(child::ram:SubsetSpecifiedDocumentContextParameter)))), substring('0009', 1, 4 * number(not(not(child::ram:MessageStandardSpecifiedDocumentContextParameter)))))", namespaces=NS, smart_strings=False)
X248 = etree.XPath('self::rsm:ExchangedDocumentContext[parent::rsm:CrossIndustryInvoice[not(parent::*)]]', namespaces=NS, smart_strings=False)
X249 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:Name)))), substring('0001', 1, 4 * number(not((count(child::ram:TypeCode) = 1)))), substring('0002', 1, 4 * number(not(not(child::ram:IssueDateTime/child::udt:DateTime)))), substring('0003', 1, 4 * number(not(not(child::ram:CopyIndicator)))), substring('0004', 1, 4 * number(not(not(child::ram:Purpose)))), substring('0005', 1, 4 * number(not(not(child::ram:ControlRequirementIndicator)))), substring('0006', 1, 4 * number(not(not(child::ram:LanguageID)))), substring('0007', 1, 4 * number(not(not(child::ram:PurposeCode)))), substring('0008', 1, 4 * number(not(not(child::ram:RevisionDateTime)))), substring('0009', 1, 4 * number(not(not(child::ram:VersionID)))), substring('0010', 1, 4 * number(not(not(child::ram:GlobalID)))), substring('0011', 1, 4 * number(not(not(child::ram:RevisionID)))), substring('0012', 1, 4 * number(not(not(child::ram:PreviousRevisionID)))), substring('0013', 1, 4 * number(not(not(child::ram:CategoryCode)))), substring('0014', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:Subject)))), substring('0015', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:ContentCode)))), substring('0016', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:ID)))), substring('0017', 1, 4 * number(not(not(child::ram:EffectiveSpecifiedPeriod)))), substring('0018', 1, 4 * number(not(not(child::ram:IssuerTradeParty)))))", namespaces=NS, smart_strings=False)
X250 = etree.XPath('self::rsm:ExchangedDocument[parent::rsm:CrossIndustryInvoice[not(parent::*)]]', namespaces=NS, smart_strings=False)
X251 = etree.XPath("concat(substring('0000', 1, 4 * number(not((count(child::ram:Content) <= 1)))), '')", namespaces=NS, smart_strings=False)
X252 = etree.XPath('self::ram:IncludedNote[parent::rsm:ExchangedDocument[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X253 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:DescriptionCode)))), substring('0001', 1, 4 * number(not(not(child::ram:ParentLineID)))), substring('0002', 1, 4 * number(not(not(child::ram:LineStatusCode)))), substring('0003', 1, 4 * number(not(not(child::ram:LineStatusReasonCode)))), substring('0004', 1, 4 * number(not(not(child::ram:IncludedSubordinateTradeLineItem)))))", namespaces=NS, smart_strings=False)
X254 = etree.XPath('self::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X255 = etree.XPath("concat(substring('0000', 1, 4 * number(not((count(child::ram:IncludedNote) <= 1)))), substring('0001', 1, 4 * number(not((count(child::ram:IncludedNote/child::ram:Content) <= 1)))), substring('0002', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:SubjectCode)))), substring('0003', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:ID)))), substring('0004', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:Subject)))), substring('0005', 1, 4 * number(not(not(child::ram:IncludedNote/child::ram:ContentCode)))))", namespaces=NS, smart_strings=False)
X256 = etree.XPath('self::ram:AssociatedDocumentLineDocument[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X257 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:ID)))), substring('0001', 1, 4 * number(not((not(child::ram:GlobalID) or (child::ram:GlobalID/attribute::schemeID))))), substring('0002', 1, 4 * number(not(not(child::ram:ManufacturerAssignedID)))), substring('0003', 1, 4 * number(not(not(child::ram:TradeName)))), substring('0004', 1, 4 * number(not(not(child::ram:TypeCode)))), substring('0005', 1, 4 * number(not(not(child::ram:NetWeightMeasure)))), substring('0006', 1, 4 * number(not(not(child::ram:GrossWeightMeasure)))), substring('0007', 1, 4 * number(not(not(child::ram:ProductGroupID)))), substring('0008', 1, 4 * number(not(not(child::ram:EndItemTypeCode)))), substring('0009', 1, 4 * number(not(not(child::ram:EndItemName)))), substring('0010', 1, 4 * number(not(not(child::ram:AreaDensityMeasure)))), substring('0011', 1, 4 * number(not(not(child::ram:UseDescription)))), substring('0012', 1, 4 * number(not(not(child::ram:BrandName)))), substring('0013', 1, 4 * number(not(not(child::ram:SubBrandName)))), substring('0014', 1, 4 * number(not(not(child::ram:DrainedNetWeightMeasure)))), substring('0015', 1, 4 * number(not(not(child::ram:VariableMeasureIndicator)))), substring('0016', 1, 4 * number(not(not(child::ram:ColourCode)))), substring('0017', 1, 4 * number(not(not(child::ram:ColourDescription)))), substring('0018', 1, 4 * number(not(not(child::ram:Designation)))), substring('0019', 1, 4 * number(not(not(child::ram:FormattedCancellationAnnouncedLaunchDateTime)))), substring('0020', 1, 4 * number(not(not(child::ram:FormattedLatestProductDataChangeDateTime)))), substring('0021', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ID)))), substring('0022', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:TypeCode)))), substring('0023', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ValueMeasure)))), substring('0024', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:MeasurementMethodCode)))), substring('0025', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ValueCode)))), substring('0026', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ValueDateTime)))), substring('0027', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ValueIndicator)))), substring('0028', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ContentTypeCode)))), substring('0029', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ValueSpecifiedBinaryFile)))), substring('0030', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ApplicableProductCharacteristicCondition)))), substring('0031', 1, 4 * number(not(not(child::ram:ApplicableProductCharacteristic/child::ram:ApplicableReferencedStandard)))), substring('0032', 1, 4 * number(not(not(child::ram:ApplicableMaterialGoodsCharacteristic)))), substring('0033', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:SystemID)))), substring('0034', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:SystemName)))), substring('0035', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:ClassName)))), substring('0036', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:SubClassCode)))), substring('0037', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:ClassProductCharacteristic)))), substring('0038', 1, 4 * number(not(not(child::ram:DesignatedProductClassification/child::ram:ApplicableReferencedStandard)))), substring('0039', 1, 4 * number(not(not(child::ram:IndividualTradeProductInstance)))), substring('0040', 1, 4 * number(not(not(child::ram:CertificationEvidenceReferenceReferencedDocument)))), substring('0041', 1, 4 * number(not(not(child::ram:InspectionReferenceReferencedDocument)))), substring('0042', 1, 4 * number(not((not(child::ram:OriginTradeCountry) or ((count(child::ram:OriginTradeCountry/child::ram:ID) = 1)))))), substring('0043', 1, 4 * number(not(not(child::ram:OriginTradeCountry/child::ram:Name)))), substring('0044', 1, 4 * number(not(not(child::ram:OriginTradeCountry/child::ram:SubordinateTradeCountrySubDivision)))), substring('0045', 1, 4 * number(not(not(child::ram:LinearSpatialDimension)))), substring('0046', 1, 4 * number(not(not(child::ram:MinimumLinearSpatialDimension)))), substring('0047', 1, 4 * number(not(not(child::ram:MaximumLinearSpatialDimension)))), substring('0048', 1, 4 * number(not(not(child::ram:ManufacturerTradeParty)))), substring('0049', 1, 4 * number(not(not(child::ram:PresentationSpecifiedBinaryFile)))), substring('0050', 1, 4 * number(not(not(child::ram:MSDSReferenceReferencedDocument)))), substring('0051', 1, 4 * number(not(not(child::ram:AdditionalReferenceReferencedDocument)))), substring('0052', 1, 4 * number(not(not(child::ram:LegalRightsOwnerTradeParty)))), substring('0053', 1, 4 * number(not(not(child::ram:BrandOwnerTradeParty)))), substring('0054', 1, 4 * number(not(not(child::ram:IncludedReferencedProduct)))), substring('0055', 1, 4 * number(not(not(child::ram:InformationNote)))))", namespaces=NS, smart_strings=False)
X258 = etree.XPath('self::ram:SpecifiedTradeProduct[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X259 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((count(child::ram:Description) = 1))))), substring('0001', 1, 4 * number(not(((count(child::ram:Value) = 1))))))", namespaces=NS, smart_strings=False)
X260 = etree.XPath('self::ram:ApplicableProductCharacteristic[parent::ram:SpecifiedTradeProduct[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]]', namespaces=NS, smart_strings=False)
X261 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:BuyerReference)))), substring('0001', 1, 4 * number(not(not(child::ram:BuyerRequisitionerTradeParty)))), substring('0002', 1, 4 * number(not(not(child::ram:ApplicableTradeDeliveryTerms)))), substring('0003', 1, 4 * number(not(not(child::ram:SellerOrderReferencedDocument)))), substring('0004', 1, 4 * number(not(not(child::ram:BuyerOrderReferencedDocument/child::ram:IssuerAssignedID)))), substring('0005', 1, 4 * number(not(not(child::ram:QuotationReferencedDocument)))), substring('0006', 1, 4 * number(not(not(child::ram:ContractReferencedDocument)))), substring('0007', 1, 4 * number(not(not(child::ram:DemandForecastReferencedDocument)))), substring('0008', 1, 4 * number(not(not(child::ram:PromotionalDealReferencedDocument)))), substring('0009', 1, 4 * number(not(not(child::ram:AdditionalReferencedDocument)))), substring('0010', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:TypeCode)))), substring('0011', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:MinimumQuantity)))), substring('0012', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:MaximumQuantity)))), substring('0013', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:ChangeReason)))), substring('0014', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:OrderUnitConversionFactorNumeric)))), substring('0015', 1, 4 * number(not((count(child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount) = 1)))), substring('G', 1, number(boolean((child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ChargeIndicator[(child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])])))), substring('0016', 1, 4 * number(not((((child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ChargeIndicator[boolean(child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])] and child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ActualAmount)) or ((not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ChargeIndicator) and not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ActualAmount))))))), substring('0017', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ID)))), substring('0018', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:SequenceNumeric)))), substring('0019', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:CalculationPercent)))), substring('0020', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:BasisAmount)))), substring('0021', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:BasisQuantity)))), substring('0022', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:PrepaidIndicator)))), substring('0023', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:UnitBasisAmount)))), substring('0024', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ReasonCode)))), substring('0025', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:Reason)))), substring('0026', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:TypeCode)))), substring('0027', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:CategoryTradeTax)))), substring('0028', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge/child::ram:ActualTradeCurrencyExchange)))), substring('0029', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:IncludedTradeTax)))), substring('0030', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:ValiditySpecifiedPeriod)))), substring('0031', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:DeliveryTradeLocation)))), substring('0032', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:TradeComparisonReferencePrice)))), substring('0033', 1, 4 * number(not(not(child::ram:GrossPriceProductTradePrice/child::ram:AssociatedReferencedDocument)))), substring('0034', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:TypeCode)))), substring('0035', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:MinimumQuantity)))), substring('0036', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:MaximumQuantity)))), substring('0037', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:ChangeReason)))), substring('0038', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:OrderUnitConversionFactorNumeric)))), substring('0039', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:AppliedTradeAllowanceCharge)))), substring('0040', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:IncludedTradeTax)))), substring('0041', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:ValiditySpecifiedPeriod)))), substring('0042', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:DeliveryTradeLocation)))), substring('0043', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:TradeComparisonReferencePrice)))), substring('0044', 1, 4 * number(not(not(child::ram:NetPriceProductTradePrice/child::ram:AssociatedReferencedDocument)))), substring('0045', 1, 4 * number(not((count(child::ram:NetPriceProductTradePrice/child::ram:ChargeAmount) <= 1)))), substring('0046', 1, 4 * number(not(not(child::ram:RequisitionerReferencedDocument)))), substring('0047', 1, 4 * number(not(not(child::ram:ItemSellerTradeParty)))), substring('0048', 1, 4 * number(not(not(child::ram:ItemBuyerTradeParty)))), substring('0049', 1, 4 * number(not(not(child::ram:IncludedSpecifiedMarketplace)))), substring('0050', 1, 4 * number(not(not(child::ram:UltimateCustomerOrderReferencedDocument)))))", namespaces=NS, smart_strings=False)
X262 = etree.XPath('self::ram:SpecifiedLineTradeAgreement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X263 = etree.XPath('(child::ram:ChargeIndicator)', namespaces=NS, smart_strings=False)
X264 = etree.XPath("concat(substring('0001', 1, 4 * number(not((count(child::ram:RateApplicablePercent) <= 1)))), substring('0002', 1, 4 * number(not((count(child::ram:CategoryTradeTax) <= 1)))), substring('0003', 1, 4 * number(not((count(child::ram:ActualAmount) <= 1)))))", namespaces=NS, smart_strings=False)
X265 = etree.XPath("concat(substring('0000', 1, 4 * number(not((count(child::ram:ActualAmount) <= 1)))), '')", namespaces=NS, smart_strings=False)
X266 = etree.XPath('self::ram:AppliedTradeAllowanceCharge[parent::ram:GrossPriceProductTradePrice]', namespaces=NS, smart_strings=False)
X267 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:RequestedQuantity)))), substring('0001', 1, 4 * number(not(not(child::ram:ReceivedQuantity)))), substring('0002', 1, 4 * number(not(not(child::ram:ChargeFreeQuantity)))), substring('0003', 1, 4 * number(not(not(child::ram:PackageQuantity)))), substring('0004', 1, 4 * number(not(not(child::ram:ProductUnitQuantity)))), substring('0005', 1, 4 * number(not(not(child::ram:PerPackageUnitQuantity)))), substring('0006', 1, 4 * number(not(not(child::ram:NetWeightMeasure)))), substring('0007', 1, 4 * number(not(not(child::ram:GrossWeightMeasure)))), substring('0008', 1, 4 * number(not(not(child::ram:TheoreticalWeightMeasure)))), substring('0009', 1, 4 * number(not(not(child::ram:DespatchedQuantity)))), substring('0010', 1, 4 * number(not(not(child::ram:SpecifiedDeliveryAdjustment)))), substring('0011', 1, 4 * number(not(not(child::ram:IncludedSupplyChainPackaging)))), substring('0012', 1, 4 * number(not(not(child::ram:RelatedSupplyChainConsignment)))), substring('0013', 1, 4 * number(not(not(child::ram:ShipToTradeParty)))), substring('0014', 1, 4 * number(not(not(child::ram:UltimateShipToTradeParty)))), substring('0015', 1, 4 * number(not(not(child::ram:ShipFromTradeParty)))), substring('0016', 1, 4 * number(not(not(child::ram:ActualDespatchSupplyChainEvent)))), substring('0017', 1, 4 * number(not(not(child::ram:ActualPickUpSupplyChainEvent)))), substring('0018', 1, 4 * number(not(not(child::ram:RequestedDeliverySupplyChainEvent)))), substring('0019', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent)))), substring('0020', 1, 4 * number(not(not(child::ram:ActualReceiptSupplyChainEvent)))), substring('0021', 1, 4 * number(not(not(child::ram:AdditionalReferencedDocument)))), substring('0022', 1, 4 * number(not(not(child::ram:DespatchAdviceReferencedDocument)))), substring('0023', 1, 4 * number(not(not(child::ram:ReceivingAdviceReferencedDocument)))), substring('0024', 1, 4 * number(not(not(child::ram:DeliveryNoteReferencedDocument)))), substring('0025', 1, 4 * number(not(not(child::ram:ConsumptionReportReferencedDocument)))), substring('0026', 1, 4 * number(not(not(child::ram:PackingListReferencedDocument)))))", namespaces=NS, smart_strings=False)
X268 = etree.XPath('self::ram:SpecifiedLineTradeDelivery[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X269 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:PaymentReference)))), substring('0001', 1, 4 * number(not(not(child::ram:InvoiceIssuerReference)))), substring('0002', 1, 4 * number(not(not(child::ram:TotalAdjustmentAmount)))), substring('0003', 1, 4 * number(not(not(child::ram:DiscountIndicator)))), substring('0004', 1, 4 * number(not(not(child::ram:ApplicableTradeTax/child::ram:CalculatedAmount)))), substring('0005', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ChargeIndicator/child::udt:IndicatorString)))), substring('0006', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ID)))), substring('0007', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:SequenceNumeric)))), substring('0008', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:CalculationPercent/attribute::format)))), substring('0009', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:BasisQuantity)))), substring('0010', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:PrepaidIndicator)))), substring('0011', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:UnitBasisAmount)))), substring('0012', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:TypeCode)))), substring('0013', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:CategoryTradeTax)))), substring('0014', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ActualTradeCurrencyExchange)))), substring('0015', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ID)))), substring('0016', 1, 4 * number(not(not(child::ram:SubtotalCalculatedTradeTax)))), substring('0017', 1, 4 * number(not(not(child::ram:SpecifiedLogisticsServiceCharge)))), substring('0018', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms)))), substring('0019', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:ChargeTotalAmount)))), substring('0020', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:AllowanceTotalAmount)))), substring('0021', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:TaxBasisTotalAmount)))), substring('0022', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:TaxTotalAmount)))), substring('0023', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:GrandTotalAmount)))), substring('0024', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:InformationAmount)))), substring('0025', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:TotalAllowanceChargeAmount)))), substring('0026', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:TotalRetailValueInformationAmount)))), substring('0027', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:GrossLineTotalAmount)))), substring('0028', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:NetLineTotalAmount)))), substring('0029', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:NetIncludingTaxesLineTotalAmount)))), substring('0030', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementLineMonetarySummation/child::ram:ProductWeightLossInformationAmount)))), substring('0031', 1, 4 * number(not(not(child::ram:SpecifiedFinancialAdjustment)))), substring('0032', 1, 4 * number(not(not(child::ram:InvoiceReferencedDocument)))), substring('0033', 1, 4 * number(not(not(child::ram:PayableSpecifiedTradeAccountingAccount)))), substring('0034', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:SetTriggerCode)))), substring('0035', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:TypeCode)))), substring('0036', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:AmountTypeCode)))), substring('0037', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:Name)))), substring('0038', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:CostReferenceDimensionPattern)))), substring('0039', 1, 4 * number(not(not(child::ram:PurchaseSpecifiedTradeAccountingAccount)))), substring('0040', 1, 4 * number(not(not(child::ram:SalesSpecifiedTradeAccountingAccount)))), substring('0041', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementFinancialCard)))), substring('0042', 1, 4 * number(not((count(child::ram:ApplicableTradeTax) = 1)))), substring('G', 1, number(boolean((child::ram:AdditionalReferencedDocument[(count(child::ram:TypeCode) > 1)])))), substring('0043', 1, 4 * number(not((count(child::ram:AdditionalReferencedDocument[(normalize-space(child::ram:TypeCode) = '130')]) <= 1)))))", namespaces=NS, smart_strings=False)
X270 = etree.XPath('self::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X271 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:Reference)))), substring('0001', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:RoleCode)))), substring('0002', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:LegalClassificationCode)))), substring('0003', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:Name)))), substring('0004', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:PostalTradeAddress)))), substring('0005', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:AuthorizedLegalRegistration)))), substring('0006', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:ID)))), substring('0007', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:TypeCode)))), substring('0008', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:JobTitle)))), substring('0009', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:Responsibility)))), substring('0010', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:PersonID)))), substring('0011', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:TelephoneUniversalCommunication/child::ram:URIID)))), substring('0012', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:TelephoneUniversalCommunication/child::ram:ChannelCode)))), substring('0013', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:DirectTelephoneUniversalCommunication)))), substring('0014', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:MobileTelephoneUniversalCommunication)))), substring('0015', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:FaxUniversalCommunication)))), substring('0016', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:EmailURIUniversalCommunication/child::ram:ChannelCode)))), substring('0017', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:EmailURIUniversalCommunication/child::ram:CompleteNumber)))), substring('0018', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:TelexUniversalCommunication)))), substring('0019', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:VOIPUniversalCommunication)))), substring('0020', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:InstantMessagingUniversalCommunication)))), substring('0021', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:SpecifiedNote)))), substring('0022', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:SpecifiedContactPerson)))), substring('0023', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:URIUniversalCommunication/child::ram:ChannelCode)))), substring('0024', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:URIUniversalCommunication/child::ram:CompleteNumber)))), substring('0025', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:AssociatedRegisteredTax)))), substring('0026', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:EndPointURIUniversalCommunication)))), substring('0027', 1, 4 * number(not(not(child::ram:SellerTradeParty/child::ram:LogoAssociatedSpecifiedBinaryFile)))), substring('0028', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:RoleCode)))), substring('0029', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:Description)))), substring('0030', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:LegalClassificationCode)))), substring('0031', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:Name)))), substring('0032', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:PostalTradeAddress)))), substring('0033', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:AuthorizedLegalRegistration)))), substring('0034', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:ID)))), substring('0035', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:TypeCode)))), substring('0036', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:JobTitle)))), substring('0037', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:Responsibility)))), substring('0038', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:PersonID)))), substring('0039', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:TelephoneUniversalCommunication/child::ram:URIID)))), substring('0040', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:TelephoneUniversalCommunication/child::ram:ChannelCode)))), substring('0041', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:DirectTelephoneUniversalCommunication)))), substring('0042', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:MobileTelephoneUniversalCommunication)))), substring('0043', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:FaxUniversalCommunication)))), substring('0044', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:EmailURIUniversalCommunication/child::ram:ChannelCode)))), substring('0045', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:EmailURIUniversalCommunication/child::ram:CompleteNumber)))), substring('0046', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:TelexUniversalCommunication)))), substring('0047', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:VOIPUniversalCommunication)))), substring('0048', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:InstantMessagingUniversalCommunication)))), substring('0049', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:SpecifiedNote)))), substring('0050', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:SpecifiedContactPerson)))), substring('0051', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication/child::ram:ChannelCode)))), substring('0052', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication/child::ram:CompleteNumber)))), substring('0053', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:AssociatedRegisteredTax)))), substring('0054', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:EndPointURIUniversalCommunication)))), substring('0055', 1, 4 * number(not(not(child::ram:BuyerTradeParty/child::ram:LogoAssociatedSpecifiedBinaryFile)))), substring('0056', 1, 4 * number(not(not(child::ram:SalesAgentTradeParty)))), substring('0057', 1, 4 * number(not(not(child::ram:BuyerRequisitionerTradeParty)))), substring('0058', 1, 4 * number(not(not(child::ram:BuyerAssignedAccountantTradeParty)))), substring('0059', 1, 4 * number(not(not(child::ram:SellerAssignedAccountantTradeParty)))), substring('0060', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:ID)))), substring('0061', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:GlobalID)))), substring('0062', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:RoleCode)))), substring('0063', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:Description)))), substring('0064', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedLegalOrganization)))), substring('0065', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:DefinedTradeContact)))), substring('0066', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:URIUniversalCommunication)))), substring('0067', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:SpecifiedTaxRegistration/child::ram:AssociatedRegisteredTax)))), substring('0068', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:EndPointURIUniversalCommunication)))), substring('0069', 1, 4 * number(not(not(child::ram:SellerTaxRepresentativeTradeParty/child::ram:LogoAssociatedSpecifiedBinaryFile)))), substring('0070', 1, 4 * number(not(not(child::ram:ProductEndUserTradeParty)))), substring('0071', 1, 4 * number(not(not(child::ram:ApplicableTradeDeliveryTerms)))), substring('0072', 1, 4 * number(not(not(child::ram:SellerOrderReferencedDocument/child::ram:LineID)))), substring('0073', 1, 4 * number(not(not(child::ram:BuyerOrderReferencedDocument/child::ram:LineID)))), substring('0074', 1, 4 * number(not(not(child::ram:QuotationReferencedDocument)))), substring('0075', 1, 4 * number(not(not(child::ram:OrderResponseReferencedDocument)))), substring('0076', 1, 4 * number(not(not(child::ram:ContractReferencedDocument/child::ram:LineID)))), substring('0077', 1, 4 * number(not(not(child::ram:DemandForecastReferencedDocument)))), substring('0078', 1, 4 * number(not(not(child::ram:SupplyInstructionReferencedDocument)))), substring('0079', 1, 4 * number(not(not(child::ram:PromotionalDealReferencedDocument)))), substring('0080', 1, 4 * number(not(not(child::ram:PriceListReferencedDocument)))), substring('0081', 1, 4 * number(not(not(child::ram:AdditionalReferencedDocument/child::ram:LineID)))), substring('0082', 1, 4 * number(not(not(child::ram:RequisitionerReferencedDocument)))), substring('0083', 1, 4 * number(not(not(child::ram:BuyerAgentTradeParty)))), substring('0084', 1, 4 * number(not(not(child::ram:PurchaseConditionsReferencedDocument)))), substring('0085', 1, 4 * number(not(not(child::ram:SpecifiedProcuringProject/child::ram:Description)))), substring('0086', 1, 4 * number(not(not(child::ram:UltimateCustomerOrderReferencedDocument)))), substring('0087', 1, 4 * number(not(((((not(child::ram:BuyerTradeParty/child::ram:ID) and child::ram:BuyerTradeParty/child::ram:GlobalID)) or ((child::ram:BuyerTradeParty/child::ram:ID and not(child::ram:BuyerTradeParty/child::ram:GlobalID)))) or ((not(child::ram:BuyerTradeParty/child::ram:ID) and not(child::ram:BuyerTradeParty/child::ram:GlobalID))))))), substring('0088', 1, 4 * number(not(((count(child::ram:SellerTradeParty/child::ram:DefinedTradeContact) <= 1))))), substring('0089', 1, 4 * number(not(((count(child::ram:BuyerTradeParty/child::ram:DefinedTradeContact) <= 1))))), substring('0090', 1, 4 * number(not(((count(child::ram:AdditionalReferencedDocument[(child::ram:TypeCode = '50')]) <= 1))))), substring('0091', 1, 4 * number(not(((count(child::ram:AdditionalReferencedDocument[(child::ram:TypeCode = '130')]) <= 1))))), substring('0092', 1, 4 * number(not((count(child::ram:SellerTradeParty/child::ram:URIUniversalCommunication) <= 1)))), substring('0093', 1, 4 * number(not((count(child::ram:BuyerTradeParty/child::ram:URIUniversalCommunication) <= 1)))), substring('0094', 1, 4 * number(not(not((child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:PersonName and child::ram:SellerTradeParty/child::ram:DefinedTradeContact/child::ram:DepartmentName))))), substring('0095', 1, 4 * number(not(not((child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:PersonName and child::ram:BuyerTradeParty/child::ram:DefinedTradeContact/child::ram:DepartmentName))))), substring('G', 1, number(boolean((child::ram:AdditionalReferencedDocument[(count(child::ram:TypeCode) > 1)])))), substring('0096', 1, 4 * number(not((count(child::ram:AdditionalReferencedDocument[(normalize-space(child::ram:TypeCode) = '916')]/child::ram:Name) <= 1)))), substring('G', 1, number(boolean((child::ram:AdditionalReferencedDocument[(count(child::ram:TypeCode) > 1)])))), substring('0097', 1, 4 * number(not((count(child::ram:AdditionalReferencedDocument[(normalize-space(child::ram:TypeCode) = '916')]/child::ram:AttachmentBinaryObject) <= 1)))))", namespaces=NS, smart_strings=False)
X272 = etree.XPath('self::ram:ApplicableHeaderTradeAgreement[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X273 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:RelatedSupplyChainConsignment)))), substring('0001', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:RoleCode)))), substring('0002', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:Description)))), substring('0003', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:SpecifiedLegalOrganization)))), substring('0004', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:DefinedTradeContact)))), substring('0005', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:URIUniversalCommunication)))), substring('0006', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:SpecifiedTaxRegistration)))), substring('0007', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:EndPointURIUniversalCommunication)))), substring('0008', 1, 4 * number(not(not(child::ram:ShipToTradeParty/child::ram:LogoAssociatedSpecifiedBinaryFile)))), substring('0009', 1, 4 * number(not(not(child::ram:UltimateShipToTradeParty)))), substring('0010', 1, 4 * number(not(not(child::ram:ShipFromTradeParty)))), substring('0011', 1, 4 * number(not(not(child::ram:ActualDespatchSupplyChainEvent)))), substring('0012', 1, 4 * number(not(not(child::ram:ActualPickUpSupplyChainEvent)))), substring('0013', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:ID)))), substring('0014', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:OccurrenceDateTime/child::udt:DateTime)))), substring('0015', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:TypeCode)))), substring('0016', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:Description)))), substring('0017', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:DescriptionBinaryObject)))), substring('0018', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:UnitQuantity)))), substring('0019', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:LatestOccurrenceDateTime)))), substring('0020', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:EarliestOccurrenceDateTime)))), substring('0021', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:OccurrenceSpecifiedPeriod)))), substring('0022', 1, 4 * number(not(not(child::ram:ActualDeliverySupplyChainEvent/child::ram:OccurrenceLogisticsLocation)))), substring('0023', 1, 4 * number(not(not(child::ram:ActualReceiptSupplyChainEvent)))), substring('0024', 1, 4 * number(not(not(child::ram:AdditionalReferencedDocument)))), substring('0025', 1, 4 * number(not(not(child::ram:DespatchAdviceReferencedDocument/child::ram:LineID)))), substring('0026', 1, 4 * number(not(not(child::ram:DespatchAdviceReferencedDocument/child::ram:LineID)))), substring('0027', 1, 4 * number(not(not(child::ram:DeliveryNoteReferencedDocument)))), substring('0028', 1, 4 * number(not(not(child::ram:ConsumptionReportReferencedDocument)))), substring('0029', 1, 4 * number(not(not(child::ram:PreviousDeliverySupplyChainEvent)))), substring('0030', 1, 4 * number(not(not(child::ram:PackingListReferencedDocument)))), substring('0031', 1, 4 * number(not(((((not(child::ram:ShipToTradeParty/child::ram:ID) and child::ram:ShipToTradeParty/child::ram:GlobalID)) or ((child::ram:ShipToTradeParty/child::ram:ID and not(child::ram:ShipToTradeParty/child::ram:GlobalID)))) or ((not(child::ram:ShipToTradeParty/child::ram:ID) and not(child::ram:ShipToTradeParty/child::ram:GlobalID))))))))", namespaces=NS, smart_strings=False)
X274 = etree.XPath('(count(/descendant-or-self::node()/child::ram:ApplicableTradeTax/child::ram:DueDateTypeCode) = 0)', namespaces=NS, smart_strings=False)
X275 = etree.XPath('/descendant-or-self::node()/child::ram:ApplicableTradeTax/child::ram:DueDateTypeCode', namespaces=NS, smart_strings=False)
X276 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:DuePayableAmount)))), substring('0001', 1, 4 * number(not(not(child::ram:CreditorReferenceTypeCode)))), substring('0002', 1, 4 * number(not(not(child::ram:CreditorReferenceType)))), substring('0003', 1, 4 * number(not(not(child::ram:CreditorReferenceIssuerID)))), substring('0004', 1, 4 * number(not(not(child::ram:PaymentCurrencyCode)))), substring('0005', 1, 4 * number(not(not(child::ram:InvoiceIssuerReference)))), substring('0006', 1, 4 * number(not(not(child::ram:InvoiceDateTime)))), substring('0007', 1, 4 * number(not(not(child::ram:NextInvoiceDateTime)))), substring('0008', 1, 4 * number(not(not(child::ram:CreditReasonCode)))), substring('0009', 1, 4 * number(not(not(child::ram:CreditReason)))), substring('0010', 1, 4 * number(not(not(child::ram:InvoicerTradeParty)))), substring('0011', 1, 4 * number(not(not(child::ram:InvoiceeTradeParty)))), substring('0012', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:RoleCode)))), substring('0013', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:Description)))), substring('0014', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:LegalClassificationCode)))), substring('0015', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:Name)))), substring('0016', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:TradingBusinessName)))), substring('0017', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:PostalTradeAddress)))), substring('0018', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedLegalOrganization/child::ram:AuthorizedLegalRegistration)))), substring('0019', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:DefinedTradeContact)))), substring('0020', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:PostalTradeAddress)))), substring('0021', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:URIUniversalCommunication)))), substring('0022', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:SpecifiedTaxRegistration)))), substring('0023', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:EndPointURIUniversalCommunication)))), substring('0024', 1, 4 * number(not(not(child::ram:PayeeTradeParty/child::ram:LogoAssociatedSpecifiedBinaryFile)))), substring('0025', 1, 4 * number(not(((((not(child::ram:PayeeTradeParty/child::ram:ID) and child::ram:PayeeTradeParty/child::ram:GlobalID)) or ((child::ram:PayeeTradeParty/child::ram:ID and not(child::ram:PayeeTradeParty/child::ram:GlobalID)))) or ((not(child::ram:PayeeTradeParty/child::ram:ID) and not(child::ram:PayeeTradeParty/child::ram:GlobalID))))))), substring('0026', 1, 4 * number(not(not(child::ram:PayerTradeParty)))), substring('0027', 1, 4 * number(not(not(child::ram:TaxApplicableTradeCurrencyExchange)))), substring('0028', 1, 4 * number(not(not(child::ram:InvoiceApplicableTradeCurrencyExchange)))), substring('0029', 1, 4 * number(not(not(child::ram:PaymentApplicableTradeCurrencyExchange)))), substring('0030', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PaymentChannelCode)))), substring('0031', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:GuaranteeMethodCode)))), substring('0032', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PaymentMethodCode)))), substring('0033', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ID)))), substring('0034', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:MicrochipIndicator)))), substring('0035', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:TypeCode)))), substring('0036', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:ExpiryDate)))), substring('0037', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:VerificationNumeric)))), substring('0038', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:ValidFromDateTime)))), substring('0039', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:CreditLimitAmount)))), substring('0040', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:CreditAvailableAmount)))), substring('0041', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:InterestRatePercent)))), substring('0042', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:ApplicableTradeSettlementFinancialCard/child::ram:Description)))), substring('0043', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PayerPartyDebtorFinancialAccount/child::ram:AccountName)))), substring('0044', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PayerPartyDebtorFinancialAccount/child::ram:ProprietaryID)))), substring('0045', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PayerSpecifiedDebtorFinancialInstitution/child::ram:ClearingSystemName)))), substring('0046', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PayerSpecifiedDebtorFinancialInstitution/child::ram:Name)))), substring('0047', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:PayerSpecifiedDebtorFinancialInstitution/child::ram:LocationFinancialInstitutionAddress)))), substring('0048', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ID)))), substring('0049', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:SequenceNumeric)))), substring('0050', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:BasisQuantity)))), substring('0051', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:PrepaidIndicator)))), substring('0052', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:UnitBasisAmount)))), substring('0053', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:TypeCode)))), substring('0054', 1, 4 * number(not(not(child::ram:SpecifiedTradeAllowanceCharge/child::ram:ActualTradeCurrencyExchange)))), substring('0055', 1, 4 * number(not(not(child::ram:SubtotalCalculatedTradeTax)))), substring('0056', 1, 4 * number(not(not(child::ram:SpecifiedLogisticsServiceCharge)))), substring('0057', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:ID)))), substring('0058', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:FromEventCode)))), substring('0059', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:SettlementPeriodMeasure)))), substring('0060', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:DueDateDateTime/child::udt:DateTime)))), substring('0061', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:TypeCode)))), substring('0062', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:InstructionTypeCode)))), substring('0063', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:PartialPaymentPercent)))), substring('0064', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:PaymentMeansID)))), substring('0065', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:PartialPaymentAmount)))), substring('0066', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:ApplicableTradePaymentPenaltyTerms)))), substring('0067', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:ApplicableTradePaymentDiscountTerms)))), substring('0068', 1, 4 * number(not(not(child::ram:SpecifiedTradePaymentTerms/child::ram:PayeeTradeParty)))), substring('0069', 1, 4 * number(not(not(child::ram:SpecifiedFinancialAdjustment)))), substring('0070', 1, 4 * number(not(not(child::ram:InvoiceReferencedDocument/child::ram:LineID)))), substring('0071', 1, 4 * number(not(not(child::ram:ProFormaInvoiceReferencedDocument)))), substring('0072', 1, 4 * number(not(not(child::ram:LetterOfCreditReferencedDocument)))), substring('0073', 1, 4 * number(not(not(child::ram:FactoringAgreementReferencedDocument)))), substring('0074', 1, 4 * number(not(not(child::ram:FactoringListReferencedDocument)))), substring('0075', 1, 4 * number(not(not(child::ram:PayableSpecifiedTradeAccountingAccount)))), substring('0076', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:SetTriggerCode)))), substring('0077', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:TypeCode)))), substring('0078', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:AmountTypeCode)))), substring('0079', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:Name)))), substring('0080', 1, 4 * number(not(not(child::ram:ReceivableSpecifiedTradeAccountingAccount/child::ram:CostReferenceDimensionPattern)))), substring('0081', 1, 4 * number(not(not(child::ram:PurchaseSpecifiedTradeAccountingAccount)))), substring('0082', 1, 4 * number(not(not(child::ram:SalesSpecifiedTradeAccountingAccount)))), substring('0083', 1, 4 * number(not(not(child::ram:SpecifiedTradeSettlementFinancialCard)))), substring('0084', 1, 4 * number(not(not(child::ram:SpecifiedAdvancePayment)))), substring('0085', 1, 4 * number(not(not(child::ram:UltimatePayeeTradeParty)))), substring('0086', 1, 4 * number(not((count(child::ram:SpecifiedTradePaymentTerms) <= 1)))), substring('0087', 1, 4 * number(not((count(child::ram:SpecifiedTradePaymentTerms/child::ram:Description) <= 1)))), substring('0088', 1, 4 * number(not((count(child::ram:ApplicableTradeTax/child::ram:TaxPointDate) <= 1)))), substring('G', 1, number(boolean((child::ram:SpecifiedTradeSettlementPaymentMeans[(count(child::ram:TypeCode) > 1) or (count(child::ram:TypeCode) > 1)])))), substring('0090', 1, 4 * number(not((count(child::ram:SpecifiedTradeSettlementPaymentMeans[((((normalize-space(child::ram:TypeCode) = '30') or (normalize-space(child::ram:TypeCode) = '58'))) and not((child::ram:PayeePartyCreditorFinancialAccount/child::ram:IBANID or child::ram:PayeePartyCreditorFinancialAccount/child::ram:ProprietaryID)))]) = 0)))))", namespaces=NS, smart_strings=False)
X277 = etree.XPath('self::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X278 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:InformationAmount)))), substring('0001', 1, 4 * number(not(not(child::ram:TotalDiscountAmount)))), substring('0002', 1, 4 * number(not(not(child::ram:TotalAllowanceChargeAmount)))), substring('0003', 1, 4 * number(not(not(child::ram:RetailValueExcludingTaxInformationAmount)))), substring('0004', 1, 4 * number(not(not(child::ram:TotalDepositFeeInformationAmount)))), substring('0005', 1, 4 * number(not(not(child::ram:ProductValueExcludingTobaccoTaxInformationAmount)))), substring('0006', 1, 4 * number(not(not(child::ram:TotalRetailValueInformationAmount)))), substring('0007', 1, 4 * number(not(not(child::ram:GrossLineTotalAmount)))), substring('0008', 1, 4 * number(not(not(child::ram:NetLineTotalAmount)))), substring('0009', 1, 4 * number(not(not(child::ram:NetIncludingTaxesLineTotalAmount)))), substring('0010', 1, 4 * number(not((count(child::ram:LineTotalAmount) <= 1)))), substring('0011', 1, 4 * number(not((count(child::ram:ChargeTotalAmount) <= 1)))), substring('0012', 1, 4 * number(not((count(child::ram:AllowanceTotalAmount) <= 1)))), substring('0013', 1, 4 * number(not((count(child::ram:TaxBasisTotalAmount) <= 1)))), substring('0014', 1, 4 * number(not((count(child::ram:RoundingAmount) <= 1)))), substring('0015', 1, 4 * number(not((count(child::ram:GrandTotalAmount) <= 1)))), substring('0016', 1, 4 * number(not((count(child::ram:InformationAmount) <= 1)))), substring('0017', 1, 4 * number(not((count(child::ram:TotalPrepaidAmount) <= 1)))), substring('0018', 1, 4 * number(not((count(child::ram:TotalDiscountAmount) <= 1)))), substring('0019', 1, 4 * number(not((count(child::ram:TotalAllowanceChargeAmount) <= 1)))), substring('0020', 1, 4 * number(not((count(child::ram:DuePayableAmount) <= 1)))), substring('0021', 1, 4 * number(not((count(child::ram:RetailValueExcludingTaxInformationAmount) <= 1)))), substring('0022', 1, 4 * number(not((count(child::ram:TotalDepositFeeInformationAmount) <= 1)))), substring('0023', 1, 4 * number(not((count(child::ram:ProductValueExcludingTobaccoTaxInformationAmount) <= 1)))), substring('0024', 1, 4 * number(not((count(child::ram:TotalRetailValueInformationAmount) <= 1)))), substring('0025', 1, 4 * number(not((count(child::ram:GrossLineTotalAmount) <= 1)))), substring('0026', 1, 4 * number(not((count(child::ram:NetLineTotalAmount) <= 1)))), substring('0027', 1, 4 * number(not((count(child::ram:NetIncludingTaxesLineTotalAmount) <= 1)))))", namespaces=NS, smart_strings=False)
X279 = etree.XPath('self::ram:SpecifiedTradeSettlementHeaderMonetarySummation[parent::ram:ApplicableHeaderTradeSettlement[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X280 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::languageID)))), substring('0001', 1, 4 * number(not(not(attribute::languageLocaleID)))), substring('0002', 1, 4 * number(not(not(child::ram:ValuationBreakdownStatement)))), substring('G', 1, number(boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:TypeCode[(count(.) > 1) or (count((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:TypeCode)[1]) > 1)])))), substring('0003', 1, 4 * number(not((count(/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:TypeCode[(normalize-space(.) != normalize-space((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:TypeCode)[1]))]) = 0)))), substring('G', 1, number(boolean((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:Information[(count(.) > 1) or (count((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:Information)[1]) > 1)])))), substring('0004', 1, 4 * number(not((count(/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:Information[(normalize-space(.) != normalize-space((/descendant-or-self::node()/child::ram:SpecifiedTradeSettlementPaymentMeans/child::ram:Information)[1]))]) = 0)))), substring('0005', 1, 4 * number(not((count(/descendant-or-self::node()/child::ram:ApplicableHeaderTradeSettlement/child::ram:PaymentReference) <= 1)))))", namespaces=NS, smart_strings=False)
X281 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:Value)))), substring('0001', 1, 4 * number(not(not(child::ram:SpecifiedDocumentVersion)))))", namespaces=NS, smart_strings=False)
X282 = etree.XPath("/descendant-or-self::node()/child::*[(substring(name(), string-length(name()) - string-length('DocumentContextParameter') + 1) = string('DocumentContextParameter'))]", namespaces=NS, smart_strings=False)
X283 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::schemeName)))), substring('0001', 1, 4 * number(not(not(attribute::schemeAgencyName)))), substring('0002', 1, 4 * number(not(not(attribute::schemeDataURI)))), substring('0003', 1, 4 * number(not(not(attribute::schemeURI)))), substring('0004', 1, 4 * number(not(not(attribute::schemeID)))), substring('0005', 1, 4 * number(not(not(attribute::schemeAgencyID)))), substring('0006', 1, 4 * number(not(not(attribute::schemeVersionID)))))", namespaces=NS, smart_strings=False)
X284 = etree.XPath('self::ram:ID[parent::ram:GuidelineSpecifiedDocumentContextParameter[parent::rsm:ExchangedDocumentContext[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]', namespaces=NS, smart_strings=False)
X285 = etree.XPath('self::ram:ID[parent::rsm:ExchangedDocument[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X286 = etree.XPath('self::ram:LineID[parent::ram:AssociatedDocumentLineDocument[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]]', namespaces=NS, smart_strings=False)
X287 = etree.XPath('self::ram:SellerAssignedID[parent::ram:SpecifiedTradeProduct[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]]', namespaces=NS, smart_strings=False)
X288 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::schemeName)))), substring('0001', 1, 4 * number(not(not(attribute::schemeAgencyName)))), substring('0002', 1, 4 * number(not(not(attribute::schemeDataURI)))), substring('0003', 1, 4 * number(not(not(attribute::schemeURI)))))", namespaces=NS, smart_strings=False)
X289 = etree.XPath("/descendant-or-self::node()/child::ram:*[(substring(name(), string-length(name()) - string-length('ID') + 1) = string('ID'))]", namespaces=NS, smart_strings=False)
X290 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::name)))), substring('0001', 1, 4 * number(not(not(attribute::listURI)))))", namespaces=NS, smart_strings=False)
X291 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::listID)))), substring('0001', 1, 4 * number(not(not(attribute::listAgencyID)))), substring('0002', 1, 4 * number(not(not(attribute::listVersionID)))))", namespaces=NS, smart_strings=False)
X292 = etree.XPath('self::ram:TypeCode[parent::rsm:ExchangedDocument[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]', namespaces=NS, smart_strings=False)
X293 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::listID)))), substring('0001', 1, 4 * number(not(not(attribute::listAgencyID)))), substring('0002', 1, 4 * number(not(not(attribute::listVersionID)))), substring('0003', 1, 4 * number(not(not(attribute::listURI)))))", namespaces=NS, smart_strings=False)
X294 = etree.XPath('self::ram:CategoryCode[parent::ram:ApplicableTradeTax[parent::ram:SpecifiedLineTradeSettlement[parent::ram:IncludedSupplyChainTradeLineItem[parent::rsm:SupplyChainTradeTransaction[parent::rsm:CrossIndustryInvoice[not(parent::*)]]]]]]', namespaces=NS, smart_strings=False)
X295 = etree.XPath("concat(substring('0000', 1, 4 * number(not((not(child::ram:URIID) or ((self::ram:AdditionalReferencedDocument and (child::ram:TypeCode = '916'))))))), substring('0001', 1, 4 * number(not(not(child::ram:StatusCode)))), substring('0002', 1, 4 * number(not(not(child::ram:CopyIndicator)))), substring('0003', 1, 4 * number(not((not(child::ram:TypeCode) or ((self::ram:AdditionalReferencedDocument) and ((((child::ram:TypeCode = '50') or (child::ram:TypeCode = '130')) or (child::ram:TypeCode = '916')))))))), substring('0004', 1, 4 * number(not(not(child::ram:GlobalID)))), substring('0005', 1, 4 * number(not(not(child::ram:RevisionID)))), substring('0006', 1, 4 * number(not((not(child::ram:Name) or ((self::ram:AdditionalReferencedDocument and (child::ram:TypeCode = '916'))))))), substring('0007', 1, 4 * number(not((not(child::ram:AttachmentBinaryObject) or ((self::ram:AdditionalReferencedDocument and (child::ram:TypeCode = '916'))))))), substring('0008', 1, 4 * number(not(not(child::ram:Information)))), substring('0009', 1, 4 * number(not((not(child::ram:ReferenceTypeCode) or ((self::ram:AdditionalReferencedDocument and (child::ram:TypeCode = '130'))))))), substring('0010', 1, 4 * number(not(not(child::ram:SectionName)))), substring('0011', 1, 4 * number(not(not(child::ram:PreviousRevisionID)))), substring('0012', 1, 4 * number(not((not(child::ram:FormattedIssueDateTime) or self::ram:InvoiceReferencedDocument)))), substring('0013', 1, 4 * number(not(not(child::ram:EffectiveSpecifiedPeriod)))), substring('0014', 1, 4 * number(not(not(child::ram:IssuerTradeParty)))), substring('0015', 1, 4 * number(not(not(child::ram:AttachedSpecifiedBinaryFile)))))", namespaces=NS, smart_strings=False)
X296 = etree.XPath("/descendant-or-self::node()/child::ram:*[(substring(name(), string-length(name()) - string-length('ReferencedDocument') + 1) = string('ReferencedDocument'))]", namespaces=NS, smart_strings=False)
X297 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(attribute::currencyID)))), substring('0001', 1, 4 * number(not(not(attribute::currencyCodeListVersionID)))))", namespaces=NS, smart_strings=False)
X298 = etree.XPath("/descendant-or-self::node()/child::ram:*[((substring(name(), string-length(name()) - string-length('Amount') + 1) = string('Amount')) and not(self::ram:TaxTotalAmount))]", namespaces=NS, smart_strings=False)
X299 = etree.XPath("concat(substring('0000', 1, 4 * number(not((not(attribute::unitCode) or (/child::rsm:CrossIndustryInvoice/child::rsm:SupplyChainTradeTransaction/child::ram:IncludedSupplyChainTradeLineItem/child::ram:SpecifiedLineTradeDelivery/child::ram:BilledQuantity/attribute::unitCode))))), substring('0001', 1, 4 * number(not(not(attribute::unitCodeListID)))), substring('0002', 1, 4 * number(not(not(attribute::unitCodeListAgencyID)))), substring('0003', 1, 4 * number(not(not(attribute::unitCodeListAgencyName)))))", namespaces=NS, smart_strings=False)
X300 = etree.XPath("/descendant-or-self::node()/child::ram:*[(substring(name(), string-length(name()) - string-length('Quantity') + 1) = string('Quantity'))]", namespaces=NS, smart_strings=False)
X301 = etree.XPath("concat(substring('0000', 1, 4 * number(not((not(child::ram:TypeCode) or ((child::ram:TypeCode = 'VAT')))))), substring('0001', 1, 4 * number(not(not(child::ram:CalculatedRate)))), substring('0002', 1, 4 * number(not(not(child::ram:CalculationSequenceNumeric)))), substring('0003', 1, 4 * number(not(not(child::ram:BasisQuantity)))), substring('0004', 1, 4 * number(not((not(child::ram:BasisAmount) or (ancestor::ram:ApplicableHeaderTradeSettlement))))), substring('0005', 1, 4 * number(not(not(child::ram:UnitBasisAmount)))), substring('0006', 1, 4 * number(not(not(child::ram:LineTotalBasisAmount)))), substring('0007', 1, 4 * number(not(not(child::ram:AllowanceChargeBasisAmount)))), substring('0008', 1, 4 * number(not(not(child::ram:CurrencyCode)))), substring('0009', 1, 4 * number(not(not(child::ram:Jurisdiction)))), substring('0010', 1, 4 * number(not(not(child::ram:CustomsDutyIndicator)))), substring('0011', 1, 4 * number(not((not(child::ram:ExemptionReasonCode) or self::ram:ApplicableTradeTax)))), substring('0012', 1, 4 * number(not((not(child::ram:ExemptionReason) or self::ram:ApplicableTradeTax)))), substring('0013', 1, 4 * number(not(not(child::ram:TaxBasisAllowanceRate)))), substring('0014', 1, 4 * number(not((not(child::ram:TaxPointDate) or (ancestor::ram:ApplicableHeaderTradeSettlement))))), substring('0015', 1, 4 * number(not(not(child::ram:Type)))), substring('0016', 1, 4 * number(not(not(child::ram:InformationAmount)))), substring('0017', 1, 4 * number(not(not(child::ram:CategoryName)))), substring('0018', 1, 4 * number(not((not(child::ram:DueDateTypeCode) or (ancestor::ram:ApplicableHeaderTradeSettlement))))), substring('0019', 1, 4 * number(not(not(child::ram:RateApplicablePercent/attribute::format)))), substring('0020', 1, 4 * number(not(not(child::ram:SpecifiedTradeAccountingAccount)))), substring('0021', 1, 4 * number(not(not(child::ram:ServiceSupplyTradeCountry)))), substring('0022', 1, 4 * number(not(not(child::ram:BuyerRepayableTaxSpecifiedTradeAccountingAccount)))), substring('0023', 1, 4 * number(not(not(child::ram:SellerPayableTaxSpecifiedTradeAccountingAccount)))), substring('0024', 1, 4 * number(not(not(child::ram:SellerRefundableTaxSpecifiedTradeAccountingAccount)))), substring('0025', 1, 4 * number(not(not(child::ram:BuyerDeductibleTaxSpecifiedTradeAccountingAccount)))), substring('0026', 1, 4 * number(not(not(child::ram:BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount)))), substring('0027', 1, 4 * number(not(not(child::ram:PlaceApplicableTradeLocation)))))", namespaces=NS, smart_strings=False)
X302 = etree.XPath("/descendant-or-self::node()/child::ram:*[(substring(name(), string-length(name()) - string-length('TradeTax') + 1) = string('TradeTax'))]", namespaces=NS, smart_strings=False)
X303 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:StartDateTime/child::udt:DateTime)))), substring('0001', 1, 4 * number(not(not(child::ram:DurationMeasure)))), substring('0002', 1, 4 * number(not(not(child::ram:InclusiveIndicator)))), substring('0003', 1, 4 * number(not(not(child::ram:Description)))), substring('0004', 1, 4 * number(not(not(child::ram:EndDateTime/child::udt:DateTime)))), substring('0005', 1, 4 * number(not(not(child::ram:CompleteDateTime)))), substring('0006', 1, 4 * number(not(not(child::ram:OpenIndicator)))), substring('0007', 1, 4 * number(not(not(child::ram:SeasonCode)))), substring('0008', 1, 4 * number(not(not(child::ram:ID)))), substring('0009', 1, 4 * number(not(not(child::ram:Name)))), substring('0010', 1, 4 * number(not(not(child::ram:SequenceNumeric)))), substring('0011', 1, 4 * number(not(not(child::ram:StartDateFlexibilityCode)))), substring('0012', 1, 4 * number(not(not(child::ram:ContinuousIndicator)))), substring('0013', 1, 4 * number(not(not(child::ram:PurposeCode)))))", namespaces=NS, smart_strings=False)
X304 = etree.XPath("concat(substring('0000', 1, 4 * number(not(not(child::ram:ID)))), substring('0001', 1, 4 * number(not(not(child::ram:PostOfficeBox)))), substring('0002', 1, 4 * number(not(not(child::ram:BuildingName)))), substring('0003', 1, 4 * number(not(not(child::ram:LineFour)))), substring('0004', 1, 4 * number(not(not(child::ram:LineFive)))), substring('0005', 1, 4 * number(not(not(child::ram:StreetName)))), substring('0006', 1, 4 * number(not(not(child::ram:CitySubDivisionName)))), substring('0007', 1, 4 * number(not(not(child::ram:CountryName)))), substring('0008', 1, 4 * number(not(not(child::ram:CountrySubDivisionID)))), substring('0009', 1, 4 * number(not(not(child::ram:AttentionOf)))), substring('0010', 1, 4 * number(not(not(child::ram:CareOf)))), substring('0011', 1, 4 * number(not(not(child::ram:BuildingNumber)))), substring('0012', 1, 4 * number(not(not(child::ram:DepartmentName)))), substring('0013', 1, 4 * number(not(not(child::ram:AdditionalStreetName)))))", namespaces=NS, smart_strings=False)
X305 = etree.XPath("self::udt:DateTimeString[(attribute::format = '102')]", namespaces=NS, smart_strings=False)
X306 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' 71 80 81 82 83 84 102 130 202 203 204 211 218 219 261 262 295 296 308 325 326 331 380 381 382 383 384 385 386 387 388 389 390 393 394 395 396 420 456 457 458 471 472 473 500 501 502 503 527 532 553 575 623 633 751 780 817 870 875 876 877 935 ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X307 = etree.XPath('self::ram:TypeCode[parent::rsm:ExchangedDocument]', namespaces=NS, smart_strings=False)
X308 = etree.XPath("concat(substring('G', 1, number(boolean((count(attribute::currencyID) > 1) or (count(attribute::currencyID) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(attribute::currencyID), ' ')) and contains(' AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VES VED VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ', concat(' ', normalize-space(attribute::currencyID), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X309 = etree.XPath('self::ram:TaxTotalAmount[attribute::currencyID]', namespaces=NS, smart_strings=False)
X310 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STD SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VES VED VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X311 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' 5 29 72 ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X312 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' AAA AAB AAC AAD AAE AAF AAG AAH AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABQ ABR ABS ABT ABU ABV ABW ABX ABY ABZ AC ACA ACB ACC ACD ACE ACF ACG ACH ACI ACJ ACK ACL ACN ACO ACP ACQ ACR ACT ACU ACV ACW ACX ACY ACZ ADA ADB ADC ADD ADE ADF ADG ADI ADJ ADK ADL ADM ADN ADO ADP ADQ ADT ADU ADV ADW ADX ADY ADZ AE AEA AEB AEC AED AEE AEF AEG AEH AEI AEJ AEK AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AF AFA AFB AFC AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW AFX AFY AFZ AGA AGB AGC AGD AGE AGF AGG AGH AGI AGJ AGK AGL AGM AGN AGO AGP AGQ AGR AGS AGT AGU AGV AGW AGX AGY AGZ AHA AHB AHC AHD AHE AHF AHG AHH AHI AHJ AHK AHL AHM AHN AHO AHP AHQ AHR AHS AHT AHU AHV AHX AHY AHZ AIA AIB AIC AID AIE AIF AIG AIH AII AIJ AIK AIL AIM AIN AIO AIP AIQ AIR AIS AIT AIU AIV AIW AIX AIY AIZ AJA AJB AJC AJD AJE AJF AJG AJH AJI AJJ AJK AJL AJM AJN AJO AJP AJQ AJR AJS AJT AJU AJV AJW AJX AJY AJZ AKA AKB AKC AKD AKE AKF AKG AKH AKI AKJ AKK AKL AKM AKN AKO AKP AKQ AKR AKS AKT AKU AKV AKW AKX AKY AKZ ALA ALB ALC ALD ALE ALF ALG ALH ALI ALJ ALK ALL ALM ALN ALO ALP ALQ ALR ALS ALT ALU ALV ALW ALX ALY ALZ AMA AMB AMC AMD AME AMF AMG AMH AMI AMJ AMK AML AMM AMN AMO AMP AMQ AMR AMS AMT AMU AMV AMW AMX AMY AMZ ANA ANB ANC AND ANE ANF ANG ANH ANI ANJ ANK ANL ANM ANN ANO ANP ANQ ANR ANS ANT ANU ANV ANW ANX ANY AOA AOD AOE AOF AOG AOH AOI AOJ AOK AOL AOM AON AOO AOP AOQ AOR AOS AOT AOU AOV AOW AOX AOY AOZ AP APA APB APC APD APE APF APG APH API APJ APK APL APM APN APO APP APQ APR APS APT APU APV APW APX APY APZ AQA AQB AQC AQD AQE AQF AQG AQH AQI AQJ AQK AQL AQM AQN AQO AQP AQQ AQR AQS AQT AQU AQV AQW AQX AQY AQZ ARA ARB ARC ARD ARE ARF ARG ARH ARI ARJ ARK ARL ARM ARN ARO ARP ARQ ARR ARS ART ARU ARV ARW ARX ARY ARZ ASA ASB ASC ASD ASE ASF ASG ASH ASI ASJ ASK ASL ASM ASN ASO ASP ASQ ASR ASS AST ASU ASV ASW ASX ASY ASZ ATA ATB ATC ATD ATE ATF ATG ATH ATI ATJ ATK ATL ATM ATN ATO ATP ATQ ATR ATS ATT ATU ATV ATW ATX ATY ATZ AU AUA AUB AUC AUD AUE AUF AUG AUH AUI AUJ AUK AUL AUM AUN AUO AUP AUQ AUR AUS AUT AUU AUV AUW AUX AUY AUZ AV AVA AVB AVC AVD AVE AVF AVG AVH AVI AVJ AVK AVL AVM AVN AVO AVP AVQ AVR AVS AVT AVU AVV AVW AVX AVY AVZ AWA AWB AWC AWD AWE AWF AWG AWH AWI AWJ AWK AWL AWM AWN AWO AWP AWQ AWR AWS AWT AWU AWV AWW AWX AWY AWZ AXA AXB AXC AXD AXE AXF AXG AXH AXI AXJ AXK AXL AXM AXN AXO AXP AXQ AXR AXS AXU BA BC BD BE BH BM BN BO BR BT BTP BW CAS CAT CAU CAV CAW CAX CAY CAZ CBA CBB CD CEC CED CFE CFF CFO CG CH CK CKN CM CMR CN CNO COF CP CR CRN CS CST CT CU CV CW CZ DA DAN DB DI DL DM DQ DR EA EB ED EE EEP EI EN EQ ER ERN ET EX FC FF FI FLW FN FO FS FT FV FX GA GC GD GDN GN HS HWB IA IB ICA ICE ICO II IL INB INN INO IP IS IT IV JB JE LA LAN LAR LB LC LI LO LRC LS MA MB MF MG MH MR MRN MS MSS MWB NA NF OH OI ON OP OR PB PC PD PE PF PI PK PL POR PP PQ PR PS PW PY RA RC RCN RE REN RF RR RT SA SB SD SE SEA SF SH SI SM SN SP SQ SRN SS STA SW SZ TB TCR TE TF TI TIN TL TN TP UAR UC UCN UN UO URI VA VC VGR VM VN VON VOR VP VR VS VT VV WE WM WN WR WS WY XA XC XP ZZZ ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X313 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' AAA AAB AAC AAD AAE AAF AAG AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABQ ABR ABS ABT ABU ABV ABW ABX ABZ ACA ACB ACC ACD ACE ACF ACG ACH ACI ACJ ACK ACL ACM ACN ACO ACP ACQ ACR ACS ACT ACU ACV ACW ACX ACY ACZ ADA ADB ADC ADD ADE ADF ADG ADH ADI ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADS ADT ADU ADV ADW ADX ADY ADZ AEA AEB AEC AED AEE AEF AEG AEH AEI AEJ AEK AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AFA AFB AFC AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW AFX AFY AFZ AGA AGB AGC AGD AGE AGF AGG AGH AGI AGJ AGK AGL AGM AGN AGO AGP AGQ AGR AGS AGT AGU AGV AGW AGX AGY AGZ AHA AHB AHC AHD AHE AHF AHG AHH AHI AHJ AHK AHL AHM AHN AHO AHP AHQ AHR AHS AHT AHU AHV AHW AHX AHY AHZ AIA AIB AIC AID AIE AIF AIG AIH AII AIJ AIK AIL AIM AIN AIO AIP AIQ AIR AIS AIT AIU AIV AIW AIX AIY AIZ AJA AJB ALC ALD ALE ALF ALG ALH ALI ALJ ALK ALL ALM ALN ALO ALP ALQ ARR ARS AUT AUU AUV AUW AUX AUY AUZ AVA AVB AVC AVD AVE AVF BAG BAH BAI BAJ BAK BAL BAM BAN BAO BAP BAQ BAR BAS BAT BAU BAV BAW BAX BAY BAZ BBA BBB BLC BLD BLE BLF BLG BLH BLI BLJ BLK BLL BLM BLN BLO BLP BLQ BLR BLS BLT BLU BLV BLW BLX BLY BLZ BMA BMB BMC BMD BME BMF BMG BMH CCI CCJ CCK CCL CCM CCN CCO CEX CHG CIP CLP CLR COI CUR CUS DAR DCL DEL DIN DOC DUT EUR FBC GBL GEN GS7 HAN HAZ ICN IIN IMI IND INS INV IRP ITR ITS LAN LIN LOI MCO MDH MKS ORI OSI PAC PAI PAY PKG PKT PMD PMT PRD PRF PRI PUR QIN QQD QUT RAH REG RET REV RQR SAF SIC SIN SLR SPA SPG SPH SPP SPT SRN SSR SUR TCA TDT TRA TRR TXD WHI ZZZ ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X314 = etree.XPath("concat(substring('G', 1, number(boolean((count(attribute::schemeID) > 1) or (count(attribute::schemeID) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(attribute::schemeID), ' ')) and contains(' 0002 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012 0013 0014 0015 0016 0017 0018 0019 0020 0021 0022 0023 0024 0025 0026 0027 0028 0029 0030 0031 0032 0033 0034 0035 0036 0037 0038 0039 0040 0041 0042 0043 0044 0045 0046 0047 0048 0049 0050 0051 0052 0053 0054 0055 0056 0057 0058 0059 0060 0061 0062 0063 0064 0065 0066 0067 0068 0069 0070 0071 0072 0073 0074 0075 0076 0077 0078 0079 0080 0081 0082 0083 0084 0085 0086 0087 0088 0089 0090 0091 0093 0094 0095 0096 0097 0098 0099 0100 0101 0102 0104 0105 0106 0107 0108 0109 0110 0111 0112 0113 0114 0115 0116 0117 0118 0119 0120 0121 0122 0123 0124 0125 0126 0127 0128 0129 0130 0131 0132 0133 0134 0135 0136 0137 0138 0139 0140 0141 0142 0143 0144 0145 0146 0147 0148 0149 0150 0151 0152 0153 0154 0155 0156 0157 0158 0159 0160 0161 0162 0163 0164 0165 0166 0167 0168 0169 0170 0171 0172 0173 0174 0175 0176 0177 0178 0179 0180 0183 0184 0185 0186 0187 0188 0189 0190 0191 0192 0193 0194 0195 0196 0197 0198 0199 0200 0201 0202 0203 0204 0205 0206 0207 0208 0209 0210 0211 0212 0213 0214 0215 0216 0217 0218 0219 0220 0221 0222 0223 0224 0225 0226 0227 0228 0229 0230 0231 0232 0233 0234 0235 0236 0237 0238 0239 0240 0241 0242 0243 0244 0245 0246 0247 0248 ', concat(' ', normalize-space(attribute::schemeID), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X315 = etree.XPath('self::ram:GlobalID[attribute::schemeID][(not(ancestor::ram:SpecifiedTradeProduct) and not(ancestor::ram:ShipToTradeParty))]', namespaces=NS, smart_strings=False)
X316 = etree.XPath('self::ram:ID[attribute::schemeID][not(ancestor::ram:SpecifiedTaxRegistration)]', namespaces=NS, smart_strings=False)
X317 = etree.XPath("concat(substring('G', 1, number(boolean((count(attribute::listID) > 1) or (count(attribute::listID) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(attribute::listID), ' ')) and contains(' AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BQ BR BS BT BU BV BW BX BY BZ CC CG CL CR CV DR DW EC EF EMD EN FS GB GN GMN GS HS IB IN IS IT IZ MA MF MN MP NB ON PD PL PO PPI PV QS RC RN RU RY SA SG SK SN SRS SRT SRU SRV SRW SRX SRY SRZ SS SSA SSB SSC SSD SSE SSF SSG SSH SSI SSJ SSK SSL SSM SSN SSO SSP SSQ SSR SSS SST SSU SSV SSW SSX SSY SSZ ST STA STB STC STD STE STF STG STH STI STJ STK STL STM STN STO STP STQ STR STS STT STU STV STW STX STY STZ SUA SUB SUC SUD SUE SUF SUG SUH SUI SUJ SUK SUL SUM TG TSN TSO TSP TSQ TSR TSS TST TSU UA UP VN VP VS VX ZZZ ', concat(' ', normalize-space(attribute::listID), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X318 = etree.XPath('self::ram:ClassCode[attribute::listID]', namespaces=NS, smart_strings=False)
X319 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' 1A AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X320 = etree.XPath('self::ram:ID[parent::ram:OriginTradeCountry]', namespaces=NS, smart_strings=False)
X321 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 74 75 76 77 78 91 92 93 94 95 96 97 98 ZZZ ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X322 = etree.XPath('self::ram:TypeCode[parent::ram:SpecifiedTradeSettlementPaymentMeans]', namespaces=NS, smart_strings=False)
X323 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' AE L M E S Z G O K B ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X324 = etree.XPath('self::ram:CategoryCode[parent::ram:CategoryTradeTax]', namespaces=NS, smart_strings=False)
X325 = etree.XPath('self::ram:CategoryCode[parent::ram:ApplicableTradeTax]', namespaces=NS, smart_strings=False)
X326 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' 41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105 ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X327 = etree.XPath("boolean((//child::ram:SpecifiedTradeAllowanceCharge[(child::ram:ChargeIndicator/child::udt:Indicator[not(normalize-space(.) = 'true' or normalize-space(.) = '1' or normalize-space(.) = 'false' or normalize-space(.) = '0')])]))", namespaces=NS, smart_strings=False)
X328 = etree.XPath("self::ram:ReasonCode[parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'false' or normalize-space(.) = '0'])]]", namespaces=NS, smart_strings=False)
X329 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO ADP ADQ ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU AEV AEW AEX AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS CAT CAU CAV CAW CAX CAY CAZ CD CG CS CT DAB DAD DAC DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DL EG EP ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL PRV RAB RAC RAD RAF RE RF RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH XAA YY ZZZ ', concat(' ', normalize-space(.), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X330 = etree.XPath("self::ram:ReasonCode[parent::ram:SpecifiedTradeAllowanceCharge[boolean(child::ram:ChargeIndicator/child::udt:Indicator[normalize-space(.) = 'true' or normalize-space(.) = '1'])]]", namespaces=NS, smart_strings=False)
X331 = etree.XPath('self::ram:GlobalID[attribute::schemeID][parent::ram:SpecifiedTradeProduct]', namespaces=NS, smart_strings=False)
X332 = etree.XPath("concat(substring('G', 1, number(boolean((count(.) > 1) or (count(.) > 1) or (translate(., ' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\t\n\r', '') != '')))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(.), ' ')) and contains(' VATEX-EU-79-C VATEX-EU-132 VATEX-EU-132-1A VATEX-EU-132-1B VATEX-EU-132-1C VATEX-EU-132-1D VATEX-EU-132-1E VATEX-EU-132-1F VATEX-EU-132-1G VATEX-EU-132-1H VATEX-EU-132-1I VATEX-EU-132-1J VATEX-EU-132-1K VATEX-EU-132-1L VATEX-EU-132-1M VATEX-EU-132-1N VATEX-EU-132-1O VATEX-EU-132-1P VATEX-EU-132-1Q VATEX-EU-135-1 VATEX-EU-143 VATEX-EU-143-1A VATEX-EU-143-1B VATEX-EU-143-1C VATEX-EU-143-1D VATEX-EU-143-1E VATEX-EU-143-1F VATEX-EU-143-1FA VATEX-EU-143-1G VATEX-EU-143-1H VATEX-EU-143-1I VATEX-EU-143-1J VATEX-EU-143-1K VATEX-EU-143-1L VATEX-EU-144 VATEX-EU-146-1E VATEX-EU-159 VATEX-EU-309 VATEX-EU-148 VATEX-EU-148-A VATEX-EU-148-B VATEX-EU-148-C VATEX-EU-148-D VATEX-EU-148-E VATEX-EU-148-F VATEX-EU-148-G VATEX-EU-151 VATEX-EU-151-1A VATEX-EU-151-1AA VATEX-EU-151-1B VATEX-EU-151-1C VATEX-EU-151-1D VATEX-EU-151-1E VATEX-EU-G VATEX-EU-O VATEX-EU-IC VATEX-EU-AE VATEX-EU-D VATEX-EU-F VATEX-EU-I VATEX-EU-J VATEX-FR-FRANCHISE VATEX-FR-CNWVAT VATEX-EU-153 VATEX-FR-CGI261-1 VATEX-FR-CGI261-2 VATEX-FR-CGI261-3 VATEX-FR-CGI261-4 VATEX-FR-CGI261-5 VATEX-FR-CGI261-7 VATEX-FR-CGI261-8 VATEX-FR-CGI261A VATEX-FR-CGI261B VATEX-FR-CGI261C-1 VATEX-FR-CGI261C-2 VATEX-FR-CGI261C-3 VATEX-FR-CGI261D-1 VATEX-FR-CGI261D-1BIS VATEX-FR-CGI261D-2 VATEX-FR-CGI261D-3 VATEX-FR-CGI261D-4 VATEX-FR-CGI261E-1 VATEX-FR-CGI261E-2 VATEX-FR-CGI277A VATEX-FR-CGI275 VATEX-FR-298SEXDECIESA VATEX-FR-CGI295 VATEX-FR-AE ', concat(' ', normalize-space(translate(., 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X333 = etree.XPath("concat(substring('G', 1, number(boolean((count(attribute::unitCode) > 1) or (count(attribute::unitCode) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(attribute::unitCode), ' ')) and contains(' 10 11 13 14 15 20 21 22 23 24 25 27 28 33 34 35 37 38 40 41 56 57 58 59 60 61 74 77 80 81 85 87 89 91 1I 2A 2B 2C 2G 2H 2I 2J 2K 2L 2M 2N 2P 2Q 2R 2U 2X 2Y 2Z 3B 3C 4C 4G 4H 4K 4L 4M 4N 4O 4P 4Q 4R 4T 4U 4W 4X 5A 5B 5E 5J A10 A11 A12 A13 A14 A15 A16 A17 A18 A19 A2 A20 A21 A22 A23 A24 A26 A27 A28 A29 A3 A30 A31 A32 A33 A34 A35 A36 A37 A38 A39 A4 A40 A41 A42 A43 A44 A45 A47 A48 A49 A5 A53 A54 A55 A56 A59 A6 A68 A69 A7 A70 A71 A73 A74 A75 A76 A8 A84 A85 A86 A87 A88 A89 A9 A90 A91 A93 A94 A95 A96 A97 A98 A99 AA AB ACR ACT AD AE AH AI AK AL AMH AMP ANN APZ AQ AS ASM ASU ATM AWG AY AZ B1 B10 B11 B12 B13 B14 B15 B16 B17 B18 B19 B20 B21 B22 B23 B24 B25 B26 B27 B28 B29 B3 B30 B31 B32 B33 B34 B35 B4 B41 B42 B43 B44 B45 B46 B47 B48 B49 B50 B52 B53 B54 B55 B56 B57 B58 B59 B60 B61 B62 B63 B64 B66 B67 B68 B69 B7 B70 B71 B72 B73 B74 B75 B76 B77 B78 B79 B8 B80 B81 B82 B83 B84 B85 B86 B87 B88 B89 B90 B91 B92 B93 B94 B95 B96 B97 B98 B99 BAR BB BFT BHP BIL BLD BLL BP BPM BQL BTU BUA BUI C0 C10 C11 C12 C13 C14 C15 C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C3 C30 C31 C32 C33 C34 C35 C36 C37 C38 C39 C40 C41 C42 C43 C44 C45 C46 C47 C48 C49 C50 C51 C52 C53 C54 C55 C56 C57 C58 C59 C60 C61 C62 C63 C64 C65 C66 C67 C68 C69 C7 C70 C71 C72 C73 C74 C75 C76 C78 C79 C8 C80 C81 C82 C83 C84 C85 C86 C87 C88 C89 C9 C90 C91 C92 C93 C94 C95 C96 C97 C99 CCT CDL CEL CEN CG CGM CKG CLF CLT CMK CMQ CMT CNP CNT COU CTG CTM CTN CUR CWA CWI D03 D04 D1 D10 D11 D12 D13 D15 D16 D17 D18 D19 D2 D20 D21 D22 D23 D24 D25 D26 D27 D29 D30 D31 D32 D33 D34 D36 D41 D42 D43 D44 D45 D46 D47 D48 D49 D5 D50 D51 D52 D53 D54 D55 D56 D57 D58 D59 D6 D60 D61 D62 D63 D65 D68 D69 D73 D74 D77 D78 D80 D81 D82 D83 D85 D86 D87 D88 D89 D91 D93 D94 D95 DAA DAD DAY DB DBM DBW DD DEC DG DJ DLT DMA DMK DMO DMQ DMT DN DPC DPR DPT DRA DRI DRL DT DTN DWT DZN DZP E01 E07 E08 E09 E10 E12 E14 E15 E16 E17 E18 E19 E20 E21 E22 E23 E25 E27 E28 E30 E31 E32 E33 E34 E35 E36 E37 E38 E39 E4 E40 E41 E42 E43 E44 E45 E46 E47 E48 E49 E50 E51 E52 E53 E54 E55 E56 E57 E58 E59 E60 E61 E62 E63 E64 E65 E66 E67 E68 E69 E70 E71 E72 E73 E74 E75 E76 E77 E78 E79 E80 E81 E82 E83 E84 E85 E86 E87 E88 E89 E90 E91 E92 E93 E94 E95 E96 E97 E98 E99 EA EB EQ F01 F02 F03 F04 F05 F06 F07 F08 F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 F79 F80 F81 F82 F83 F84 F85 F86 F87 F88 F89 F90 F91 F92 F93 F94 F95 F96 F97 F98 F99 FAH FAR FBM FC FF FH FIT FL FNU FOT FP FR FS FTK FTQ G01 G04 G05 G06 G08 G09 G10 G11 G12 G13 G14 G15 G16 G17 G18 G19 G2 G20 G21 G23 G24 G25 G26 G27 G28 G29 G3 G30 G31 G32 G33 G34 G35 G36 G37 G38 G39 G40 G41 G42 G43 G44 G45 G46 G47 G48 G49 G50 G51 G52 G53 G54 G55 G56 G57 G58 G59 G60 G61 G62 G63 G64 G65 G66 G67 G68 G69 G70 G71 G72 G73 G74 G75 G76 G77 G78 G79 G80 G81 G82 G83 G84 G85 G86 G87 G88 G89 G90 G91 G92 G93 G94 G95 G96 G97 G98 G99 GB GBQ GDW GE GF GFI GGR GIA GIC GII GIP GJ GL GLD GLI GLL GM GO GP GQ GRM GRN GRO GV GWH H03 H04 H05 H06 H07 H08 H09 H10 H11 H12 H13 H14 H15 H16 H18 H19 H20 H21 H22 H23 H24 H25 H26 H27 H28 H29 H30 H31 H32 H33 H34 H35 H36 H37 H38 H39 H40 H41 H42 H43 H44 H45 H46 H47 H48 H49 H50 H51 H52 H53 H54 H55 H56 H57 H58 H59 H60 H61 H62 H63 H64 H65 H66 H67 H68 H69 H70 H71 H72 H73 H74 H75 H76 H77 H79 H80 H81 H82 H83 H84 H85 H87 H88 H89 H90 H91 H92 H93 H94 H95 H96 H98 H99 HA HAD HBA HBX HC HDW HEA HGM HH HIU HKM HLT HM HMO HMQ HMT HPA HTZ HUR HWE IA IE INH INK INQ ISD IU IUG IV J10 J12 J13 J14 J15 J16 J17 J18 J19 J2 J20 J21 J22 J23 J24 J25 J26 J27 J28 J29 J30 J31 J32 J33 J34 J35 J36 J38 J39 J40 J41 J42 J43 J44 J45 J46 J47 J48 J49 J50 J51 J52 J53 J54 J55 J56 J57 J58 J59 J60 J61 J62 J63 J64 J65 J66 J67 J68 J69 J70 J71 J72 J73 J74 J75 J76 J78 J79 J81 J82 J83 J84 J85 J87 J90 J91 J92 J93 J95 J96 J97 J98 J99 JE JK JM JNT JOU JPS JWL K1 K10 K11 K12 K13 K14 K15 K16 K17 K18 K19 K2 K20 K21 K22 K23 K26 K27 K28 K3 K30 K31 K32 K33 K34 K35 K36 K37 K38 K39 K40 K41 K42 K43 K45 K46 K47 K48 K49 K50 K51 K52 K53 K54 K55 K58 K59 K6 K60 K61 K62 K63 K64 K65 K66 K67 K68 K69 K70 K71 K73 K74 K75 K76 K77 K78 K79 K80 K81 K82 K83 K84 K85 K86 K87 K88 K89 K90 K91 K92 K93 K94 K95 K96 K97 K98 K99 KA KAT KB KBA KCC KDW KEL KGM KGS KHY KHZ KI KIC KIP KJ KJO KL KLK KLX KMA KMH KMK KMQ KMT KNI KNM KNS KNT KO KPA KPH KPO KPP KR KSD KSH KT KTN KUR KVA KVR KVT KW KWH KWN KWO KWS KWT KWY KX L10 L11 L12 L13 L14 L15 L16 L17 L18 L19 L2 L20 L21 L23 L24 L25 L26 L27 L28 L29 L30 L31 L32 L33 L34 L35 L36 L37 L38 L39 L40 L41 L42 L43 L44 L45 L46 L47 L48 L49 L50 L51 L52 L53 L54 L55 L56 L57 L58 L59 L60 L63 L64 L65 L66 L67 L68 L69 L70 L71 L72 L73 L74 L75 L76 L77 L78 L79 L80 L81 L82 L83 L84 L85 L86 L87 L88 L89 L90 L91 L92 L93 L94 L95 L96 L98 L99 LA LAC LBR LBT LD LEF LF LH LK LM LN LO LP LPA LR LS LTN LTR LUB LUM LUX LY M1 M10 M11 M12 M13 M14 M15 M16 M17 M18 M19 M20 M21 M22 M23 M24 M25 M26 M27 M29 M30 M31 M32 M33 M34 M35 M36 M37 M38 M39 M4 M40 M41 M42 M43 M44 M45 M46 M47 M48 M49 M5 M50 M51 M52 M53 M55 M56 M57 M58 M59 M60 M61 M62 M63 M64 M65 M66 M67 M68 M69 M7 M70 M71 M72 M73 M74 M75 M76 M77 M78 M79 M80 M81 M82 M83 M84 M85 M86 M87 M88 M89 M9 M90 M91 M92 M93 M94 M95 M96 M97 M98 M99 MAH MAL MAM MAR MAW MBE MBF MBR MC MCU MD MGM MHZ MIK MIL MIN MIO MIU MKD MKM MKW MLD MLT MMK MMQ MMT MND MNJ MON MPA MQD MQH MQM MQS MQW MRD MRM MRW MSK MTK MTQ MTR MTS MTZ MVA MWH N1 N10 N11 N12 N13 N14 N15 N16 N17 N18 N19 N20 N21 N22 N23 N24 N25 N26 N27 N28 N29 N3 N30 N31 N32 N33 N34 N35 N36 N37 N38 N39 N40 N41 N42 N43 N44 N45 N46 N47 N48 N49 N50 N51 N52 N53 N54 N55 N56 N57 N58 N59 N60 N61 N62 N63 N64 N65 N66 N67 N68 N69 N70 N71 N72 N73 N74 N75 N76 N77 N78 N79 N80 N81 N82 N83 N84 N85 N86 N87 N88 N89 N90 N91 N92 N93 N94 N95 N96 N97 N98 N99 NA NAR NCL NEW NF NIL NIU NL NM3 NMI NMP NPT NT NTU NU NX OA ODE ODG ODK ODM OHM ON ONZ OPM OT OZA OZI P1 P10 P11 P12 P13 P14 P15 P16 P17 P18 P19 P2 P20 P21 P22 P23 P24 P25 P26 P27 P28 P29 P30 P31 P32 P33 P34 P35 P36 P37 P38 P39 P40 P41 P42 P43 P44 P45 P46 P47 P48 P49 P5 P50 P51 P52 P53 P54 P55 P56 P57 P58 P59 P60 P61 P62 P63 P64 P65 P66 P67 P68 P69 P70 P71 P72 P73 P74 P75 P76 P77 P78 P79 P80 P81 P82 P83 P84 P85 P86 P87 P88 P89 P90 P91 P92 P93 P94 P95 P96 P97 P98 P99 PAL PD PFL PGL PI PLA PO PQ PR PS PTD PTI PTL PTN Q10 Q11 Q12 Q13 Q14 Q15 Q16 Q17 Q18 Q19 Q20 Q21 Q22 Q23 Q24 Q25 Q26 Q27 Q28 Q29 Q3 Q30 Q31 Q32 Q33 Q34 Q35 Q36 Q37 Q38 Q39 Q40 Q41 Q42 QA QAN QB QR QTD QTI QTL QTR R1 R9 RH RM ROM RP RPM RPS RT S3 S4 SAN SCO SCR SEC SET SG SIE SM3 SMI SQ SQR SR STC STI STK STL STN STW SW SX SYR T0 T3 TAH TAN TI TIC TIP TKM TMS TNE TP TPI TPR TQD TRL TST TTS U1 U2 UB UC VA VLT VP W2 WA WB WCD WE WEB WEE WG WHR WM WSD WTT X1 YDK YDQ YRD Z11 Z9 ZP ZZ X1A X1B X1D X1F X1G X1W X2C X3A X3H X43 X44 X4A X4B X4C X4D X4F X4G X4H X5H X5L X5M X6H X6P X7A X7B X8A X8B X8C XAA XAB XAC XAD XAE XAF XAG XAH XAI XAJ XAL XAM XAP XAT XAV XB4 XBA XBB XBC XBD XBE XBF XBG XBH XBI XBJ XBK XBL XBM XBN XBO XBP XBQ XBR XBS XBT XBU XBV XBW XBX XBY XBZ XCA XCB XCC XCD XCE XCF XCG XCH XCI XCJ XCK XCL XCM XCN XCO XCP XCQ XCR XCS XCT XCU XCV XCW XCX XCY XCZ XDA XDB XDC XDG XDH XDI XDJ XDK XDL XDM XDN XDP XDR XDS XDT XDU XDV XDW XDX XDY XEC XED XEE XEF XEG XEH XEI XEN XFB XFC XFD XFE XFI XFL XFO XFP XFR XFT XFW XFX XGB XGI XGL XGR XGU XGY XGZ XHA XHB XHC XHG XHN XHR XIA XIB XIC XID XIE XIF XIG XIH XIK XIL XIN XIZ XJB XJC XJG XJR XJT XJY XKG XKI XLE XLG XLT XLU XLV XLZ XMA XMB XMC XME XMR XMS XMT XMW XMX XNA XNE XNF XNG XNS XNT XNU XNV XO1 XO2 XO3 XO4 XO5 XO6 XO7 XO8 XO9 XOA XOB XOC XOD XOE XOF XOG XOH XOI XOJ XOK XOL XOM XON XOP XOQ XOR XOS XOT XOU XOV XOW XOX XOY XOZ XP1 XP2 XP3 XP4 XPA XPB XPC XPD XPE XPF XPG XPH XPI XPJ XPK XPL XPN XPO XPP XPR XPT XPU XPV XPX XPY XPZ XQA XQB XQC XQD XQF XQG XQH XQJ XQK XQL XQM XQN XQP XQQ XQR XQS XRD XRG XRJ XRK XRL XRO XRT XRZ XSA XSB XSC XSD XSE XSH XSI XSK XSL XSM XSO XSP XSS XST XSU XSV XSW XSX XSY XSZ XT1 XTB XTC XTD XTE XTG XTI XTK XTL XTN XTO XTR XTS XTT XTU XTV XTW XTY XTZ XUC XUN XVA XVG XVI XVK XVL XVN XVO XVP XVQ XVR XVS XVY XWA XWB XWC XWD XWF XWG XWH XWJ XWK XWL XWM XWN XWP XWQ XWR XWS XWT XWU XWV XWW XWX XWY XWZ XXA XXB XXC XXD XXF XXG XXH XXJ XXK XYA XYB XYC XYD XYF XYG XYH XYJ XYK XYL XYM XYN XYP XYQ XYR XYS XYT XYV XYW XYX XYY XYZ XZA XZB XZC XZD XZF XZG XZH XZJ XZK XZL XZM XZN XZP XZQ XZR XZS XZT XZU XZV XZW XZX XZY XZZ ', concat(' ', normalize-space(attribute::unitCode), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X334 = etree.XPath('self::ram:BasisQuantity[attribute::unitCode]', namespaces=NS, smart_strings=False)
X335 = etree.XPath('self::ram:BilledQuantity[attribute::unitCode]', namespaces=NS, smart_strings=False)
X336 = etree.XPath("concat(substring('0000', 1, 4 * number(not(((((((((attribute::mimeCode = 'application/pdf') or (attribute::mimeCode = 'image/png')) or (attribute::mimeCode = 'image/jpeg')) or (attribute::mimeCode = 'text/csv')) or (attribute::mimeCode = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) or (attribute::mimeCode = 'application/vnd.oasis.opendocument.spreadsheet'))))))), '')", namespaces=NS, smart_strings=False)
X337 = etree.XPath('self::ram:AttachmentBinaryObject[attribute::mimeCode]', namespaces=NS, smart_strings=False)
X338 = etree.XPath("concat(substring('G', 1, number(boolean((count(attribute::schemeID) > 1) or (count(attribute::schemeID) > 1)))), substring('0000', 1, 4 * number(not((((not(contains(normalize-space(attribute::schemeID), ' ')) and contains(' 0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177 0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205 0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0219 0220 0221 0225 0230 0235 0240 0244 0242 0245 0246 0248 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959 AN AQ AS AU EM ', concat(' ', normalize-space(attribute::schemeID), ' ')))))))), '')", namespaces=NS, smart_strings=False)
X339 = etree.XPath('self::ram:URIID[attribute::schemeID][parent::ram:URIUniversalCommunication]', namespaces=NS, smart_strings=False)
X340 = etree.XPath('self::ram:GlobalID[attribute::schemeID][parent::ram:ShipToTradeParty[parent::ram:ApplicableHeaderTradeDelivery]]', namespaces=NS, smart_strings=False)

RE0 = re.compile('^[ \\t\\n\\r]*(\\d{4})(1[0-2]|0[1-9]){1}(3[01]|[12][0-9]|0[1-9]){1}[ \\t\\n\\r]*\\Z')


def global_lets(c):
    G = {}
    return G


def rule_1(c, G):
    fired = {}
    flags = X0(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_2(c, G):
    fired = {}
    flags = X1(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_3(c, G):
    fired = {}
    flags = X2(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_4(c, G):
    fired = {}
    flags = X3(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_5(c, G):
    fired = {}
    flags = X5(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_6(c, G):
    fired = {}
    flags = X10(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X7(c)))):
        fired[0] = None
    if not (R.ebv(R.guarded(X9(c), R.nodes(X8(c))))):
        fired[1] = None
    return fired


def rule_7(c, G):
    fired = {}
    flags = X10(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X7(c)))):
        fired[0] = None
    if not (R.ebv(R.guarded(X9(c), R.nodes(X8(c))))):
        fired[1] = None
    return fired


def rule_8(c, G):
    fired = {}
    flags = X46(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X13(c)))):
        fired[0] = None
    if not (R.ebv(R.nodes(X14(c)))):
        fired[1] = None
    if not (R.ebv(R.nodes(X15(c)))):
        fired[2] = None
    if not (R.ebv(R.nodes(X16(c)))):
        fired[3] = None
    if not (R.general('=', R.cast('xs:decimal', R.nodes(X17(c))), R.arith('div', R.f_round(R.arith('*', R.cast('xs:decimal', R.f_sum(R.nodes(X18(c)))), R.cast('xs:decimal', [int(X19(c))]))), R.cast('xs:decimal', [int(X19(c))])))):
        fired[5] = None
    if not ((R.guarded(X21(c), X20(c)) or R.general('=', R.nodes(X22(c)), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.guarded(X21(c), R.nodes(X23(c)))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])))):
        fired[6] = None
    if not ((R.guarded(X21(c), X25(c)) or R.general('=', R.nodes(X26(c)), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.guarded(X21(c), R.nodes(X27(c)))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])))):
        fired[7] = None
    if not ((((R.general('=', R.cast('xs:decimal', R.nodes(X28(c))), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.arith('+', R.arith('-', R.cast('xs:decimal', R.nodes(X29(c))), R.cast('xs:decimal', R.nodes(X30(c)))), R.cast('xs:decimal', R.nodes(X31(c)))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])) or (R.general('=', R.cast('xs:decimal', R.nodes(X28(c))), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.arith('-', R.cast('xs:decimal', R.nodes(X29(c))), R.cast('xs:decimal', R.nodes(X30(c)))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])) and X32(c))) or (R.general('=', R.cast('xs:decimal', R.nodes(X28(c))), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.arith('+', R.cast('xs:decimal', R.nodes(X29(c))), R.cast('xs:decimal', R.nodes(X31(c)))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])) and X33(c))) or ((R.general('=', R.cast('xs:decimal', R.nodes(X28(c))), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.cast('xs:decimal', R.nodes(X29(c))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])) and X32(c)) and X33(c)))):
        fired[8] = None
    if not ((((R.general('=', R.cast('xs:decimal', R.nodes(X34(c))), R.arith('+', R.arith('-', R.cast('xs:decimal', R.nodes(X35(c))), R.cast('xs:decimal', R.nodes(X36(c)))), R.cast('xs:decimal', R.nodes(X37(c))))) or (R.general('=', R.cast('xs:decimal', R.nodes(X34(c))), R.arith('+', R.cast('xs:decimal', R.nodes(X35(c))), R.cast('xs:decimal', R.nodes(X37(c))))) and X38(c))) or (R.general('=', R.cast('xs:decimal', R.nodes(X34(c))), R.arith('-', R.cast('xs:decimal', R.nodes(X35(c))), R.cast('xs:decimal', R.nodes(X36(c))))) and X39(c))) or ((R.general('=', R.cast('xs:decimal', R.nodes(X34(c))), R.cast('xs:decimal', R.nodes(X35(c)))) and X38(c)) and X39(c)))):
        fired[9] = None
    if not ((X40(c) or R.ebv(R.keep(R.nodes(X41(c)), lambda c: [((X42(c) and R.general('=', [c], R.arith('div', R.f_round(R.arith('*', [c], [int(X19(c))])), [int(X19(c))]))) or X43(c))])))):
        fired[15] = None
    if not ((X40(c) or R.ebv(R.keep(R.nodes(X41(c)), lambda c: [((X44(c) and R.general('=', [c], R.arith('div', R.f_round(R.arith('*', [c], [int(X19(c))])), [int(X19(c))]))) or X45(c))])))):
        fired[16] = None
    return fired


def rule_9(c, G):
    fired = {}
    flags = X71(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X47(c)))):
        fired[7] = None
    if not (R.ebv(R.nodes(X48(c)))):
        fired[9] = None
    if not (R.ebv(R.nodes(X49(c)))):
        fired[11] = None
    if not (R.every(R.nodes(X50(c)), lambda v_Currency: ((X51(c, v_Currency=[v_Currency]) and R.general('=', R.cast('xs:decimal', R.nodes(X52(c))), R.arith('div', R.f_round(R.arith('*', R.arith('+', R.cast('xs:decimal', R.nodes(X53(c))), R.cast('xs:decimal', R.nodes(X54(c, v_Currency=[v_Currency])))), [int(X19(c))])), [int(X19(c))]))) or R.general('=', R.cast('xs:decimal', R.nodes(X52(c))), R.cast('xs:decimal', R.nodes(X53(c))))))):
        fired[14] = None
    if not (((R.general('>=', R.arith('+', [int(X55(c))], [int(X56(c))]), [int(X57(c))]) or X58(c)) and (R.general('>=', R.arith('+', [int(X59(c))], [int(X56(c))]), [int(X57(c))]) or X60(c)))):
        fired[15] = None
    if not (((R.general('>=', R.arith('+', [int(X61(c))], [int(X62(c))]), [int(X57(c))]) or X63(c)) and (R.general('>=', R.arith('+', [int(X64(c))], [int(X62(c))]), [int(X57(c))]) or X65(c)))):
        fired[22] = None
    if not (((R.general('>=', R.arith('+', [int(X66(c))], [int(X67(c))]), [int(X57(c))]) or X68(c)) and (R.general('>=', R.arith('+', [int(X69(c))], [int(X67(c))]), [int(X57(c))]) or X70(c)))):
        fired[23] = None
    return fired


def rule_10(c, G):
    fired = {}
    flags = X80(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X73(c)))):
        fired[1] = None
    if not (R.ebv(R.nodes(X74(c)))):
        fired[2] = None
    if not (R.ebv(R.nodes(X75(c)))):
        fired[3] = None
    if not (R.ebv(R.nodes(X76(c)))):
        fired[5] = None
    if not (R.ebv(R.guarded(X78(c), R.nodes(X77(c))))):
        fired[9] = None
    if not (R.ebv(R.nodes(X79(c)))):
        fired[10] = None
    return fired


def rule_11(c, G):
    fired = {}
    flags = X81(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X7(c)))):
        fired[0] = None
    return fired


def rule_12(c, G):
    fired = {}
    flags = X81(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X7(c)))):
        fired[0] = None
    return fired


def rule_13(c, G):
    fired = {}
    flags = X88(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (((R.general('>=', R.nodes(X84(c)), R.nodes(X85(c))) or X86(c)) or X87(c))):
        fired[0] = None
    return fired


def rule_14(c, G):
    fired = {}
    flags = X88(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (((R.general('>=', R.nodes(X84(c)), R.nodes(X85(c))) or X86(c)) or X87(c))):
        fired[0] = None
    return fired


def rule_15(c, G):
    fired = {}
    flags = X91(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_16(c, G):
    fired = {}
    flags = X92(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_17(c, G):
    fired = {}
    if not (R.ebv(R.nodes(X93(c)))):
        fired[0] = None
    return fired


def rule_18(c, G):
    fired = {}
    flags = X1(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_19(c, G):
    fired = {}
    flags = X95(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_20(c, G):
    fired = {}
    flags = X97(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X96(c)))):
        fired[1] = None
    return fired


def rule_21(c, G):
    fired = {}
    if not (R.general('=', [c], R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.nodes(X98(c))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))):
        fired[0] = None
    return fired


def rule_22(c, G):
    fired = {}
    flags = X100(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_23(c, G):
    fired = {}
    flags = X108(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.general('<', R.arith('-', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X104(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X105(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X107(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))) and R.general('>', R.arith('+', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X104(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X105(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X107(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_24(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (((R.ebv(R.step(R.nodes(X111(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X116(c)))) and X117(c))):
        fired[0] = None
    return fired


def rule_25(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (((R.ebv(R.step(R.nodes(X111(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X116(c)))) and X117(c))):
        fired[0] = None
    return fired


def rule_26(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (((R.ebv(R.step(R.nodes(X111(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X116(c)))) and X117(c))):
        fired[0] = None
    return fired


def rule_27(c, G):
    fired = {}
    flags = X138(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.every(R.step(R.nodes(X125(c)), lambda c: R.cast('xs:decimal', [c])), lambda v_rate: R.general('=', R.nodes(X102(c)), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.step(R.nodes(X126(c)), lambda c: R.keep(R.nodes(X127(c)), lambda c: [(X128(c) and R.general('=', R.step(R.nodes(X129(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.nodes(X131(c))), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X134(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X137(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_28(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_29(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_30(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_31(c, G):
    fired = {}
    flags = X138(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.every(R.step(R.nodes(X125(c)), lambda c: R.cast('xs:decimal', [c])), lambda v_rate: R.general('=', R.nodes(X102(c)), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.step(R.nodes(X126(c)), lambda c: R.keep(R.nodes(X127(c)), lambda c: [(X150(c) and R.general('=', R.step(R.nodes(X129(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.nodes(X131(c))), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X151(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X152(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_32(c, G):
    fired = {}
    flags = X155(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_33(c, G):
    fired = {}
    flags = X155(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_34(c, G):
    fired = {}
    flags = X155(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_35(c, G):
    fired = {}
    flags = X108(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.general('<', R.arith('-', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X162(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X163(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X164(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))) and R.general('>', R.arith('+', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X162(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X163(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X164(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_36(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_37(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_38(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_39(c, G):
    fired = {}
    flags = X108(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.general('<', R.arith('-', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X173(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X174(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X175(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))) and R.general('>', R.arith('+', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X173(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X174(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X175(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_40(c, G):
    fired = {}
    flags = X178(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_41(c, G):
    fired = {}
    flags = X178(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_42(c, G):
    fired = {}
    flags = X178(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_43(c, G):
    fired = {}
    flags = X189(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.general('<', R.arith('-', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X185(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X186(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X187(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))) and R.general('>', R.arith('+', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X185(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X186(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.guarded(X21(c), R.nodes(X187(c))), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    if not (R.ebv(R.nodes(X188(c)))):
        fired[4] = None
    return fired


def rule_44(c, G):
    fired = {}
    flags = X192(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_45(c, G):
    fired = {}
    flags = X192(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_46(c, G):
    fired = {}
    flags = X192(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_47(c, G):
    fired = {}
    flags = X205(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.general('=', R.nodes(X199(c)), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X200(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X202(c)]) and X203(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X204(c)]) and X203(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])))):
        fired[0] = None
    return fired


def rule_48(c, G):
    fired = {}
    flags = X208(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_49(c, G):
    fired = {}
    flags = X208(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_50(c, G):
    fired = {}
    flags = X208(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_51(c, G):
    fired = {}
    flags = X219(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.every(R.step(R.nodes(X125(c)), lambda c: R.cast('xs:decimal', [c])), lambda v_rate: R.general('=', R.nodes(X102(c)), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.step(R.nodes(X126(c)), lambda c: R.keep(R.nodes(X127(c)), lambda c: [(X215(c) and R.general('=', R.step(R.nodes(X129(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.nodes(X131(c))), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X216(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.guarded(X135(c), X217(c)) and R.general('=', R.step(R.nodes(X136(c)), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [v_rate]))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    if not ((R.general('<', R.arith('-', R.f_abs(R.cast('xs:decimal', R.nodes(X218(c)))), [int(X103(c))]), R.arith('div', R.f_round(R.arith('*', R.f_abs(R.cast('xs:decimal', R.nodes(X102(c)))), R.nodes(X125(c)))), [int(X19(c))])) and R.general('>', R.arith('+', R.f_abs(R.cast('xs:decimal', R.nodes(X218(c)))), [int(X103(c))]), R.arith('div', R.f_round(R.arith('*', R.f_abs(R.cast('xs:decimal', R.nodes(X102(c)))), R.nodes(X125(c)))), [int(X19(c))])))):
        fired[1] = None
    return fired


def rule_52(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_53(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_54(c, G):
    fired = {}
    flags = X143(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_55(c, G):
    fired = {}
    flags = X229(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.general('<', R.arith('-', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X227(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X202(c)]) and X228(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X204(c)]) and X228(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))) and R.general('>', R.arith('+', R.nodes(X102(c)), [int(X103(c))]), R.arith('-', R.arith('+', R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.nodes(X227(c)), lambda c: R.cast('xs:decimal', R.nodes(X17(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X202(c)]) and X228(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.f_sum(R.step(R.step(R.nodes(X132(c)), lambda c: R.keep(R.nodes(X133(c)), lambda c: [(R.general('=', R.cast_as('xs:boolean', R.nodes(X201(c))), [X204(c)]) and X228(c))])), lambda c: R.cast('xs:decimal', R.nodes(X106(c))))), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))):
        fired[0] = None
    return fired


def rule_56(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_57(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_58(c, G):
    fired = {}
    flags = X118(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((R.ebv(R.step(R.nodes(X141(c)), lambda c: R.keep(R.nodes(X112(c)), lambda c: [R.general('=', R.nodes(X113(c)), [*[X114(c)], *[X115(c)]])]))) or R.ebv(R.nodes(X142(c))))):
        fired[0] = None
    return fired


def rule_59(c, G):
    fired = {}
    flags = X244(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X237(c)))):
        fired[0] = None
    if not (R.ebv(R.nodes(X238(c)))):
        fired[1] = None
    if not (R.ebv(R.guarded(X240(c), R.nodes(X239(c))))):
        fired[2] = None
    if not ((((R.general('=', R.f_round(R.step(R.guarded(X240(c), R.nodes(X241(c))), lambda c: R.cast('xs:decimal', R.nodes(X130(c))))), [int(X242(c))]) and R.general('=', R.f_round(R.cast('xs:decimal', R.nodes(X243(c)))), [int(X242(c))])) or (R.general('!=', R.f_round(R.step(R.guarded(X240(c), R.nodes(X241(c))), lambda c: R.cast('xs:decimal', R.nodes(X130(c))))), [int(X242(c))]) and (R.general('<=', R.arith('-', R.f_abs(R.cast('xs:decimal', R.nodes(X243(c)))), [int(X103(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.arith('*', R.f_abs(R.cast('xs:decimal', R.nodes(X199(c)))), R.arith('div', R.step(R.guarded(X240(c), R.nodes(X241(c))), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [int(X19(c))])), [int(X24(c))]), [int(X24(c))])), [int(X19(c))])) and R.general('>=', R.arith('+', R.f_abs(R.cast('xs:decimal', R.nodes(X243(c)))), [int(X103(c))]), R.arith('div', R.f_round(R.arith('*', R.arith('*', R.arith('*', R.f_abs(R.cast('xs:decimal', R.nodes(X199(c)))), R.arith('div', R.step(R.guarded(X240(c), R.nodes(X241(c))), lambda c: R.cast('xs:decimal', R.nodes(X130(c)))), [int(X19(c))])), [int(X24(c))]), [int(X24(c))])), [int(X19(c))]))))) or (R.ebv(R.f_not(R.f_exists(R.step(R.guarded(X240(c), R.nodes(X241(c))), lambda c: R.cast('xs:decimal', R.nodes(X130(c))))))) and R.general('=', R.f_round(R.cast('xs:decimal', R.nodes(X243(c)))), [int(X242(c))])))):
        fired[5] = None
    return fired


def rule_60(c, G):
    fired = {}
    flags = X246(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_61(c, G):
    fired = {}
    flags = X247(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_62(c, G):
    fired = {}
    flags = X249(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_63(c, G):
    fired = {}
    flags = X251(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_64(c, G):
    fired = {}
    flags = X253(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_65(c, G):
    fired = {}
    flags = X255(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_66(c, G):
    fired = {}
    flags = X257(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_67(c, G):
    fired = {}
    flags = X259(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_68(c, G):
    fired = {}
    flags = X261(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_69(c, G):
    fired = {}
    flags = X264(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not (R.ebv(R.nodes(X263(c)))):
        fired[0] = None
    return fired


def rule_70(c, G):
    fired = {}
    flags = X265(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_71(c, G):
    fired = {}
    flags = X267(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_72(c, G):
    fired = {}
    flags = X269(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_73(c, G):
    fired = {}
    flags = X271(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_74(c, G):
    fired = {}
    flags = X273(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_75(c, G):
    fired = {}
    flags = X276(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    if not ((X274(c) or R.general('=', R.f_count(R.f_distinct_values(R.nodes(X275(c)))), [int(X103(c))]))):
        fired[89] = None
    return fired


def rule_76(c, G):
    fired = {}
    flags = X278(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_77(c, G):
    fired = {}
    flags = X280(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_78(c, G):
    fired = {}
    flags = X281(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_79(c, G):
    fired = {}
    flags = X283(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_80(c, G):
    fired = {}
    flags = X288(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_81(c, G):
    fired = {}
    flags = X290(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_82(c, G):
    fired = {}
    flags = X291(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_83(c, G):
    fired = {}
    flags = X293(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_84(c, G):
    fired = {}
    flags = X295(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_85(c, G):
    fired = {}
    flags = X297(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_86(c, G):
    fired = {}
    flags = X299(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_87(c, G):
    fired = {}
    flags = X301(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_88(c, G):
    fired = {}
    flags = X303(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_89(c, G):
    fired = {}
    flags = X304(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_90(c, G):
    fired = {}
    if not (R.ebv(R.matches([c], RE0))):
        fired[0] = None
    return fired


def rule_91(c, G):
    fired = {}
    flags = X306(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_92(c, G):
    fired = {}
    flags = X308(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_93(c, G):
    fired = {}
    flags = X310(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_94(c, G):
    fired = {}
    flags = X310(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_95(c, G):
    fired = {}
    flags = X311(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_96(c, G):
    fired = {}
    flags = X312(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_97(c, G):
    fired = {}
    flags = X313(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_98(c, G):
    fired = {}
    flags = X314(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_99(c, G):
    fired = {}
    flags = X314(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_100(c, G):
    fired = {}
    flags = X317(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_101(c, G):
    fired = {}
    flags = X319(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_102(c, G):
    fired = {}
    flags = X319(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_103(c, G):
    fired = {}
    flags = X321(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_104(c, G):
    fired = {}
    flags = X323(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_105(c, G):
    fired = {}
    flags = X323(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_106(c, G):
    fired = {}
    flags = X326(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_107(c, G):
    fired = {}
    flags = X329(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_108(c, G):
    fired = {}
    flags = X314(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_109(c, G):
    fired = {}
    flags = X332(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_110(c, G):
    fired = {}
    flags = X333(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_111(c, G):
    fired = {}
    flags = X336(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_112(c, G):
    fired = {}
    flags = X338(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


def rule_113(c, G):
    fired = {}
    flags = X314(c)
    if flags:
        if flags[0] == 'G' or 'G' in flags:
            raise R.Fallback('XPath 1.0 and 2.0 may differ here')
        for at in range(0, len(flags), 4):
            fired[int(flags[at:at + 4])] = None
    return fired


# (mode, [(context, context doubt, rule function or None, priority,
#         ((report, id, flag, text) of each assert))])
PATTERNS = [
  ('M10', [
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}DesignatedProductClassification', None),), None, rule_1, 1058, ((False, 'BR-65', 'fatal', '[BR-65]-The Item classification identifier (BT-158) shall have a Scheme identifier.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}AdditionalReferencedDocument', None),), None, rule_2, 1057, ((False, 'BR-52', 'fatal', '[BR-52]-Each Additional supporting document (BG-24) shall contain a Supporting document reference (BT-122).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeSettlementFinancialCard', None),), None, rule_3, 1056, ((False, 'BR-51', 'fatal', '[BR-51]-In accordance with card payments security standards an invoice should never include a full card primary account number (BT-97). At the moment PCI Security Standards Council has defined that the first 6 digits and last 4 digits are the maximum number of digits to be shown.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}PayeePartyCreditorFinancialAccount', X4),), None, rule_4, 1055, ((False, 'BR-50', 'fatal', '[BR-50]-A Payment account identifier (BT-84) shall be present if Credit transfer (BG-16) information is provided in the Invoice.'), (False, 'BR-61', 'fatal', '[BR-61]-If the Payment means type code (BT-81) means SEPA credit transfer, Local credit transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) shall be present.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableHeaderTradeDelivery', X6),), None, rule_5, 1054, ((False, 'BR-57', 'fatal', '[BR-57]-Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ChargeIndicator', X11),), None, rule_6, 1053, ((False, 'BR-31', 'fatal', '[BR-31]-Each Document level allowance (BG-20) shall have a Document level allowance amount (BT-92).'), (False, 'BR-32', 'fatal', '[BR-32]-Each Document level allowance (BG-20) shall have a Document level allowance VAT category code (BT-95).'), (False, 'BR-33', 'fatal', '[BR-33]-Each Document level allowance (BG-20) shall have a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98).'), (False, 'BR-CO-05', 'fatal', '[BR-CO-05]-Document level allowance reason code (BT-98) and Document level allowance reason (BT-97) shall indicate the same type of allowance.'), (False, 'BR-CO-21', 'fatal', '[BR-CO-21]-Each Document level allowance (BG-20) shall contain a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98), or both.'), (False, 'BR-DEC-01', 'fatal', '[BR-DEC-01]-The allowed maximum number of decimals for the Document level allowance amount (BT-92) is 2.'), (False, 'BR-DEC-02', 'fatal', '[BR-DEC-02]-The allowed maximum number of decimals for the Document level allowance base amount (BT-93) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ChargeIndicator', X12),), None, rule_7, 1052, ((False, 'BR-36', 'fatal', '[BR-36]-Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).'), (False, 'BR-37', 'fatal', '[BR-37]-Each Document level charge (BG-21) shall have a Document level charge VAT category code (BT-102).'), (False, 'BR-38', 'fatal', '[BR-38]-Each Document level charge (BG-21) shall have a Document level charge reason (BT-104) or a Document level charge reason code (BT-105).'), (False, 'BR-CO-06', 'fatal', '[BR-CO-06]-Document level charge reason code (BT-105) and Document level charge reason (BT-104) shall indicate the same type of charge.'), (False, 'BR-CO-22', 'fatal', '[BR-CO-22]-Each Document level charge (BG-21) shall contain a Document level charge reason (BT-104) or a Document level charge reason code (BT-105), or both.'), (False, 'BR-DEC-05', 'fatal', '[BR-DEC-05]-The allowed maximum number of decimals for the Document level charge amount (BT-99) is 2.'), (False, 'BR-DEC-06', 'fatal', '[BR-DEC-06]-The allowed maximum number of decimals for the Document level charge base amount (BT-100) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeSettlementHeaderMonetarySummation', None),), None, rule_8, 1051, ((False, 'BR-12', 'fatal', '[BR-12]-An Invoice shall have the Sum of Invoice line net amount (BT-106).'), (False, 'BR-13', 'fatal', '[BR-13]-An Invoice shall have the Invoice total amount without VAT (BT-109).'), (False, 'BR-14', 'fatal', '[BR-14]-An Invoice shall have the Invoice total amount with VAT (BT-112).'), (False, 'BR-15', 'fatal', '[BR-15]-An Invoice shall have the Amount due for payment (BT-115).'), (False, 'BR-53', 'fatal', '[BR-53]-If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT amount in accounting currency (BT-111) shall be provided.'), (False, 'BR-CO-10', 'fatal', '[BR-CO-10]-Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).'), (False, 'BR-CO-11', 'fatal', '[BR-CO-11]-Sum of allowances on document level (BT-107) = Σ Document level allowance amount (BT-92).'), (False, 'BR-CO-12', 'fatal', '[BR-CO-12]-Sum of charges on document level (BT-108) = Σ Document level charge amount (BT-99).'), (False, 'BR-CO-13', 'fatal', '[BR-CO-13]-Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).'), (False, 'BR-CO-16', 'fatal', '[BR-CO-16]-Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).'), (False, 'BR-DEC-09', 'fatal', '[BR-DEC-09]-The allowed maximum number of decimals for the Sum of Invoice line net amount (BT-106) is 2.'), (False, 'BR-DEC-10', 'fatal', '[BR-DEC-10]-The allowed maximum number of decimals for the Sum of allowanced on document level (BT-107) is 2.'), (False, 'BR-DEC-11', 'fatal', '[BR-DEC-11]-The allowed maximum number of decimals for the Sum of charges on document level (BT-108) is 2.'), (False, 'BR-DEC-12', 'fatal', '[BR-DEC-12]-The allowed maximum number of decimals for the Invoice total amount without VAT (BT-109) is 2.'), (False, 'BR-DEC-14', 'fatal', '[BR-DEC-14]-The allowed maximum number of decimals for the Invoice total amount with VAT (BT-112) is 2.'), (False, 'BR-DEC-13', 'fatal', '[BR-DEC-13]-The allowed maximum number of decimals for the Invoice total VAT amount (BT-110) is 2.'), (False, 'BR-DEC-15', 'fatal', '[BR-DEC-15]-The allowed maximum number of decimals for the Invoice total VAT amount in accounting currency (BT-111) is 2.'), (False, 'BR-DEC-16', 'fatal', '[BR-DEC-16]-The allowed maximum number of decimals for the Paid amount (BT-113) is 2.'), (False, 'BR-DEC-17', 'fatal', '[BR-DEC-17]-The allowed maximum number of decimals for the Rounding amount (BT-114) is 2.'), (False, 'BR-DEC-18', 'fatal', '[BR-DEC-18]-The allowed maximum number of decimals for the Amount due for payment (BT-115) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice', X72),), None, rule_9, 1050, ((False, 'BR-01', 'fatal', '[BR-01]-An Invoice shall have a Specification identifier (BT-24).'), (False, 'BR-02', 'fatal', '[BR-02]-An Invoice shall have an Invoice number (BT-1).'), (False, 'BR-03', 'fatal', '[BR-03]-An Invoice shall have an Invoice issue date (BT-2).'), (False, 'BR-04', 'fatal', '[BR-04]-An Invoice shall have an Invoice type code (BT-3).'), (False, 'BR-05', 'fatal', '[BR-05]-An Invoice shall have an Invoice currency code (BT-5).'), (False, 'BR-06', 'fatal', '[BR-06]-An Invoice shall contain the Seller name (BT-27).'), (False, 'BR-07', 'fatal', '[BR-07]-An Invoice shall contain the Buyer name (BT-44).'), (False, 'BR-08', 'fatal', '[BR-08]-An Invoice shall contain the Seller postal address (BG-5).'), (False, 'BR-09', 'fatal', '[BR-09]-The Seller postal address (BG-5) shall contain a Seller country code (BT-40).'), (False, 'BR-10', 'fatal', '[BR-10]-An Invoice shall contain the Buyer postal address (BG-8).'), (False, 'BR-11', 'fatal', '[BR-11]-The Buyer postal address shall contain a Buyer country code (BT-55).'), (False, 'BR-16', 'fatal', '[BR-16]-An Invoice shall have at least one Invoice line (BG-25).'), (False, 'BR-62', 'fatal', '[BR-62]-The Seller electronic address (BT-34) shall have a Scheme identifier.'), (False, 'BR-63', 'fatal', '[BR-63]-The Buyer electronic address (BT-49) shall have a Scheme identifier.'), (False, 'BR-CO-15', 'fatal', '[BR-CO-15]-Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).'), (False, 'BR-S-01', 'fatal', '[BR-S-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Standard rated" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with "Standard rated".'), (False, 'BR-Z-01', 'fatal', '[BR-Z-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Zero rated" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "Zero rated".'), (False, 'BR-E-01', 'fatal', '[BR-E-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Exempt from VAT" shall contain exactly one VAT breakdown (BG-23) with the VAT category code (BT-118) equal to "Exempt from VAT".'), (False, 'BR-AE-01', 'fatal', '[BR-AE-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Reverse charge" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "VAT reverse charge".'), (False, 'BR-IC-01', 'fatal', '[BR-IC-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Intra-community supply" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "Intra-community supply".'), (False, 'BR-G-01', 'fatal', '[BR-G-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Export outside the EU" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with "Export outside the EU".'), (False, 'BR-O-01', 'fatal', '[BR-O-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "Not subject to VAT" shall contain exactly one VAT breakdown group (BG-23) with the VAT category code (BT-118) equal to "Not subject to VAT".'), (False, 'BR-AF-01', 'fatal', '[BR-AF-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "IGIC" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with "IGIC".'), (False, 'BR-AG-01', 'fatal', '[BR-AG-01]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is "IPSI" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with "IPSI".'), (False, 'BR-B-01', 'fatal', '[BR-B-01]-An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment” shall be a domestic Italian invoice.'), (False, 'BR-B-02', 'fatal', '[BR-B-02]-An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment" shall not contain an invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Standard rated”.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}IncludedSupplyChainTradeLineItem', None),), None, rule_10, 1049, ((False, 'BR-21', 'fatal', '[BR-21]-Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).'), (False, 'BR-22', 'fatal', '[BR-22]-Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).'), (False, 'BR-23', 'fatal', '[BR-23]-An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).'), (False, 'BR-24', 'fatal', '[BR-24]-Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).'), (False, 'BR-25', 'fatal', '[BR-25]-Each Invoice line (BG-25) shall contain the Item name (BT-153).'), (False, 'BR-26', 'fatal', '[BR-26]-Each Invoice line (BG-25) shall contain the Item net price (BT-146).'), (False, 'BR-27', 'fatal', '[BR-27]-The Item net price (BT-146) shall NOT be negative.'), (False, 'BR-28', 'fatal', '[BR-28]-The Item gross price (BT-148) shall NOT be negative.'), (False, 'BR-64', 'fatal', '[BR-64]-The Item standard identifier (BT-157) shall have a Scheme identifier.'), (False, 'BR-CO-04', 'fatal', '[BR-CO-04]-Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).'), (False, 'BR-CO-18', 'fatal', '[BR-CO-18]-An Invoice shall at least have one VAT breakdown group (BG-23).'), (False, 'BR-DEC-23', 'fatal', '[BR-DEC-23]-The allowed maximum number of decimals for the Invoice line net amount (BT-131) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ChargeIndicator', X82),), None, rule_11, 1048, ((False, 'BR-41', 'fatal', '[BR-41]-Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount (BT-136).'), (False, 'BR-42', 'fatal', '[BR-42]-Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140).'), (False, 'BR-CO-07', 'fatal', '[BR-CO-07]-Invoice line allowance reason code (BT-140) and Invoice line allowance reason (BT-139) shall indicate the same type of allowance reason.'), (False, 'BR-CO-23', 'fatal', '[BR-CO-23]-Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.'), (False, 'BR-DEC-24', 'fatal', '[BR-DEC-24]-The allowed maximum number of decimals for the Invoice line allowance amount (BT-136) is 2.'), (False, 'BR-DEC-25', 'fatal', '[BR-DEC-25]-The allowed maximum number of decimals for the Invoice line allowance base amount (BT-137) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ChargeIndicator', X83),), None, rule_12, 1047, ((False, 'BR-43', 'fatal', '[BR-43]-Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).'), (False, 'BR-44', 'fatal', '[BR-44]-Each Invoice line charge (BG-28) shall have an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145).'), (False, 'BR-CO-08', 'fatal', '[BR-CO-08]-Invoice line charge reason code (BT-145) and Invoice line charge reason (BT-144) shall indicate the same type of charge reason.'), (False, 'BR-CO-24', 'fatal', '[BR-CO-24]-Each Invoice line charge (BG-28) shall contain an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145), or both.'), (False, 'BR-DEC-27', 'fatal', '[BR-DEC-27]-The allowed maximum number of decimals for the Invoice line charge amount (BT-141) is 2.'), (False, 'BR-DEC-28', 'fatal', '[BR-DEC-28]-The allowed maximum number of decimals for the Invoice line charge base amount (BT-142) is 2.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}BillingSpecifiedPeriod', X89),), None, rule_13, 1046, ((False, 'BR-30', 'fatal', '[BR-30]-If both Invoice line period start date (BT-134) and Invoice line period end date (BT-135) are given then the Invoice line period end date (BT-135) shall be later or equal to the Invoice line period start date (BT-134).'), (False, 'BR-CO-20', 'fatal', '[BR-CO-20]-If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}BillingSpecifiedPeriod', X90),), None, rule_14, 1045, ((False, 'BR-29', 'fatal', '[BR-29]-If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) are given then the Invoicing period end date (BT-74) shall be later or equal to the Invoicing period start date (BT-73).'), (False, 'BR-CO-19', 'fatal', '[BR-CO-19]-If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the Invoicing period end date (BT-74) shall be filled, or both.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableProductCharacteristic', None),), None, rule_15, 1044, ((False, 'BR-54', 'fatal', '[BR-54]-Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item attribute value (BT-161).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}PayeeTradeParty', None),), None, rule_16, 1043, ((False, 'BR-17', 'fatal', '[BR-17]-The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is different from the Seller (BG-4).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeSettlementPaymentMeans', None),), None, rule_17, 1042, ((False, 'BR-49', 'fatal', '[BR-49]-A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}InvoiceReferencedDocument', X94),), None, rule_18, 1041, ((False, 'BR-55', 'fatal', '[BR-55]-Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SellerTradeParty', None),), None, rule_19, 1040, ((False, 'BR-CO-26', 'fatal', '[BR-CO-26]-In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SellerTaxRepresentativeTradeParty', None),), None, rule_20, 1039, ((False, 'BR-18', 'fatal', '[BR-18]-The Seller tax representative name (BT-62) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).'), (False, 'BR-19', 'fatal', '[BR-19]-The Seller tax representative postal address (BG-12) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).'), (False, 'BR-20', 'fatal', '[BR-20]-The Seller tax representative postal address (BG-12) shall contain a Tax representative country code (BT-69), if the Seller (BG-4) has a Seller tax representative party (BG-11).'), (False, 'BR-56', 'fatal', '[BR-56]-Each Seller tax representative party (BG-11) shall have a Seller tax representative VAT identifier (BT-63).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TaxTotalAmount', X99),), None, rule_21, 1038, ((False, 'BR-CO-14', 'fatal', '[BR-CO-14]-Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID', X101),), None, rule_22, 1037, ((False, 'BR-CO-09', 'fatal', '[BR-CO-09]-The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may use the prefix ‘EL’.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X110),), X109, rule_23, 1036, ((False, 'BR-AE-08', 'fatal', '[BR-AE-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Reverse charge" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Reverse charge".'), (False, 'BR-AE-09', 'fatal', '[BR-AE-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Reverse charge" shall be 0 (zero).'), (False, 'BR-AE-10', 'fatal', '[BR-AE-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "Reverse charge" shall have a VAT exemption reason code (BT-121), meaning "Reverse charge" or the VAT exemption reason text (BT-120) "Reverse charge" (or the equivalent standard text in another language).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X120),), X119, rule_24, 1035, ((False, 'BR-AE-03', 'fatal', '[BR-AE-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Reverse charge" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).'), (False, 'BR-AE-06', 'fatal', '[BR-AE-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Reverse charge" the Document level allowance VAT rate (BT-96) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X122),), X121, rule_25, 1034, ((False, 'BR-AE-04', 'fatal', '[BR-AE-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Reverse charge" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).'), (False, 'BR-AE-07', 'fatal', '[BR-AE-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Reverse charge" the Document level charge VAT rate (BT-103) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X124),), X123, rule_26, 1033, ((False, 'BR-AE-02', 'fatal', '[BR-AE-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Reverse charge" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).'), (False, 'BR-AE-05', 'fatal', '[BR-AE-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Reverse charge" the Invoiced item VAT rate (BT-152) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X140),), X139, rule_27, 1032, ((False, 'BR-AF-08', 'fatal', '[BR-AF-08]-For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is "IGIC", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is "IGIC" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).'), (False, 'BR-AF-09', 'fatal', '[BR-AF-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is "IGIC" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).'), (False, 'BR-AF-10', 'fatal', '[BR-AF-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "IGIC" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X145),), X144, rule_28, 1031, ((False, 'BR-AF-02', 'fatal', '[BR-AF-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "IGIC" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AF-05', 'fatal', '[BR-AF-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "IGIC" the invoiced item VAT rate (BT-152) shall be greater than 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X147),), X146, rule_29, 1030, ((False, 'BR-AF-03', 'fatal', '[BR-AF-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "IGIC" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AF-06', 'fatal', '[BR-AF-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "IGIC" the Document level allowance VAT rate (BT-96) shall be 0 (zero) or greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X149),), X148, rule_30, 1029, ((False, 'BR-AF-04', 'fatal', '[BR-AF-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "IGIC" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AF-07', 'fatal', '[BR-AF-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "IGIC" the Document level charge VAT rate (BT-103) shall be 0 (zero) or greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X154),), X153, rule_31, 1028, ((False, 'BR-AG-08', 'fatal', '[BR-AG-08]-For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is "IPSI", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is "IPSI" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).'), (False, 'BR-AG-09', 'fatal', '[BR-AG-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is "IPSI" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).'), (False, 'BR-AG-10', 'fatal', '[BR-AG-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "IPSI" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X157),), X156, rule_32, 1027, ((False, 'BR-AG-02', 'fatal', '[BR-AG-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "IPSI" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AG-05', 'fatal', '[BR-AG-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "IPSI" the Invoiced item VAT rate (BT-152) shall be 0 (zero) or greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X159),), X158, rule_33, 1026, ((False, 'BR-AG-03', 'fatal', '[BR-AG-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "IPSI" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AG-06', 'fatal', '[BR-AG-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "IPSI" the Document level allowance VAT rate (BT-96) shall be 0 (zero) or greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X161),), X160, rule_34, 1025, ((False, 'BR-AG-04', 'fatal', '[BR-AG-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "IPSI" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-AG-07', 'fatal', '[BR-AG-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "IPSI" the Document level charge VAT rate (BT-103) shall be 0 (zero) or greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X166),), X165, rule_35, 1024, ((False, 'BR-E-08', 'fatal', '[BR-E-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Exempt from VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Exempt from VAT".'), (False, 'BR-E-09', 'fatal', '[BR-E-09]-The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where the VAT category code (BT-118) equals "Exempt from VAT" shall equal 0 (zero).'), (False, 'BR-E-10', 'fatal', '[BR-E-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "Exempt from VAT" shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X168),), X167, rule_36, 1023, ((False, 'BR-E-03', 'fatal', '[BR-E-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Exempt from VAT" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-E-06', 'fatal', '[BR-E-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Exempt from VAT", the Document level allowance VAT rate (BT-96) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X170),), X169, rule_37, 1022, ((False, 'BR-E-04', 'fatal', '[BR-E-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Exempt from VAT" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-E-07', 'fatal', '[BR-E-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Exempt from VAT", the Document level charge VAT rate (BT-103) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X172),), X171, rule_38, 1021, ((False, 'BR-E-02', 'fatal', '[BR-E-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Exempt from VAT" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-E-05', 'fatal', '[BR-E-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Exempt from VAT", the Invoiced item VAT rate (BT-152) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X177),), X176, rule_39, 1020, ((False, 'BR-G-08', 'fatal', '[BR-G-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Export outside the EU" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Export outside the EU".'), (False, 'BR-G-09', 'fatal', '[BR-G-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Export outside the EU" shall be 0 (zero).'), (False, 'BR-G-10', 'fatal', '[BR-G-10]-A VAT Breakdown (BG-23) with the VAT Category code (BT-118) "Export outside the EU" shall have a VAT exemption reason code (BT-121), meaning "Export outside the EU" or the VAT exemption reason text (BT-120) "Export outside the EU" (or the equivalent standard text in another language).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X180),), X179, rule_40, 1019, ((False, 'BR-G-03', 'fatal', '[BR-G-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Export outside the EU" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-G-06', 'fatal', '[BR-G-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Export outside the EU" the Document level allowance VAT rate (BT-96) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X182),), X181, rule_41, 1018, ((False, 'BR-G-04', 'fatal', '[BR-G-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Export outside the EU" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-G-07', 'fatal', '[BR-G-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Export outside the EU" the Document level charge VAT rate (BT-103) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X184),), X183, rule_42, 1017, ((False, 'BR-G-02', 'fatal', '[BR-G-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Export outside the EU" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-G-05', 'fatal', '[BR-G-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Export outside the EU" the Invoiced item VAT rate (BT-152) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X191),), X190, rule_43, 1016, ((False, 'BR-IC-08', 'fatal', '[BR-IC-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Intra-community supply".'), (False, 'BR-IC-09', 'fatal', '[BR-IC-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" shall be 0 (zero).'), (False, 'BR-IC-10', 'fatal', '[BR-IC-10]-A VAT Breakdown (BG-23) with the VAT Category code (BT-118) "Intra-community supply" shall have a VAT exemption reason code (BT-121), meaning "Intra-community supply" or the VAT exemption reason text (BT-120) "Intra-community supply" (or the equivalent standard text in another language).'), (False, 'BR-IC-11', 'fatal', '[BR-IC-11]-In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Actual delivery date (BT-72) or the Invoicing period (BG-14) shall not be blank.'), (False, 'BR-IC-12', 'fatal', '[BR-IC-12]-In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Deliver to country code (BT-80) shall not be blank.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X194),), X193, rule_44, 1015, ((False, 'BR-IC-03', 'fatal', '[BR-IC-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Intra-community supply" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).'), (False, 'BR-IC-06', 'fatal', '[BR-IC-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Intra-community supply" the Document level allowance VAT rate (BT-96) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X196),), X195, rule_45, 1014, ((False, 'BR-IC-04', 'fatal', '[BR-IC-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Intra-community supply" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).'), (False, 'BR-IC-07', 'fatal', '[BR-IC-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Intra-community supply" the Document level charge VAT rate (BT-103) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X198),), X197, rule_46, 1013, ((False, 'BR-IC-02', 'fatal', '[BR-IC-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Intra-community supply" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).'), (False, 'BR-IC-05', 'fatal', '[BR-IC-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Intracommunity supply" the Invoiced item VAT rate (BT-152) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X207),), X206, rule_47, 1012, ((False, 'BR-O-08', 'fatal', '[BR-O-08]-In a VAT breakdown (BG-23) where the VAT category code (BT-118) is " Not subject to VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Not subject to VAT".'), (False, 'BR-O-09', 'fatal', '[BR-O-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Not subject to VAT" shall be 0 (zero).'), (False, 'BR-O-10', 'fatal', '[BR-O-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) " Not subject to VAT" shall have a VAT exemption reason code (BT-121), meaning " Not subject to VAT" or a VAT exemption reason text (BT-120) " Not subject to VAT" (or the equivalent standard text in another language).'), (False, 'BR-O-11', 'fatal', '[BR-O-11]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) "Not subject to VAT" shall not contain other VAT breakdown groups (BG-23).'), (False, 'BR-O-12', 'fatal', '[BR-O-12]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) "Not subject to VAT" shall not contain an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is not "Not subject to VAT".'), (False, 'BR-O-13', 'fatal', '[BR-O-13]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) "Not subject to VAT" shall not contain Document level allowances (BG-20) where Document level allowance VAT category code (BT-95) is not "Not subject to VAT".'), (False, 'BR-O-14', 'fatal', '[BR-O-14]-An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) "Not subject to VAT" shall not contain Document level charges (BG-21) where Document level charge VAT category code (BT-102) is not "Not subject to VAT".'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X210),), X209, rule_48, 1011, ((False, 'BR-O-03', 'fatal', '[BR-O-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Not subject to VAT" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).'), (False, 'BR-O-06', 'fatal', '[BR-O-06]-A Document level allowance (BG-20) where VAT category code (BT-95) is "Not subject to VAT" shall not contain a Document level allowance VAT rate (BT-96).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X212),), X211, rule_49, 1010, ((False, 'BR-O-04', 'fatal', '[BR-O-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Not subject to VAT" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).'), (False, 'BR-O-07', 'fatal', '[BR-O-07]-A Document level charge (BG-21) where the VAT category code (BT-102) is "Not subject to VAT" shall not contain a Document level charge VAT rate (BT-103).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X214),), X213, rule_50, 1009, ((False, 'BR-O-02', 'fatal', '[BR-O-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Not subject to VAT" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).'), (False, 'BR-O-05', 'fatal', '[BR-O-05]-An Invoice line (BG-25) where the VAT category code (BT-151) is "Not subject to VAT" shall not contain an Invoiced item VAT rate (BT-152).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X220),), None, rule_51, 1008, ((False, 'BR-S-08', 'fatal', '[BR-S-08]-For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is "Standard rated", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is "Standard rated" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).'), (False, 'BR-S-09', 'fatal', '[BR-S-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is "Standard rated" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).'), (False, 'BR-S-10', 'fatal', '[BR-S-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "Standard rate" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X222),), X221, rule_52, 1007, ((False, 'BR-S-02', 'fatal', '[BR-S-02]-An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Standard rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-S-05', 'fatal', '[BR-S-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Standard rated" the Invoiced item VAT rate (BT-152) shall be greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X224),), X223, rule_53, 1006, ((False, 'BR-S-03', 'fatal', '[BR-S-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Standard rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-S-06', 'fatal', '[BR-S-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Standard rated" the Document level allowance VAT rate (BT-96) shall be greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X226),), X225, rule_54, 1005, ((False, 'BR-S-04', 'fatal', '[BR-S-04]-An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Standard rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-S-07', 'fatal', '[BR-S-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Standard rated" the Document level charge VAT rate (BT-103) shall be greater than zero.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X230),), None, rule_55, 1004, ((False, 'BR-Z-08', 'fatal', '[BR-Z-08]-In a VAT breakdown (BG-23) where VAT category code (BT-118) is "Zero rated" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amount (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Zero rated".'), (False, 'BR-Z-09', 'fatal', '[BR-Z-09]-The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is "Zero rated" shall equal 0 (zero).'), (False, 'BR-Z-10', 'fatal', '[BR-Z-10]-A VAT Breakdown (BG-23) with VAT Category code (BT-118) "Zero rated" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X232),), X231, rule_56, 1003, ((False, 'BR-Z-03', 'fatal', '[BR-Z-03]-An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Zero rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-Z-06', 'fatal', '[BR-Z-06]-In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is "Zero rated" the Document level allowance VAT rate (BT-96) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryTradeTax', X234),), X233, rule_57, 1002, ((False, 'BR-Z-04', 'fatal', '[BR-Z-04]-An Invoice that contains a Document level charge where the Document level charge VAT category code (BT-102) is "Zero rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-Z-07', 'fatal', '[BR-Z-07]-In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is "Zero rated" the Document level charge VAT rate (BT-103) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X236),), X235, rule_58, 1001, ((False, 'BR-Z-02', 'fatal', '[BR-Z-02]-An Invoice that contains an Invoice line where the Invoiced item VAT category code (BT-151) is "Zero rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).'), (False, 'BR-Z-05', 'fatal', '[BR-Z-05]-In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is "Zero rated" the Invoiced item VAT rate (BT-152) shall be 0 (zero).'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableTradeTax', X245),), None, rule_59, 1000, ((False, 'BR-45', 'fatal', '[BR-45]-Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).'), (False, 'BR-46', 'fatal', '[BR-46]-Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).'), (False, 'BR-47', 'fatal', '[BR-47]-Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).'), (False, 'BR-48', 'fatal', '[BR-48]-Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the Invoice is not subject to VAT.'), (False, 'BR-CO-03', 'fatal', '[BR-CO-03]-Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.'), (False, 'BR-CO-17', 'fatal', '[BR-CO-17]-VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.'), (False, 'BR-DEC-19', 'fatal', '[BR-DEC-19]-The allowed maximum number of decimals for the VAT category taxable amount (BT-116) is 2.'), (False, 'BR-DEC-20', 'fatal', '[BR-DEC-20]-The allowed maximum number of decimals for the VAT category tax amount (BT-117) is 2.'))),
  ]),
  ('M11', [
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeSettlementPaymentMeans', None),), None, rule_60, 1030, ((False, 'CII-SR-464', 'warning', '[CII-SR-464] - PayerSpecifiedDebtorFincancialInstitution shall not be used.'),)),
    ((('{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}ExchangedDocumentContext', X248),), None, rule_61, 1029, ((False, 'CII-SR-001', 'warning', '[CII-SR-001] - SpecifiedTransactionID should not be present'), (False, 'CII-SR-002', 'warning', '[CII-SR-002] - TestIndicator should not be present'), (False, 'CII-SR-003', 'warning', '[CII-SR-003] - BusinessProcessSpecifiedDocumentContextParameter should exist maximum once'), (False, 'CII-SR-006', 'warning', '[CII-SR-006] - BIMSpecifiedDocumentContextParameter should not be present'), (False, 'CII-SR-007', 'warning', '[CII-SR-007] - ScenarioSpecifiedDocumentContextParameter should not be present'), (False, 'CII-SR-008', 'warning', '[CII-SR-008] - ApplicationSpecifiedDocumentContextParameter should not be present'), (False, 'CII-SR-009', 'fatal', '[CII-SR-009] - GuidelineSpecifiedDocumentContextParameter must exist exactly once'), (False, 'CII-SR-010', 'fatal', '[CII-SR-010] - ID must exist exactly once'), (False, 'CII-SR-011', 'warning', '[CII-SR-011] - SubsetSpecifiedDocumentContextParameter should not be present'), (False, 'CII-SR-012', 'warning', '[CII-SR-012] - MessageStandardSpecifiedDocumentContextParameter should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}ExchangedDocument', X250),), None, rule_62, 1028, ((False, 'CII-SR-013', 'warning', '[CII-SR-013] - Name should not be present'), (False, 'CII-SR-014', 'fatal', '[CII-SR-014] - TypeCode must exist exactly once'), (False, 'CII-SR-015', 'warning', '[CII-SR-015] - DateTime should not be present'), (False, 'CII-SR-016', 'warning', '[CII-SR-016] - CopyIndicator should not be present'), (False, 'CII-SR-017', 'warning', '[CII-SR-017] - Purpose should not be present'), (False, 'CII-SR-018', 'warning', '[CII-SR-018] - ControlRequirementIndicator should not be present'), (False, 'CII-SR-019', 'warning', '[CII-SR-019] - LanguageID should not be present'), (False, 'CII-SR-020', 'warning', '[CII-SR-020] - PurposeCode should not be present'), (False, 'CII-SR-021', 'warning', '[CII-SR-021] - RevisionDateTime should not be present'), (False, 'CII-SR-022', 'warning', '[CII-SR-022] - VersionID should not be present'), (False, 'CII-SR-023', 'warning', '[CII-SR-023] - GlobalID should not be present'), (False, 'CII-SR-024', 'warning', '[CII-SR-024] - RevisionID should not be present'), (False, 'CII-SR-025', 'warning', '[CII-SR-025] - PreviousRevisionID should not be present'), (False, 'CII-SR-026', 'warning', '[CII-SR-026] - CategoryCode should not be present'), (False, 'CII-SR-027', 'warning', '[CII-SR-027] - Subject should not be present'), (False, 'CII-SR-028', 'warning', '[CII-SR-028] - ContentCode should not be present'), (False, 'CII-SR-032', 'warning', '[CII-SR-032] - ID should not be present'), (False, 'CII-SR-033', 'warning', '[CII-SR-033] - EffectiveSpecifiedPeriod should not be present'), (False, 'CII-SR-034', 'warning', '[CII-SR-034] - IssuerTradeParty should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}IncludedNote', X252),), None, rule_63, 1027, ((False, 'CII-SR-030', 'warning', '[CII-SR-030] - Content should exist maximum once'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}IncludedSupplyChainTradeLineItem', X254),), None, rule_64, 1026, ((False, 'CII-SR-035', 'warning', '[CII-SR-035] - DescriptionCode should not be present'), (False, 'CII-SR-036', 'warning', '[CII-SR-036] - ParentLineID should not be present'), (False, 'CII-SR-037', 'warning', '[CII-SR-037] - LineStatusCode should not be present'), (False, 'CII-SR-038', 'warning', '[CII-SR-038] - LineStatusReasonCode should not be present'), (False, 'CII-SR-221', 'warning', '[CII-SR-221] - IncludedSubordinateTradeLineItem should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}AssociatedDocumentLineDocument', X256),), None, rule_65, 1025, ((False, 'CII-SR-039', 'warning', '[CII-SR-039] - IncludedNote should exist maximum once'), (False, 'CII-SR-040', 'warning', '[CII-SR-040] - Content should exist maximum once'), (False, 'CII-SR-041', 'warning', '[CII-SR-041] - SubjectCode should not be present'), (False, 'CII-SR-042', 'warning', '[CII-SR-042] - ID should not be present'), (False, 'CII-SR-043', 'warning', '[CII-SR-043] - CategoryCode should not be present'), (False, 'CII-SR-044', 'warning', '[CII-SR-044] - Subject should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeProduct', X258),), None, rule_66, 1024, ((False, 'CII-SR-045', 'warning', '[CII-SR-045] - ID should not be present'), (False, 'CII-SR-046', 'fatal', '[CII-SR-046] - schemeID must be present if GlobalID is present'), (False, 'CII-SR-048', 'warning', '[CII-SR-048] - ManufacturerAssignedID should not be present'), (False, 'CII-SR-049', 'warning', '[CII-SR-049] - TradeName should not be present'), (False, 'CII-SR-050', 'warning', '[CII-SR-050] - TypeCode should not be present'), (False, 'CII-SR-051', 'warning', '[CII-SR-051] - NetWeightMeasure should not be present'), (False, 'CII-SR-052', 'warning', '[CII-SR-052] - GrossWeightMeasure should not be present'), (False, 'CII-SR-053', 'warning', '[CII-SR-053] - ProductGroupID should not be present'), (False, 'CII-SR-054', 'warning', '[CII-SR-054] - EndItemTypeCode should not be present'), (False, 'CII-SR-055', 'warning', '[CII-SR-055] - EndItemName should not be present'), (False, 'CII-SR-056', 'warning', '[CII-SR-056] - AreaDensityMeasure should not be present'), (False, 'CII-SR-057', 'warning', '[CII-SR-057] - UseDescription should not be present'), (False, 'CII-SR-058', 'warning', '[CII-SR-058] - BrandName should not be present'), (False, 'CII-SR-059', 'warning', '[CII-SR-059] - SubBrandName should not be present'), (False, 'CII-SR-060', 'warning', '[CII-SR-060] - DrainedNetWeightMeasure should not be present'), (False, 'CII-SR-061', 'warning', '[CII-SR-061] - VariableMeasureIndicator should not be present'), (False, 'CII-SR-062', 'warning', '[CII-SR-062] - ColourCode should not be present'), (False, 'CII-SR-063', 'warning', '[CII-SR-063] - ColourDescription should not be present'), (False, 'CII-SR-064', 'warning', '[CII-SR-064] - Designation should not be present'), (False, 'CII-SR-065', 'warning', '[CII-SR-065] - FormattedCancellationAnnouncedLaunchDateTime should not be present'), (False, 'CII-SR-066', 'warning', '[CII-SR-066] - FormattedLatestProductDataChangeDateTime should not be present'), (False, 'CII-SR-067', 'warning', '[CII-SR-067] - ID should not be present'), (False, 'CII-SR-068', 'warning', '[CII-SR-068] - TypeCode should not be present'), (False, 'CII-SR-070', 'warning', '[CII-SR-070] - ValueMeasure should not be present'), (False, 'CII-SR-071', 'warning', '[CII-SR-071] - MeasurementMethodCode should not be present'), (False, 'CII-SR-073', 'warning', '[CII-SR-073] - ValueCode should not be present'), (False, 'CII-SR-074', 'warning', '[CII-SR-074] - ValueDateTime should not be present'), (False, 'CII-SR-075', 'warning', '[CII-SR-075] - ValueIndicator should not be present'), (False, 'CII-SR-076', 'warning', '[CII-SR-076] - ContentTypeCode should not be present'), (False, 'CII-SR-077', 'warning', '[CII-SR-077] - ValueSpecifiedBinaryFile should not be present'), (False, 'CII-SR-078', 'warning', '[CII-SR-078] - ApplicableProductCharacteristicCondition should not be present'), (False, 'CII-SR-079', 'warning', '[CII-SR-079] - ApplicableReferencedStandard should not be present'), (False, 'CII-SR-080', 'warning', '[CII-SR-080] - ApplicableMaterialGoodsCharacteristic should not be present'), (False, 'CII-SR-081', 'warning', '[CII-SR-081] - SystemID should not be present'), (False, 'CII-SR-082', 'warning', '[CII-SR-082] - SystemName should not be present'), (False, 'CII-SR-083', 'warning', '[CII-SR-083] - ClassName should not be present'), (False, 'CII-SR-084', 'warning', '[CII-SR-084] - SubClassCode should not be present'), (False, 'CII-SR-085', 'warning', '[CII-SR-085] - ClassProductCharacteristic should not be present'), (False, 'CII-SR-086', 'warning', '[CII-SR-086] - ApplicableReferencedStandard should not be present'), (False, 'CII-SR-087', 'warning', '[CII-SR-087] - IndividualTradeProductInstance should not be present'), (False, 'CII-SR-088', 'warning', '[CII-SR-088] - CertificationEvidenceReferenceReferencedDocument should not be present'), (False, 'CII-SR-089', 'warning', '[CII-SR-089] - InspectionReferenceReferencedDocument should not be present'), (False, 'CII-SR-090', 'fatal', '[CII-SR-090] - ID should exist maximum once.'), (False, 'CII-SR-091', 'warning', '[CII-SR-091] - Name should not be present'), (False, 'CII-SR-092', 'warning', '[CII-SR-092] - SubordinateTradeCountrySubDivision should not be present'), (False, 'CII-SR-093', 'warning', '[CII-SR-093] - LinearSpatialDimension should not be present'), (False, 'CII-SR-094', 'warning', '[CII-SR-094] - MinimumLinearSpatialDimension should not be present'), (False, 'CII-SR-095', 'warning', '[CII-SR-095] - MaximumLinearSpatialDimension should not be present'), (False, 'CII-SR-096', 'warning', '[CII-SR-096] - ManufacturerTradeParty should not be present'), (False, 'CII-SR-097', 'warning', '[CII-SR-097] - PresentationSpecifiedBinaryFile should not be present'), (False, 'CII-SR-098', 'warning', '[CII-SR-098] - MSDSReferenceReferencedDocument should not be present'), (False, 'CII-SR-099', 'warning', '[CII-SR-099] - AdditionalReferenceReferencedDocument should not be present'), (False, 'CII-SR-100', 'warning', '[CII-SR-100] - LegalRightsOwnerTradeParty should not be present'), (False, 'CII-SR-101', 'warning', '[CII-SR-101] -BrandOwnerTradeParty should not be present'), (False, 'CII-SR-102', 'warning', '[CII-SR-102] -IncludedReferencedProduct should not be present'), (False, 'CII-SR-103', 'warning', '[CII-SR-103] - InformationNoteshould not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableProductCharacteristic', X260),), None, rule_67, 1023, ((False, 'CII-SR-069', 'fatal', '[CII-SR-069] - Description should exist maximum once.'), (False, 'CII-SR-072', 'fatal', '[CII-SR-072] - Value should exist maximum once.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedLineTradeAgreement', X262),), None, rule_68, 1022, ((False, 'CII-SR-104', 'warning', '[CII-SR-104] - BuyerReference should not be present'), (False, 'CII-SR-105', 'warning', '[CII-SR-105] - BuyerRequisitionerTradeParty should not be present'), (False, 'CII-SR-106', 'warning', '[CII-SR-106] - ApplicableTradeDeliveryTerms should not be present'), (False, 'CII-SR-107', 'warning', '[CII-SR-107] - SellerOrderReferencedDocument should not be present'), (False, 'CII-SR-108', 'warning', '[CII-SR-108] - IssuerAssignedID should not be present'), (False, 'CII-SR-109', 'warning', '[CII-SR-109] - QuotationReferencedDocument should not be present'), (False, 'CII-SR-110', 'warning', '[CII-SR-110] - ContractReferencedDocument should not be present'), (False, 'CII-SR-111', 'warning', '[CII-SR-111] - DemandForecastReferencedDocument should not be present'), (False, 'CII-SR-112', 'warning', '[CII-SR-112] - PromotionalDealReferencedDocument should not be present'), (False, 'CII-SR-113', 'warning', '[CII-SR-113] - AdditionalReferencedDocument should not be present'), (False, 'CII-SR-114', 'warning', '[CII-SR-114] - TypeCode should not be present'), (False, 'CII-SR-115', 'warning', '[CII-SR-115] - MinimumQuantity should not be present'), (False, 'CII-SR-116', 'warning', '[CII-SR-116] - MaximumQuantity should not be present'), (False, 'CII-SR-117', 'warning', '[CII-SR-117] - ChangeReason should not be present'), (False, 'CII-SR-118', 'warning', '[CII-SR-118] - OrderUnitConversionFactorNumeric should not be present'), (False, 'CII-SR-439', 'fatal', '[CII-SR-439] - ChargeAmount should exist maximum once'), (False, 'CII-SR-119', 'warning', '[CII-SR-119] - Only allowances on price a price should be present'), (False, 'CII-SR-120', 'warning', '[CII-SR-120] - ID should not be present'), (False, 'CII-SR-121', 'warning', '[CII-SR-121] - SequenceNumeric should not be present'), (False, 'CII-SR-122', 'warning', '[CII-SR-122] - CalculationPercent should not be present'), (False, 'CII-SR-123', 'warning', '[CII-SR-123] - BasisAmount should not be present'), (False, 'CII-SR-124', 'warning', '[CII-SR-124] - BasisQuantity should not be present'), (False, 'CII-SR-125', 'warning', '[CII-SR-125] - PrepaidIndicator should not be present'), (False, 'CII-SR-126', 'warning', '[CII-SR-126] - UnitBasisAmount should not be present'), (False, 'CII-SR-127', 'warning', '[CII-SR-127] - ReasonCode should not be present'), (False, 'CII-SR-128', 'warning', '[CII-SR-128] - Reason should not be present'), (False, 'CII-SR-129', 'warning', '[CII-SR-129] - TypeCode should not be present'), (False, 'CII-SR-130', 'warning', '[CII-SR-130] - CategoryTradeTax should not be present'), (False, 'CII-SR-131', 'warning', '[CII-SR-131] - ActualTradeCurrencyExchange should not be present'), (False, 'CII-SR-445', 'warning', '[CII-SR-445] - IncludedTradeTax should not be present'), (False, 'CII-SR-132', 'warning', '[CII-SR-132] - ValiditySpecifiedPeriod should not be present'), (False, 'CII-SR-133', 'warning', '[CII-SR-133] - DeliveryTradeLocation should not be present'), (False, 'CII-SR-134', 'warning', '[CII-SR-134] - TradeComparisonReferencePrice should not be present'), (False, 'CII-SR-135', 'warning', '[CII-SR-135] - AssociatedReferencedDocument should not be present'), (False, 'CII-SR-136', 'warning', '[CII-SR-136] - TypeCode should not be present'), (False, 'CII-SR-138', 'warning', '[CII-SR-138] - MinimumQuantity should not be present'), (False, 'CII-SR-139', 'warning', '[CII-SR-139] - MaximumQuantity should not be present'), (False, 'CII-SR-140', 'warning', '[CII-SR-140] - ChangeReason should not be present'), (False, 'CII-SR-141', 'warning', '[CII-SR-141] - OrderUnitConversionFactorNumeric should not be present'), (False, 'CII-SR-142', 'warning', '[CII-SR-142] - AppliedTradeAllowanceCharge should not be present'), (False, 'CII-SR-446', 'warning', '[CII-SR-446] - IncludedTradeTax should not be present'), (False, 'CII-SR-143', 'warning', '[CII-SR-143] - ValiditySpecifiedPeriod should not be present'), (False, 'CII-SR-144', 'warning', '[CII-SR-144] - DeliveryTradeLocation should not be present'), (False, 'CII-SR-145', 'warning', '[CII-SR-145] - TradeComparisonReferencePrice should not be present'), (False, 'CII-SR-146', 'warning', '[CII-SR-146] - AssociatedReferencedDocument should not be present'), (False, 'CII-SR-441', 'fatal', '[CII-SR-441] - ChargeAmount should exist maximum once'), (False, 'CII-SR-147', 'warning', '[CII-SR-147] - RequisitionerReferencedDocument should not be present'), (False, 'CII-SR-148', 'warning', '[CII-SR-148] - ItemSellerTradeParty should not be present'), (False, 'CII-SR-149', 'warning', '[CII-SR-149] - ItemBuyerTradeParty should not be present'), (False, 'CII-SR-150', 'warning', '[CII-SR-150] - IncludedSpecifiedMarketplace should not be present'), (False, 'CII-SR-447', 'warning', '[CII-SR-447] - UltimateCustomerOrderReferencedDocument should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeAllowanceCharge', None),), None, rule_69, 1021, ((False, 'CII-SR-463', 'fatal', '[CII-SR-463]-Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a Charge Indicator.'), (False, 'CII-SR-471', 'fatal', '[CII-SR-471]-Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a VAT category code (BT-95).'), (False, 'CII-SR-472', 'fatal', '[CII-SR-472]-Each Specified Trade Allowance Charge (BG-20)(BG-21) should contain a VAT rate (BT-96).'), (False, 'CII-SR-473', 'fatal', '[CII-SR-473] - ActualAmount should exist maximum once'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}AppliedTradeAllowanceCharge', X266),), None, rule_70, 1020, ((False, 'CII-SR-440', 'fatal', '[CII-SR-440] - ActualAmount should exist maximum once'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedLineTradeDelivery', X268),), None, rule_71, 1019, ((False, 'CII-SR-151', 'warning', '[CII-SR-151] - RequestedQuantity should not be present'), (False, 'CII-SR-152', 'warning', '[CII-SR-152] - ReceivedQuantity should not be present'), (False, 'CII-SR-153', 'warning', '[CII-SR-153] - ChargeFreeQuantity should not be present'), (False, 'CII-SR-154', 'warning', '[CII-SR-154] - PackageQuantity should not be present'), (False, 'CII-SR-155', 'warning', '[CII-SR-155] - ProductUnitQuantity should not be present'), (False, 'CII-SR-156', 'warning', '[CII-SR-156] - PerPackageUnitQuantity should not be present'), (False, 'CII-SR-157', 'warning', '[CII-SR-157] - NetWeightMeasure should not be present'), (False, 'CII-SR-158', 'warning', '[CII-SR-158] - GrossWeightMeasure should not be present'), (False, 'CII-SR-159', 'warning', '[CII-SR-159] - TheoreticalWeightMeasure should not be present'), (False, 'CII-SR-160', 'warning', '[CII-SR-160] - DespatchedQuantity should not be present'), (False, 'CII-SR-161', 'warning', '[CII-SR-161] - SpecifiedDeliveryAdjustment should not be present'), (False, 'CII-SR-162', 'warning', '[CII-SR-162] - IncludedSupplyChainPackaging should not be present'), (False, 'CII-SR-163', 'warning', '[CII-SR-163] - RelatedSupplyChainConsignment should not be present'), (False, 'CII-SR-164', 'warning', '[CII-SR-164] - ShipToTradeParty should not be present'), (False, 'CII-SR-165', 'warning', '[CII-SR-165] - UltimateShipToTradeParty should not be present'), (False, 'CII-SR-166', 'warning', '[CII-SR-166] - ShipFromTradeParty should not be present'), (False, 'CII-SR-167', 'warning', '[CII-SR-167] - ActualDespatchSupplyChainEvent should not be present'), (False, 'CII-SR-168', 'warning', '[CII-SR-168] - ActualPickUpSupplyChainEvent should not be present'), (False, 'CII-SR-169', 'warning', '[CII-SR-169] - RequestedDeliverySupplyChainEvent should not be present'), (False, 'CII-SR-170', 'warning', '[CII-SR-170] - ActualDeliverySupplyChainEvent should not be present'), (False, 'CII-SR-171', 'warning', '[CII-SR-171] - ActualReceiptSupplyChainEvent should not be present'), (False, 'CII-SR-172', 'warning', '[CII-SR-172] - AdditionalReferencedDocument should not be present'), (False, 'CII-SR-173', 'warning', '[CII-SR-173] - DespatchAdviceReferencedDocument should not be present'), (False, 'CII-SR-174', 'warning', '[CII-SR-174] - ReceivingAdviceReferencedDocument should not be present'), (False, 'CII-SR-175', 'warning', '[CII-SR-175] - DeliveryNoteReferencedDocument should not be present'), (False, 'CII-SR-176', 'warning', '[CII-SR-176] - ConsumptionReportReferencedDocument should not be present'), (False, 'CII-SR-177', 'warning', '[CII-SR-177] - RequestedQuantity should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedLineTradeSettlement', X270),), None, rule_72, 1018, ((False, 'CII-SR-178', 'warning', '[CII-SR-178] - PaymentReference should not be present'), (False, 'CII-SR-179', 'warning', '[CII-SR-179] - InvoiceIssuerReference should not be present'), (False, 'CII-SR-180', 'warning', '[CII-SR-180] - TotalAdjustmentAmount should not be present'), (False, 'CII-SR-181', 'warning', '[CII-SR-181] - DiscountIndicator should not be present'), (False, 'CII-SR-182', 'warning', '[CII-SR-182] - CalculatedAmount should not be present'), (False, 'CII-SR-183', 'warning', '[CII-SR-183] - IndicatorString should not be present'), (False, 'CII-SR-184', 'warning', '[CII-SR-184] - ID should not be present'), (False, 'CII-SR-185', 'warning', '[CII-SR-185] - SequenceNumeric should not be present'), (False, 'CII-SR-186', 'warning', '[CII-SR-186] - @format should not be present'), (False, 'CII-SR-187', 'warning', '[CII-SR-187] - BasisQuantity should not be present'), (False, 'CII-SR-188', 'warning', '[CII-SR-188] - PrepaidIndicator should not be present'), (False, 'CII-SR-189', 'warning', '[CII-SR-189] - UnitBasisAmount should not be present'), (False, 'CII-SR-190', 'warning', '[CII-SR-190] - TypeCode should not be present'), (False, 'CII-SR-191', 'warning', '[CII-SR-191] - CategoryTradeTax should not be present'), (False, 'CII-SR-192', 'warning', '[CII-SR-192] - ActualTradeCurrencyExchange should not be present'), (False, 'CII-SR-193', 'warning', '[CII-SR-193] - ID should not be present'), (False, 'CII-SR-194', 'warning', '[CII-SR-194] - SubtotalCalculatedTradeTax should not be present'), (False, 'CII-SR-195', 'warning', '[CII-SR-195] - SpecifiedLogisticsServiceCharge should not be present'), (False, 'CII-SR-196', 'warning', '[CII-SR-196] - SpecifiedTradePaymentTerms should not be present'), (False, 'CII-SR-197', 'warning', '[CII-SR-197] - ChargeTotalAmount should not be present'), (False, 'CII-SR-198', 'warning', '[CII-SR-198] - AllowanceTotalAmount should not be present'), (False, 'CII-SR-199', 'warning', '[CII-SR-199] - TaxBasisTotalAmount should not be present'), (False, 'CII-SR-200', 'warning', '[CII-SR-200] - TaxTotalAmount should not be present'), (False, 'CII-SR-201', 'warning', '[CII-SR-201] - GrandTotalAmount should not be present'), (False, 'CII-SR-202', 'warning', '[CII-SR-202] - InformationAmount should not be present'), (False, 'CII-SR-203', 'warning', '[CII-SR-203] - TotalAllowanceChargeAmount should not be present'), (False, 'CII-SR-204', 'warning', '[CII-SR-204] - TotalRetailValueInformationAmount should not be present'), (False, 'CII-SR-205', 'warning', '[CII-SR-205] - GrossLineTotalAmount should not be present'), (False, 'CII-SR-206', 'warning', '[CII-SR-206] - NetLineTotalAmount should not be present'), (False, 'CII-SR-207', 'warning', '[CII-SR-207] - NetIncludingTaxesLineTotalAmount should not be present'), (False, 'CII-SR-208', 'warning', '[CII-SR-208] - ProductWeightLossInformationAmount should not be present'), (False, 'CII-SR-209', 'warning', '[CII-SR-209] - SpecifiedFinancialAdjustment should not be present'), (False, 'CII-SR-210', 'warning', '[CII-SR-210] - InvoiceReferencedDocument should not be present'), (False, 'CII-SR-212', 'warning', '[CII-SR-212] - PayableSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-213', 'warning', '[CII-SR-213] - SetTriggerCode should not be present'), (False, 'CII-SR-214', 'warning', '[CII-SR-214] - TypeCode should not be present'), (False, 'CII-SR-215', 'warning', '[CII-SR-215] - AmountTypeCode should not be present'), (False, 'CII-SR-216', 'warning', '[CII-SR-216] - Name should not be present'), (False, 'CII-SR-217', 'warning', '[CII-SR-217] - CostReferenceDimensionPattern should not be present'), (False, 'CII-SR-218', 'warning', '[CII-SR-218] - PurchaseSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-219', 'warning', '[CII-SR-219] - SalesSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-220', 'warning', '[CII-SR-220] - SpecifiedTradeSettlementFinancialCard should not be present'), (False, 'CII-SR-454', 'warning', '[CII-SR-454] - Only one ApplicableTradeTax should be present'), (False, 'CII-SR-474', 'warning', '[CII-SR-474] - An invoice line shall not contain more than one AdditionalReferencedDocument with TypeCode 130.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableHeaderTradeAgreement', X272),), None, rule_73, 1017, ((False, 'CII-SR-442', 'warning', '[CII-SR-442] - Reference should not be present'), (False, 'CII-SR-222', 'warning', '[CII-SR-222] - RoleCode should not be present'), (False, 'CII-SR-223', 'warning', '[CII-SR-223] - LegalClassificationCode should not be present'), (False, 'CII-SR-224', 'warning', '[CII-SR-224] - Name should not be present'), (False, 'CII-SR-225', 'warning', '[CII-SR-225] - PostalTradeAddress should not be present'), (False, 'CII-SR-226', 'warning', '[CII-SR-226] - RoleCode should not be present'), (False, 'CII-SR-227', 'warning', '[CII-SR-227] - ID should not be present'), (False, 'CII-SR-228', 'warning', '[CII-SR-228] - TypeCode should not be present'), (False, 'CII-SR-229', 'warning', '[CII-SR-229] - JobTitle should not be present'), (False, 'CII-SR-230', 'warning', '[CII-SR-230] - Responsibility should not be present'), (False, 'CII-SR-231', 'warning', '[CII-SR-231] - PersonID should not be present'), (False, 'CII-SR-232', 'warning', '[CII-SR-232] - URIID should not be present'), (False, 'CII-SR-233', 'warning', '[CII-SR-233] - ChannelCode should not be present'), (False, 'CII-SR-234', 'warning', '[CII-SR-234] - DirectTelephoneUniversalCommunication should not be present'), (False, 'CII-SR-235', 'warning', '[CII-SR-235] - MobileTelephoneUniversalCommunication should not be present'), (False, 'CII-SR-236', 'warning', '[CII-SR-236] - FaxUniversalCommunication should not be present'), (False, 'CII-SR-237', 'warning', '[CII-SR-237] - ChannelCode should not be present'), (False, 'CII-SR-238', 'warning', '[CII-SR-238] - CompleteNumber should not be present'), (False, 'CII-SR-239', 'warning', '[CII-SR-239] - TelexUniversalCommunication should not be present'), (False, 'CII-SR-240', 'warning', '[CII-SR-240] - VOIPUniversalCommunication should not be present'), (False, 'CII-SR-241', 'warning', '[CII-SR-241] - InstantMessagingUniversalCommunication should not be present'), (False, 'CII-SR-242', 'warning', '[CII-SR-242] - SpecifiedNote should not be present'), (False, 'CII-SR-243', 'warning', '[CII-SR-243] - SpecifiedContactPerson should not be present'), (False, 'CII-SR-244', 'warning', '[CII-SR-244] - ChannelCode should not be present'), (False, 'CII-SR-245', 'warning', '[CII-SR-245] - CompleteNumber should not be present'), (False, 'CII-SR-246', 'warning', '[CII-SR-246] - AssociatedRegisteredTax should not be present'), (False, 'CII-SR-247', 'warning', '[CII-SR-247] - EndPointURIUniversalCommunication should not be present'), (False, 'CII-SR-248', 'warning', '[CII-SR-248] - LogoAssociatedSpecifiedBinaryFile should not be present'), (False, 'CII-SR-249', 'warning', '[CII-SR-249] - RoleCode should not be present'), (False, 'CII-SR-250', 'warning', '[CII-SR-250] - Description should not be present'), (False, 'CII-SR-251', 'warning', '[CII-SR-251] - LegalClassificationCode should not be present'), (False, 'CII-SR-252', 'warning', '[CII-SR-252] - Name should not be present'), (False, 'CII-SR-254', 'warning', '[CII-SR-254] - PostalTradeAddress should not be present'), (False, 'CII-SR-255', 'warning', '[CII-SR-255] - AuthorizedLegalRegistration should not be present'), (False, 'CII-SR-256', 'warning', '[CII-SR-256] - ID should not be present'), (False, 'CII-SR-257', 'warning', '[CII-SR-257] - TypeCode should not be present'), (False, 'CII-SR-258', 'warning', '[CII-SR-258] - JobTitle should not be present'), (False, 'CII-SR-259', 'warning', '[CII-SR-259] - Responsibility should not be present'), (False, 'CII-SR-260', 'warning', '[CII-SR-260] - PersonID should not be present'), (False, 'CII-SR-261', 'warning', '[CII-SR-261] - URIID should not be present'), (False, 'CII-SR-262', 'warning', '[CII-SR-262] - ChannelCode should not be present'), (False, 'CII-SR-263', 'warning', '[CII-SR-263] - DirectTelephoneUniversalCommunication should not be present'), (False, 'CII-SR-264', 'warning', '[CII-SR-264] - MobileTelephoneUniversalCommunication should not be present'), (False, 'CII-SR-265', 'warning', '[CII-SR-265] - FaxUniversalCommunication should not be present'), (False, 'CII-SR-266', 'warning', '[CII-SR-266] - ChannelCode should not be present'), (False, 'CII-SR-267', 'warning', '[CII-SR-267] - CompleteNumber should not be present'), (False, 'CII-SR-268', 'warning', '[CII-SR-268] - TelexUniversalCommunication should not be present'), (False, 'CII-SR-269', 'warning', '[CII-SR-269] - VOIPUniversalCommunication should not be present'), (False, 'CII-SR-270', 'warning', '[CII-SR-270] - InstantMessagingUniversalCommunication should not be present'), (False, 'CII-SR-271', 'warning', '[CII-SR-271] - SpecifiedNote should not be present'), (False, 'CII-SR-272', 'warning', '[CII-SR-272] - SpecifiedContactPerson should not be present'), (False, 'CII-SR-273', 'warning', '[CII-SR-273] - ChannelCode should not be present'), (False, 'CII-SR-274', 'warning', '[CII-SR-274] - CompleteNumber should not be present'), (False, 'CII-SR-275', 'warning', '[CII-SR-275] - AssociatedRegisteredTax should not be present'), (False, 'CII-SR-276', 'warning', '[CII-SR-276] - EndPointURIUniversalCommunication should not be present'), (False, 'CII-SR-277', 'warning', '[CII-SR-277] - LogoAssociatedSpecifiedBinaryFile should not be present'), (False, 'CII-SR-278', 'warning', '[CII-SR-278] - SalesAgentTradeParty should not be present'), (False, 'CII-SR-279', 'warning', '[CII-SR-279] - BuyerRequisitionerTradeParty should not be present'), (False, 'CII-SR-280', 'warning', '[CII-SR-280] - BuyerAssignedAccountantTradeParty should not be present'), (False, 'CII-SR-281', 'warning', '[CII-SR-281] - SellerAssignedAccountantTradeParty should not be present'), (False, 'CII-SR-282', 'warning', '[CII-SR-282] - BuyerTaxRepresentativeTradeParty should not be present'), (False, 'CII-SR-283', 'warning', '[CII-SR-283] - GlobalID should not be present'), (False, 'CII-SR-284', 'warning', '[CII-SR-284] - RoleCode should not be present'), (False, 'CII-SR-285', 'warning', '[CII-SR-285] - Description should not be present'), (False, 'CII-SR-286', 'warning', '[CII-SR-286] - SpecifiedLegalOrganization should not be present'), (False, 'CII-SR-287', 'warning', '[CII-SR-287] - DefinedTradeContact should not be present'), (False, 'CII-SR-288', 'warning', '[CII-SR-288] - URIUniversalCommunication should not be present'), (False, 'CII-SR-289', 'warning', '[CII-SR-289] - AssociatedRegisteredTax should not be present'), (False, 'CII-SR-290', 'warning', '[CII-SR-290] - EndPointURIUniversalCommunication should not be present'), (False, 'CII-SR-291', 'warning', '[CII-SR-291] - LogoAssociatedSpecifiedBinaryFile should not be present'), (False, 'CII-SR-292', 'warning', '[CII-SR-292] - ProductEndUserTradeParty should not be present'), (False, 'CII-SR-293', 'warning', '[CII-SR-293] - ApplicableTradeDeliveryTerms should not be present'), (False, 'CII-SR-294', 'warning', '[CII-SR-294] - LineID should not be present'), (False, 'CII-SR-295', 'warning', '[CII-SR-295] - LineID should not be present'), (False, 'CII-SR-296', 'warning', '[CII-SR-296] - QuotationReferencedDocument should not be present'), (False, 'CII-SR-297', 'warning', '[CII-SR-297] - OrderResponseReferencedDocument should not be present'), (False, 'CII-SR-298', 'warning', '[CII-SR-298] - LineID should not be present'), (False, 'CII-SR-299', 'warning', '[CII-SR-299] - DemandForecastReferencedDocument should not be present'), (False, 'CII-SR-300', 'warning', '[CII-SR-300] - SupplyInstructionReferencedDocument should not be present'), (False, 'CII-SR-301', 'warning', '[CII-SR-301] - PromotionalDealReferencedDocument should not be present'), (False, 'CII-SR-302', 'warning', '[CII-SR-302] - PriceListReferencedDocument should not be present'), (False, 'CII-SR-303', 'warning', '[CII-SR-303] - LineID should not be present'), (False, 'CII-SR-304', 'warning', '[CII-SR-304] - RequisitionerReferencedDocument should not be present'), (False, 'CII-SR-305', 'warning', '[CII-SR-305] - BuyerAgentTradeParty should not be present'), (False, 'CII-SR-306', 'warning', '[CII-SR-306] - PurchaseConditionsReferencedDocument should not be present'), (False, 'CII-SR-307', 'warning', '[CII-SR-307] - Description should not be present'), (False, 'CII-SR-448', 'warning', '[CII-SR-448] - UltimateCustomerOrderReferencedDocument should not be present'), (False, 'CII-SR-450', 'warning', '[CII-SR-450] - Only one buyer identifier should be present (either the ID or the Global ID)'), (False, 'CII-SR-455', 'fatal', '[CII-SR-455] - DefinedTradeContact of SellerTradeParty shall exist maximum once'), (False, 'CII-SR-456', 'fatal', '[CII-SR-456] - DefinedTradeContact of BuyerTradeParty shall exist maximum once'), (False, 'CII-SR-457', 'warning', '[CII-SR-457] - IssuerAssignedID with TypeCode 50 should exist maximum once'), (False, 'CII-SR-458', 'warning', '[CII-SR-458] - IssuerAssignedID with TypeCode 130 should exist maximum once'), (False, 'CII-SR-459', 'fatal', '[CII-SR-459] - SellerTradeParty URIUniversalCommunication should exist maximum once'), (False, 'CII-SR-460', 'fatal', '[CII-SR-460] - BuyerTradeParty URIUniversalCommunication should exist maximum once'), (False, 'CII-SR-465', 'warning', '[CII-SR-465] - Only one BT-41 element is allowed on an invoice.'), (False, 'CII-SR-466', 'warning', '[CII-SR-466] - Only one BT-56 element is allowed on an invoice.'), (False, 'CII-SR-475', 'warning', '[CII-SR-475] - Only one AdditionalReferencedDocument Name BT-123 is allowed with TypeCode 916.'), (False, 'CII-SR-476', 'warning', '[CII-SR-476] - Only one AdditionalReferencedDocument AttachmentBinaryObject BT-125 is allowed with TypeCode 916.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableHeaderTradeDelivery', X6),), None, rule_74, 1016, ((False, 'CII-SR-308', 'warning', '[CII-SR-308] - RelatedSupplyChainConsignment should not be present'), (False, 'CII-SR-309', 'warning', '[CII-SR-309] - RoleCode should not be present'), (False, 'CII-SR-310', 'warning', '[CII-SR-310] - Description should not be present'), (False, 'CII-SR-311', 'warning', '[CII-SR-311] - SpecifiedLegalOrganization should not be present'), (False, 'CII-SR-312', 'warning', '[CII-SR-312] - DefinedTradeContact should not be present'), (False, 'CII-SR-313', 'warning', '[CII-SR-313] - URIUniversalCommunication should not be present'), (False, 'CII-SR-314', 'warning', '[CII-SR-314] - SpecifiedTaxRegistration should not be present'), (False, 'CII-SR-315', 'warning', '[CII-SR-315] - EndPointURIUniversalCommunication should not be present'), (False, 'CII-SR-316', 'warning', '[CII-SR-316] - LogoAssociatedSpecifiedBinaryFile should not be present'), (False, 'CII-SR-317', 'warning', '[CII-SR-317] - UltimateShipToTradeParty should not be present'), (False, 'CII-SR-318', 'warning', '[CII-SR-318] - ShipFromTradeParty should not be present'), (False, 'CII-SR-319', 'warning', '[CII-SR-319] - ActualDespatchSupplyChainEvent should not be present'), (False, 'CII-SR-320', 'warning', '[CII-SR-320] - ActualPickUpSupplyChainEvent should not be present'), (False, 'CII-SR-321', 'warning', '[CII-SR-321] - ID should not be present'), (False, 'CII-SR-322', 'warning', '[CII-SR-322] - DateTime should not be present'), (False, 'CII-SR-323', 'warning', '[CII-SR-323] - TypeCode should not be present'), (False, 'CII-SR-324', 'warning', '[CII-SR-324] - Description should not be present'), (False, 'CII-SR-325', 'warning', '[CII-SR-325] - DescriptionBinaryObject should not be present'), (False, 'CII-SR-326', 'warning', '[CII-SR-326] - UnitQuantity should not be present'), (False, 'CII-SR-327', 'warning', '[CII-SR-327] - LatestOccurrenceDateTime should not be present'), (False, 'CII-SR-328', 'warning', '[CII-SR-328] - EarliestOccurrenceDateTime should not be present'), (False, 'CII-SR-329', 'warning', '[CII-SR-329] - OccurrenceSpecifiedPeriod should not be present'), (False, 'CII-SR-330', 'warning', '[CII-SR-330] - OccurrenceLogisticsLocation should not be present'), (False, 'CII-SR-331', 'warning', '[CII-SR-331] - ActualReceiptSupplyChainEvent should not be present'), (False, 'CII-SR-332', 'warning', '[CII-SR-332] - AdditionalReferencedDocument should not be present'), (False, 'CII-SR-333', 'warning', '[CII-SR-333] - LineID should not be present'), (False, 'CII-SR-334', 'warning', '[CII-SR-334] - LineID should not be present'), (False, 'CII-SR-335', 'warning', '[CII-SR-335] - DeliveryNoteReferencedDocument should not be present'), (False, 'CII-SR-336', 'warning', '[CII-SR-336] - ConsumptionReportReferencedDocument should not be present'), (False, 'CII-SR-337', 'warning', '[CII-SR-337] - PreviousDeliverySupplyChainEvent should not be present'), (False, 'CII-SR-338', 'warning', '[CII-SR-338] - PackingListReferencedDocument should not be present'), (False, 'CII-SR-449', 'warning', '[CII-SR-449] - Only one delivery to location identifier should be present (either the ID or the Global ID)'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ApplicableHeaderTradeSettlement', X277),), None, rule_75, 1015, ((False, 'CII-SR-339', 'warning', '[CII-SR-339] - DuePayableAmount should not be present'), (False, 'CII-SR-340', 'warning', '[CII-SR-340] - CreditorReferenceTypeCode should not be present'), (False, 'CII-SR-341', 'warning', '[CII-SR-341] - CreditorReferenceType should not be present'), (False, 'CII-SR-342', 'warning', '[CII-SR-342] - CreditorReferenceIssuerID should not be present'), (False, 'CII-SR-344', 'warning', '[CII-SR-344] - PaymentCurrencyCode should not be present'), (False, 'CII-SR-345', 'warning', '[CII-SR-345] - InvoiceIssuerReference should not be present'), (False, 'CII-SR-346', 'warning', '[CII-SR-346] - InvoiceDateTime should not be present'), (False, 'CII-SR-347', 'warning', '[CII-SR-347] - NextInvoiceDateTime should not be present'), (False, 'CII-SR-348', 'warning', '[CII-SR-348] - CreditReasonCode should not be present'), (False, 'CII-SR-349', 'warning', '[CII-SR-349] - CreditReason should not be present'), (False, 'CII-SR-350', 'warning', '[CII-SR-350] - InvoicerTradeParty should not be present'), (False, 'CII-SR-351', 'warning', '[CII-SR-351] - InvoiceeTradeParty should not be present'), (False, 'CII-SR-352', 'warning', '[CII-SR-352] - RoleCode should not be present'), (False, 'CII-SR-353', 'warning', '[CII-SR-353] - Description should not be present'), (False, 'CII-SR-354', 'warning', '[CII-SR-354] - LegalClassificationCode should not be present'), (False, 'CII-SR-355', 'warning', '[CII-SR-355] - Name should not be present'), (False, 'CII-SR-356', 'warning', '[CII-SR-356] - TradingBusinessName should not be present'), (False, 'CII-SR-357', 'warning', '[CII-SR-357] - PostalTradeAddress should not be present'), (False, 'CII-SR-358', 'warning', '[CII-SR-358] - AuthorizedLegalRegistration should not be present'), (False, 'CII-SR-359', 'warning', '[CII-SR-359] - DefinedTradeContact should not be present'), (False, 'CII-SR-360', 'warning', '[CII-SR-360] - PostalTradeAddress should not be present'), (False, 'CII-SR-361', 'warning', '[CII-SR-361] - URIUniversalCommunication should not be present'), (False, 'CII-SR-362', 'warning', '[CII-SR-362] - SpecifiedTaxRegistration should not be present'), (False, 'CII-SR-363', 'warning', '[CII-SR-363] - EndPointURIUniversalCommunication should not be present'), (False, 'CII-SR-364', 'warning', '[CII-SR-364] - LogoAssociatedSpecifiedBinaryFile should not be present'), (False, 'CII-SR-451', 'warning', '[CII-SR-451] - Only one payee identifier should be present (either the ID or the Global ID)'), (False, 'CII-SR-365', 'warning', '[CII-SR-365] - PayerTradeParty should not be present'), (False, 'CII-SR-366', 'warning', '[CII-SR-366] - TaxApplicableTradeCurrencyExchange should not be present'), (False, 'CII-SR-367', 'warning', '[CII-SR-367] - InvoiceApplicableTradeCurrencyExchange should not be present'), (False, 'CII-SR-368', 'warning', '[CII-SR-368] - PaymentApplicableTradeCurrencyExchange should not be present'), (False, 'CII-SR-369', 'warning', '[CII-SR-369] - PaymentChannelCode should not be present'), (False, 'CII-SR-370', 'warning', '[CII-SR-370] - GuaranteeMethodCode should not be present'), (False, 'CII-SR-371', 'warning', '[CII-SR-371] - PaymentMethodCode should not be present'), (False, 'CII-SR-443', 'warning', '[CII-SR-443] - ID should not be present'), (False, 'CII-SR-372', 'warning', '[CII-SR-372] - MicrochipIndicator should not be present'), (False, 'CII-SR-373', 'warning', '[CII-SR-373] - TypeCode should not be present'), (False, 'CII-SR-375', 'warning', '[CII-SR-375] - ExpiryDate should not be present'), (False, 'CII-SR-376', 'warning', '[CII-SR-376] - VerificationNumeric should not be present'), (False, 'CII-SR-377', 'warning', '[CII-SR-377] - ValidFromDateTime should not be present'), (False, 'CII-SR-378', 'warning', '[CII-SR-378] - CreditLimitAmountshould not be present'), (False, 'CII-SR-379', 'warning', '[CII-SR-379] - CreditAvailableAmount should not be present'), (False, 'CII-SR-380', 'warning', '[CII-SR-380] - InterestRatePercent should not be present'), (False, 'CII-SR-381', 'warning', '[CII-SR-381] - Description should not be present'), (False, 'CII-SR-382', 'warning', '[CII-SR-382] - AccountName should not be present'), (False, 'CII-SR-444', 'warning', '[CII-SR-444] - ProprietaryID should not be present'), (False, 'CII-SR-384', 'warning', '[CII-SR-384] - ClearingSystemName should not be present'), (False, 'CII-SR-385', 'warning', '[CII-SR-385] - Name should not be present'), (False, 'CII-SR-386', 'warning', '[CII-SR-386] - LocationFinancialInstitutionAddress should not be present'), (False, 'CII-SR-388', 'warning', '[CII-SR-388] - ID should not be present'), (False, 'CII-SR-389', 'warning', '[CII-SR-389] - SequenceNumeric should not be present'), (False, 'CII-SR-390', 'warning', '[CII-SR-390] - BasisQuantity should not be present'), (False, 'CII-SR-391', 'warning', '[CII-SR-391] - PrepaidIndicator should not be present'), (False, 'CII-SR-392', 'warning', '[CII-SR-392] - UnitBasisAmount should not be present'), (False, 'CII-SR-393', 'warning', '[CII-SR-393] - TypeCode should not be present'), (False, 'CII-SR-394', 'warning', '[CII-SR-394] - ActualTradeCurrencyExchange should not be present'), (False, 'CII-SR-395', 'warning', '[CII-SR-395] - SubtotalCalculatedTradeTax should not be present'), (False, 'CII-SR-396', 'warning', '[CII-SR-396] - SpecifiedLogisticsServiceCharge should not be present'), (False, 'CII-SR-397', 'warning', '[CII-SR-397] - ID should not be present'), (False, 'CII-SR-398', 'warning', '[CII-SR-398] - FromEventCode should not be present'), (False, 'CII-SR-399', 'warning', '[CII-SR-399] - SettlementPeriodMeasure should not be present'), (False, 'CII-SR-400', 'warning', '[CII-SR-400] - DateTime should not be present'), (False, 'CII-SR-401', 'warning', '[CII-SR-401] - TypeCode should not be present'), (False, 'CII-SR-402', 'warning', '[CII-SR-402] - InstructionTypeCode should not be present'), (False, 'CII-SR-404', 'warning', '[CII-SR-404] - PartialPaymentPercent should not be present'), (False, 'CII-SR-405', 'warning', '[CII-SR-405] - PaymentMeansID should not be present'), (False, 'CII-SR-406', 'warning', '[CII-SR-406] - PartialPaymentAmount should not be present'), (False, 'CII-SR-407', 'warning', '[CII-SR-407] - ApplicableTradePaymentPenaltyTerms should not be present'), (False, 'CII-SR-408', 'warning', '[CII-SR-408] - ApplicableTradePaymentDiscountTerms should not be present'), (False, 'CII-SR-409', 'warning', '[CII-SR-409] - PayeeTradeParty should not be present'), (False, 'CII-SR-421', 'warning', '[CII-SR-421] - SpecifiedFinancialAdjustment should not be present'), (False, 'CII-SR-422', 'warning', '[CII-SR-422] - LineID should not be present'), (False, 'CII-SR-423', 'warning', '[CII-SR-423] - ProFormaInvoiceReferencedDocument should not be present'), (False, 'CII-SR-424', 'warning', '[CII-SR-424] - LetterOfCreditReferencedDocument should not be present'), (False, 'CII-SR-425', 'warning', '[CII-SR-425] - FactoringAgreementReferencedDocument should not be present'), (False, 'CII-SR-426', 'warning', '[CII-SR-426] - FactoringListReferencedDocument should not be present'), (False, 'CII-SR-427', 'warning', '[CII-SR-427] - PayableSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-428', 'warning', '[CII-SR-428] - SetTriggerCode should not be present'), (False, 'CII-SR-429', 'warning', '[CII-SR-429] - TypeCode should not be present'), (False, 'CII-SR-430', 'warning', '[CII-SR-430] - AmountTypeCode should not be present'), (False, 'CII-SR-431', 'warning', '[CII-SR-431] - Name should not be present'), (False, 'CII-SR-432', 'warning', '[CII-SR-432] - CostReferenceDimensionPattern should not be present'), (False, 'CII-SR-433', 'warning', '[CII-SR-433] - PurchaseSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-434', 'warning', '[CII-SR-434] - SalesSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-SR-435', 'warning', '[CII-SR-435] - SpecifiedTradeSettlementFinancialCard should not be present'), (False, 'CII-SR-436', 'warning', '[CII-SR-436] - SpecifiedAdvancePayment should not be present'), (False, 'CII-SR-437', 'warning', '[CII-SR-437] - UltimatePayeeTradeParty should not be present'), (False, 'CII-SR-452', 'warning', '[CII-SR-452] - Only one SpecifiedTradePaymentTerms should be present'), (False, 'CII-SR-453', 'warning', '[CII-SR-453] - Only one SpecifiedTradePaymentTerms Description should be present'), (False, 'CII-SR-461', 'fatal', '[CII-SR-461] - Only one TaxPointDate shall be present'), (False, 'CII-SR-462', 'fatal', '[CII-SR-462] - Only one DueDateTypeCode shall be present'), (False, 'CII-SR-470', 'fatal', '[CII-SR-470] - Either the IBAN or a Proprietary ID (BT-84) shall be used.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SpecifiedTradeSettlementHeaderMonetarySummation', X279),), None, rule_76, 1014, ((False, 'CII-SR-411', 'warning', '[CII-SR-411] - InformationAmount should not be present'), (False, 'CII-SR-412', 'warning', '[CII-SR-412] - TotalDiscountAmount should not be present'), (False, 'CII-SR-413', 'warning', '[CII-SR-413] - TotalAllowanceChargeAmount should not be present'), (False, 'CII-SR-414', 'warning', '[CII-SR-414] - RetailValueExcludingTaxInformationAmount should not be present'), (False, 'CII-SR-415', 'warning', '[CII-SR-415] - TotalDepositFeeInformationAmount should not be present'), (False, 'CII-SR-416', 'warning', '[CII-SR-416] - ProductValueExcludingTobaccoTaxInformationAmount should not be present'), (False, 'CII-SR-417', 'warning', '[CII-SR-417] - TotalRetailValueInformationAmount should not be present'), (False, 'CII-SR-418', 'warning', '[CII-SR-418] - GrossLineTotalAmount should not be present'), (False, 'CII-SR-419', 'warning', '[CII-SR-419] - NetLineTotalAmount should not be present'), (False, 'CII-SR-420', 'warning', '[CII-SR-420] - NetIncludingTaxesLineTotalAmount should not be present'), (False, 'CII-SR-477', 'fatal', '[CII-SR-477] - LineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-478', 'fatal', '[CII-SR-478] - ChargeTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-479', 'fatal', '[CII-SR-479] - AllowanceTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-480', 'fatal', '[CII-SR-480] - TaxBasisTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-481', 'fatal', '[CII-SR-481] - RoundingAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-482', 'fatal', '[CII-SR-482] - GrandTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-483', 'fatal', '[CII-SR-483] - InformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-484', 'fatal', '[CII-SR-484] - TotalPrepaidAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-485', 'fatal', '[CII-SR-485] - TotalDiscountAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-486', 'fatal', '[CII-SR-486] - TotalAllowanceChargeAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-487', 'fatal', '[CII-SR-487] - DuePayableAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-488', 'fatal', '[CII-SR-488] - RetailValueExcludingTaxInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-489', 'fatal', '[CII-SR-489] - TotalDepositFeeInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-490', 'fatal', '[CII-SR-490] - ProductValueExcludingTobaccoTaxInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-491', 'fatal', '[CII-SR-491] - TotalRetailValueInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-492', 'fatal', '[CII-SR-492] - GrossLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-493', 'fatal', '[CII-SR-493] - NetLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'), (False, 'CII-SR-494', 'fatal', '[CII-SR-494] - NetIncludingTaxesLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.'))),
    ((('{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice', X72),), None, rule_77, 1013, ((False, 'CII-DT-013', 'fatal', '[CII-DT-013] - languageID should not be present'), (False, 'CII-DT-014', 'fatal', '[CII-DT-014] - languageLocaleID should not be present'), (False, 'CII-SR-438', 'warning', '[CII-SR-438] - ValuationBreakdownStatement should not be present'), (False, 'CII-SR-467', 'fatal', '[CII-SR-467] - All Payment means type codes (BT-81) shall have the same value across all SpecifiedTradeSettlementPaymentMeans.'), (False, 'CII-SR-468', 'fatal', '[CII-SR-468] - All Payment means texts (BT-82) shall have the same value across all SpecifiedTradeSettlementPaymentMeans.'), (False, 'CII-SR-469', 'fatal', '[CII-SR-469] - Payment reference (BT-83) shall occur at most once in the document.'))),
    (X282, None, rule_78, 1012, ((False, 'CII-SR-04', 'warning', '[CII-SR-004] - Value should not be present'), (False, 'CII-SR-05', 'warning', '[CII-SR-005] - SpecifiedDocumentVersion should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID', X284), ('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID', X285), ('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}LineID', X286), ('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SellerAssignedID', X287),), None, rule_79, 1011, ((False, 'CII-DT-001', 'fatal', '[CII-DT-001] - schemeName should not be present'), (False, 'CII-DT-002', 'fatal', '[CII-DT-002] - schemeAgencyName should not be present'), (False, 'CII-DT-003', 'fatal', '[CII-DT-003] - schemeDataURI should not be present'), (False, 'CII-DT-004', 'fatal', '[CII-DT-004] - schemeURI should not be present'), (False, 'CII-DT-005', 'fatal', '[CII-DT-005] - schemeID should not be present'), (False, 'CII-DT-006', 'fatal', '[CII-DT-006] - schemeAgencyID should not be present'), (False, 'CII-DT-007', 'fatal', '[CII-DT-007] - schemeVersionID should not be present'))),
    (X289, None, rule_80, 1010, ((False, 'CII-DT-101', 'fatal', '[CII-DT-101] - schemeName should not be present'), (False, 'CII-DT-102', 'fatal', '[CII-DT-102] - schemeAgencyName should not be present'), (False, 'CII-DT-103', 'fatal', '[CII-DT-103] - schemeDataURI should not be present'), (False, 'CII-DT-104', 'fatal', '[CII-DT-104] - schemeURI should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TypeCode', None),), None, rule_81, 1009, ((False, 'CII-DT-008', 'fatal', '[CII-DT-008] - name should not be present'), (False, 'CII-DT-009', 'fatal', '[CII-DT-009] - listURI should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TypeCode', X292),), None, rule_82, 1008, ((False, 'CII-DT-010', 'fatal', '[CII-DT-010] - listID should not be present'), (False, 'CII-DT-011', 'fatal', '[CII-DT-011] - listAgencyID should not be present'), (False, 'CII-DT-012', 'fatal', '[CII-DT-012] - listVersionID should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X294),), None, rule_83, 1007, ((False, 'CII-DT-045', 'warning', '[CII-DT-045] - @listID should not be present'), (False, 'CII-DT-046', 'warning', '[CII-DT-046] - @listAgencyID should not be present'), (False, 'CII-DT-047', 'warning', '[CII-DT-047] - @listVersionID should not be present'), (False, 'CII-DT-048', 'warning', '[CII-DT-048] - @listURI should not be present'))),
    (X296, None, rule_84, 1006, ((False, 'CII-DT-015', 'fatal', '[CII-DT-015] - URIID should not be present'), (False, 'CII-DT-016', 'fatal', '[CII-DT-016] - StatusCode should not be present'), (False, 'CII-DT-017', 'fatal', '[CII-DT-017] - CopyIndicator should not be present'), (False, 'CII-DT-018', 'fatal', '[CII-DT-018] - TypeCode should not be present'), (False, 'CII-DT-019', 'fatal', '[CII-DT-019] - GlobalID should not be present'), (False, 'CII-DT-020', 'fatal', '[CII-DT-020] - RevisionID should not be present'), (False, 'CII-DT-021', 'fatal', '[CII-DT-021] - Name should not be present'), (False, 'CII-DT-022', 'fatal', '[CII-DT-022] - AttachmentBinaryObject should not be present'), (False, 'CII-DT-023', 'fatal', '[CII-DT-023] - Information should not be present'), (False, 'CII-DT-024', 'fatal', '[CII-DT-024] - ReferenceTypeCode should not be present'), (False, 'CII-DT-025', 'fatal', '[CII-DT-025] - SectionName should not be present'), (False, 'CII-DT-026', 'fatal', '[CII-DT-026] - PreviousRevisionID should not be present'), (False, 'CII-DT-027', 'fatal', '[CII-DT-027] - FormattedIssueDateTime should not be present'), (False, 'CII-DT-028', 'fatal', '[CII-DT-028] - EffectiveSpecifiedPeriod should not be present'), (False, 'CII-DT-029', 'fatal', '[CII-DT-029] - IssuerTradeParty should not be present'), (False, 'CII-DT-030', 'fatal', '[CII-DT-030] - AttachedSpecifiedBinaryFile should not be present'))),
    (X298, None, rule_85, 1005, ((False, 'CII-DT-031', 'fatal', '[CII-DT-031] - currencyID should not be present'), (False, 'CII-DT-032', 'fatal', '[CII-DT-032] - currencyCodeListVersionID should not be present'))),
    (X300, None, rule_86, 1004, ((False, 'CII-DT-033', 'fatal', '[CII-DT-033] - unitCode should not be present'), (False, 'CII-DT-034', 'fatal', '[CII-DT-034] - unitCodeListID should not be present'), (False, 'CII-DT-035', 'fatal', '[CII-DT-035] - unitCodeListAgencyID should not be present'), (False, 'CII-DT-036', 'fatal', '[CII-DT-036] - unitCodeListAgencyName should not be present'))),
    (X302, None, rule_87, 1003, ((False, 'CII-DT-037', 'fatal', "[CII-DT-037] - TypeCode shall be 'VAT'"), (False, 'CII-DT-038', 'warning', '[CII-DT-038] - CalculatedRate should not be present'), (False, 'CII-DT-039', 'warning', '[CII-DT-039] - CalculationSequenceNumeric should not be present'), (False, 'CII-DT-040', 'warning', '[CII-DT-040] - BasisQuantity should not be present'), (False, 'CII-DT-041', 'warning', '[CII-DT-041] - BasisAmount should not be present'), (False, 'CII-DT-042', 'warning', '[CII-DT-042] - UnitBasisAmount should not be present'), (False, 'CII-DT-043', 'warning', '[CII-DT-043] - LineTotalBasisAmount should not be present'), (False, 'CII-DT-044', 'warning', '[CII-DT-044] - AllowanceChargeBasisAmount should not be present'), (False, 'CII-DT-049', 'warning', '[CII-DT-049] - CurrencyCode should not be present'), (False, 'CII-DT-050', 'warning', '[CII-DT-050] - Jurisdiction should not be present'), (False, 'CII-DT-051', 'warning', '[CII-DT-051] - CustomsDutyIndicator should not be present'), (False, 'CII-DT-052', 'warning', '[CII-DT-052] - ExemptionReasonCode should not be present'), (False, 'CII-DT-098', 'warning', '[CII-DT-098] - ExemptionReason should not be present'), (False, 'CII-DT-053', 'warning', '[CII-DT-053] - TaxBasisAllowanceRate should not be present'), (False, 'CII-DT-054', 'warning', '[CII-DT-054] - TaxPointDate should not be present'), (False, 'CII-DT-055', 'warning', '[CII-DT-055] - Type should not be present'), (False, 'CII-DT-056', 'warning', '[CII-DT-056] - InformationAmount should not be present'), (False, 'CII-DT-057', 'warning', '[CII-DT-057] - CategoryName should not be present'), (False, 'CII-DT-058', 'warning', '[CII-DT-058] - DueDateTypeCode should not be present'), (False, 'CII-DT-059', 'warning', '[CII-DT-059] - @format should not be present'), (False, 'CII-DT-060', 'warning', '[CII-DT-060] - SpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-061', 'warning', '[CII-DT-061] - ServiceSupplyTradeCountry should not be present'), (False, 'CII-DT-062', 'warning', '[CII-DT-062] - BuyerRepayableTaxSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-063', 'warning', '[CII-DT-063] - SellerPayableTaxSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-064', 'warning', '[CII-DT-064] - SellerRefundableTaxSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-065', 'warning', '[CII-DT-065] - BuyerDeductibleTaxSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-066', 'warning', '[CII-DT-066] - BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount should not be present'), (False, 'CII-DT-067', 'warning', '[CII-DT-067] - PlaceApplicableTradeLocation should not be present'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}BillingSpecifiedPeriod', None),), None, rule_88, 1002, ((False, 'CII-DT-068', 'fatal', '[CII-DT-068] - DateTime shall not be used.'), (False, 'CII-DT-069', 'fatal', '[CII-DT-069] - DurationMeasure shall not be used.'), (False, 'CII-DT-070', 'fatal', '[CII-DT-070] - InclusiveIndicator shall not be used.'), (False, 'CII-DT-071', 'fatal', '[CII-DT-071] - Description shall not be used.'), (False, 'CII-DT-072', 'fatal', '[CII-DT-072] - DateTime shall not be used.'), (False, 'CII-DT-073', 'fatal', '[CII-DT-073] - CompleteDateTime shall not be used.'), (False, 'CII-DT-074', 'fatal', '[CII-DT-074] - OpenIndicator shall not be used.'), (False, 'CII-DT-075', 'fatal', '[CII-DT-075] - SeasonCode shall not be used.'), (False, 'CII-DT-076', 'fatal', '[CII-DT-076] - ID shall not be used.'), (False, 'CII-DT-077', 'fatal', '[CII-DT-077] - Name shall not be used.'), (False, 'CII-DT-078', 'fatal', '[CII-DT-078] - SequenceNumeric shall not be used.'), (False, 'CII-DT-079', 'fatal', '[CII-DT-079] - StartDateFlexibilityCode shall not be used.'), (False, 'CII-DT-080', 'fatal', '[CII-DT-080] - ContinuousIndicator shall not be used.'), (False, 'CII-DT-081', 'fatal', '[CII-DT-081] - PurposeCode shall not be used.'))),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}PostalTradeAddress', None),), None, rule_89, 1001, ((False, 'CII-DT-082', 'fatal', '[CII-DT-082] - ID shall not be used.'), (False, 'CII-DT-083', 'fatal', '[CII-DT-083] - PostOfficeBox shall not be used.'), (False, 'CII-DT-084', 'fatal', '[CII-DT-084] - BuildingName shall not be used.'), (False, 'CII-DT-086', 'fatal', '[CII-DT-086] - LineFour shall not be used.'), (False, 'CII-DT-087', 'fatal', '[CII-DT-087] - LineFive shall not be used.'), (False, 'CII-DT-088', 'fatal', '[CII-DT-088] - StreetName shall not be used.'), (False, 'CII-DT-089', 'fatal', '[CII-DT-089] - CitySubDivisionName shall not be used.'), (False, 'CII-DT-090', 'fatal', '[CII-DT-090] - CountryName shall not be used.'), (False, 'CII-DT-091', 'fatal', '[CII-DT-091] - CountrySubDivisionID shall not be used.'), (False, 'CII-DT-092', 'fatal', '[CII-DT-092] - AttentionOf shall not be used.'), (False, 'CII-DT-093', 'fatal', '[CII-DT-093] - CareOf shall not be used.'), (False, 'CII-DT-094', 'fatal', '[CII-DT-094] - BuildingNumber shall not be used.'), (False, 'CII-DT-095', 'fatal', '[CII-DT-095] - DepartmentName shall not be used.'), (False, 'CII-DT-096', 'fatal', '[CII-DT-096] - AdditionalStreetName shall not be used.'))),
    ((('{urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100}DateTimeString', X305),), None, rule_90, 1000, ((False, 'CII-DT-097', 'fatal', '[CII-DT-097] - Date time string with format attribute 102 shall be YYYYMMDD.'),)),
  ]),
  ('M12', [
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TypeCode', X307),), None, rule_91, 1022, ((False, 'BR-CL-01', 'fatal', '[BR-CL-01]-The document type code MUST be coded by the invoice and credit note related code lists of UNTDID 1001.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TaxTotalAmount', X309),), None, rule_92, 1021, ((False, 'BR-CL-03', 'fatal', '[BR-CL-03]-currencyID MUST be coded using ISO code list 4217 alpha-3'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}InvoiceCurrencyCode', None),), None, rule_93, 1020, ((False, 'BR-CL-04', 'fatal', '[BR-CL-04]-Invoice currency code MUST be coded using ISO code list 4217 alpha-3'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TaxCurrencyCode', None),), None, rule_94, 1019, ((False, 'BR-CL-05', 'fatal', '[BR-CL-05]-Tax currency code MUST be coded using ISO code list 4217 alpha-3'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}DueDateTypeCode', None),), None, rule_95, 1018, ((False, 'BR-CL-06', 'fatal', '[BR-CL-06]-Value added tax point date code MUST be coded using a restriction of UNTDID 2475.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ReferenceTypeCode', None),), None, rule_96, 1017, ((False, 'BR-CL-07', 'fatal', '[BR-CL-07]-Object identifier identification scheme identifier MUST be coded using a restriction of UNTDID 1153.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}SubjectCode', None),), None, rule_97, 1016, ((False, 'BR-CL-08', 'fatal', '[BR-CL-08]-Subject Code MUST be coded using a restriction of UNTDID 4451.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}GlobalID', X315),), None, rule_98, 1015, ((False, 'BR-CL-10', 'fatal', '[BR-CL-10]-Any identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID', X316),), None, rule_99, 1014, ((False, 'BR-CL-11', 'fatal', '[BR-CL-11]-Any registration identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ClassCode', X318),), None, rule_100, 1013, ((False, 'BR-CL-13', 'fatal', '[BR-CL-13]-Item classification identifier identification scheme identifier MUST be coded using one of the UNTDID 7143 list.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CountryID', None),), None, rule_101, 1012, ((False, 'BR-CL-14', 'fatal', '[BR-CL-14]-Country codes in an invoice MUST be coded using ISO code list 3166-1'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID', X320),), None, rule_102, 1011, ((False, 'BR-CL-15', 'fatal', '[BR-CL-15]-Country codes in an invoice MUST be coded using ISO code list 3166-1'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}TypeCode', X322),), None, rule_103, 1010, ((False, 'BR-CL-16', 'fatal', '[BR-CL-16]-Payment means in an invoice MUST be coded using UNTDID 4461 code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X324),), None, rule_104, 1009, ((False, 'BR-CL-17', 'fatal', '[BR-CL-17]-Invoice tax categories MUST be coded using UNCL 5305 code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}CategoryCode', X325),), None, rule_105, 1008, ((False, 'BR-CL-18', 'fatal', '[BR-CL-18]-Invoice tax categories MUST be coded using UNCL 5305 code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ReasonCode', X328),), X327, rule_106, 1007, ((False, 'BR-CL-19', 'fatal', '[BR-CL-19]-Coded allowance reasons MUST belong to the UNCL 5189 code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ReasonCode', X330),), X327, rule_107, 1006, ((False, 'BR-CL-20', 'fatal', '[BR-CL-20]-Coded charge reasons MUST belong to the UNCL 7161 code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}GlobalID', X331),), None, rule_108, 1005, ((False, 'BR-CL-21', 'fatal', '[BR-CL-21]-Item standard identifier scheme identifier MUST belong to the ISO 6523 ICD code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ExemptionReasonCode', None),), None, rule_109, 1004, ((False, 'BR-CL-22', 'fatal', '[BR-CL-22]-Tax exemption reason code identifier scheme identifier MUST belong to the CEF VATEX code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}BasisQuantity', X334), ('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}BilledQuantity', X335),), None, rule_110, 1003, ((False, 'BR-CL-23', 'fatal', '[BR-CL-23]-Unit code MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 extension'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}AttachmentBinaryObject', X337),), None, rule_111, 1002, ((False, 'BR-CL-24', 'fatal', '[BR-CL-24]-For Mime code in attribute use MIMEMediaType.'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}URIID', X339),), None, rule_112, 1001, ((False, 'BR-CL-25', 'fatal', '[BR-CL-25]-Endpoint identifier scheme identifier MUST belong to the CEF EAS code list'),)),
    ((('{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}GlobalID', X340),), None, rule_113, 1000, ((False, 'BR-CL-26', 'fatal', '[BR-CL-26]-Delivery location identifier scheme identifier MUST belong to the ISO 6523 ICD code list'),)),
  ]),
]
