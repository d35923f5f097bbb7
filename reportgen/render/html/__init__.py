"""The web edition: each report as an accessible HTML page and a fragment for a CMS."""
