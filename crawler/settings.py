"""Scrapy settings: polite defaults for a government portal that is slow and shared.

Everything the crawl assumes about the site that might change (the pagination endpoint,
its encoding, its fixed form fields) is a setting here, named GOVNEWS_*, so that fixing a
changed site is a one-line override: ``govnews crawl -s GOVNEWS_LOAD_ARTICLE_PATH=...``.
"""

BOT_NAME = "govnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "govnews/0.1 (archive of public government news; polite crawler)"
ROBOTSTXT_OBEY = True

# Politeness: the portal runs on one ASP.NET server per province.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# The spider says what failed, in one sentence, with its URL; Scrapy's own give-up line
# would say it again, as an ERROR.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
# Seconds before retry n is sent: base * 2**(n-1), capped (see crawler.middlewares).
GOVNEWS_RETRY_BACKOFF_BASE = 2.0
GOVNEWS_RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.StrictRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.SameSiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.SameSiteRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.PlainBodyCompressionMiddleware": 590,
}
# A body cut short (fewer bytes than Content-Length, a chunked body without its last
# chunk) is a failed fetch, retried and recorded, never a page: Scrapy's default, kept
# here on purpose because the spider trusts it instead of guessing from missing end tags.
DOWNLOAD_FAIL_ON_DATALOSS = True

# CPU Scrapy would spend for nothing.  Its scraper hands each callback's output to
# CONCURRENT_ITEMS asyncio workers, made anew for every response (100 by default): the
# pipeline stores synchronously, so one does the same work in the same order.  And it
# reads the source of a generator callback again for every response (a bound method is
# a new object each time, so its cache never hits) to warn of a `return value`, which
# the spider's callbacks never have.
CONCURRENT_ITEMS = 1
WARN_ON_GENERATOR_RETURN_VALUE = False
# Its DEBUG line for each page and each item, made only when a log handler shows DEBUG.
LOG_FORMATTER = "crawler.extensions.QuietLogFormatter"

# A provincial portal's article page can take most of a minute at a busy hour; a page that
# takes longer is kept pending and asked again next run (Scrapy's own default, 180 s,
# would hold a dead host's requests for minutes each).
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

ITEM_PIPELINES = {"crawler.pipelines.ArchivePipeline": 300}
EXTENSIONS = {"crawler.extensions.Progress": 500}

# --- govnews ------------------------------------------------------------------------
GOVNEWS_DB = "archive.db"
# Set by `govnews demo` (and kept in crawl_runs.settings): an archive every run of which
# was a demo may be replaced by the next demo; any other archive never is.
GOVNEWS_DEMO = False
GOVNEWS_DEFAULT_SITE = "https://www.nghean.gov.vn"
# --subsites: also crawl every site of the family a start site's home page links to.  The
# family is every host under a start site's own domain (www.nghean.gov.vn: every
# *.nghean.gov.vn); GOVNEWS_SUBSITE_DOMAINS widens it (e.g. ["gov.vn"]), and
# GOVNEWS_SUBSITE_EXCLUDE leaves hosts out.  File hosts serve the family's images and
# attachments and are never crawled as sites.
GOVNEWS_SUBSITES = False
GOVNEWS_SUBSITE_DOMAINS: list[str] = []
GOVNEWS_SUBSITE_EXCLUDE: list[str] = []
GOVNEWS_FILE_HOSTS = ["datafiles.nghean.gov.vn", "storage-vnportal.vnpt.vn"]
# The files pages link (images, attachments, documents' files) are archived: fetched once
# per URL from the page's own site, the family's sites and GOVNEWS_FILE_HOSTS (robots.txt
# obeyed), kept by sha256, their text read after the crawl.  `--no-files` sets
# GOVNEWS_FILES off; files left unfetched are fetched by a later run.  A file over the
# cap is recorded as too_large; once a run has fetched the budget's bytes of files
# (0: no budget), the rest wait for the next run.
GOVNEWS_FILES = True
GOVNEWS_FILE_MAX_BYTES = 50 * 1024 * 1024
GOVNEWS_FILE_BUDGET_BYTES = 2 * 1024 * 1024 * 1024
# Reading a file's text: each file in a child process with these limits (the time: 30 s
# plus 6 s for each MB of the file).
GOVNEWS_EXTRACT_TIMEOUT = 30.0
GOVNEWS_EXTRACT_SECONDS_PER_MB = 6.0
# A run reads files' text for at most this long (0: no limit); the rest wait, unread,
# for the next run (a first crawl of a large site archives thousands of files).
GOVNEWS_EXTRACT_BUDGET_SECONDS = 3600.0
GOVNEWS_EXTRACT_MEMORY_MB = 512
GOVNEWS_EXTRACT_MAX_PAGES = 2000
# Layout versions to leave out ("vnportal/2"): their pages fall to the other layouts.
GOVNEWS_DISABLED_LAYOUTS: list[str] = []
# Listing pages walked per category (0: all of them, up to the page's maxPage).
GOVNEWS_MAX_LISTING_PAGES = 0
# How many link hops from the home page are followed to find category listings.
GOVNEWS_DISCOVERY_DEPTH = 2
# Incremental runs (the default): a listing walk stops after this many archived articles
# in a row (0: a page's worth); GOVNEWS_FULL walks every listing page.  GOVNEWS_REFRESH
# re-fetches archived articles: "all", or a number of days (those fetched longer ago).
GOVNEWS_FULL = False
GOVNEWS_STOP_AFTER = 0
GOVNEWS_REFRESH = ""
# An incremental run that fetched fewer article pages than this re-fetches some of the
# newest archived ones, so that the parser's health is judged every night.
GOVNEWS_HEALTH_SAMPLE = 5
# The run fails ("fetch_errors", exit 4) when at least GOVNEWS_MIN_FETCH_ERRORS fetches
# failed and they were more than this share of all requests.
GOVNEWS_MAX_FETCH_ERROR_RATE = 0.1
GOVNEWS_MIN_FETCH_ERRORS = 3
GOVNEWS_PROGRESS = False
GOVNEWS_PROGRESS_INTERVAL = 5.0

# Articles per storage transaction, and the longest an article waits in the buffer.
GOVNEWS_BATCH_SIZE = 50
GOVNEWS_BATCH_SECONDS = 5.0

# vnPortal's listing pagination (PORTAL.md "Category listings").  Seen on nghean.gov.vn as
# a form POST answered by an HTML fragment; ASP.NET page methods can also take JSON, so
# "json" is available should the site switch.  A listing whose POST pages come back empty
# or failing is reported as a "pagination" error in crawl_errors.
GOVNEWS_LOAD_ARTICLE_PATH = "/DesktopModule/UIArticleInMenu/ArticleInMenuPagination.aspx/LoadArticle"
GOVNEWS_PAGINATION_ENCODING = "form"
GOVNEWS_PAGINATION_DEFAULTS = {
    "keyword": "",
    "date_begin": "",
    "date_end": "",
    "show_no": "False",
    "show_post_date": "True",
    "num_of_text": "0",
    "show_view_count": "False",
    "filter_order_in_list": "False",
    "is_default": "False",
    "new": "False",
    "number_of_day": "3",
    "articlelang": "vi-VN",
    "is_authenticated": "False",
}
