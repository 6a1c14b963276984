# The words of Concord's pages. Every key here must exist in fr and fa too (a test
# checks). Arguments are named in the comments where a key takes any.

## Layout

web-skip = Skip to the content
web-brand = Concord
web-nav-label = Main
web-nav-home = Home
web-language-label = Language
web-language-change = Change language
web-footer = Concord runs the dialogue as a guarded, audited workflow.
# $name: the person signed in; $role: their role, already translated
web-signed-in-as = Signed in as { $name } ({ $role })

## Roles

role-admin = administrator
role-coordinator = coordinator
role-focal_point = focal point
role-manager = programme manager
role-observer = observer

## Sign-in

sign-in-title = Sign in
sign-in-email = Email address
sign-in-password = Password
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-wrong = The email or password is wrong.
sign-in-disabled = This account is disabled.
# $minutes: how long until the address may try again
sign-in-locked = Too many attempts for this address. Try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
notice-signed-out = You are signed out.
notice-signed-out-everywhere = You are signed out on every device.
notice-password-set = Your password is set. Sign in with it.

## Home

home-title = Home
# $name: the person's name
home-greeting = Welcome, { $name }.
# $role: the role, already translated
home-role = You are signed in as { $role }.
home-soon = Your dialogues, workshops and actions will be listed here.
sign-out = Sign out
sign-out-everywhere = Sign out on every device

## Passwords

set-password-title = Choose your password
reset-password-title = Choose a new password
password-new = New password
# $min: the fewest characters a password may have
password-hint = At least { $min } characters. A long phrase is best.
password-too-short = The password is too short or too long.
password-save = Save the password
password-link-invalid = This link is not valid any more. Ask for a new one.
forgot-title = Forgot your password
forgot-intro = Enter your email address and we will send you a link to choose a new password.
forgot-submit = Send the link
forgot-sent-title = Check your email
forgot-sent = If an account uses this address, a link to choose a new password is on its way. It works for one hour.
back-to-sign-in = Back to sign-in

## Errors

error-title = Something went wrong
error-400 = The request could not be understood.
error-403 = You do not have the right to see or do this.
error-403-cross-site = This form did not come from Concord's own pages, or it is out of date. Nothing was changed. Go back, reload the page and try again.
error-404 = There is nothing here, or you may not see it.
error-405 = This address does not take that kind of request.
error-408 = This took too long. Try again.
error-413 = What you sent is too large.
error-422 = Some of what you sent is not valid.
# $seconds: how long to wait
error-429 = Too many attempts. Try again in { $seconds } seconds.
# $id: the request id, for the administrators
error-500 = Something went wrong on our side. If it happens again, give the administrators this reference: { $id }
error-503 = Concord cannot answer right now. Nothing was changed. Try again in a moment.
error-home = Go to the home page

## Navigation of the workflow pages

web-nav-dialogues = Dialogues

## States, by machine

state-project-draft = draft
state-project-active = active
state-project-suspended = suspended
state-project-completed = completed
state-project-cancelled = cancelled
state-phase-planned = planned
state-phase-active = active
state-phase-completed = completed
state-phase-cancelled = cancelled
state-workshop-draft = draft
state-workshop-scheduled = scheduled
state-workshop-held = held
state-workshop-concluded = concluded
state-workshop-cancelled = cancelled
state-understanding-draft = draft
state-understanding-proposed = proposed
state-understanding-adopted = adopted
state-understanding-withdrawn = withdrawn
state-action-proposed = proposed
state-action-agreed = agreed
state-action-in_progress = in progress
state-action-blocked = blocked
state-action-completed = completed
state-action-dropped = dropped

## Transitions (buttons), by machine

transitions-label = What can be done now
transition-project-activate = Activate the dialogue
transition-project-suspend = Suspend the dialogue
transition-project-resume = Resume the dialogue
transition-project-complete = Complete the dialogue
transition-project-cancel = Cancel the dialogue
transition-phase-activate = Start the phase
transition-phase-complete = Complete the phase
transition-phase-cancel = Cancel the phase
transition-workshop-schedule = Schedule the workshop
transition-workshop-reschedule = Reschedule the workshop
transition-workshop-hold = Mark the workshop as held
transition-workshop-conclude = Conclude the workshop
transition-workshop-cancel = Cancel the workshop
transition-understanding-propose = Propose the text
transition-understanding-revise = Revise the text
transition-understanding-withdraw = Withdraw the text
transition-action-agree = Agree to the action
transition-action-start = Start the action
transition-action-block = Mark the action as blocked
transition-action-unblock = Unblock the action
transition-action-complete = Complete the action
transition-action-drop = Drop the action
transition-field-reason = Reason
transition-field-note = What was done
transition-field-override-reason = Why conclude without every outcome (only if some are missing)
# $state: the state it is in now, already translated
flash-transition-done = Done. It is now { $state }.

## A stale form (someone changed the entity first)

conflict-title = Someone changed this since you opened it
conflict-intro = Your request changed nothing. This is how it stands now; what you typed is kept below. Check it, then send it again if it still applies.
# $state: the current state, already translated
conflict-state = Now: { $state }
# $transition: the button the person pressed, already translated
conflict-tried = You pressed: { $transition }
conflict-back = Back to the page

## Dialogues and phases

dialogues-title = Dialogues
dialogues-new = Start a new dialogue
dialogues-none = There is no dialogue you may see yet.
dialogue-code = Code
dialogue-title = Title
dialogue-state = State
dialogue-progress = Phases completed
list-next = Next page
form-has-errors = Some fields need attention:
dialogue-new-title = A new dialogue
dialogue-summary = Summary
dialogue-budget = Budget (USD)
dialogue-governments = Participating governments
dialogue-create = Create the dialogue
# $done: how many phases are completed
dialogue-phases-done = { $done }
# $amount: whole US dollars
dialogue-budget-usd = USD { $amount }
dialogue-phases = Phases
dialogue-no-phases = No phase yet.
# $count: a number
dialogue-count-workshops = { $count ->
    [one] one workshop
   *[other] { $count } workshops
}
dialogue-count-understandings = { $count ->
    [one] one common understanding
   *[other] { $count } common understandings
}
dialogue-count-actions = { $count ->
    [one] one action
   *[other] { $count } actions
}
# $first, $last: dates
timeline-label = Timeline of the phases and workshops, from { $first } to { $last }
phase-add-title = Add a phase
phase-name = Name of the phase
phase-ordinal = Position (1 is first)
phase-planned-start = Planned start
phase-planned-end = Planned end
phase-add = Add the phase
phase-dates = Planned dates
phase-workshops = Workshops
phase-understandings = Common understandings
phase-actions = Follow-up actions
phase-none = None.
phase-due = due
checklist-title = Before the phase can be completed
checklist-met = done
checklist-unmet = not yet
checklist-see = See what is open
checklist-active = The phase is active
checklist-workshops_closed = Every workshop is concluded or cancelled
checklist-understandings_settled = Every common understanding is adopted or withdrawn
checklist-something_adopted = At least one common understanding was adopted (if there were any)
checklist-actions_closed = Every follow-up action is completed or dropped
flash-dialogue-created = The dialogue is created, as a draft. Add its phases, then activate it.
# $name: the phase's name
flash-phase-added = The phase { $name } is added.
date-unset = not set
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
