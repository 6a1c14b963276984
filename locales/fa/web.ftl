# واژه‌های صفحه‌های Concord (راست به چپ). کلیدها و آرگومان‌ها همان‌های locales/en/web.ftl‌اند.

## قالب صفحه

web-skip = رفتن به محتوا

# صفحهٔ مستندات API (/api/docs)؛ واژه‌های نمایشگر از RapiDoc و به انگلیسی است.
api-docs-title = API کنکورد
api-docs-noscript = این صفحه برای نمایش سند API به جاوااسکریپت نیاز دارد. به جای آن، سند را به صورت JSON بخوانید:
web-brand = Concord
web-nav-label = اصلی
web-nav-home = خانه
web-language-label = زبان
web-language-change = تغییر زبان
web-footer = Concord گفت‌وگو را به‌صورت فرایندی کنترل‌شده و حسابرسی‌پذیر پیش می‌برد.
web-footer-api = API و قرارداد آن
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

## Dates on pages (Persian pages show the Solar Hijri date first)

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
# $day, $month, $year: a Solar Hijri date
date-solar = { $day } { $month } { $year }
# $solar: the Solar Hijri date; $gregorian: the same day in the Gregorian calendar
date-solar-with-gregorian = { $solar } ({ $gregorian })
# $zone: an IANA time zone; $offset: its offset from UTC then, such as +04:30
zone-with-offset = { $zone }، UTC{ $offset }

## Forms of the workflow pages

page-form-errors = بخشی از آنچه فرستادید معتبر نیست. هر مشکل کنار فیلد مربوط به آن نشان داده شده است.
back-to-phase = بازگشت به مرحله

## Workshops

workshop-new-title = کارگاه تازه
workshop-field-title = عنوان
workshop-field-kind = نوع
workshop-kind-technical = فنی
workshop-kind-political = سیاسی
workshop-kind-joint = فنی و سیاسی
workshop-field-time-zone = منطقهٔ زمانی محل برگزاری
workshop-time-zone-hint = نام یک منطقهٔ زمانی، مانند Asia/Kabul یا Asia/Tehran یا Asia/Karachi.
workshop-field-starts-at = آغاز
workshop-field-ends-at = پایان
workshop-times-hint = ساعت‌ها به وقت محل برگزاری.
# $zone: the venue's time zone
workshop-times-in = ساعت‌ها به وقت محل برگزاری ({ $zone }).
workshop-time-unreadable = یک تاریخ و یک ساعت وارد کنید.
workshop-field-venue = محل برگزاری
workshop-field-agenda = دستور کار و شرح
workshop-field-governments = دولت‌های دعوت‌شده
workshop-create = ایجاد کارگاه
workshop-created = کارگاه ایجاد شد. پس از قطعی شدن تاریخ‌ها آن را زمان‌بندی کنید.
workshop-rescheduled = زمان کارگاه تغییر کرد؛ به دولت‌های دعوت‌شده اطلاع داده می‌شود.
workshop-state = وضعیت
workshop-when-venue = زمان، به وقت محل برگزاری
workshop-when-reader = زمان، به وقت شما
workshop-cancel-reason = دلیل لغو
workshop-override-reason = بدون همهٔ نتایج جمع‌بندی شد، زیرا
workshop-calendar = افزودن به تقویم من (.ics)
workshop-no-agenda = هنوز دستور کاری ندارد.
workshop-attendance = حضور
workshop-government = دولت
workshop-attendance-status = حضور
workshop-attendance-record = ثبت
attendance-invited = دعوت شده، هنوز پاسخی نداده
attendance-confirmed = شرکت خواهد کرد
attendance-declined = نمی‌پذیرد
attendance-attended = حاضر بود
attendance-absent = غایب بود
attendance-set-confirmed = تأیید حضور
attendance-set-declined = نپذیرفتن
attendance-set-attended = حاضر بود
attendance-set-absent = غایب بود
attendance-saved = حضور ثبت شد.
workshop-outcomes = نتایج
workshop-outcome-none = هنوز نتیجه‌ای ثبت نشده است.
workshop-outcome-draft = پیش‌نویس
workshop-outcome-submitted = ارسال شده
# $name: who wrote it; $when: when
workshop-outcome-by = نوشتهٔ { $name }، { $when }
workshop-outcome-text = نتیجهٔ این دولت
workshop-outcome-submit = ارسال نتیجه
workshop-outcome-save = ذخیره به صورت پیش‌نویس
outcome-saved = نتیجه ذخیره شد.

## Common understandings

understanding-new-title = تفاهم مشترک تازه
understanding-field-title = عنوان
understanding-field-text = متن
understanding-create = ایجاد پیش‌نویس
understanding-created = پیش‌نویس ایجاد شد. وقتی متن آماده بود آن را پیشنهاد کنید.
understanding-state = وضعیت
understanding-revision-label = ویرایش
# $revision: a revision number
understanding-revision = ویرایش { $revision }
understanding-withdraw-reason = دلیل پس گرفتن
understanding-text = متن کنونی
understanding-consensus = موضع دولت‌ها
understanding-position = موضع
understanding-comment = توضیح
understanding-who = اعلام‌کننده
understanding-when = زمان
position-pending = هنوز موضعی ندارد
position-endorsed = تأیید
position-reservation = تأیید با تحفظ
position-objection = مخالفت
# $revision: the older revision the position was given to
understanding-older-revision = دربارهٔ ویرایش { $revision }
understanding-your-position = موضع دولت شما
position-set-endorsed = تأیید متن
position-set-reservation = تأیید با تحفظ
position-set-objection = مخالفت با متن
understanding-position-note = توضیح (اختیاری)
understanding-position-save = اعلام موضع
position-saved = موضع دولت شما ثبت شد.
understanding-edit = ویرایش متن پیش‌نویس
understanding-edit-save = ذخیرهٔ متن
text-saved = متن ذخیره شد.
understanding-history = تاریخچهٔ ویرایش‌ها
understanding-history-source = متن هر ویرایش آن‌گونه که تاریخچهٔ حسابرسی‌شده ثبت کرده است، از تازه‌ترین.
understanding-history-none = تاریخچه هیچ متنی برای این تفاهم ندارد.
understanding-history-first = نخستین ویرایش:
understanding-history-diff = تغییرات نسبت به ویرایش پیشین (واژه‌های حذف‌شده خط‌خورده، واژه‌های افزوده زیرخط‌دار):

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
# Between the items of a short list: the Persian comma.
list-separator = {"، "}
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
# تاریخ‌های برنامه‌ریزی‌شدهٔ یک مرحله؛ $start و $end روز هستند
date-span = { $start } تا { $end }
date-span-from = از { $start }
date-span-until = تا { $end }

## Why a transition or a write is refused: one sentence per domain refusal code
transition-understanding-adopt = تصویب متن
refusal-permission-role = نقش شما اجازهٔ این کار را نمی‌دهد.
refusal-permission-government = شما فقط از طرف دولت خود می‌توانید اقدام کنید.
refusal-invalid_state = «{ $transition }» در وضعیت «{ $state }» ممکن نیست.
refusal-reason_required = برای این کار دلیلی بنویسید.
refusal-phase_closed = این مرحله تکمیل یا لغو شده است، پس این دیگر تغییر نمی‌کند.
refusal-project-too_few_governments = گفت‌وگو برای آغاز دست‌کم به دو دولت نیاز دارد.
refusal-project-no_phase = گفت‌وگو برای آغاز دست‌کم به یک مرحله نیاز دارد.
refusal-project-phases_open = { $count } مرحله نه تکمیل شده و نه لغو.
refusal-project-closed = گفت‌وگو تکمیل یا لغو شده است و مرحلهٔ تازه‌ای نمی‌پذیرد.
refusal-phase-project_not_active = گفت‌وگو فعال نیست.
refusal-phase-previous_not_completed = مرحلهٔ پیشین تکمیل نشده است؛ هر مرحله فقط پس از موفقیت مرحلهٔ پیش از خود آغاز می‌شود.
refusal-phase-workshops_open = { $count } کارگاه این مرحله هنوز جمع‌بندی یا لغو نشده است.
refusal-phase-understandings_open = { $count } تفاهم مشترک نه تصویب شده و نه پس گرفته شده است.
refusal-phase-none_adopted = این مرحله تفاهم‌های مشترک دارد، اما هیچ‌کدام تصویب نشده است.
refusal-phase-actions_open = { $count } اقدام پیگیری نه تکمیل شده و نه کنار گذاشته شده است.
refusal-workshop-phase_not_open = کارگاه‌ها فقط در مرحلهٔ برنامه‌ریزی‌شده یا فعال زمان‌بندی می‌شوند.
refusal-workshop-start_in_past = کارگاه باید در آینده آغاز شود.
refusal-workshop-end_before_start = کارگاه باید پس از آغازش پایان یابد.
refusal-workshop-too_few_governments = دست‌کم دو دولت را دعوت کنید.
refusal-workshop-invalid_time_zone = منطقهٔ زمانی محل برگزاری یک منطقهٔ زمانی شناخته‌شدهٔ IANA نیست.
refusal-workshop-times_required = زمان‌های تازهٔ آغاز و پایان را بنویسید.
refusal-workshop-not_started = کارگاه فقط پس از آغاز می‌تواند «برگزارشده» علامت بخورد.
refusal-workshop-attendance_not_started = حضور (حاضر یا غایب) پس از آغاز کارگاه ثبت می‌شود.
refusal-workshop-attendance_missing = حضور برای { $count } دولت دعوت‌شده ثبت نشده است.
refusal-workshop-outcomes_missing = { $count } دولت حاضر نتایج خود را ثبت نکرده‌اند؛ برای ادامه، با دلیل استثنا جمع‌بندی کنید.
refusal-workshop-government_not_invited = آن دولت به این کارگاه دعوت نشده است.
refusal-workshop-government_not_attending = فقط دولتی که حاضر بوده نتایج را ثبت می‌کند.
refusal-workshop-outcome_submitted = این گزارش نتایج ارسال شده و دیگر تغییر نمی‌کند.
refusal-understanding-not_all_endorsed = { $count } دولت هنوز ویرایش کنونی را تأیید نکرده‌اند.
refusal-understanding-not_proposed = مواضع فقط تا زمانی که متن پیشنهاد شده است گرفته می‌شوند.
refusal-understanding-stale_revision = متن تغییر کرده است؛ به ویرایش { $revision } پاسخ دهید.
refusal-understanding-not_draft = متن فقط در حالت پیش‌نویس ویرایش می‌شود؛ نخست آن را بازنگری کنید.
refusal-understanding-government_not_participating = آن دولت در این گفت‌وگو شرکت ندارد.
refusal-action-not_all_agreed = { $count } دولت درگیر هنوز موافقت نکرده‌اند.
refusal-action-note_required = تکمیل اقدام به یادداشت تکمیل نیاز دارد.
refusal-action-government_not_involved = آن دولت در این اقدام درگیر نیست.
refusal-action-closed = این اقدام تکمیل یا کنار گذاشته شده است.

## What is wrong with a field, beside it on a form
field-unreadable = این مقدار به شکل مورد انتظار نیست.
field-empty = این را پر کنید.
field-too_long = این را به حداکثر { $max } نویسه کوتاه کنید.
field-control_character = نویسهٔ کنترلی ({ $found }) را بردارید.
field-not_an_email = نشانی رایانامه‌ای مانند name@example.org بنویسید.
field-not_a_time_zone = منطقهٔ زمانی‌ای مانند Asia/Kabul بنویسید.
field-repeated_government = یک دولت دو بار آمده است.
field-no_such_government = چنین دولتی وجود ندارد.
field-ends_before_start = پایان باید پس از آغاز باشد.
field-ends_before_planned_start = پایان برنامه‌ریزی‌شده نباید پیش از آغاز برنامه‌ریزی‌شده باشد.
field-negative = این مقدار نباید منفی باشد.
field-ordinal_below_one = این مقدار باید ۱ یا بیشتر باشد.
field-not_a_language = انگلیسی، فرانسوی یا فارسی را برگزینید.
field-not_a_position = تأیید، تحفظ یا اعتراض را برگزینید.
field-not_an_attendance = تأییدشده، ردشده، حاضر یا غایب را برگزینید.
field-not_a_country_code = کد دوحرفی کشور را با حروف بزرگ بنویسید، مانند AF.
field-bilateral_needs_two = اقدام دوجانبه دقیقاً دو دولت را درگیر می‌کند.
field-collective_needs_all = اقدام جمعی همهٔ دولت‌های گفت‌وگو را درگیر می‌کند: همه را برگزینید یا هیچ‌کدام را.
field-not_in_dialogue = آن دولت در این گفت‌وگو شرکت ندارد.
field-dialogue_without_governments = این گفت‌وگو هنوز دولتی ندارد.
field-focal_point_needs_government = رابط باید به یک دولت وابسته باشد.
field-only_focal_points_have_government = فقط رابط‌ها به یک دولت وابسته‌اند.
field-passwords_differ = گذرواژهٔ تازه را دو بار یکسان بنویسید.
field-password_unchanged = گذرواژه‌ای جز گذرواژهٔ کنونی برگزینید.
field-too_short = دست‌کم { $min } نویسه بنویسید.
field-taken = این مقدار پیش‌تر گرفته شده است؛ مقدار دیگری برگزینید.
field-not_current_password = این گذرواژهٔ کنونی شما نیست.
