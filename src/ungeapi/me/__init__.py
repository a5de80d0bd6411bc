"""The youth's own door (/v1/me): a youth logged in through the citizen portal reads their own
plan, meetings, consents, access log and export, and writes their own words (issue 23)."""
