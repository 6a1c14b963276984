# The words of Concord's pages. Every key here must exist in fr and fa too (a test
# checks). Arguments are named in the comments where a key takes any.

## Layout

web-skip = Skip to the content

# The API docs page (/api/docs); the viewer's own words are RapiDoc's, in English.
api-docs-title = Concord API
api-docs-noscript = This page needs JavaScript to show the API document. Read it as JSON instead:
web-brand = Concord
web-nav-label = Main
web-nav-home = Home
web-language-label = Language
web-language-change = Change language
web-footer = Concord runs the dialogue as a guarded, audited workflow.
web-footer-api = The API and its contract
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

## Dates on pages (Persian pages show the Solar Hijri date first)

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
# $day, $month, $year: a Solar Hijri date
date-solar = { $day } { $month } { $year }
# $solar: the Solar Hijri date; $gregorian: the same day in the Gregorian calendar
date-solar-with-gregorian = { $solar } ({ $gregorian })
# $zone: an IANA time zone; $offset: its offset from UTC then, such as +04:30
zone-with-offset = { $zone }, UTC{ $offset }

## Forms of the workflow pages

page-form-errors = Some of what you sent is not valid. Each problem is shown beside its field.
back-to-phase = Back to the phase

## Workshops

workshop-new-title = New workshop
workshop-field-title = Title
workshop-field-kind = Kind
workshop-kind-technical = Technical
workshop-kind-political = Political
workshop-kind-joint = Joint technical and political
workshop-field-time-zone = Time zone of the venue
workshop-time-zone-hint = A time zone name such as Asia/Kabul, Asia/Tehran or Asia/Karachi.
workshop-field-starts-at = Starts
workshop-field-ends-at = Ends
workshop-times-hint = Times at the venue, in its time zone.
# $zone: the venue's time zone
workshop-times-in = Times at the venue, in { $zone }.
workshop-time-unreadable = Give a date and a time.
workshop-field-venue = Venue
workshop-field-agenda = Agenda and description
workshop-field-governments = Invited governments
workshop-create = Create the workshop
workshop-created = The workshop is created. Schedule it once the dates are settled.
workshop-rescheduled = The workshop has new times; the invited governments are told.
workshop-state = State
workshop-when-venue = When, at the venue
workshop-when-reader = When, in your time zone
workshop-cancel-reason = Why it was cancelled
workshop-override-reason = Concluded without every outcome, because
workshop-calendar = Add to my calendar (.ics)
workshop-no-agenda = No agenda yet.
workshop-attendance = Attendance
workshop-government = Government
workshop-attendance-status = Attendance
workshop-attendance-record = Record
attendance-invited = invited, no answer yet
attendance-confirmed = will attend
attendance-declined = declined
attendance-attended = attended
attendance-absent = absent
attendance-set-confirmed = Confirm attendance
attendance-set-declined = Decline
attendance-set-attended = Attended
attendance-set-absent = Absent
attendance-saved = The attendance is recorded.
workshop-outcomes = Outcomes
workshop-outcome-none = No outcome logged yet.
workshop-outcome-draft = draft
workshop-outcome-submitted = submitted
# $name: who wrote it; $when: when
workshop-outcome-by = Written by { $name }, { $when }
workshop-outcome-text = The outcome for this government
workshop-outcome-submit = Submit the outcome
workshop-outcome-save = Save as a draft
outcome-saved = The outcome is saved.

## Common understandings

understanding-new-title = New common understanding
understanding-field-title = Title
understanding-field-text = Text
understanding-create = Create the draft
understanding-created = The draft is created. Propose it when the text is ready.
understanding-state = State
understanding-revision-label = Revision
# $revision: a revision number
understanding-revision = Revision { $revision }
understanding-withdraw-reason = Why it was withdrawn
understanding-text = Current text
understanding-consensus = Positions of the governments
understanding-position = Position
understanding-comment = Comment
understanding-who = Given by
understanding-when = When
position-pending = no position yet
position-endorsed = endorsed
position-reservation = endorsed with a reservation
position-objection = objection
# $revision: the older revision the position was given to
understanding-older-revision = given to revision { $revision }
understanding-your-position = Your government's position
position-set-endorsed = Endorse the text
position-set-reservation = Endorse with a reservation
position-set-objection = Object to the text
understanding-position-note = Comment (optional)
understanding-position-save = Give the position
position-saved = Your government's position is recorded.
understanding-edit = Edit the draft's text
understanding-edit-save = Save the text
text-saved = The text is saved.
understanding-history = Revision history
understanding-history-source = Each revision's text as the audited history records it, newest first.
understanding-history-none = The history holds no text for this understanding.
understanding-history-first = The first revision:
understanding-history-diff = Changes from the revision before (removed words struck through, added words underlined):

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
# Between the items of a short list (governments); the space is kept.
list-separator = {", "}
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
# A phase's planned dates; $start and $end are days
date-span = { $start } – { $end }
date-span-from = from { $start }
date-span-until = until { $end }

## Why a transition or a write is refused: one sentence per domain refusal code
transition-understanding-adopt = Adopt the text
refusal-permission-role = Your role may not do this.
refusal-permission-government = You may act only for your own government.
refusal-invalid_state = “{ $transition }” is not possible while it is { $state }.
refusal-reason_required = Give a reason to do this.
refusal-phase_closed = The phase is completed or cancelled, so this can no longer change.
refusal-project-too_few_governments = A dialogue needs at least two governments to start.
refusal-project-no_phase = A dialogue needs at least one phase to start.
refusal-project-phases_open = { $count ->
    [one] One phase is neither completed nor cancelled.
   *[other] { $count } phases are neither completed nor cancelled.
}
refusal-project-closed = The dialogue is completed or cancelled; it takes no new phases.
refusal-phase-project_not_active = The dialogue is not active.
refusal-phase-previous_not_completed = The previous phase has not been completed; a phase starts only after the one before it succeeded.
refusal-phase-workshops_open = { $count ->
    [one] One workshop of this phase is not yet concluded or cancelled.
   *[other] { $count } workshops of this phase are not yet concluded or cancelled.
}
refusal-phase-understandings_open = { $count ->
    [one] One common understanding is neither adopted nor withdrawn.
   *[other] { $count } common understandings are neither adopted nor withdrawn.
}
refusal-phase-none_adopted = The phase has common understandings but none was adopted.
refusal-phase-actions_open = { $count ->
    [one] One follow-up action is neither completed nor dropped.
   *[other] { $count } follow-up actions are neither completed nor dropped.
}
refusal-workshop-phase_not_open = Workshops are scheduled only in a planned or active phase.
refusal-workshop-start_in_past = The workshop must start in the future.
refusal-workshop-end_before_start = The workshop must end after it starts.
refusal-workshop-too_few_governments = Invite at least two governments.
refusal-workshop-invalid_time_zone = The venue's time zone is not a known IANA time zone.
refusal-workshop-times_required = Give the new start and end times.
refusal-workshop-not_started = A workshop can be marked held only once it has started.
refusal-workshop-attendance_not_started = Attendance (attended or absent) is recorded once the workshop has started.
refusal-workshop-attendance_missing = { $count ->
    [one] Attendance is not recorded for one invited government.
   *[other] Attendance is not recorded for { $count } invited governments.
}
refusal-workshop-outcomes_missing = { $count ->
    [one] One attending government has not submitted its outcomes; conclude with an override reason to proceed anyway.
   *[other] { $count } attending governments have not submitted their outcomes; conclude with an override reason to proceed anyway.
}
refusal-workshop-government_not_invited = That government is not invited to this workshop.
refusal-workshop-government_not_attending = Only a government that attended logs outcomes.
refusal-workshop-outcome_submitted = This outcome record was submitted and can no longer change.
refusal-understanding-not_all_endorsed = { $count ->
    [one] One government has not endorsed the current revision.
   *[other] { $count } governments have not endorsed the current revision.
}
refusal-understanding-not_proposed = Positions are taken only while the text is proposed.
refusal-understanding-stale_revision = The text has changed; respond to revision { $revision }.
refusal-understanding-not_draft = The text can be edited only in draft; revise it first.
refusal-understanding-government_not_participating = That government does not take part in this dialogue.
refusal-action-not_all_agreed = { $count ->
    [one] One involved government has not agreed yet.
   *[other] { $count } involved governments have not agreed yet.
}
refusal-action-note_required = Completing an action needs a completion note.
refusal-action-government_not_involved = That government is not involved in this action.
refusal-action-closed = The action is completed or dropped.

## What is wrong with a field, beside it on a form
field-unreadable = This value is not in the expected form.
field-empty = Fill this in.
field-too_long = Shorten this to at most { $max } characters.
field-control_character = Remove the control character ({ $found }).
field-not_an_email = Give an email address such as name@example.org.
field-not_a_time_zone = Give a time zone such as Asia/Kabul.
field-repeated_government = A government is listed twice.
field-no_such_government = That government does not exist.
field-ends_before_start = The end must come after the start.
field-ends_before_planned_start = The planned end must not come before the planned start.
field-negative = This must not be negative.
field-ordinal_below_one = This must be 1 or more.
field-not_a_language = Choose English, French or Persian.
field-not_a_position = Choose endorse, reservation or objection.
field-not_an_attendance = Choose confirmed, declined, attended or absent.
field-not_a_country_code = Give a two-letter country code in capitals, such as AF.
field-bilateral_needs_two = A bilateral action involves exactly two governments.
field-collective_needs_all = A collective action involves every government of the dialogue: choose them all or none.
field-not_in_dialogue = That government does not take part in this dialogue.
field-dialogue_without_governments = The dialogue has no governments yet.
field-focal_point_needs_government = A focal point must belong to a government.
field-only_focal_points_have_government = Only focal points belong to a government.
field-passwords_differ = Type the same new password twice.
field-password_unchanged = Choose a password other than the current one.
field-too_short = Make this at least { $min } characters long.
field-taken = This is already taken; choose another.
field-not_current_password = This is not your current password.
