# records pages
