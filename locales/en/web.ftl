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
