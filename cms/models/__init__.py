"""The cms app's models: page types, snippets and the search index. (The newsletter's
subscribers are campaigns.newsletter's.)"""

from .base import SitePage
from .campaigns import CampaignPage, CampaignRelatedArticle
from .documents import DocumentLibraryPage, DocumentStatus, LegalDocumentPage
from .mixins import HeroMixin, ListingCardMixin, SeoMixin
from .pages import ArticleIndexPage, ArticlePage, HomePage, StandardPage, StoryPage, live_articles
from .search import SearchEntry, SearchKind
from .snippets import ArticleTag, Author, Topic

__all__ = [
    "ArticleIndexPage", "ArticlePage", "ArticleTag", "Author", "CampaignPage", "CampaignRelatedArticle",
    "DocumentLibraryPage", "DocumentStatus", "HeroMixin", "HomePage", "LegalDocumentPage",
    "ListingCardMixin", "SearchEntry", "SearchKind", "SeoMixin", "SitePage", "StandardPage", "StoryPage",
    "Topic", "live_articles",
]
