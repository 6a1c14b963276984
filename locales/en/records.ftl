# records pages: histories and the Framework of common understandings
records-history-link = History
records-whole-history = Whole history of the dialogue
records-own-history = History of the dialogue itself
records-history-of = History of { $name }
records-whole-history-of = Whole history of { $name }
records-newest-first = Newest first. Times are in your time zone.
records-change = { $from } → { $to }
records-empty = Nothing has been recorded yet.
records-col-when = When
records-col-who = Who
records-col-subject = About
records-col-what = What happened
records-col-note = Reason or note
records-pages-label = Pages of the history
records-newest = Newest
records-older = Older
records-nobody = the system
records-chain-verified = Chain verified: { $count ->
    [one] { $count } event
   *[other] { $count } events
}
records-chain-broken = Chain broken: { $what }
records-kind-project = Dialogue
records-kind-phase = Phase
records-kind-workshop = Workshop
records-kind-understanding = Common understanding
records-kind-action = Action
records-what-create = Created
records-what-edit = Text edited
records-what-attendance = Attendance recorded
records-what-outcome = Outcome logged
records-what-position = Position given
records-what-agreement = Agreement given
records-what-progress = Progress noted
records-what-adopt = Adopted
records-what-reporting = IATI reporting fields set
records-framework-title = Framework of common understandings
records-framework-intro = The common understandings adopted in this dialogue, each in the final text of the revision every participating government endorsed.
records-framework-check = To check a printed copy, compute the SHA-256 of a text (for example with sha256sum) and compare it with the one printed below it; then an administrator runs “concord audit verify” and, if the chain is intact, finds the adopting event by the id printed: its hash must be the one printed.
records-framework-empty = No common understanding has been adopted yet.
records-framework-revision = Revision
records-framework-adopted = Adopted on
records-framework-endorsed-by = Endorsed by
records-framework-sha256 = SHA-256 of the text
records-framework-event = Adopting event
records-framework-event-hash = Hash of that event
