# Les mots des pages de Concord. Les clés et arguments sont ceux de locales/en/web.ftl.

## Mise en page

web-skip = Aller au contenu

# La page de documentation de l'API (/api/docs) ; les mots du visualiseur sont ceux de RapiDoc, en anglais.
api-docs-title = API de Concord
api-docs-noscript = Cette page a besoin de JavaScript pour afficher le document de l'API. Lisez-le plutôt en JSON :
web-brand = Concord
web-nav-label = Principale
web-nav-home = Accueil
web-language-label = Langue
web-language-change = Changer de langue
web-footer = Concord conduit le dialogue comme un processus encadré et audité.
web-footer-api = L’API et son contrat
web-signed-in-as = Connecté·e : { $name } ({ $role })

## Rôles

role-admin = administrateur·rice
role-coordinator = coordinateur·rice
role-focal_point = point focal
role-manager = responsable de programme
role-observer = observateur·rice

## Connexion

sign-in-title = Connexion
sign-in-email = Adresse e-mail
sign-in-password = Mot de passe
sign-in-submit = Se connecter
sign-in-forgot = Mot de passe oublié ?
sign-in-wrong = L’adresse e-mail ou le mot de passe est incorrect.
sign-in-disabled = Ce compte est désactivé.
sign-in-locked = Trop de tentatives pour cette adresse. Réessayez dans { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
}.
notice-signed-out = Vous êtes déconnecté·e.
notice-signed-out-everywhere = Vous êtes déconnecté·e sur tous vos appareils.
notice-password-set = Votre mot de passe est enregistré. Connectez-vous avec lui.

## Accueil

home-title = Accueil
home-greeting = Bienvenue, { $name }.
home-role = Vous êtes connecté·e en tant que { $role }.
sign-out = Se déconnecter
sign-out-everywhere = Se déconnecter sur tous les appareils

## Mots de passe

set-password-title = Choisissez votre mot de passe
reset-password-title = Choisissez un nouveau mot de passe
password-new = Nouveau mot de passe
password-hint = Au moins { $min } caractères. Une longue phrase est idéale.
password-too-short = Le mot de passe est trop court ou trop long.
password-save = Enregistrer le mot de passe
password-link-invalid = Ce lien n’est plus valable. Demandez-en un nouveau.
forgot-title = Mot de passe oublié
forgot-intro = Saisissez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Envoyer le lien
forgot-sent-title = Consultez vos e-mails
forgot-sent = Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en route. Il est valable une heure.
back-to-sign-in = Retour à la connexion

## Erreurs

error-title = Un problème est survenu
error-400 = La requête est incompréhensible.
error-403 = Vous n’avez pas le droit de voir ou de faire ceci.
error-403-cross-site = Ce formulaire ne vient pas des pages de Concord, ou il est périmé. Rien n’a été modifié. Revenez en arrière, rechargez la page et réessayez.
error-404 = Il n’y a rien ici, ou vous ne pouvez pas le voir.
error-405 = Cette adresse n’accepte pas ce type de requête.
error-408 = Cela a pris trop de temps. Réessayez.
error-413 = Ce que vous avez envoyé est trop volumineux.
error-422 = Une partie de ce que vous avez envoyé n’est pas valable.
error-429 = Trop de tentatives. Réessayez dans { $seconds } secondes.
error-500 = Un problème est survenu de notre côté. Si cela se reproduit, donnez cette référence aux administrateurs : { $id }
error-503 = Concord ne peut pas répondre pour le moment. Rien n’a été modifié. Réessayez dans un instant.
error-home = Aller à l’accueil

## Dates on pages (Persian pages show the Solar Hijri date first)

solar-month-1 = farvardin
solar-month-2 = ordibehecht
solar-month-3 = khordad
solar-month-4 = tir
solar-month-5 = mordad
solar-month-6 = chahrivar
solar-month-7 = mehr
solar-month-8 = aban
solar-month-9 = azar
solar-month-10 = dey
solar-month-11 = bahman
solar-month-12 = esfand
# $day, $month, $year: a Solar Hijri date
date-solar = { $day } { $month } { $year }
# $solar: the Solar Hijri date; $gregorian: the same day in the Gregorian calendar
date-solar-with-gregorian = { $solar } ({ $gregorian })
# $zone: an IANA time zone; $offset: its offset from UTC then, such as +04:30
zone-with-offset = { $zone }, UTC{ $offset }

## Forms of the workflow pages

page-form-errors = Une partie de ce que vous avez envoyé n'est pas valide. Chaque problème est indiqué à côté de son champ.
back-to-phase = Retour à la phase

## Workshops

workshop-new-title = Nouvel atelier
workshop-field-title = Titre
workshop-field-kind = Type
workshop-kind-technical = Technique
workshop-kind-political = Politique
workshop-kind-joint = Technique et politique
workshop-field-time-zone = Fuseau horaire du lieu
workshop-time-zone-hint = Un nom de fuseau horaire comme Asia/Kabul, Asia/Tehran ou Asia/Karachi.
workshop-field-starts-at = Début
workshop-field-ends-at = Fin
workshop-times-hint = Heures du lieu, dans son fuseau horaire.
# $zone: the venue's time zone
workshop-times-in = Heures du lieu, fuseau { $zone }.
workshop-time-unreadable = Indiquez une date et une heure.
workshop-field-venue = Lieu
workshop-field-agenda = Ordre du jour et description
workshop-field-governments = Gouvernements invités
workshop-create = Créer l'atelier
workshop-created = L'atelier est créé. Planifiez-le une fois les dates arrêtées.
workshop-rescheduled = L'atelier a de nouveaux horaires ; les gouvernements invités en sont informés.
workshop-state = État
workshop-when-venue = Quand, à l'heure du lieu
workshop-when-reader = Quand, à votre heure
workshop-cancel-reason = Motif de l'annulation
workshop-override-reason = Clôturé sans tous les comptes rendus, parce que
workshop-calendar = Ajouter à mon agenda (.ics)
workshop-no-agenda = Pas encore d'ordre du jour.
workshop-attendance = Présence
workshop-government = Gouvernement
workshop-attendance-status = Présence
workshop-attendance-record = Enregistrer
attendance-invited = invité, pas encore de réponse
attendance-confirmed = participera
attendance-declined = a décliné
attendance-attended = présent
attendance-absent = absent
attendance-set-confirmed = Confirmer la participation
attendance-set-declined = Décliner
attendance-set-attended = Présent
attendance-set-absent = Absent
attendance-saved = La présence est enregistrée.
workshop-outcomes = Comptes rendus
workshop-outcome-none = Pas encore de compte rendu.
workshop-outcome-draft = brouillon
workshop-outcome-submitted = soumis
# $name: who wrote it; $when: when
workshop-outcome-by = Rédigé par { $name }, { $when }
workshop-outcome-text = Le compte rendu de ce gouvernement
workshop-outcome-submit = Soumettre le compte rendu
workshop-outcome-save = Enregistrer comme brouillon
outcome-saved = Le compte rendu est enregistré.

## Common understandings

understanding-new-title = Nouvelle entente commune
understanding-field-title = Titre
understanding-field-text = Texte
understanding-create = Créer le projet de texte
understanding-created = Le projet de texte est créé. Proposez-le quand il est prêt.
understanding-state = État
understanding-revision-label = Révision
# $revision: a revision number
understanding-revision = Révision { $revision }
understanding-withdraw-reason = Motif du retrait
understanding-text = Texte actuel
understanding-consensus = Positions des gouvernements
understanding-position = Position
understanding-comment = Commentaire
understanding-who = Donnée par
understanding-when = Quand
position-pending = pas encore de position
position-endorsed = approuvé
position-reservation = approuvé avec réserve
position-objection = objection
# $revision: the older revision the position was given to
understanding-older-revision = donnée sur la révision { $revision }
understanding-your-position = La position de votre gouvernement
position-set-endorsed = Approuver le texte
position-set-reservation = Approuver avec réserve
position-set-objection = S'opposer au texte
understanding-position-note = Commentaire (facultatif)
understanding-position-save = Donner la position
position-saved = La position de votre gouvernement est enregistrée.
understanding-edit = Modifier le texte du projet
understanding-edit-save = Enregistrer le texte
text-saved = Le texte est enregistré.
understanding-history = Historique des révisions
understanding-history-source = Le texte de chaque révision tel que l'historique audité l'enregistre, du plus récent au plus ancien.
understanding-history-none = L'historique ne contient aucun texte pour cette entente.
understanding-history-first = La première révision :
understanding-history-diff = Modifications depuis la révision précédente (mots retirés barrés, mots ajoutés soulignés) :

## Navigation of the workflow pages

web-nav-dialogues = Dialogues

## States, by machine

state-project-draft = brouillon
state-project-active = actif
state-project-suspended = suspendu
state-project-completed = achevé
state-project-cancelled = annulé
state-phase-planned = prévue
state-phase-active = active
state-phase-completed = achevée
state-phase-cancelled = annulée
state-workshop-draft = brouillon
state-workshop-scheduled = programmé
state-workshop-held = tenu
state-workshop-concluded = clôturé
state-workshop-cancelled = annulé
state-understanding-draft = brouillon
state-understanding-proposed = proposée
state-understanding-adopted = adoptée
state-understanding-withdrawn = retirée
state-action-proposed = proposée
state-action-agreed = acceptée
state-action-in_progress = en cours
state-action-blocked = bloquée
state-action-completed = achevée
state-action-dropped = abandonnée

## Transitions (buttons), by machine

transitions-label = Ce qui peut être fait maintenant
transition-project-activate = Activer le dialogue
transition-project-suspend = Suspendre le dialogue
transition-project-resume = Reprendre le dialogue
transition-project-complete = Achever le dialogue
transition-project-cancel = Annuler le dialogue
transition-phase-activate = Démarrer la phase
transition-phase-complete = Achever la phase
transition-phase-cancel = Annuler la phase
transition-workshop-schedule = Programmer l’atelier
transition-workshop-reschedule = Reprogrammer l’atelier
transition-workshop-hold = Marquer l’atelier comme tenu
transition-workshop-conclude = Clôturer l’atelier
transition-workshop-cancel = Annuler l’atelier
transition-understanding-propose = Proposer le texte
transition-understanding-revise = Réviser le texte
transition-understanding-withdraw = Retirer le texte
transition-action-agree = Accepter l’action
transition-action-start = Démarrer l’action
transition-action-block = Marquer l’action comme bloquée
transition-action-unblock = Débloquer l’action
transition-action-complete = Achever l’action
transition-action-drop = Abandonner l’action
transition-field-reason = Motif
transition-field-note = Ce qui a été fait
transition-field-override-reason = Pourquoi clôturer sans tous les résultats (seulement s’il en manque)
# $state: the state it is in now, already translated
flash-transition-done = C’est fait. État actuel : { $state }.

## A stale form (someone changed the entity first)

conflict-title = Quelqu’un a modifié ceci depuis que vous l’avez ouvert
conflict-intro = Votre demande n’a rien changé. Voici où en sont les choses ; ce que vous avez saisi est conservé ci-dessous. Vérifiez-le, puis renvoyez-le s’il s’applique toujours.
# $state: the current state, already translated
conflict-state = Maintenant : { $state }
# $transition: the button the person pressed, already translated
conflict-tried = Vous avez appuyé sur : { $transition }
conflict-back = Retour à la page

## Dialogues and phases

dialogues-title = Dialogues
dialogues-new = Lancer un nouveau dialogue
dialogues-none = Il n’y a encore aucun dialogue que vous puissiez voir.
dialogue-code = Code
dialogue-title = Titre
# Entre les éléments d'une courte liste (gouvernements).
list-separator = {", "}
dialogue-state = État
dialogue-progress = Phases achevées
list-next = Page suivante
form-has-errors = Certains champs demandent votre attention :
dialogue-new-title = Un nouveau dialogue
dialogue-summary = Résumé
dialogue-budget = Budget (USD)
dialogue-governments = Gouvernements participants
dialogue-create = Créer le dialogue
# $done: how many phases are completed
dialogue-phases-done = { $done }
# $amount: whole US dollars
dialogue-budget-usd = { $amount } USD
dialogue-phases = Phases
dialogue-no-phases = Aucune phase pour l’instant.
# $count: a number
dialogue-count-workshops = { $count ->
    [one] un atelier
   *[other] { $count } ateliers
}
dialogue-count-understandings = { $count ->
    [one] une entente commune
   *[other] { $count } ententes communes
}
dialogue-count-actions = { $count ->
    [one] une action
   *[other] { $count } actions
}
# $first, $last: dates
timeline-label = Chronologie des phases et des ateliers, du { $first } au { $last }
phase-add-title = Ajouter une phase
phase-name = Nom de la phase
phase-ordinal = Position (1 pour la première)
phase-planned-start = Début prévu
phase-planned-end = Fin prévue
phase-add = Ajouter la phase
phase-dates = Dates prévues
phase-workshops = Ateliers
phase-understandings = Ententes communes
phase-actions = Actions de suivi
phase-none = Aucun.
phase-due = échéance
checklist-title = Avant que la phase puisse être achevée
checklist-met = fait
checklist-unmet = pas encore
checklist-see = Voir ce qui reste ouvert
checklist-active = La phase est active
checklist-workshops_closed = Chaque atelier est clôturé ou annulé
checklist-understandings_settled = Chaque entente commune est adoptée ou retirée
checklist-something_adopted = Au moins une entente commune a été adoptée (s’il y en avait)
checklist-actions_closed = Chaque action de suivi est achevée ou abandonnée
flash-dialogue-created = Le dialogue est créé, à l’état de brouillon. Ajoutez ses phases, puis activez-le.
# $name: the phase's name
flash-phase-added = La phase { $name } est ajoutée.
date-unset = non fixée
# Les dates prévues d'une phase ; $start et $end sont des jours
date-span = du { $start } au { $end }
date-span-from = à partir du { $start }
date-span-until = jusqu'au { $end }

## Why a transition or a write is refused: one sentence per domain refusal code
transition-understanding-adopt = Adopter le texte
refusal-permission-role = Votre rôle ne permet pas de faire ceci.
refusal-permission-government = Vous ne pouvez agir que pour votre propre gouvernement.
refusal-invalid_state = « { $transition } » n’est pas possible dans l’état « { $state } ».
refusal-reason_required = Indiquez un motif pour faire ceci.
refusal-phase_closed = La phase est achevée ou annulée : ceci ne peut plus changer.
refusal-project-too_few_governments = Un dialogue a besoin d’au moins deux gouvernements pour commencer.
refusal-project-no_phase = Un dialogue a besoin d’au moins une phase pour commencer.
refusal-project-phases_open = { $count ->
    [one] Une phase n’est ni achevée ni annulée.
   *[other] { $count } phases ne sont ni achevées ni annulées.
}
refusal-project-closed = Le dialogue est achevé ou annulé ; il ne reçoit plus de nouvelle phase.
refusal-phase-project_not_active = Le dialogue n’est pas actif.
refusal-phase-previous_not_completed = La phase précédente n’est pas achevée ; une phase ne commence qu’après la réussite de celle qui la précède.
refusal-phase-workshops_open = { $count ->
    [one] Un atelier de cette phase n’est pas encore conclu ni annulé.
   *[other] { $count } ateliers de cette phase ne sont pas encore conclus ni annulés.
}
refusal-phase-understandings_open = { $count ->
    [one] Une entente commune n’est ni adoptée ni retirée.
   *[other] { $count } ententes communes ne sont ni adoptées ni retirées.
}
refusal-phase-none_adopted = La phase a des ententes communes, mais aucune n’a été adoptée.
refusal-phase-actions_open = { $count ->
    [one] Une action de suivi n’est ni achevée ni abandonnée.
   *[other] { $count } actions de suivi ne sont ni achevées ni abandonnées.
}
refusal-workshop-phase_not_open = Les ateliers ne se planifient que dans une phase prévue ou active.
refusal-workshop-start_in_past = L’atelier doit commencer dans le futur.
refusal-workshop-end_before_start = L’atelier doit finir après son début.
refusal-workshop-too_few_governments = Invitez au moins deux gouvernements.
refusal-workshop-invalid_time_zone = Le fuseau horaire du lieu n’est pas un fuseau IANA connu.
refusal-workshop-times_required = Indiquez les nouvelles heures de début et de fin.
refusal-workshop-not_started = Un atelier ne peut être marqué comme tenu qu’une fois commencé.
refusal-workshop-attendance_not_started = La présence (présent ou absent) s’enregistre une fois l’atelier commencé.
refusal-workshop-attendance_missing = { $count ->
    [one] La présence n’est pas enregistrée pour un gouvernement invité.
   *[other] La présence n’est pas enregistrée pour { $count } gouvernements invités.
}
refusal-workshop-outcomes_missing = { $count ->
    [one] Un gouvernement présent n’a pas soumis ses résultats ; concluez avec un motif de dérogation pour continuer malgré tout.
   *[other] { $count } gouvernements présents n’ont pas soumis leurs résultats ; concluez avec un motif de dérogation pour continuer malgré tout.
}
refusal-workshop-government_not_invited = Ce gouvernement n’est pas invité à cet atelier.
refusal-workshop-government_not_attending = Seul un gouvernement présent consigne des résultats.
refusal-workshop-outcome_submitted = Ce compte rendu a été soumis et ne peut plus changer.
refusal-understanding-not_all_endorsed = { $count ->
    [one] Un gouvernement n’a pas approuvé la révision en cours.
   *[other] { $count } gouvernements n’ont pas approuvé la révision en cours.
}
refusal-understanding-not_proposed = Les positions ne se prennent que tant que le texte est proposé.
refusal-understanding-stale_revision = Le texte a changé ; répondez à la révision { $revision }.
refusal-understanding-not_draft = Le texte ne se modifie qu’à l’état de brouillon ; révisez-le d’abord.
refusal-understanding-government_not_participating = Ce gouvernement ne participe pas à ce dialogue.
refusal-action-not_all_agreed = { $count ->
    [one] Un gouvernement concerné n’a pas encore donné son accord.
   *[other] { $count } gouvernements concernés n’ont pas encore donné leur accord.
}
refusal-action-note_required = Achever une action demande une note d’achèvement.
refusal-action-government_not_involved = Ce gouvernement n’est pas concerné par cette action.
refusal-action-closed = L’action est achevée ou abandonnée.

## What is wrong with a field, beside it on a form
field-unreadable = Cette valeur n’a pas la forme attendue.
field-empty = Remplissez ce champ.
field-too_long = Raccourcissez ce texte à { $max } caractères au plus.
field-control_character = Retirez le caractère de contrôle ({ $found }).
field-not_an_email = Indiquez une adresse électronique comme nom@exemple.org.
field-not_a_time_zone = Indiquez un fuseau horaire comme Asia/Kabul.
field-repeated_government = Un gouvernement figure deux fois.
field-no_such_government = Ce gouvernement n’existe pas.
field-ends_before_start = La fin doit venir après le début.
field-ends_before_planned_start = La fin prévue ne doit pas précéder le début prévu.
field-negative = Cette valeur ne doit pas être négative.
field-ordinal_below_one = Cette valeur doit être 1 ou plus.
field-not_a_language = Choisissez l’anglais, le français ou le persan.
field-not_a_position = Choisissez approbation, réserve ou objection.
field-not_an_attendance = Choisissez confirmé, décliné, présent ou absent.
field-not_a_country_code = Indiquez un code pays de deux lettres majuscules, comme AF.
field-bilateral_needs_two = Une action bilatérale concerne exactement deux gouvernements.
field-collective_needs_all = Une action collective concerne tous les gouvernements du dialogue : choisissez-les tous ou aucun.
field-not_in_dialogue = Ce gouvernement ne participe pas à ce dialogue.
field-dialogue_without_governments = Le dialogue n’a pas encore de gouvernement.
field-focal_point_needs_government = Un point focal doit appartenir à un gouvernement.
field-only_focal_points_have_government = Seuls les points focaux appartiennent à un gouvernement.
field-passwords_differ = Saisissez deux fois le même nouveau mot de passe.
field-password_unchanged = Choisissez un autre mot de passe que l’actuel.
field-too_short = Saisissez au moins { $min } caractères.
field-taken = Cette valeur est déjà prise ; choisissez-en une autre.
field-not_current_password = Ce n’est pas votre mot de passe actuel.
