"""What results look like to people: the texts and figures that the command line, the pages
and the reports show alike, in Japanese or English."""
