"""The fixed texts of the skinned vnPortal site's pages that are not articles.

`DOCS` (kind, number code, subject) are the documents of the home page's "Văn bản mới"
box; `CONTACT`, `INTRO`, `SITEMAP` and `SCHEDULE` are the main parts of the contact page,
the introduction, the site map and the week's work schedule (`CONTACT` takes the site's
name, `SITEMAP` its category links and introduction path). Each page carries a
heading, a date and paragraphs as an article does, yet none is an article: a crawl that
stores one has mistaken it.
"""

DOCS = (
    ("Quyết định", "QĐ-UBND", "về việc ban hành Quy chế phối hợp quản lý nhà nước về du lịch"),
    ("Kế hoạch", "KH-UBND", "triển khai công tác cải cách hành chính năm 2024"),
    ("Công văn", "UBND-VX", "về việc tăng cường phòng, chống dịch bệnh mùa hè"),
)

CONTACT = """<h1 class="page-title">Liên hệ</h1>
<p class="date">Cập nhật: 05/01/2024 08:30</p>
<p><strong>Ban biên tập {name}</strong></p>
<p>Địa chỉ: Số 03, đường Trường Thi, thành phố Vinh, tỉnh Nghệ An. Điện thoại: 0238.3844.511 - Fax: 0238.3844.512.</p>
<p>Mọi ý kiến đóng góp, phản ánh xin gửi về hộp thư congthongtin@nghean.gov.vn; Ban biên tập sẽ trả lời trong thời gian sớm nhất.</p>
<div class="contact-form"><label>Họ và tên <input type="text" name="name"></label><label>Nội dung <textarea name="content"></textarea></label></div>"""

INTRO = """<h1 class="page-title">Quá trình hình thành và phát triển</h1>
<p class="date-update">Cập nhật: 12/03/2021 09:00</p>
<p>Nghệ An là tỉnh có diện tích lớn nhất cả nước, nằm ở trung tâm vùng Bắc Trung Bộ, phía Bắc giáp tỉnh Thanh Hóa, phía Nam giáp tỉnh Hà Tĩnh, phía Tây giáp nước Cộng hòa Dân chủ Nhân dân Lào, phía Đông giáp Biển Đông.</p>
<p>Năm 1976, tỉnh Nghệ An và tỉnh Hà Tĩnh hợp nhất thành tỉnh Nghệ Tĩnh. Năm 1991, tỉnh Nghệ Tĩnh được chia tách, tái lập tỉnh Nghệ An và tỉnh Hà Tĩnh như ngày nay.</p>
<p>Hiện nay, tỉnh có 21 đơn vị hành chính cấp huyện, gồm thành phố Vinh, 3 thị xã và 17 huyện, với hơn 3,4 triệu người.</p>"""

SITEMAP = """<h1 class="page-title">Sơ đồ cổng thông tin</h1>
<p class="date">Cập nhật ngày 20/02/2024</p>
<p>Sơ đồ liệt kê các chuyên mục chính của cổng thông tin để bạn đọc tiện tra cứu.</p>
<ul class="sitemap"><li><a href="/">Trang chủ</a></li><li><a href="{intro}">Giới thiệu</a></li>{cats}<li><a href="/lien-he">Liên hệ</a></li></ul>"""

SCHEDULE = """<h1 class="page-title">Lịch công tác tuần</h1>
<p class="date">Thứ Hai, 04/03/2024 - 07:30</p>
<p><strong>Thứ Hai (04/3):</strong> 8 giờ: Chủ tịch UBND tỉnh dự hội nghị giao ban công tác tháng 3 tại phòng họp số 1.</p>
<p><strong>Thứ Ba (05/3):</strong> 14 giờ: Phó Chủ tịch UBND tỉnh làm việc với Sở Xây dựng về tiến độ các dự án trọng điểm.</p>
<p><strong>Thứ Tư (06/3):</strong> Cả ngày: Lãnh đạo UBND tỉnh kiểm tra công tác tiêm phòng gia súc tại huyện Con Cuông.</p>"""
