# admin pages
# Les pages d’administration (/admin/…) et la page du compte (/account).

web-nav-account = Compte
web-nav-admin = Administration
admin-nav-label = Administration
zone-hint = Un nom de fuseau horaire IANA, comme Asia/Kabul ou Europe/Paris.

## Users

admin-users-title = Utilisateurs
admin-users-accounts = Comptes
admin-user-name = Nom
admin-user-email = Adresse électronique
admin-user-role = Rôle
admin-user-government = Gouvernement
admin-user-status = État
admin-user-actions = Actions
admin-user-choose-role = Choisissez un rôle
admin-user-no-government = Aucun
admin-user-government-hint = Seul un point focal parle au nom d’un gouvernement ; laissez « Aucun » pour tout autre rôle.
account-status-active = actif
account-status-invited = invité, sans mot de passe pour l’instant
account-status-disabled = désactivé
admin-user-disable = Désactiver
admin-user-enable = Réactiver
# $name: the account's name
admin-user-disabled = { $name } est désactivé et déconnecté partout.
# $name: the account's name
admin-user-enabled = { $name } peut de nouveau se connecter.
admin-invite-title = Inviter quelqu’un
admin-invite-intro = La personne reçoit un courriel avec un lien pour choisir son mot de passe.
admin-invite-submit = Envoyer l’invitation
# $email: the address the invitation goes to
admin-user-invited = L’invitation à { $email } est en route.

## Governments

admin-governments-title = Gouvernements
admin-governments-list = Gouvernements participants
admin-government-code = Code
admin-government-code-hint = Le code de pays ISO 3166-1 à deux lettres, en majuscules (AF, IR, PK).
admin-government-name = Nom
admin-government-zone = Fuseau horaire
admin-government-add-title = Ajouter un gouvernement
admin-government-add = Ajouter le gouvernement
# $name: the government's name
admin-government-added = { $name } est ajouté.

## Outbox

admin-outbox-title = Boîte d’envoi
admin-outbox-intro = Chaque courriel que Concord envoie attend ici jusqu’à sa remise. Un message mort a échoué à chaque tentative et n’est plus essayé tant que vous ne le relancez pas.
admin-outbox-filter = Afficher les messages
admin-outbox-none = Aucun message ici.
admin-outbox-created = Mis en file
admin-outbox-message = Message et destinataire
admin-outbox-status = État
admin-outbox-error = Dernière erreur
# $count: how many delivery attempts were made
admin-outbox-attempts = { $count ->
    [one] une tentative
   *[other] { $count } tentatives
}
admin-outbox-retry = Relancer
admin-outbox-retried = Le message va être renvoyé maintenant.
outbox-status-pending = en attente
outbox-status-sent = envoyé
outbox-status-dead = mort
outbox-status-skipped = non envoyé (désactivé)
outbox-filter-dead = Morts
outbox-filter-pending = En attente
outbox-filter-sent = Envoyés
outbox-filter-skipped = Non envoyés
outbox-filter-all = Tous

## Account

account-title = Votre compte
account-profile = Nom, langue et fuseau horaire
account-language = Langue
account-time-zone = Fuseau horaire
account-save = Enregistrer
account-saved = Vos réglages sont enregistrés.
account-notifications = Notifications par courriel
account-notifications-legend = Comment voulez-vous être informé de vos dialogues ?
account-preference-immediate = Chaque message, au fil de l’eau
account-preference-daily_digest = Un résumé par jour, à 7 h chez vous
account-preference-off = Aucun (les invitations et réinitialisations de mot de passe arrivent toujours)
account-preference-saved = Votre préférence de courriel est enregistrée.
account-password = Mot de passe
account-password-current = Mot de passe actuel
account-password-again = Nouveau mot de passe, à nouveau
account-password-others = Le changer vous déconnecte sur tous vos autres appareils.
account-password-change = Changer le mot de passe
account-password-changed = Votre mot de passe est changé. Tous vos autres appareils sont déconnectés.
account-calendar = Agenda
account-calendar-download = Télécharger : la page de chaque atelier propose « Ajouter à mon agenda (.ics) », une copie de cet atelier tel qu’il est maintenant ; une modification ultérieure ne l’atteint pas.
account-calendar-subscribe = S’abonner : votre logiciel d’agenda récupère, par un lien privé, tous les ateliers que vous pouvez voir, et les tient à jour de lui-même (environ toutes les heures), annulations comprises.
account-calendar-secret = Toute personne qui a le lien peut lire ces ateliers sans se connecter. S’il a fuité, réinitialisez-le : l’ancien lien cesse aussitôt de fonctionner.
account-calendar-none = Vous n’avez pas encore de lien d’abonnement.
account-calendar-active = Votre lien d’abonnement a été créé le { $when }. Concord ne le conserve que sous une forme qui ne peut plus être affichée : pour voir un lien, réinitialisez-le (puis remplacez-le dans votre logiciel d’agenda).
account-calendar-new = Votre nouveau lien d’abonnement, affiché cette seule fois : copiez-le maintenant.
account-calendar-open = M’abonner dans mon logiciel d’agenda
account-calendar-url = Lien à coller dans un logiciel d’agenda
account-calendar-create = Créer mon lien d’abonnement
account-calendar-reset = Réinitialiser le lien
account-calendar-stop = Désactiver le lien
account-calendar-stopped = Votre lien d’abonnement ne fonctionne plus.
calendar-feed-name = Concord — ateliers
account-sessions = Déconnexion

# À côté d'un bouton désactivé des pages d'administration
refusal-user-cannot_disable_self = Vous ne pouvez pas désactiver votre propre compte ; un autre administrateur le peut.
# $status : l'état du message, tel que la page de la file d'envoi le nomme
refusal-outbox-not_dead = Seul un message mort peut être relancé ; celui-ci est { $status }.
