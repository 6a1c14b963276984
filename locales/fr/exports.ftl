# exports
# Les téléchargements CSV d’un dialogue (/dialogues/{id}/actions.csv, …) : les liens,
# les en-têtes de colonnes et les mots des cellules en plus de ceux des pages.

csv-downloads = Télécharger en CSV (tableur)
csv-download-actions = Actions de suivi
csv-download-understandings = Ententes communes
csv-download-workshops = Ateliers
csv-download-board = Télécharger ces actions en CSV

csv-column-id = Identifiant
csv-column-title = Titre
csv-column-scope = Portée
csv-column-phase = Phase
csv-column-state = État
csv-column-owner = Responsable
csv-column-due_date = Échéance
csv-column-overdue = En retard
csv-column-last_progress = Dernière note d’avancement
csv-column-last_progress_at = Date de la dernière note (UTC)
csv-column-revision = Révision
csv-column-kind = Type
csv-column-venue = Lieu
csv-column-time_zone = Fuseau horaire du lieu
csv-column-starts_at = Début (heure du lieu)
csv-column-ends_at = Fin (heure du lieu)

csv-government-agreement = { $government } : accord
csv-government-position = { $government } : position
csv-government-attendance = { $government } : présence
csv-government-outcome = { $government } : résultats

csv-agreement-agreed = accord donné
csv-flag-true = oui
csv-flag-false = non
csv-position-none = aucune
csv-outcome-submitted = soumis
csv-outcome-draft = brouillon
csv-outcome-none = aucun
