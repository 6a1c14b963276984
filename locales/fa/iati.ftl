## IATI reporting of a dialogue (/dialogues/{id}/reporting)
iati-reporting-title = گزارش‌دهی (IATI)
iati-back-to-dialogue = بازگشت به گفت‌وگو
iati-intro = این فیلدها گفت‌وگو را به یک فعالیت در استاندارد IATI 2.03 تبدیل می‌کنند، قالبی که کمک‌کنندگان داده‌های کمک را با آن منتشر می‌کنند. سازمان گزارش‌دهنده و تاریخ شروع برنامه‌ریزی‌شده الزامی است؛ بقیه اختیاری است.
iati-identifier = شناسهٔ فعالیت IATI
iati-download = دریافت پروندهٔ IATI (XML)
iati-not-set = این گفت‌وگو هنوز فیلدهای گزارش‌دهی IATI ندارد.
iati-edit = تنظیم فیلدهای گزارش‌دهی
iati-save = ذخیرهٔ فیلدهای گزارش‌دهی
iati-saved = فیلدهای گزارش‌دهی ذخیره شد.
iati-reporting-org-name = سازمان گزارش‌دهنده
iati-reporting-org-ref = شناسهٔ سازمانی IATI آن
iati-reporting-org-type = نوع سازمان آن
iati-funder-name = تأمین‌کنندهٔ مالی
iati-funder-ref = شناسهٔ سازمانی IATI تأمین‌کنندهٔ مالی
iati-currency = واحد پول
iati-budget-amount = بودجه
# $amount: the budget, grouped as the reader writes numbers; $currency: its ISO 4217 code
iati-budget-value = { $amount } { $currency }
iati-sector-code = بخش (کد پنج‌رقمی DAC)
iati-planned-start = شروع برنامه‌ریزی‌شده
iati-planned-end = پایان برنامه‌ریزی‌شده
iati-actual-start = شروع واقعی
iati-actual-end = پایان واقعی
iati-planned = برنامه‌ریزی‌شده
iati-actual = واقعی
iati-hint-org-ref = مانند XM-DAC-47066
iati-hint-org-type = یک کد، مانند 40 برای چندجانبه و 10 برای دولت
iati-hint-currency = یک کد ISO 4217 مانند USD
iati-hint-amount = مانند 135000.00
iati-hint-sector = مانند 15190

## What is wrong with a reporting field
field-not_an_iati_org_ref = یک شناسهٔ سازمانی IATI مانند XM-DAC-47066 وارد کنید.
field-not_an_iati_org_type = یکی از کدهای انواع سازمان IATI، مانند 40، وارد کنید.
field-not_a_currency = یک کد واحد پول مانند USD وارد کنید.
field-not_an_amount = مبلغی مانند 135000.00 با حداکثر چهار رقم اعشار وارد کنید.
field-not_a_dac_sector = یک کد پنج‌رقمی بخش DAC مانند 15190 وارد کنید.
field-ends_before_actual_start = پایان واقعی نباید پیش از شروع واقعی باشد.
