"""Flows that change several domains at once, in one visible place (architecture.md).

A domain never imports another in a circle: referrals and teams know nothing of meetings, and
meetings knows referrals and teams only by their schemas. What the forum does to all three (a
referral placed on an agenda, a meeting cancelled, a decision that concludes a referral and
composes a team) is composed here from each domain's own steps, and answered by the routes in
router.py. No domain imports this package.
"""
