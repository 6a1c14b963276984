# Les courriels de Concord en français. Un message absent de ce fichier part en
# anglais, en entier : voir locales/en/email.ftl pour les clés et les arguments.

## Communs

greeting = Bonjour { $name },
link-label = Voir dans Concord
footer-dialogue = Vous recevez ce message parce que vous participez au dialogue { $project } ({ $code }) sur Concord.

## Dates et heures : « mar. 12 janv. 2027, 09:00 (Asia/Kabul) »

weekday-mon = lun.
weekday-tue = mar.
weekday-wed = mer.
weekday-thu = jeu.
weekday-fri = ven.
weekday-sat = sam.
weekday-sun = dim.
month-jan = janv.
month-feb = févr.
month-mar = mars
month-apr = avr.
month-may = mai
month-jun = juin
month-jul = juil.
month-aug = août
month-sep = sept.
month-oct = oct.
month-nov = nov.
month-dec = déc.
date = { $weekday } { $day } { $month } { $year }
moment = { $date }, { $time } ({ $zone })
span-same-day = { $date }, { $start }–{ $end } ({ $zone })
span = { $start_date }, { $start } – { $end_date }, { $end } ({ $zone })
when-with-venue = { $local } ; heure du lieu : { $venue }

## Lignes communes

line-when = Date : { $when }
line-venue = Lieu : { $venue }
line-agenda = Ordre du jour : { $agenda }
line-reason = Motif : { $reason }

## workshop_scheduled

workshop-scheduled-subject = Invitation : { $workshop }, { $date }
workshop-scheduled-intro = Vous êtes invité(e) à l'atelier { $kind ->
    [technical] technique
    [political] politique
   *[joint] conjoint
} « { $workshop } » du dialogue { $project }.
workshop-scheduled-calendar = L'invitation jointe ajoute l'atelier à votre agenda.

## workshop_rescheduled

workshop-rescheduled-subject = Nouvel horaire : { $workshop }, { $date }
workshop-rescheduled-intro = L'atelier « { $workshop } » du dialogue { $project } a été déplacé.
workshop-rescheduled-previous = Il était prévu le { $previous }.
workshop-rescheduled-calendar = La mise à jour jointe remplace l'invitation précédente dans votre agenda.

## workshop_cancelled

workshop-cancelled-subject = Annulé : { $workshop }
workshop-cancelled-intro = L'atelier « { $workshop } » du dialogue { $project }, prévu le { $when_local }, est annulé.
workshop-cancelled-calendar = L'annulation jointe retire l'atelier de votre agenda.
