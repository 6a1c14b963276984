# واژه‌های صفحه‌های Concord (راست به چپ). کلیدها و آرگومان‌ها همان‌های locales/en/web.ftl‌اند.

## قالب صفحه

web-skip = رفتن به محتوا
web-brand = Concord
web-nav-label = اصلی
web-nav-home = خانه
web-language-label = زبان
web-language-change = تغییر زبان
web-footer = Concord گفت‌وگو را به‌صورت فرایندی کنترل‌شده و حسابرسی‌پذیر پیش می‌برد.
web-signed-in-as = واردشده: { $name } ({ $role })

## نقش‌ها

role-admin = مدیر سامانه
role-coordinator = هماهنگ‌کننده
role-focal_point = رابط
role-manager = مدیر برنامه
role-observer = ناظر

## ورود

sign-in-title = ورود
sign-in-email = نشانی ایمیل
sign-in-password = گذرواژه
sign-in-submit = ورود
sign-in-forgot = گذرواژه را فراموش کرده‌اید؟
sign-in-wrong = ایمیل یا گذرواژه نادرست است.
sign-in-disabled = این حساب غیرفعال است.
sign-in-locked = تلاش‌های بیش از حد برای این نشانی. { $minutes } دقیقهٔ دیگر دوباره تلاش کنید.
notice-signed-out = از حساب خود خارج شدید.
notice-signed-out-everywhere = از حساب خود در همهٔ دستگاه‌ها خارج شدید.
notice-password-set = گذرواژهٔ شما ثبت شد. با آن وارد شوید.

## خانه

home-title = خانه
home-greeting = { $name }، خوش آمدید.
home-role = شما با نقش { $role } وارد شده‌اید.
home-soon = گفت‌وگوها، کارگاه‌ها و اقدام‌های شما اینجا فهرست خواهند شد.
sign-out = خروج
sign-out-everywhere = خروج از همهٔ دستگاه‌ها

## گذرواژه

set-password-title = گذرواژهٔ خود را برگزینید
reset-password-title = گذرواژهٔ تازه‌ای برگزینید
password-new = گذرواژهٔ تازه
password-hint = دست‌کم { $min } نویسه. یک عبارت بلند بهترین است.
password-too-short = گذرواژه بیش از حد کوتاه یا بلند است.
password-save = ذخیرهٔ گذرواژه
password-link-invalid = این پیوند دیگر معتبر نیست. پیوند تازه‌ای بخواهید.
forgot-title = فراموشی گذرواژه
forgot-intro = نشانی ایمیل خود را وارد کنید تا پیوندی برای برگزیدن گذرواژهٔ تازه برایتان بفرستیم.
forgot-submit = فرستادن پیوند
forgot-sent-title = ایمیل خود را ببینید
forgot-sent = اگر حسابی با این نشانی باشد، پیوندی برای برگزیدن گذرواژهٔ تازه در راه است. این پیوند یک ساعت اعتبار دارد.
back-to-sign-in = بازگشت به صفحهٔ ورود

## خطاها

error-title = مشکلی پیش آمد
error-400 = درخواست قابل فهم نیست.
error-403 = شما اجازهٔ دیدن یا انجام این کار را ندارید.
error-403-cross-site = این فرم از صفحه‌های Concord نیامده یا کهنه شده است. چیزی تغییر نکرد. بازگردید، صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.
error-404 = اینجا چیزی نیست، یا اجازهٔ دیدنش را ندارید.
error-405 = این نشانی این نوع درخواست را نمی‌پذیرد.
error-408 = بیش از حد طول کشید. دوباره تلاش کنید.
error-413 = آنچه فرستادید بیش از حد بزرگ است.
error-422 = بخشی از آنچه فرستادید معتبر نیست.
error-429 = تلاش‌های بیش از حد. { $seconds } ثانیهٔ دیگر دوباره تلاش کنید.
error-500 = مشکلی در سمت ما پیش آمد. اگر دوباره رخ داد، این شناسه را به مدیران بدهید: { $id }
error-503 = Concord اکنون نمی‌تواند پاسخ دهد. چیزی تغییر نکرد. کمی بعد دوباره تلاش کنید.
error-home = رفتن به صفحهٔ خانه

## Navigation of the workflow pages

web-nav-dialogues = گفت‌وگوها

## States, by machine

state-project-draft = پیش‌نویس
state-project-active = فعال
state-project-suspended = معلق
state-project-completed = تکمیل‌شده
state-project-cancelled = لغوشده
state-phase-planned = برنامه‌ریزی‌شده
state-phase-active = فعال
state-phase-completed = تکمیل‌شده
state-phase-cancelled = لغوشده
state-workshop-draft = پیش‌نویس
state-workshop-scheduled = زمان‌بندی‌شده
state-workshop-held = برگزارشده
state-workshop-concluded = جمع‌بندی‌شده
state-workshop-cancelled = لغوشده
state-understanding-draft = پیش‌نویس
state-understanding-proposed = پیشنهادشده
state-understanding-adopted = تصویب‌شده
state-understanding-withdrawn = پس‌گرفته‌شده
state-action-proposed = پیشنهادشده
state-action-agreed = موافقت‌شده
state-action-in_progress = در حال انجام
state-action-blocked = متوقف
state-action-completed = تکمیل‌شده
state-action-dropped = کنارگذاشته‌شده

## Transitions (buttons), by machine

transitions-label = کارهایی که اکنون می‌توان انجام داد
transition-project-activate = فعال‌کردن گفت‌وگو
transition-project-suspend = تعلیق گفت‌وگو
transition-project-resume = ازسرگیری گفت‌وگو
transition-project-complete = تکمیل گفت‌وگو
transition-project-cancel = لغو گفت‌وگو
transition-phase-activate = آغاز مرحله
transition-phase-complete = تکمیل مرحله
transition-phase-cancel = لغو مرحله
transition-workshop-schedule = زمان‌بندی کارگاه
transition-workshop-reschedule = تغییر زمان کارگاه
transition-workshop-hold = ثبت برگزاری کارگاه
transition-workshop-conclude = جمع‌بندی کارگاه
transition-workshop-cancel = لغو کارگاه
transition-understanding-propose = پیشنهاد متن
transition-understanding-revise = بازنگری متن
transition-understanding-withdraw = پس‌گرفتن متن
transition-action-agree = موافقت با اقدام
transition-action-start = آغاز اقدام
transition-action-block = ثبت توقف اقدام
transition-action-unblock = رفع توقف اقدام
transition-action-complete = تکمیل اقدام
transition-action-drop = کنارگذاشتن اقدام
transition-field-reason = دلیل
transition-field-note = آنچه انجام شد
transition-field-override-reason = چرا بدون همهٔ نتایج جمع‌بندی می‌شود (فقط اگر برخی کم است)
# $state: the state it is in now, already translated
flash-transition-done = انجام شد. وضعیت کنونی: { $state }.

## A stale form (someone changed the entity first)

conflict-title = از وقتی این صفحه را باز کردید، کسی آن را تغییر داده است
conflict-intro = درخواست شما چیزی را تغییر نداد. وضعیت کنونی در زیر آمده و آنچه نوشته بودید نگه داشته شده است. آن را بررسی کنید و اگر هنوز درست است دوباره بفرستید.
# $state: the current state, already translated
conflict-state = اکنون: { $state }
# $transition: the button the person pressed, already translated
conflict-tried = دکمه‌ای که زدید: { $transition }
conflict-back = بازگشت به صفحه

## Dialogues and phases

dialogues-title = گفت‌وگوها
dialogues-new = آغاز یک گفت‌وگوی تازه
dialogues-none = هنوز گفت‌وگویی نیست که بتوانید ببینید.
dialogue-code = کد
dialogue-title = عنوان
dialogue-state = وضعیت
dialogue-progress = مرحله‌های تکمیل‌شده
list-next = صفحهٔ بعد
form-has-errors = برخی خانه‌ها نیاز به اصلاح دارند:
dialogue-new-title = گفت‌وگوی تازه
dialogue-summary = خلاصه
dialogue-budget = بودجه (دلار آمریکا)
dialogue-governments = دولت‌های شرکت‌کننده
dialogue-create = ایجاد گفت‌وگو
# $done: how many phases are completed
dialogue-phases-done = { $done }
# $amount: whole US dollars
dialogue-budget-usd = { $amount } دلار آمریکا
dialogue-phases = مرحله‌ها
dialogue-no-phases = هنوز مرحله‌ای نیست.
# $count: a number
dialogue-count-workshops = { $count } کارگاه
dialogue-count-understandings = { $count } تفاهم مشترک
dialogue-count-actions = { $count } اقدام
# $first, $last: dates
timeline-label = گاه‌شمار مرحله‌ها و کارگاه‌ها، از { $first } تا { $last }
phase-add-title = افزودن مرحله
phase-name = نام مرحله
phase-ordinal = جایگاه (۱ یعنی نخستین)
phase-planned-start = آغاز برنامه‌ریزی‌شده
phase-planned-end = پایان برنامه‌ریزی‌شده
phase-add = افزودن مرحله
phase-dates = تاریخ‌های برنامه‌ریزی‌شده
phase-workshops = کارگاه‌ها
phase-understandings = تفاهم‌های مشترک
phase-actions = اقدام‌های پیگیری
phase-none = هیچ.
phase-due = سررسید
checklist-title = پیش از آنکه مرحله تکمیل شود
checklist-met = انجام شده
checklist-unmet = هنوز نه
checklist-see = دیدن موارد باز
checklist-active = مرحله فعال است
checklist-workshops_closed = همهٔ کارگاه‌ها جمع‌بندی یا لغو شده‌اند
checklist-understandings_settled = همهٔ تفاهم‌های مشترک تصویب یا پس‌گرفته شده‌اند
checklist-something_adopted = دست‌کم یک تفاهم مشترک تصویب شده است (اگر تفاهمی بوده)
checklist-actions_closed = همهٔ اقدام‌های پیگیری تکمیل یا کنارگذاشته شده‌اند
flash-dialogue-created = گفت‌وگو به صورت پیش‌نویس ایجاد شد. مرحله‌های آن را بیفزایید و سپس فعالش کنید.
# $name: the phase's name
flash-phase-added = مرحلهٔ { $name } افزوده شد.
date-unset = تعیین نشده
solar-month-1 = فروردین
solar-month-2 = اردیبهشت
solar-month-3 = خرداد
solar-month-4 = تیر
solar-month-5 = مرداد
solar-month-6 = شهریور
solar-month-7 = مهر
solar-month-8 = آبان
solar-month-9 = آذر
solar-month-10 = دی
solar-month-11 = بهمن
solar-month-12 = اسفند
