"""Source data of the family's two commune-level sites, after the pattern of `content.py`.

`NUKEVIET_CATEGORIES` and `NUKEVIET_POSTS` are `quangchau.nghean.gov.vn` (xã Quang Châu,
NukeViet: bylines "fields" or "body_p"), `WORDPRESS_CATEGORIES` and `WORDPRESS_POSTS`
`phuongtruongthi.nghean.gov.vn` (phường Trường Thi, WordPress: sources "source_p",
"theo_p" or none); each post a hand-written `base.Post`, with the byline placements and
`cites` that `content.py`'s docstring describes.
"""

from __future__ import annotations

from datetime import datetime

from .base import Img, Post

D = datetime

# --- quangchau.nghean.gov.vn: xã Quang Châu (NukeViet 4.5) -------------------------------

NUKEVIET_CATEGORIES = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", 1),
    ("thong-bao", "Thông báo", 2),
)

NUKEVIET_POSTS = [
    Post(
        id="128",
        category="tin-tuc-su-kien",
        title="Hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
        published=D(2024, 1, 12, 8, 15),
        lead="Sáng 12/1, UBND xã Quang Châu tổ chức hội nghị tổng kết công tác năm 2023 và "
        "triển khai nhiệm vụ năm 2024.",
        body=[
            "Năm 2023, tổng giá trị sản xuất trên địa bàn xã ước đạt 412 tỷ đồng, tăng 8,5% so "
            "với năm trước; thu nhập bình quân đầu người đạt 58 triệu đồng.",
            "Công tác xây dựng nông thôn mới nâng cao được triển khai tích cực, nhiều tuyến "
            "đường xóm được bê tông hóa.",
            "Hội nghị đã khen thưởng 12 tập thể và 25 cá nhân có thành tích xuất sắc.",
        ],
        images=[Img(1, "Quang cảnh hội nghị", "hoi-nghi-tong-ket-2023.jpg")],
        author="Hoàng Lam",
        source="UBND xã Quang Châu",
        byline="fields",
        tags=["tổng kết", "nông thôn mới"],
    ),
    Post(
        id="127",
        category="tin-tuc-su-kien",
        title="Trao quà Tết cho gia đình chính sách và hộ nghèo trên địa bàn xã",
        published=D(2024, 1, 8, 15, 40),
        lead="Nhân dịp Tết Nguyên đán Giáp Thìn, xã đã trao 320 suất quà cho gia đình chính "
        "sách, hộ nghèo và hộ cận nghèo.",
        body=[
            "Mỗi suất quà trị giá từ 300.000 đến 500.000 đồng, được trích từ nguồn Quỹ Vì người "
            "nghèo và sự ủng hộ của các doanh nghiệp.",
            "Lãnh đạo xã đã đến thăm, tặng quà và chúc Tết các gia đình có hoàn cảnh đặc biệt "
            "khó khăn.",
        ],
        author="PV",
        byline="body_p",
        text="entities",
    ),
    Post(
        id="125",
        category="tin-tuc-su-kien",
        title="Đại hội Hội Nông dân xã Quang Châu lần thứ XII, nhiệm kỳ 2023 - 2028",
        published=D(2023, 12, 20, 7, 30),
        lead="Đại hội đã bầu Ban Chấp hành gồm 15 đồng chí và đề ra mục tiêu phát triển "
        "hội viên trong nhiệm kỳ mới.",
        body=[
            "Nhiệm kỳ qua, Hội Nông dân xã đã vận động hội viên chuyển đổi hơn 40 ha đất lúa "
            "kém hiệu quả sang trồng rau màu.",
            "Phong trào nông dân sản xuất kinh doanh giỏi có 215 hộ đạt danh hiệu các cấp.",
            "Đại hội thống nhất mục tiêu đến năm 2028 có ít nhất 5 tổ hợp tác sản xuất nông "
            "nghiệp hoạt động hiệu quả.",
            "Triển khai Nghị quyết số 12/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh, đã có 36 hộ "
            "hội viên được hỗ trợ kinh phí mua máy làm đất.",
        ],
        cites=["12/2023/NQ-HĐND"],
        source="Hội Nông dân xã",
        byline="fields",
        tags=["Hội Nông dân"],
    ),
    Post(
        id="122",
        category="tin-tuc-su-kien",
        title="Khánh thành Nhà văn hóa xóm 3",
        published=D(2023, 11, 18, 16, 0),
        lead="Công trình có tổng kinh phí gần 1,5 tỷ đồng, do nhân dân đóng góp và ngân "
        "sách xã hỗ trợ.",
        body=[
            "Nhà văn hóa có hội trường 150 chỗ ngồi, sân thể thao và khuôn viên cây xanh.",
            "Đây là nơi tổ chức các hoạt động văn hóa, văn nghệ, thể dục thể thao của bà con "
            "trong xóm.",
        ],
        images=[
            Img(0, "Cắt băng khánh thành Nhà văn hóa xóm 3", "khanh-thanh-nvh-xom-3.jpg"),
            Img(2, None, "nvh-xom-3-toan-canh.jpg"),
        ],
        author="N.H",
        byline="fields",
    ),
    Post(
        id="120",
        category="tin-tuc-su-kien",
        title="Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2023",
        published=D(2023, 11, 14, 19, 20),
        lead="Các khu dân cư trên địa bàn xã đồng loạt tổ chức Ngày hội Đại đoàn kết toàn "
        "dân tộc với nhiều hoạt động ý nghĩa.",
        body=[
            "Ngày hội gồm phần lễ ôn lại truyền thống Mặt trận Tổ quốc Việt Nam và phần hội "
            "với các trò chơi dân gian.",
            "Dịp này, các khu dân cư đã trao tặng nhiều suất quà cho các hộ gia đình khó khăn.",
        ],
        source="Báo Nghệ An",
        byline="fields",
        text="nfd",
    ),
    Post(
        id="117",
        category="tin-tuc-su-kien",
        title="Ra quân vệ sinh môi trường, hưởng ứng phong trào “Ngày Chủ nhật xanh”",
        published=D(2023, 10, 1, 6, 45),
        lead="Hơn 500 đoàn viên, hội viên và nhân dân đã tham gia ra quân thu gom rác thải "
        "trên các tuyến đường.",
        body=[
            "Các lực lượng đã thu gom được khoảng 8 tấn rác thải, phát quang bụi rậm dọc các "
            "kênh mương nội đồng.",
            "Xã phát động duy trì hoạt động vào ngày Chủ nhật hằng tuần.",
        ],
        author="Thu Thảo",
        source="Đoàn xã Quang Châu",
        byline="body_p",
        tags=["vệ sinh môi trường"],
    ),
    Post(
        id="115",
        category="tin-tuc-su-kien",
        title="Tiêm phòng vắc-xin lở mồm long móng cho đàn gia súc đợt 2 năm 2023",
        published=D(2023, 9, 15, 22, 57),
        lead="Đợt tiêm phòng được triển khai đồng loạt tại 9 xóm, đảm bảo tỷ lệ tiêm trên "
        "85% tổng đàn.",
        body=[
            "Cán bộ thú y xã đã hướng dẫn bà con giữ gia súc tại chuồng trong những ngày tiêm "
            "phòng.",
            "Người chăn nuôi được khuyến cáo thường xuyên vệ sinh, khử trùng chuồng trại.",
        ],
    ),
    Post(
        id="126",
        category="thong-bao",
        title="Thông báo lịch tiếp công dân tháng 01/2024",
        published=D(2024, 1, 2, 9, 0),
        lead="UBND xã thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã trong "
        "tháng 01/2024.",
        body=[
            "Theo Kế hoạch 32/KH-UBND của UBND xã, Chủ tịch UBND xã tiếp công dân vào sáng thứ "
            "Năm các tuần tại Phòng tiếp công dân của UBND xã.",
            "Công dân đến trình bày ý kiến cần mang theo giấy tờ tùy thân và các tài liệu liên "
            "quan.",
        ],
        source="Văn phòng HĐND - UBND xã",
        byline="fields",
        tags=["tiếp công dân"],
        cites=["32/KH-UBND"],
    ),
    Post(
        id="124",
        category="thong-bao",
        title="Thông báo thu thuế sử dụng đất phi nông nghiệp năm 2023",
        published=D(2023, 12, 5, 14, 10),
        lead="Hạn nộp thuế sử dụng đất phi nông nghiệp năm 2023 là ngày 31/12/2023.",
        body=[
            "Các hộ gia đình, cá nhân nộp thuế tại bộ phận một cửa của UBND xã hoặc qua ứng "
            "dụng ngân hàng.",
            "Quá thời hạn trên, người nộp thuế phải nộp tiền chậm nộp theo quy định.",
        ],
    ),
    Post(
        id="119",
        category="thong-bao",
        title="Thông báo lịch tiêm phòng dại cho chó, mèo năm 2023",
        published=D(2023, 10, 25, 10, 30),
        lead="Các hộ nuôi chó, mèo đưa vật nuôi đến điểm tiêm tại nhà văn hóa các xóm theo lịch.",
        body=[
            "Lịch tiêm bắt đầu từ ngày 1/11 đến ngày 5/11, mỗi xóm tiêm trong nửa ngày.",
            "Giá tiêm mỗi liều vắc-xin là 40.000 đồng.",
        ],
        author="Trần Hoa",
        byline="fields",
    ),
    Post(
        id="116",
        category="thong-bao",
        title="Thông báo tuyển dụng công chức cấp xã năm 2023",
        published=D(2023, 9, 28, 8, 0),
        lead="UBND xã thông báo nhu cầu tuyển dụng 02 công chức văn hóa - xã hội và địa "
        "chính - xây dựng.",
        body=[
            "Thời gian nhận hồ sơ từ ngày 1/10 đến hết ngày 30/10/2023 trong giờ hành chính.",
            "Thí sinh nộp hồ sơ trực tiếp tại Văn phòng UBND xã.",
        ],
        source="UBND xã Quang Châu",
        byline="fields",
    ),
]

# --- phuongtruongthi.nghean.gov.vn: phường Trường Thi (WordPress 6.4) ---------------------

WORDPRESS_CATEGORIES = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", 3),
    ("van-ban-thong-bao", "Văn bản - Thông báo", 4),
)

WORDPRESS_POSTS = [
    Post(
        id="1318",
        category="tin-tuc-su-kien",
        title="Phường Trường Thi ra mắt mô hình “Khu phố văn minh đô thị”",
        published=D(2024, 3, 22, 9, 41),
        lead="Mô hình được triển khai thí điểm tại khối 5 và khối 7, hướng tới xây dựng nếp "
        "sống văn minh, trật tự, sạch đẹp.",
        body=[
            "Theo kế hoạch, các hộ gia đình cam kết không lấn chiếm vỉa hè, đổ rác đúng giờ, "
            "đúng nơi quy định.",
            "Các tổ tự quản sẽ kiểm tra định kỳ và đánh giá kết quả thực hiện hằng quý.",
            "Phát biểu tại buổi ra mắt, lãnh đạo phường đề nghị mỗi người dân là một tuyên "
            "truyền viên tích cực.",
        ],
        images=[Img(1, "Các đại biểu ra mắt mô hình tại khối 5", "ra-mat-mo-hinh-khoi-5.jpg")],
        author="Nguyễn Thị Hằng",
        byline="none",
        tags=["văn minh đô thị"],
        updated=D(2024, 3, 23, 8, 5),
    ),
    Post(
        id="1302",
        category="van-ban-thong-bao",
        title="Thông báo về việc tổ chức lấy ý kiến nhân dân về quy hoạch chi tiết",
        published=D(2024, 3, 11, 14, 2),
        lead="UBND phường thông báo lấy ý kiến nhân dân về đồ án quy hoạch chi tiết khu dân "
        "cư khối 9.",
        body=[
            "Hồ sơ quy hoạch được niêm yết tại trụ sở UBND phường và nhà văn hóa khối 9 trong "
            "thời gian 20 ngày.",
            'Xem chi tiết <a href="{upload:thong-bao-lay-y-kien-quy-hoach.pdf}">Thông báo số '
            "25/TB-UBND</a> của UBND phường.",
            "Ý kiến góp ý xin gửi về Văn phòng UBND phường trước ngày 31/3/2024.",
        ],
        author="Lê Văn Quang",
        attachments=[("thong-bao-lay-y-kien-quy-hoach.pdf", "Thông báo số 25/TB-UBND")],
        cites=["25/TB-UBND"],
    ),
    Post(
        id="1289",
        category="tin-tuc-su-kien",
        title="Hội Liên hiệp Phụ nữ phường tổ chức kỷ niệm ngày Quốc tế Phụ nữ 8/3",
        published=D(2024, 3, 7, 16, 20),
        lead="Buổi lễ có sự tham gia của hơn 200 hội viên phụ nữ các khối trên địa bàn.",
        body=[
            "Dịp này, Hội đã tặng quà cho 15 hội viên có hoàn cảnh khó khăn và khen thưởng các "
            "chi hội xuất sắc.",
            "Chương trình văn nghệ chào mừng với nhiều tiết mục đặc sắc do hội viên dàn dựng.",
        ],
        author="Phạm Thu Trang",
        source="Hội LHPN phường Trường Thi",
        byline="source_p",
    ),
    Post(
        id="1271",
        category="tin-tuc-su-kien",
        title="Ra quân Tết trồng cây “Đời đời nhớ ơn Bác Hồ” Xuân Giáp Thìn 2024",
        published=D(2024, 2, 19, 7, 30),
        lead="Phường đã trồng mới hơn 300 cây xanh trên các tuyến đường và khuôn viên trường học.",
        body=[
            "Các loại cây được trồng gồm sao đen, lim xanh và hoa giấy, phù hợp với cảnh quan "
            "đô thị.",
            "Các khối được giao chăm sóc, bảo vệ cây sau khi trồng.",
        ],
        author="Nguyễn Thị Hằng",
        source="baonghean.vn",
        byline="theo_p",
        text="nfd_body",
    ),
    Post(
        id="1256",
        category="van-ban-thong-bao",
        title="Thông báo lịch trực Tết Nguyên đán Giáp Thìn năm 2024",
        published=D(2024, 2, 5, 10, 15),
        lead=None,
        body=[
            "UBND phường phân công cán bộ, công chức trực Tết từ ngày 8/2 đến hết ngày 14/2/2024.",
            "Mọi vấn đề phát sinh, người dân liên hệ số điện thoại trực ban: 0238.3844.123.",
        ],
        author="Lê Văn Quang",
    ),
    Post(
        id="1248",
        category="tin-tuc-su-kien",
        title="Phường Trường Thi tổng kết công tác năm 2023",
        published=D(2024, 1, 16, 8, 0),
        lead="Năm 2023, phường hoàn thành và vượt 18/20 chỉ tiêu Nghị quyết HĐND phường đề ra.",
        body=[
            "Thu ngân sách trên địa bàn đạt 112% dự toán; công tác chỉnh trang đô thị có nhiều "
            "chuyển biến.",
            "An ninh chính trị, trật tự an toàn xã hội được giữ vững.",
            "Năm 2024, phường tập trung xây dựng đô thị văn minh, nâng cao chất lượng dịch vụ "
            "hành chính công.",
        ],
        images=[Img(0, None, "tong-ket-2023.jpg")],
        author="Phạm Thu Trang",
        tags=["tổng kết", "năm 2023"],
    ),
    Post(
        id="1230",
        category="tin-tuc-su-kien",
        title="Tặng quà cho học sinh nghèo vượt khó học giỏi",
        published=D(2023, 12, 28, 15, 45),
        lead="Hội Khuyến học phường trao 40 suất học bổng cho học sinh có hoàn cảnh khó khăn.",
        body=[
            "Mỗi suất học bổng trị giá 1 triệu đồng, được trích từ Quỹ Khuyến học phường.",
            "Các em học sinh hứa sẽ tiếp tục cố gắng, đạt kết quả cao trong học tập.",
        ],
        images=[Img(1, "Trao học bổng cho học sinh", "trao-hoc-bong.jpg")],
        author="Nguyễn Thị Hằng",
        source="Hội Khuyến học phường",
        byline="source_p",
    ),
    Post(
        id="1215",
        category="van-ban-thong-bao",
        title="Thông báo về việc cấp đổi căn cước cho công dân",
        published=D(2023, 12, 12, 9, 5),
        lead="Công an phường tổ chức cấp đổi căn cước lưu động tại các khối trong tháng 12.",
        body=[
            "Công dân mang theo căn cước công dân cũ hoặc chứng minh nhân dân khi đến làm thủ tục.",
            "Lịch cụ thể được thông báo trên hệ thống loa truyền thanh của các khối.",
        ],
        author="Lê Văn Quang",
        source="Công an phường Trường Thi",
        byline="source_p",
    ),
    Post(
        id="1203",
        category="tin-tuc-su-kien",
        title="Khai giảng lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
        published=D(2023, 11, 20, 13, 30),
        lead="Lớp học có 45 học viên là đảng viên mới của các chi bộ trực thuộc Đảng bộ phường.",
        body=[
            "Trong 5 ngày, học viên được nghiên cứu những nội dung cơ bản về lịch sử Đảng, "
            "Điều lệ Đảng và nhiệm vụ của đảng viên.",
            "Kết thúc khóa học, học viên viết bài thu hoạch để đánh giá kết quả.",
        ],
        author="Phạm Thu Trang",
    ),
    Post(
        id="1187",
        category="van-ban-thong-bao",
        title="Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm",
        published=D(2023, 11, 2, 10, 50),
        lead="Phường triển khai kiểm tra các cơ sở kinh doanh thực phẩm, dịch vụ ăn uống "
        "trên địa bàn.",
        body=[
            "Thực hiện Kế hoạch số 268/KH-UBND ngày 12/10/2023 của UBND thành phố Vinh, đoàn kiểm "
            "tra liên ngành sẽ kiểm tra điều kiện vệ sinh, nguồn gốc nguyên liệu tại các cơ sở.",
            "Các trường hợp vi phạm sẽ bị xử lý nghiêm theo quy định của pháp luật.",
        ],
        author="Lê Văn Quang",
        source="Báo Nghệ An",
        byline="theo_p",
        tags=["an toàn thực phẩm"],
        cites=["268/KH-UBND"],
    ),
]
