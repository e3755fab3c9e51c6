"""Whom we do not count: robots (crawlerdetect's maintained list of user agents; a request
with no user agent at all is no browser either) and visitors who asked not to be tracked
(`DNT: 1`, `Sec-GPC: 1`). Nothing of the request is kept: the answer is a yes or no."""

from functools import lru_cache

from crawlerdetect import CrawlerDetect

_detector = CrawlerDetect()


@lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Whether `user_agent` is a robot's (cached: a site sees few distinct agents)."""
    if not user_agent.strip():
        return True
    return _detector.is_crawler(user_agent)


def opted_out(request):
    meta = request.META
    return meta.get("HTTP_DNT") == "1" or meta.get("HTTP_SEC_GPC") == "1"


def countable_visitor(request):
    """Whether this request's visitor may be counted: a browser that did not opt out."""
    return not opted_out(request) and not is_bot(request.META.get("HTTP_USER_AGENT", "")[:512])
