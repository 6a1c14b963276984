# Les mots des pages de Concord. Les clés et arguments sont ceux de locales/en/web.ftl.

## Mise en page

web-skip = Aller au contenu
web-brand = Concord
web-nav-label = Principale
web-nav-home = Accueil
web-language-label = Langue
web-language-change = Changer de langue
web-footer = Concord conduit le dialogue comme un processus encadré et audité.
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
home-soon = Vos dialogues, ateliers et actions seront listés ici.
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
solar-month-1 = Farvardin
solar-month-2 = Ordibehesht
solar-month-3 = Khordad
solar-month-4 = Tir
solar-month-5 = Mordad
solar-month-6 = Shahrivar
solar-month-7 = Mehr
solar-month-8 = Aban
solar-month-9 = Azar
solar-month-10 = Dey
solar-month-11 = Bahman
solar-month-12 = Esfand
