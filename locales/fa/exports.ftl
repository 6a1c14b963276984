# exports
# بارگیری‌های CSV یک گفتگو (/dialogues/{id}/actions.csv، …): پیوندها، سرستون‌ها و
# واژه‌هایی که خانه‌ها افزون بر واژه‌های صفحه‌ها به کار می‌برند.

csv-downloads = بارگیری به صورت CSV (صفحه‌گسترده)
csv-download-actions = اقدامات پیگیری
csv-download-understandings = تفاهم‌های مشترک
csv-download-workshops = کارگاه‌ها
csv-download-board = بارگیری این اقدامات به صورت CSV

csv-column-id = شناسه
csv-column-title = عنوان
csv-column-scope = دامنه
csv-column-phase = مرحله
csv-column-state = وضعیت
csv-column-owner = مسئول
csv-column-due_date = مهلت
csv-column-overdue = گذشته از مهلت
csv-column-last_progress = آخرین یادداشت پیشرفت
csv-column-last_progress_at = زمان آخرین یادداشت (UTC)
csv-column-revision = نسخه
csv-column-kind = نوع
csv-column-venue = محل برگزاری
csv-column-time_zone = منطقهٔ زمانی محل
csv-column-starts_at = آغاز (به وقت محل)
csv-column-ends_at = پایان (به وقت محل)

csv-government-agreement = { $government }: موافقت
csv-government-position = { $government }: موضع
csv-government-attendance = { $government }: حضور
csv-government-outcome = { $government }: نتایج

csv-agreement-agreed = موافقت کرده
csv-flag-true = بله
csv-flag-false = خیر
csv-position-none = ندارد
csv-outcome-submitted = ارسال شده
csv-outcome-draft = پیش‌نویس
csv-outcome-none = ندارد
