"""The cms app's models: page types, snippets, the search index and the newsletter."""

from .base import SitePage
from .campaigns import CampaignPage, CampaignRelatedArticle
from .documents import DocumentLibraryPage, DocumentStatus, LegalDocumentPage
from .mixins import HeroMixin, ListingCardMixin, SeoMixin
from .newsletter import Subscriber, SubscriberStatus
from .pages import ArticleIndexPage, ArticlePage, HomePage, StandardPage, StoryPage, live_articles
from .search import SearchEntry, SearchKind
from .snippets import ArticleTag, Author, Topic

__all__ = [
    "ArticleIndexPage", "ArticlePage", "ArticleTag", "Author", "CampaignPage", "CampaignRelatedArticle",
    "DocumentLibraryPage", "DocumentStatus", "HeroMixin", "HomePage", "LegalDocumentPage",
    "ListingCardMixin", "SearchEntry", "SearchKind", "SeoMixin", "SitePage", "StandardPage", "StoryPage",
    "Subscriber", "SubscriberStatus", "Topic", "live_articles",
]
