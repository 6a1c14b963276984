# admin pages
# The administration pages (/admin/…) and the account page (/account).

web-nav-account = Account
web-nav-admin = Administration
admin-nav-label = Administration
zone-hint = An IANA time zone name, such as Asia/Kabul or Europe/Paris.

## Users

admin-users-title = Users
admin-users-accounts = Accounts
admin-user-name = Name
admin-user-email = Email address
admin-user-role = Role
admin-user-government = Government
admin-user-status = Status
admin-user-actions = Actions
admin-user-choose-role = Choose a role
admin-user-no-government = None
admin-user-government-hint = Only a focal point speaks for a government; leave it at “None” for every other role.
account-status-active = active
account-status-invited = invited, no password yet
account-status-disabled = disabled
admin-user-disable = Disable
admin-user-enable = Enable
# $name: the account's name
admin-user-disabled = { $name } is disabled and signed out everywhere.
# $name: the account's name
admin-user-enabled = { $name } can sign in again.
admin-invite-title = Invite someone
admin-invite-intro = They receive an email with a link to choose their password.
admin-invite-submit = Send the invitation
# $email: the address the invitation goes to
admin-user-invited = The invitation to { $email } is on its way.

## Governments

admin-governments-title = Governments
admin-governments-list = Participating governments
admin-government-code = Code
admin-government-code-hint = The ISO 3166-1 two-letter country code, in capitals (AF, IR, PK).
admin-government-name = Name
admin-government-zone = Time zone
admin-government-add-title = Add a government
admin-government-add = Add the government
# $name: the government's name
admin-government-added = { $name } is added.

## Outbox

admin-outbox-title = Outbox
admin-outbox-intro = Every email Concord sends waits here until it is delivered. A dead one has failed every attempt and is not tried again until you retry it.
admin-outbox-filter = Show messages
admin-outbox-none = No message here.
admin-outbox-created = Queued
admin-outbox-message = Message and recipient
admin-outbox-status = Status
admin-outbox-error = Last error
# $count: how many delivery attempts were made
admin-outbox-attempts = { $count ->
    [one] one attempt
   *[other] { $count } attempts
}
admin-outbox-retry = Retry
admin-outbox-retried = The message will be sent again now.
outbox-status-pending = waiting
outbox-status-sent = sent
outbox-status-dead = dead
outbox-status-skipped = not sent (turned off)
outbox-filter-dead = Dead
outbox-filter-pending = Waiting
outbox-filter-sent = Sent
outbox-filter-skipped = Not sent
outbox-filter-all = All

## Account

account-title = Your account
account-profile = Name, language and time zone
account-language = Language
account-time-zone = Time zone
account-save = Save
account-saved = Your settings are saved.
account-notifications = Email notifications
account-notifications-legend = How do you want to hear about your dialogues?
account-preference-immediate = Every message, as it happens
account-preference-daily_digest = One summary a day, at 07:00 your time
account-preference-off = None (invitations and password resets still come)
account-preference-saved = Your email preference is saved.
account-password = Password
account-password-current = Current password
account-password-again = New password, again
account-password-others = Changing it signs you out on every other device.
account-password-change = Change the password
account-password-changed = Your password is changed. Every other device is signed out.
account-calendar = Calendar
account-calendar-download = Download: each workshop's page offers "Add to my calendar (.ics)", a copy of that one workshop as it is now; a later change does not reach it.
account-calendar-subscribe = Subscribe: your calendar program fetches every workshop you may see from a private link, and keeps them up to date by itself (every hour or so), cancellations included.
account-calendar-secret = Anyone who has the link can read these workshops without signing in. If it has leaked, reset it: the old link stops working at once.
account-calendar-none = You have no subscription link yet.
account-calendar-active = Your subscription link was made on { $when }. Concord keeps it only in a form that cannot be shown again: to see a link, reset it (then replace it in your calendar program).
account-calendar-new = Your new subscription link, shown only this once: copy it now.
account-calendar-open = Subscribe in my calendar program
account-calendar-url = Link to paste into a calendar program
account-calendar-create = Create my subscription link
account-calendar-reset = Reset the link
account-calendar-stop = Stop the link
account-calendar-stopped = Your subscription link no longer works.
calendar-feed-name = Concord — workshops
account-sessions = Signing out

# Beside a disabled button on the administration pages
refusal-user-cannot_disable_self = You cannot disable your own account; another administrator can.
# $status: the message's status, as the outbox page names it
refusal-outbox-not_dead = Only a dead message can be retried; this one is { $status }.
