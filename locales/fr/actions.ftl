# actions pages
