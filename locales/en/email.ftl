# Concord's emails in English. English is complete: a message missing in another
# language is sent in English. Arguments: $name (the reader), $email, $project and
# $code (the dialogue), and those of each message below.

## Shared by every message

greeting = Hello { $name },
link-label = Open in Concord
footer-dialogue = You receive this message because you take part in the dialogue { $project } ({ $code }) on Concord.
footer-account = This message was sent by Concord to { $email }.

## Dates and times: "Tue 12 Jan 2027, 09:00 (Asia/Kabul)"

weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun
month-jan = Jan
month-feb = Feb
month-mar = Mar
month-apr = Apr
month-may = May
month-jun = Jun
month-jul = Jul
month-aug = Aug
month-sep = Sep
month-oct = Oct
month-nov = Nov
month-dec = Dec
date = { $weekday } { $day } { $month } { $year }
moment = { $date }, { $time } ({ $zone })
span-same-day = { $date }, { $start }–{ $end } ({ $zone })
span = { $start_date }, { $start } – { $end_date }, { $end } ({ $zone })
# $local in the reader's zone, $venue in the venue's.
when-with-venue = { $local }; at the venue: { $venue }

## Lines several messages share

line-when = When: { $when }
line-venue = Venue: { $venue }
line-agenda = Agenda: { $agenda }
line-reason = Reason: { $reason }
line-due = Due: { $due }

## workshop_scheduled: an invitation, with a calendar file
# $workshop (title), $kind (technical | political | joint), $date (the start date in
# the reader's zone), $when, $when_local, $venue, $agenda

workshop-scheduled-subject = Invitation: { $workshop }, { $date }
workshop-scheduled-intro = You are invited to the { $kind ->
    [technical] technical
    [political] political
   *[joint] joint
} workshop “{ $workshop }” of the dialogue { $project }.
workshop-scheduled-calendar = The attached invitation adds the workshop to your calendar.

## workshop_rescheduled: $previous is the former start, when known

workshop-rescheduled-subject = New time: { $workshop }, { $date }
workshop-rescheduled-intro = The workshop “{ $workshop }” of the dialogue { $project } has moved to a new time.
workshop-rescheduled-previous = It was planned for { $previous }.
workshop-rescheduled-calendar = The attached update replaces the earlier invitation in your calendar.

## workshop_cancelled: $reason

workshop-cancelled-subject = Cancelled: { $workshop }
workshop-cancelled-intro = The workshop “{ $workshop }” of the dialogue { $project }, planned for { $when_local }, has been cancelled.
workshop-cancelled-calendar = The attached cancellation removes it from your calendar.

## workshop_reminder

workshop-reminder-subject = Reminder: { $workshop }, { $date }
workshop-reminder-intro = The workshop “{ $workshop }” of the dialogue { $project } begins soon.

## workshop_outcomes_requested

workshop-outcomes-requested-subject = Please record your outcomes: { $workshop }
workshop-outcomes-requested-intro = The workshop “{ $workshop }” of the dialogue { $project } has been held.
workshop-outcomes-requested-ask = Please record your government's outcomes in Concord, so that the workshop can be concluded.

## outcomes_reminder

outcomes-reminder-subject = Reminder: outcomes still missing for { $workshop }
outcomes-reminder-intro = Your government's outcomes of the workshop “{ $workshop }”, held on { $date }, have not been recorded yet.
outcomes-reminder-ask = Please record them in Concord: the workshop cannot be concluded without them.

## Common understandings: $understanding (title), $revision

understanding-proposed-subject = Your response is requested: { $understanding }
understanding-proposed-intro = The common understanding “{ $understanding }” (revision { $revision }) of the dialogue { $project } has been proposed.
understanding-proposed-ask = Please record your government's position on this revision: endorsed, reservation or objection, with a note if you wish.
understanding-revised-subject = Revised: { $understanding } (revision { $revision })
understanding-revised-intro = The common understanding “{ $understanding }” of the dialogue { $project } has been revised; it is now at revision { $revision }.
understanding-revised-ask = Positions given on earlier revisions no longer count. Please review the new text: your government's position is needed on the current revision.
understanding-adopted-subject = Adopted: { $understanding }
understanding-adopted-intro = Every participating government has endorsed revision { $revision } of the common understanding “{ $understanding }”: it is now adopted in the dialogue { $project }.

## Follow-up actions: $action (title), $due (its due date), $days (until it is due)

action-agreed-subject = Action agreed: { $action }
action-agreed-intro = Every government involved has agreed to the follow-up action “{ $action }” of the dialogue { $project }.
action-assigned-subject = Action assigned to you: { $action }
action-assigned-intro = You are now responsible for the follow-up action “{ $action }” of the dialogue { $project }.
action-due-soon-subject = Due { $due }: { $action }
action-due-soon-intro = The follow-up action “{ $action }” of the dialogue { $project } is due { $days ->
    [0] today
    [1] tomorrow
   *[other] in { $days } days
}.
action-due-soon-ask = Please report its progress in Concord, or mark it completed if it is done.
action-overdue-subject = Overdue: { $action }
action-overdue-intro = The follow-up action “{ $action }” of the dialogue { $project } was due on { $due } and is not completed.
action-overdue-ask = Please report its progress in Concord, or ask the coordinator to change its due date.

## Phases: $phase (name)

phase-activated-subject = Phase started: { $phase }
phase-activated-intro = The phase “{ $phase }” of the dialogue { $project } is now active.
phase-completed-subject = Phase completed: { $phase }
phase-completed-intro = The phase “{ $phase }” of the dialogue { $project } has been completed.

## project_changed: $change is the transition (activate, suspend, resume, complete, cancel)

project-changed-subject = { $project }: { $change ->
    [activate] now active
    [suspend] suspended
    [resume] resumed
    [complete] completed
    [cancel] cancelled
   *[other] updated
}
project-changed-intro = The dialogue { $project } ({ $code }) { $change ->
    [activate] is now active.
    [suspend] has been suspended.
    [resume] has resumed.
    [complete] has been completed.
    [cancel] has been cancelled.
   *[other] has changed.
}

## Accounts: the link is single use

account-invitation-subject = Your Concord account
account-invitation-intro = An account has been created for you on Concord, where the dialogues you take part in are run. You sign in with this email address, { $email }.
account-invitation-ask = Choose your password with the link below. It works once and expires in 72 hours.
account-invitation-link-label = Choose a password
password-reset-subject = Reset your Concord password
password-reset-intro = Someone, hopefully you, asked to reset the password of the Concord account { $email }.
password-reset-ask = Choose a new password with the link below. It works once and expires in 1 hour.
password-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
password-reset-link-label = Choose a new password

## digest: $count items, listed one a line

digest-subject = Concord: { $count ->
    [one] one update
   *[other] { $count } updates
}
digest-intro = Here is what happened in your dialogues since the last summary:
