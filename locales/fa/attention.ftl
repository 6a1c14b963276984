# attention pages
