# pages des registres : historiques et Cadre des ententes communes
records-history-link = Historique
records-whole-history = Historique complet du dialogue
records-own-history = Historique du dialogue lui-même
records-history-of = Historique de { $name }
records-whole-history-of = Historique complet de { $name }
records-newest-first = Du plus récent au plus ancien. Les heures sont dans votre fuseau horaire.
records-change = { $from } → { $to }
records-empty = Rien n’a encore été enregistré.
records-col-when = Quand
records-col-who = Qui
records-col-subject = Objet
records-col-what = Ce qui s’est passé
records-col-note = Motif ou note
records-pages-label = Pages de l’historique
records-newest = Plus récents
records-older = Plus anciens
records-nobody = le système
records-chain-verified = Chaîne vérifiée : { $count ->
    [one] { $count } événement
   *[other] { $count } événements
}
records-chain-broken = Chaîne rompue : { $what }
records-kind-project = Dialogue
records-kind-phase = Phase
records-kind-workshop = Atelier
records-kind-understanding = Entente commune
records-kind-action = Action
records-what-create = Créé
records-what-edit = Texte modifié
records-what-attendance = Présence enregistrée
records-what-outcome = Résultat consigné
records-what-position = Position donnée
records-what-agreement = Accord donné
records-what-progress = Avancement noté
records-what-adopt = Adoptée
records-what-reporting = Champs de rapport IITA renseignés
records-framework-title = Cadre des ententes communes
records-framework-intro = Les ententes communes adoptées dans ce dialogue, chacune dans le texte final de la révision que tous les gouvernements participants ont approuvée.
records-framework-check = Pour vérifier une copie imprimée, calculez le SHA-256 d’un texte (par exemple avec sha256sum) et comparez-le à celui imprimé en dessous ; puis un administrateur exécute « concord audit verify » et, si la chaîne est intacte, retrouve l’événement d’adoption par l’identifiant imprimé : son empreinte doit être celle imprimée.
records-framework-empty = Aucune entente commune n’a encore été adoptée.
records-framework-revision = Révision
records-framework-adopted = Adoptée le
records-framework-endorsed-by = Approuvée par
records-framework-sha256 = SHA-256 du texte
records-framework-event = Événement d’adoption
records-framework-event-hash = Empreinte de cet événement
