# ایمیل‌های Concord به فارسی (راست به چپ). پیامی که در این فایل نیست، به‌طور کامل
# به انگلیسی فرستاده می‌شود؛ کلیدها و آرگومان‌ها در locales/en/email.ftl آمده‌اند.

## مشترک

greeting = { $name } گرامی،
link-label = مشاهده در Concord
footer-dialogue = این پیام را دریافت می‌کنید زیرا در گفت‌وگوی { $project } ({ $code }) در Concord مشارکت دارید.

## تاریخ و ساعت (تقویم میلادی)

weekday-mon = دوشنبه
weekday-tue = سه‌شنبه
weekday-wed = چهارشنبه
weekday-thu = پنجشنبه
weekday-fri = جمعه
weekday-sat = شنبه
weekday-sun = یکشنبه
month-jan = ژانویه
month-feb = فوریه
month-mar = مارس
month-apr = آوریل
month-may = مه
month-jun = ژوئن
month-jul = ژوئیه
month-aug = اوت
month-sep = سپتامبر
month-oct = اکتبر
month-nov = نوامبر
month-dec = دسامبر
date = { $weekday } { $day } { $month } { $year }
moment = { $date }، ساعت { $time } ({ $zone })
span-same-day = { $date }، ساعت { $start } تا { $end } ({ $zone })
span = { $start_date } ساعت { $start } تا { $end_date } ساعت { $end } ({ $zone })
when-with-venue = { $local }؛ به وقت محل برگزاری: { $venue }

## سطرهای مشترک

line-when = زمان: { $when }
line-venue = محل برگزاری: { $venue }
line-agenda = دستور کار: { $agenda }
line-reason = دلیل: { $reason }

## workshop_scheduled

workshop-scheduled-subject = دعوت‌نامه: { $workshop }، { $date }
workshop-scheduled-intro = شما به کارگاه { $kind ->
    [technical] فنی
    [political] سیاسی
   *[joint] مشترک
} «{ $workshop }» در گفت‌وگوی { $project } دعوت شده‌اید.
workshop-scheduled-calendar = با دعوت‌نامهٔ پیوست، این کارگاه به تقویم شما افزوده می‌شود.

## workshop_rescheduled

workshop-rescheduled-subject = زمان جدید: { $workshop }، { $date }
workshop-rescheduled-intro = زمان کارگاه «{ $workshop }» در گفت‌وگوی { $project } تغییر کرده است.
workshop-rescheduled-previous = زمان پیشین { $previous } بود.
workshop-rescheduled-calendar = به‌روزرسانی پیوست جایگزین دعوت‌نامهٔ پیشین در تقویم شما می‌شود.

## workshop_cancelled

workshop-cancelled-subject = لغو شد: { $workshop }
workshop-cancelled-intro = کارگاه «{ $workshop }» در گفت‌وگوی { $project } که برای { $when_local } برنامه‌ریزی شده بود، لغو شده است.
workshop-cancelled-calendar = با لغو پیوست، این کارگاه از تقویم شما حذف می‌شود.
