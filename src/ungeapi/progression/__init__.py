"""The youth's progression phase (progressionsfase): a scale each municipality sets itself, the
phases recorded for a plan with their history, shown to the youth (/v1/me/plan) and counted in
statistics with small cells suppressed (issue 23)."""
