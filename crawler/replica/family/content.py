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
vhttdl posts carry a hostile attachment (`files.HOSTILE_FILES`).
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
