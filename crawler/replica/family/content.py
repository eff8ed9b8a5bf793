"""Source data of the family's new sites: hand-written articles, one list per site.

Each article is a `base.Post`. Body paragraphs are inline HTML fragments (`<strong>`,
`<em>` allowed); the pages and the expected records are both made from them. Byline
placement (`byline`) is read by the site's own module:

- vnPortal subsite (`VHTTDL_POSTS`): "div" (`div.author` NAME), "p_right_strong" (a last
  right-aligned bold body paragraph NAME), "source_div" (`div.author` "Nguồn: ORG"),
  "both" (the bold paragraph NAME and `div.author` "Nguồn: ORG"), "source_p" (a last
  right-aligned italic body paragraph "Nguồn: ORG"), "none".
- NukeViet (`NUKEVIET_POSTS`): "fields" (the template's "Tác giả:" and "Nguồn tin:"
  lines, for whichever of author and source is set), "body_p" (the author typed as a
  last bold right-aligned body paragraph; a source still in "Nguồn tin:").
- WordPress (`WORDPRESS_POSTS`): the author is always the post's user (`span.author.vcard`);
  a source is a last body paragraph: "source_p" (right-aligned `<em>Nguồn: ORG</em>`) or
  "theo_p" (`<em>Theo ORG</em>`); "none" without one.

`cites` lists the document numbers a post's text names (rule in `documents`); two
vhttdl posts carry a hostile attachment (`files.HOSTILE_FILES`). The vhttdl site's
posts are here, the NukeViet and WordPress sites' in `content_communes.py`.
"""

from __future__ import annotations

from datetime import datetime

from .base import Img, Post

D = datetime

# --- vhttdl.nghean.gov.vn: Sở Văn hóa, Thể thao và Du lịch (vnPortal, another skin) ------

VHTTDL_CATEGORIES = (
    ("van-hoa-nghe-thuat", "Văn hóa - Nghệ thuật", 6101),
    ("the-duc-the-thao", "Thể dục thể thao", 6102),
    ("du-lich-15723", "Du lịch", 6103),
)

VHTTDL_POSTS = [
    Post(
        id="812455",
        category="van-hoa-nghe-thuat",
        title="Khai mạc Liên hoan Dân ca Ví, Giặm Nghệ An năm 2024",
        published=D(2024, 5, 18, 20, 0),
        lead="Tối 18/5, tại Quảng trường Hồ Chí Minh, thành phố Vinh, Sở Văn hóa, Thể thao và "
        "Du lịch tổ chức khai mạc Liên hoan Dân ca Ví, Giặm Nghệ An năm 2024.",
        body=[
            "Liên hoan có sự tham gia của 21 đoàn nghệ thuật quần chúng đến từ các huyện, "
            "thành phố, thị xã với hơn 600 diễn viên, nghệ nhân.",
            "Các tiết mục tập trung ca ngợi quê hương, đất nước, con người xứ Nghệ, tình yêu "
            "đôi lứa và những đổi thay của quê hương trong công cuộc xây dựng nông thôn mới.",
            "Phát biểu khai mạc, lãnh đạo Sở nhấn mạnh liên hoan là dịp để <strong>các câu "
            "lạc bộ dân ca</strong> giao lưu, học hỏi, góp phần bảo tồn di sản được UNESCO ghi danh.",
            "Liên hoan được tổ chức nhằm thực hiện Quyết định số 1205/QĐ-UBND ngày 12/4/2024 của "
            "UBND tỉnh phê duyệt Đề án bảo tồn, phát huy giá trị Dân ca Ví, Giặm Nghệ Tĩnh, và nằm "
            "trong chuỗi hoạt động theo Kế hoạch 45/KH-UBND của UBND tỉnh.",
        ],
        cites=["1205/QĐ-UBND", "45/KH-UBND"],
        images=[
            Img(1, "Tiết mục khai mạc Liên hoan Dân ca Ví, Giặm năm 2024", "lien-hoan-vi-giam.jpg")
        ],
        author="Thu Hà",
        byline="div",
        date_format="dmy_hm",
        tags=["Dân ca Ví Giặm", "Liên hoan"],
    ),
    Post(
        id="812431",
        category="van-hoa-nghe-thuat",
        title="Bảo tồn và phát huy giá trị Di sản văn hóa phi vật thể Dân ca Ví, Giặm",
        published=D(2024, 5, 10, 9, 15),
        lead="Sau 10 năm được UNESCO ghi danh, Dân ca Ví, Giặm Nghệ Tĩnh đã và đang được "
        "bảo tồn, phát huy giá trị trong đời sống cộng đồng.",
        body=[
            "Toàn tỉnh hiện có hơn 300 câu lạc bộ dân ca Ví, Giặm với gần 8.000 hội viên "
            "thường xuyên sinh hoạt.",
            "Nhiều trường học đã đưa dân ca vào giờ học ngoại khóa, giúp học sinh hiểu và yêu "
            "những làn điệu của quê hương.",
            "Tuy vậy, số nghệ nhân cao tuổi ngày càng ít, việc truyền dạy cho thế hệ trẻ "
            "vẫn là nhiệm vụ cấp bách.",
            "Theo Quyết định số 1205/QĐ-UBND của UBND tỉnh, đến năm 2030 mỗi huyện, thành phố, thị "
            "xã có ít nhất 5 câu lạc bộ dân ca hoạt động hiệu quả.",
        ],
        cites=["1205/QĐ-UBND"],
        author="Minh Chi",
        source="Trung tâm Bảo tồn và Phát huy di sản Dân ca xứ Nghệ",
        byline="both",
        date_format="weekday",
    ),
    Post(
        id="812402",
        category="van-hoa-nghe-thuat",
        title="Tổ chức Lễ hội Làng Sen năm 2024 kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        published=D(2024, 5, 2, 14, 30),
        lead="Lễ hội Làng Sen năm 2024 diễn ra từ ngày 17 đến 19/5 tại Khu di tích Kim Liên, "
        "huyện Nam Đàn.",
        body=[
            "Lễ hội gồm phần lễ trang trọng tại Nhà tưởng niệm và phần hội với nhiều hoạt động "
            "văn hóa, thể thao, du lịch đặc sắc.",
            "Ban tổ chức dự kiến đón khoảng 50.000 lượt khách trong những ngày diễn ra lễ hội.",
        ],
        source="Sở Văn hóa, Thể thao và Du lịch",
        byline="source_div",
        date_format="dmy_hm",
        tags=["Làng Sen", "Kim Liên"],
    ),
    Post(
        id="812377",
        category="van-hoa-nghe-thuat",
        title="Triển lãm ảnh nghệ thuật “Nghệ An - Đất và Người”",
        published=D(2024, 4, 20),
        shows_time=False,
        lead="Triển lãm giới thiệu 120 tác phẩm ảnh chọn lọc của các hội viên Chi hội Nhiếp "
        "ảnh Nghệ An.",
        body=[
            "Các tác phẩm ghi lại vẻ đẹp thiên nhiên từ miền biển Cửa Lò, Quỳnh Lưu đến núi "
            "rừng Con Cuông, Tương Dương, Kỳ Sơn.",
            "Triển lãm mở cửa miễn phí đến hết ngày 30/4 tại Trung tâm Văn hóa tỉnh.",
        ],
        images=[Img(2, None, "trien-lam-anh.jpg")],
        author="PV",
        byline="p_right_strong",
        date_format="dmy",
        text="nfd",
    ),
    Post(
        id="812350",
        category="van-hoa-nghe-thuat",
        title="Hội thảo khoa học về bảo tồn di tích lịch sử - văn hóa Đền Cuông",
        published=D(2024, 4, 11, 10, 0),
        lead="Hội thảo đề xuất nhiều giải pháp bảo tồn, tôn tạo Khu di tích Đền Cuông gắn "
        "với phát triển du lịch.",
        body=[
            "Các nhà khoa học đã trao đổi về giá trị lịch sử của di tích gắn với truyền thuyết "
            "An Dương Vương và Công chúa Mỵ Châu.",
            "Theo kế hoạch, việc trùng tu các hạng mục xuống cấp sẽ được thực hiện trong năm "
            "2024 - 2025 theo đúng quy định của Luật Di sản văn hóa.",
        ],
        date_format="weekday",
        attachments=[("ke-hoach-trung-tu-den-cuong.pdf", "Kế hoạch trùng tu Đền Cuông")],
    ),
    Post(
        id="812318",
        category="van-hoa-nghe-thuat",
        title="Ra mắt Câu lạc bộ Dân ca Ví, Giặm xã Nghi Hoà",
        published=D(2024, 3, 28, 16, 45),
        lead="Câu lạc bộ có 35 thành viên, là những người yêu dân ca ở các xóm trong xã.",
        body=[
            "Tại buổi ra mắt, các thành viên đã biểu diễn nhiều làn điệu ví phường vải, giặm "
            "kể, hát ru.",
            "Câu lạc bộ sẽ sinh hoạt định kỳ vào tối thứ Bảy hằng tuần tại Nhà văn hóa xã.",
        ],
        attachments=[("ho-so-hong.pdf", "Hồ sơ đề nghị công nhận câu lạc bộ")],  # truncated
        author="N.H",
        byline="div",
        date_format="dmy_hm",
    ),
    Post(
        id="812460",
        category="the-duc-the-thao",
        title="Nghệ An giành 12 huy chương tại Giải Vô địch Vovinam toàn quốc năm 2024",
        published=D(2024, 5, 20, 8, 30),
        lead="Đoàn Nghệ An xếp thứ 4 toàn đoàn với 3 huy chương vàng, 4 huy chương bạc và "
        "5 huy chương đồng.",
        body=[
            "Giải quy tụ hơn 500 vận động viên của 30 đơn vị trên cả nước, thi đấu ở nội dung "
            "đối kháng và quyền.",
            "Các vận động viên trẻ của Nghệ An thi đấu tự tin, nhiều em lần đầu giành huy chương "
            "ở giải quốc gia.",
        ],
        images=[Img(1, "Các vận động viên Nghệ An nhận huy chương", "vovinam-2024.jpg")],
        author="Quang Huy",
        byline="div",
        date_format="dmy_hm",
    ),
    Post(
        id="812441",
        category="the-duc-the-thao",
        title="Khởi tranh Giải Bóng đá thiếu niên, nhi đồng tỉnh Nghệ An năm 2024",
        published=D(2024, 5, 14, 15, 0),
        lead="Giải có 16 đội bóng của các huyện, thành phố, thị xã tham gia tranh tài.",
        body=[
            "Các trận đấu diễn ra tại Sân vận động Quân khu 4 và sân bóng của Trung tâm "
            "Huấn luyện và Thi đấu thể thao.",
            "Giải là dịp phát hiện, tuyển chọn tài năng bóng đá trẻ cho các tuyến năng khiếu.",
        ],
        source="Trung tâm Huấn luyện và Thi đấu thể thao",
        byline="source_div",
        date_format="weekday",
    ),
    Post(
        id="812409",
        category="the-duc-the-thao",
        title="Đoàn vận động viên Nghệ An tham dự Đại hội Thể thao người khuyết tật toàn quốc",
        published=D(2024, 5, 4),
        shows_time=False,
        lead="Đoàn gồm 28 vận động viên thi đấu ở các môn điền kinh, bơi, cử tạ và cầu lông.",
        body=[
            "Trước giờ lên đường, lãnh đạo Sở đã động viên các vận động viên thi đấu hết mình, "
            "mang về thành tích cao cho tỉnh nhà.",
            "Năm 2022, đoàn Nghệ An đã giành 9 huy chương tại đại hội.",
        ],
        author="Hải Yến",
        byline="p_right_strong",
        date_format="dmy",
    ),
    Post(
        id="812388",
        category="the-duc-the-thao",
        title="Giải chạy việt dã Báo Nghệ An lần thứ 30 thu hút hơn 2.000 vận động viên",
        published=D(2024, 4, 24, 7, 0),
        lead="Sáng 24/4, Giải chạy việt dã Báo Nghệ An lần thứ 30 đã diễn ra sôi nổi trên "
        "các tuyến phố trung tâm thành phố Vinh.",
        body=[
            "Các vận động viên tranh tài ở cự ly 3 km, 5 km và 10 km, chia theo nhóm tuổi.",
            "Giải góp phần đẩy mạnh phong trào <em>Toàn dân rèn luyện thân thể theo gương "
            "Bác Hồ vĩ đại</em>.",
            "Ban tổ chức đã trao giải cho các cá nhân và tập thể có thành tích xuất sắc.",
        ],
        author="Thành Cường",
        source="Báo Nghệ An",
        byline="both",
        date_format="dmy_hm",
    ),
    Post(
        id="812340",
        category="the-duc-the-thao",
        title="Tập huấn nghiệp vụ trọng tài bóng chuyền hơi năm 2024",
        published=D(2024, 4, 5, 9, 0),
        lead="Hơn 60 học viên là cán bộ văn hóa, thể thao cấp huyện, xã tham gia lớp tập huấn.",
        body=[
            "Học viên được cập nhật luật thi đấu mới và thực hành điều hành các trận đấu.",
            "Kết thúc lớp học, các học viên đạt yêu cầu được cấp giấy chứng nhận trọng tài.",
        ],
        date_format="dmy_hm",
        date_label="Ngày đăng:",
        attachments=[("bieu-mau-nen.docx", "Biểu mẫu đăng ký trọng tài")],  # a zip bomb
    ),
    Post(
        id="812466",
        category="du-lich-15723",
        title="Nghệ An đón hơn 1,2 triệu lượt khách du lịch dịp nghỉ lễ 30/4 - 1/5",
        published=D(2024, 5, 6, 11, 20),
        lead="Tổng thu từ khách du lịch trong 5 ngày nghỉ lễ ước đạt hơn 2.300 tỷ đồng.",
        body=[
            "Các điểm du lịch biển Cửa Lò, Quỳnh Lưu, Diễn Châu đón lượng khách lớn, công suất "
            "phòng khách sạn đạt trên 90%.",
            "Khu di tích Kim Liên và các điểm du lịch tâm linh cũng thu hút đông đảo du khách.",
            "Thực hiện Công văn số 3021/UBND-VX ngày 19/4/2024 của UBND tỉnh, các đoàn kiểm tra đã "
            "kiểm tra việc chấp hành Quy định ban hành kèm theo Quyết định số 78/2008/QĐ-UBND tại "
            "các cơ sở lưu trú.",
        ],
        cites=["3021/UBND-VX", "78/2008/QĐ-UBND"],
        images=[Img(0, "Du khách tắm biển tại Cửa Lò dịp nghỉ lễ", "cua-lo-30-4.jpg")],
        source="Sở Văn hóa, Thể thao và Du lịch",
        byline="source_p",
        date_format="dmy_hm",
    ),
    Post(
        id="812420",
        category="du-lich-15723",
        title="Khai trương mùa du lịch biển Cửa Lò năm 2024",
        published=D(2024, 4, 27, 21, 30),
        lead="Tối 27/4, thị xã Cửa Lò tổ chức Lễ khai trương mùa du lịch biển với chủ đề "
        "“Cửa Lò - Biển gọi”.",
        body=[
            "Chương trình nghệ thuật đặc sắc tái hiện lịch sử vùng đất và con người Cửa Lò.",
            "Trong khuôn khổ lễ khai trương còn có lễ hội pháo hoa, lễ hội đường phố và giải "
            "bóng chuyền bãi biển.",
            "Năm 2024, Cửa Lò phấn đấu đón 3,5 triệu lượt khách.",
        ],
        images=[
            Img(1, "Màn pháo hoa trên bãi biển Cửa Lò", "phao-hoa-cua-lo.jpg"),
            Img(2, "Du khách tham gia lễ hội đường phố", "le-hoi-duong-pho.jpg"),
        ],
        author="Hồng Quang",
        byline="div",
        date_format="weekday",
    ),
    Post(
        id="812365",
        category="du-lich-15723",
        title="Phát triển du lịch cộng đồng tại các huyện miền Tây Nghệ An",
        published=D(2024, 4, 16),
        shows_time=False,
        lead="Nhiều bản làng miền Tây đã trở thành điểm đến hấp dẫn nhờ giữ gìn bản sắc "
        "văn hóa các dân tộc.",
        body=[
            "Các mô hình homestay ở Con Cuông, Quế Phong mang lại thu nhập ổn định cho hàng "
            "trăm hộ đồng bào.",
            "Sở đang phối hợp với các địa phương đào tạo kỹ năng đón tiếp khách cho người dân.",
        ],
        author="Văn Trường",
        byline="p_right_strong",
        date_format="dmy",
        tags=["Du lịch cộng đồng", "Miền Tây Nghệ An"],
    ),
]
