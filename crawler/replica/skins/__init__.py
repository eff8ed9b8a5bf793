"""Skinned replicas: from an integer seed, a portal family whose markup varies the way
real installs vary, so a crawler is tried on layouts it has never seen instead of one
fixed replica it could be fitted to.

    from crawler.replica.family import FamilyProxy
    from crawler.replica.skins import build_skinned_family

    family = build_skinned_family(1234)
    with FamilyProxy(family, port=0) as proxy:
        ...govnews crawl http://www.nghean.gov.vn --subsites, with http_proxy=proxy.url...
    family.expected_records()        # what a perfect crawl stores, every live site
    family.engines                   # host -> "vnportal", "nukeviet", "wordpress", "static", "other"
    family.site(host).non_article_paths()   # pages that must not be stored as articles
    family.describe()                # what the seed drew, per site

To look at one family in a browser or with curl:

    python -m crawler.replica.skins --seed 1234 --port 8001
    curl -x http://127.0.0.1:8001 http://www.nghean.gov.vn/

It serves the family through the family replica's proxy (`crawler.replica.family.proxy`,
used unchanged: a `SkinFamily` is a `Family`), on 127.0.0.1 only; every host of the
family is answered by name and nothing ever goes elsewhere.

A family (`family.build_skinned_family`): the vnPortal main portal on
`www.nghean.gov.vn` (`vnportal`), whose home page links a NukeViet commune (`nukeviet`),
a WordPress ward (`wordpress`), a hand-made static site (`static`) and a DotNetNuke or
Joomla site (`other`), each with 6 to 10 articles in 2 or 3 categories, listings of 1 to
3 pages, home pages of different make-up, and pages that carry a heading, a date and
paragraphs but are not articles (contact, introduction, site map, work schedule, search
results, month, tag and author archives). Each module's docstring says what its seed
picks. Text comes from `corpus`; the article model, date forms and the rules of the
expected records (several authors, leads, ids, published_at) are in `model`.

Expected records are made from the source data (`model.SkinSite.record`), never from the
markup, and nothing here imports the crawler's parsers, spiders or the archive.
"""

from .family import ENGINES, PORTAL_HOST, SkinFamily, build_skinned_family

__all__ = ["ENGINES", "PORTAL_HOST", "SkinFamily", "build_skinned_family"]
