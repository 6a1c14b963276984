# admin pages
# صفحه‌های مدیریت (/admin/…) و صفحهٔ حساب (/account).

web-nav-account = حساب کاربری
web-nav-admin = مدیریت
admin-nav-label = مدیریت
zone-hint = نام یک منطقهٔ زمانی IANA، مانند Asia/Kabul یا Europe/Paris.

## Users

admin-users-title = کاربران
admin-users-accounts = حساب‌ها
admin-user-name = نام
admin-user-email = نشانی ایمیل
admin-user-role = نقش
admin-user-government = دولت
admin-user-status = وضعیت
admin-user-actions = کارها
admin-user-choose-role = یک نقش برگزینید
admin-user-no-government = هیچ‌کدام
admin-user-government-hint = تنها رابط ملی از سوی یک دولت سخن می‌گوید؛ برای هر نقش دیگر «هیچ‌کدام» را نگه دارید.
account-status-active = فعال
account-status-invited = دعوت‌شده، هنوز بی‌گذرواژه
account-status-disabled = غیرفعال
admin-user-disable = غیرفعال کردن
admin-user-enable = فعال کردن
# $name: the account's name
admin-user-disabled = { $name } غیرفعال شد و از همه‌جا خارج شد.
# $name: the account's name
admin-user-enabled = { $name } دوباره می‌تواند وارد شود.
admin-invite-title = دعوت از یک نفر
admin-invite-intro = او ایمیلی با پیوندی برای انتخاب گذرواژه‌اش دریافت می‌کند.
admin-invite-submit = فرستادن دعوت‌نامه
# $email: the address the invitation goes to
admin-user-invited = دعوت‌نامه به { $email } در راه است.

## Governments

admin-governments-title = دولت‌ها
admin-governments-list = دولت‌های شرکت‌کننده
admin-government-code = کد
admin-government-code-hint = کد دوحرفی کشور طبق ISO 3166-1، با حروف بزرگ (AF، IR، PK).
admin-government-name = نام
admin-government-zone = منطقهٔ زمانی
admin-government-add-title = افزودن یک دولت
admin-government-add = افزودن دولت
# $name: the government's name
admin-government-added = { $name } افزوده شد.

## Outbox

admin-outbox-title = صندوق خروجی
admin-outbox-intro = هر ایمیلی که Concord می‌فرستد تا رسیدن به مقصد اینجا می‌ماند. پیام مرده در همهٔ تلاش‌ها ناکام مانده و تا شما آن را دوباره نفرستید، تلاش دیگری برایش نمی‌شود.
admin-outbox-filter = نمایش پیام‌ها
admin-outbox-none = پیامی اینجا نیست.
admin-outbox-created = زمان صف‌شدن
admin-outbox-message = پیام و گیرنده
admin-outbox-status = وضعیت
admin-outbox-error = آخرین خطا
# $count: how many delivery attempts were made
admin-outbox-attempts = { $count ->
    [one] یک تلاش
   *[other] { $count } تلاش
}
admin-outbox-retry = تلاش دوباره
admin-outbox-retried = پیام اکنون دوباره فرستاده می‌شود.
outbox-status-pending = در انتظار
outbox-status-sent = فرستاده‌شده
outbox-status-dead = مرده
outbox-status-skipped = فرستاده‌نشده (خاموش)
outbox-filter-dead = مرده
outbox-filter-pending = در انتظار
outbox-filter-sent = فرستاده‌شده
outbox-filter-skipped = فرستاده‌نشده
outbox-filter-all = همه

## Account

account-title = حساب شما
account-profile = نام، زبان و منطقهٔ زمانی
account-language = زبان
account-time-zone = منطقهٔ زمانی
account-save = ذخیره
account-saved = تنظیمات شما ذخیره شد.
account-notifications = آگاه‌سازی با ایمیل
account-notifications-legend = می‌خواهید چگونه از گفت‌وگوهایتان باخبر شوید؟
account-preference-immediate = هر پیام، همان هنگام
account-preference-daily_digest = یک خلاصه در روز، ساعت ۷ به وقت شما
account-preference-off = هیچ (دعوت‌نامه‌ها و بازنشانی گذرواژه همچنان می‌رسند)
account-preference-saved = ترجیح ایمیل شما ذخیره شد.
account-password = گذرواژه
account-password-current = گذرواژهٔ کنونی
account-password-again = گذرواژهٔ تازه، دوباره
account-password-others = با تغییر آن، از همهٔ دستگاه‌های دیگرتان خارج می‌شوید.
account-password-change = تغییر گذرواژه
account-password-changed = گذرواژهٔ شما تغییر کرد. همهٔ دستگاه‌های دیگر خارج شدند.
account-calendar = تقویم
account-calendar-download = بارگیری: صفحهٔ هر کارگاه گزینهٔ «افزودن به تقویم من (.ics)» را دارد؛ رونوشتی از همان یک کارگاه به شکل کنونی‌اش، که تغییرهای بعدی به آن نمی‌رسد.
account-calendar-subscribe = اشتراک: برنامهٔ تقویم شما همهٔ کارگاه‌هایی را که می‌توانید ببینید از یک پیوند خصوصی می‌گیرد و خودش آن‌ها را به‌روز نگه می‌دارد (تقریباً هر ساعت)، از جمله لغوها را.
account-calendar-secret = هر کسی که این پیوند را داشته باشد، بی‌آنکه وارد شود، می‌تواند این کارگاه‌ها را ببیند. اگر پیوند فاش شده است، آن را بازنشانی کنید: پیوند پیشین بی‌درنگ از کار می‌افتد.
account-calendar-none = هنوز پیوند اشتراکی ندارید.
account-calendar-active = پیوند اشتراک شما در { $when } ساخته شد. Concord آن را تنها به شکلی نگه می‌دارد که دیگر نمی‌توان نشانش داد: برای دیدن پیوند، آن را بازنشانی کنید (و سپس آن را در برنامهٔ تقویم خود جایگزین کنید).
account-calendar-new = پیوند اشتراک تازهٔ شما، که فقط همین یک بار نشان داده می‌شود: اکنون آن را رونوشت کنید.
account-calendar-open = اشتراک در برنامهٔ تقویم من
account-calendar-url = پیوندی برای چسباندن در برنامهٔ تقویم
account-calendar-create = ساختن پیوند اشتراک من
account-calendar-reset = بازنشانی پیوند
account-calendar-stop = از کار انداختن پیوند
account-calendar-stopped = پیوند اشتراک شما دیگر کار نمی‌کند.
calendar-feed-name = Concord — کارگاه‌ها
account-sessions = خروج

# کنار دکمهٔ غیرفعال در صفحه‌های مدیریت
refusal-user-cannot_disable_self = نمی‌توانید حساب خودتان را غیرفعال کنید؛ مدیر دیگری می‌تواند.
# $status: وضعیت پیام، همان‌گونه که صفحهٔ صندوق خروجی می‌نامد
refusal-outbox-not_dead = تنها پیام مرده را می‌توان دوباره فرستاد؛ این پیام { $status } است.
