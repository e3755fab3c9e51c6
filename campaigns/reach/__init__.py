"""Reach: page views, arrivals from a campaign's links, clicks on tracked links in emails, and
the campaign a registration came from, all counted first-party and with no personal data
(docs/reach.md). Other apps read these tables; campaigns/outreach turns them into results."""
