# admin pages
