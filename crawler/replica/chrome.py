"""The single site's chrome, in the markup of VNPT vnPortal: what every page shares.

Header (top bar, banner, menu of the categories), the side column (featured articles,
new documents through the viewer, useful links, a poll, counters), the footer and
scripts, put around a page's main part by `page` in one of the skins ("a", "b" minified,
"c" the old one with CRLF line ends and no charset in the header: `html_response`), and
`link`, the way a page writes a same-site href (plain, `?pageindex=0`, absolute, or
mixed in turn).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .model import SiteModel
from .response import Response
from .textutil import attr, esc

SITE_NAME = "Cổng thông tin điện tử tỉnh Nghệ An"
BANNER_ALT = "Banner Tỉnh ủy Nghệ An (Home-latest-1)"
DATAFILES = "https://datafiles.nghean.gov.vn/nan-ubnd/2930"
# A document shown through the portal's viewer; the side box links it (robots disallow).
VIEWER_SAMPLE = "/Viewer?file=/Uploads/nan-ubnd/2930/vanban/ke-hoach-cai-cach-hanh-chinh-2024.pdf"
SEARCH_SAMPLE = "/tim-kiem?keyword=" + quote("Nguyễn Đức Trung")


def link(base: str, path: str, style: str, n: int = 0) -> str:
    """An href for a same-site path, written the way this page writes its links."""
    if style == "mixed":
        style = ("plain", "pageindex", "absolute")[n % 3]
    if style == "pageindex":
        return path + "?pageindex=0"
    if style == "absolute":
        return base + path
    return path


def minify(markup: str) -> str:
    """Drop whitespace between tags: skin "b" ships its chrome minified."""
    return re.sub(r">\s+<", "><", markup)


def header(site: SiteModel, base: str) -> str:
    menu = "\n".join(
        f'        <li class="menu-item"><a href="{c.path}">{esc(c.name)}</a></li>'
        for c in site.categories
    )
    return f"""  <div id="header" class="header">
    <div class="top-bar container">
      <span class="date-now" id="dateNow"></span>
      <a class="login" href="/Admin/Login.aspx">ĐĂNG NHẬP</a> |
      <a href="/so-do-cong-thong-tin">Sơ đồ cổng</a>
      <div class="search-box">
        <input type="text" id="txtKeyword" placeholder="Nhập từ khóa tìm kiếm">
        <button type="button" onclick="location.href='/tim-kiem?keyword='+encodeURIComponent(document.getElementById('txtKeyword').value)">Tìm kiếm</button>
      </div>
    </div>
    <div class="banner">
      <a href="/"><img alt="{attr(BANNER_ALT)}" src="{DATAFILES}/banner/banner-home-latest-1.png"></a>
    </div>
    <nav class="main-menu">
      <ul class="menu">
        <li class="menu-item home"><a href="/">Trang chủ</a></li>
        <li class="menu-item"><a href="/qua-trinh-hinh-thanh-va-phat-trien-62242">Giới thiệu</a></li>
{menu}
        <li class="menu-item"><a href="/lien-he">Liên hệ</a></li>
      </ul>
    </nav>
  </div>"""


def sidebar(site: SiteModel, base: str) -> str:
    items = "\n".join(
        f'        <li><a href="{link(base, site.article_path(a), "mixed", n)}">{esc(a.title)}</a></li>'
        for n, a in enumerate(site.featured()[:5])
    )
    return f"""  <div class="col-md-4 sidebar">
    <div class="box box-hot">
      <div class="box-title"><span>Tin nổi bật</span></div>
      <ul class="list-hot">
{items}
      </ul>
    </div>
    <div class="box box-docs">
      <div class="box-title"><span>Văn bản mới</span></div>
      <ul>
        <li><a href="{VIEWER_SAMPLE}">Kế hoạch cải cách hành chính năm 2024</a></li>
        <li><a href="{SEARCH_SAMPLE}">Tìm văn bản chỉ đạo</a></li>
      </ul>
    </div>
    <div class="box box-links">
      <div class="box-title"><span>Thông tin hữu ích</span></div>
      <ul>
        <li><a href="/lien-he">Liên hệ - Góp ý</a></li>
        <li><a href="/so-do-cong-thong-tin">Sơ đồ cổng thông tin</a></li>
      </ul>
    </div>
    <div class="box box-poll">
      <div class="box-title"><span>Thăm dò ý kiến</span></div>
      <p>Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?</p>
      <label><input type="radio" name="poll" value="1"> Đẹp, dễ sử dụng</label>
      <label><input type="radio" name="poll" value="2"> Bình thường</label>
      <button type="button" onclick="return false;">Biểu quyết</button>
    </div>
    <div class="box box-stats">Lượt truy cập: <span>12.345.678</span> | Đang online: <span>321</span></div>
  </div>"""


FOOTER = """  <div id="footer" class="footer">
    <div class="container">
      <p><strong>CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NGHỆ AN</strong></p>
      <p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Nghệ An</p>
      <p>Địa chỉ: Số 03, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An</p>
      <p>Điện thoại: 0238.3844.511 - Email: congthongtin@nghean.gov.vn</p>
      <p>Giấy phép số 45/GP-TTĐT do Sở Thông tin và Truyền thông cấp.</p>
      <p class="copyright">© Bản quyền thuộc Cổng thông tin điện tử tỉnh Nghệ An. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
    </div>
  </div>"""

SCRIPTS = """  <script src="/Portals/_default/Skins/nghean/js/jquery.min.js"></script>
  <script src="/Portals/_default/Skins/nghean/js/bootstrap.min.js"></script>
  <script type="text/javascript">
    var d = new Date();
    document.getElementById("dateNow").innerHTML = d.toLocaleDateString("vi-VN");
    window.dataLayer = window.dataLayer || [];
    function gtag(){dataLayer.push(arguments);}
  </script>"""


def page(
    site: SiteModel,
    base: str,
    *,
    title: str,
    main: str,
    head_extra: str = "",
    skin: str = "a",
) -> str:
    """A whole page: the shared chrome around `main` (inserted untouched)."""
    marker = "<!--MAIN-->"
    head_meta = (
        '  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        if skin == "c"
        else '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">'
    )
    doc = f"""<!DOCTYPE html>
<html lang="vi">
<head>
{head_meta}
  <title>{esc(title)}</title>
  <link rel="stylesheet" href="/Portals/_default/Skins/nghean/css/style.css">
{head_extra}</head>
<body class="skin-{skin}">
<form method="post" action="" id="Form" enctype="multipart/form-data">
<div id="wrapper">
{header(site, base)}
  <div class="container main">
    <div class="row">
      <div class="col-md-8 content-pane">
{marker}
      </div>
{sidebar(site, base)}
    </div>
  </div>
{FOOTER}
</div>
</form>
{SCRIPTS}
</body>
</html>
"""
    if skin == "b":
        doc = minify(doc)
    return doc.replace(marker, main)


def html_response(markup: str, *, skin: str = "a", status: int = 200) -> Response:
    if skin == "c":
        # The old skin's pages go out with CRLF line ends and no charset in the header
        # (only in the <meta>), as IIS served them.
        return Response(status, markup.replace("\n", "\r\n").encode("utf-8"), "text/html")
    return Response(status, markup.encode("utf-8"))

