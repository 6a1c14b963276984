## IATI reporting of a dialogue (/dialogues/{id}/reporting)
iati-reporting-title = Rapports (IITA)
iati-back-to-dialogue = Retour au dialogue
iati-intro = Ces champs font du dialogue une activité selon la norme IITA 2.03, le format dans lequel les bailleurs publient leurs données d’aide. L’organisation déclarante et le début prévu sont obligatoires ; le reste est facultatif.
iati-identifier = Identifiant d’activité IITA
iati-download = Télécharger le fichier IITA (XML)
iati-not-set = Ce dialogue n’a pas encore de champs de rapport IITA.
iati-edit = Renseigner les champs de rapport
iati-save = Enregistrer les champs de rapport
iati-saved = Les champs de rapport sont enregistrés.
iati-reporting-org-name = Organisation déclarante
iati-reporting-org-ref = Son identifiant d’organisation IITA
iati-reporting-org-type = Son type d’organisation
iati-funder-name = Bailleur
iati-funder-ref = Identifiant d’organisation IITA du bailleur
iati-currency = Devise
iati-budget-amount = Budget
# $amount: the budget, grouped as the reader writes numbers; $currency: its ISO 4217 code
iati-budget-value = { $amount } { $currency }
iati-sector-code = Secteur (code CAD à cinq chiffres)
iati-planned-start = Début prévu
iati-planned-end = Fin prévue
iati-actual-start = Début effectif
iati-actual-end = Fin effective
iati-planned = Prévu
iati-actual = Effectif
iati-hint-org-ref = par exemple XM-DAC-47066
iati-hint-org-type = un code, par exemple 40 pour multilatéral, 10 pour gouvernement
iati-hint-currency = un code ISO 4217, par exemple USD
iati-hint-amount = par exemple 135000.00
iati-hint-sector = par exemple 15190

## What is wrong with a reporting field
field-not_an_iati_org_ref = Indiquez un identifiant d’organisation IITA, par exemple XM-DAC-47066.
field-not_an_iati_org_type = Indiquez un code des types d’organisation IITA, par exemple 40.
field-not_a_currency = Indiquez un code de devise, par exemple USD.
field-not_an_amount = Indiquez un montant tel que 135000.00, avec au plus quatre décimales.
field-not_a_dac_sector = Indiquez un code de secteur CAD à cinq chiffres, par exemple 15190.
field-ends_before_actual_start = La fin effective ne doit pas précéder le début effectif.
