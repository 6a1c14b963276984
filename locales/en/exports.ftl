# exports
# The CSV downloads of a dialogue (/dialogues/{id}/actions.csv, …): the links, the
# column headers and the words the cells use beyond the pages' own.

csv-downloads = Download as CSV (spreadsheet)
csv-download-actions = Follow-up actions
csv-download-understandings = Common understandings
csv-download-workshops = Workshops
csv-download-board = Download these actions as CSV

csv-column-id = Id
csv-column-title = Title
csv-column-scope = Scope
csv-column-phase = Phase
csv-column-state = State
csv-column-owner = Owner
csv-column-due_date = Due date
csv-column-overdue = Overdue
csv-column-last_progress = Last progress note
csv-column-last_progress_at = Last progress note at (UTC)
csv-column-revision = Revision
csv-column-kind = Kind
csv-column-venue = Venue
csv-column-time_zone = Venue time zone
csv-column-starts_at = Starts (venue time)
csv-column-ends_at = Ends (venue time)

csv-government-agreement = { $government }: agreement
csv-government-position = { $government }: position
csv-government-attendance = { $government }: attendance
csv-government-outcome = { $government }: outcome

csv-agreement-agreed = agreed
csv-flag-true = yes
csv-flag-false = no
csv-position-none = none
csv-outcome-submitted = submitted
csv-outcome-draft = draft
csv-outcome-none = none
