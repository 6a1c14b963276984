## IATI reporting of a dialogue (/dialogues/{id}/reporting)
iati-reporting-title = Reporting (IATI)
iati-back-to-dialogue = Back to the dialogue
iati-intro = These fields make the dialogue an activity in the IATI 2.03 standard, the format donors publish aid data in. The reporting organisation and the planned start are required; the rest is optional.
iati-identifier = IATI activity identifier
iati-download = Download the IATI file (XML)
iati-not-set = This dialogue has no IATI reporting fields yet.
iati-edit = Set the reporting fields
iati-save = Save the reporting fields
iati-saved = The reporting fields are saved.
iati-reporting-org-name = Reporting organisation
iati-reporting-org-ref = Its IATI organisation identifier
iati-reporting-org-type = Its organisation type
iati-funder-name = Funder
iati-funder-ref = The funder's IATI organisation identifier
iati-currency = Currency
iati-budget-amount = Budget
# $amount: the budget, grouped as the reader writes numbers; $currency: its ISO 4217 code
iati-budget-value = { $currency } { $amount }
iati-sector-code = Sector (DAC 5-digit code)
iati-planned-start = Planned start
iati-planned-end = Planned end
iati-actual-start = Actual start
iati-actual-end = Actual end
iati-planned = Planned
iati-actual = Actual
iati-hint-org-ref = such as XM-DAC-47066
iati-hint-org-type = a code such as 40 for multilateral, 10 for government
iati-hint-currency = an ISO 4217 code such as USD
iati-hint-amount = such as 135000.00
iati-hint-sector = such as 15190

## What is wrong with a reporting field
field-not_an_iati_org_ref = Give an IATI organisation identifier such as XM-DAC-47066.
field-not_an_iati_org_type = Give a code of the IATI organisation types, such as 40.
field-not_a_currency = Give a currency code such as USD.
field-not_an_amount = Give an amount such as 135000.00, with at most four decimals.
field-not_a_dac_sector = Give a five-digit DAC sector code such as 15190.
field-ends_before_actual_start = The actual end must not come before the actual start.
