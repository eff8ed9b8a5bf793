"""Vietnamese text for the skinned sites: news topics, places, people, organisations.

Everything is drawn from a `random.Random` the caller owns, so a seed gives the same text
every time. Titles are unique within a family (`Corpus` remembers the (topic, place)
pairs it has used), so two articles of a family never share a title or a slug made from
it.

Body paragraphs are inline HTML fragments (`<strong>` / `<em>` around a part of the text,
never around all of it: a wholly bold paragraph is how some pages write their lead, and
a body paragraph must not look like one). Document numbers in the text are written in
their canonical form and listed in `Text.cites` in the order they appear.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PLACES = (
    "xã Quang Châu",
    "xã Diễn Hồng",
    "xã Nghĩa Phú",
    "xã Thanh Ngọc",
    "xã Hưng Hòa",
    "xã Nghi Phong",
    "phường Trường Thi",
    "phường Hưng Dũng",
    "phường Bến Thủy",
    "thị trấn Đô Lương",
    "huyện Quỳnh Lưu",
    "huyện Diễn Châu",
    "huyện Yên Thành",
    "huyện Thanh Chương",
    "huyện Nam Đàn",
    "huyện Con Cuông",
    "huyện Kỳ Sơn",
    "huyện Quế Phong",
    "thị xã Hoàng Mai",
    "thị xã Thái Hòa",
    "thành phố Vinh",
)

# Pen names and full names as Vietnamese pages print them in bylines.
AUTHORS = (
    "Nguyên Minh",
    "Hồ Phương",
    "Lê Minh",
    "Thu Hà",
    "Thành Duy",
    "Mai Hoa",
    "Hữu Vinh",
    "Thu Huyền",
    "Phạm Bằng",
    "Quang Minh",
    "Đình Tuấn",
    "Khánh Ly",
    "Hải Yến",
    "Công Kiên",
    "Thanh Nga",
    "Văn Trường",
    "Bảo Ngọc",
    "Nguyễn Thị Hằng",
    "Lê Văn Quang",
    "Trần Hoài Nam",
)

SOURCES = (
    "Báo Nghệ An",
    "Đài Phát thanh và Truyền hình Nghệ An",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Cổng TTĐT tỉnh Nghệ An",
    "Trung tâm Văn hóa - Thể thao huyện",
)

# Document numbers the text may cite, canonical (documents.py's rule), with the kind.
CITABLE = (
    ("Kế hoạch", "KH-UBND"),
    ("Quyết định", "QĐ-UBND"),
    ("Chỉ thị", "CT-UBND"),
    ("Công văn", "UBND-VX"),
    ("Thông báo", "TB-UBND"),
)

# (title, lead, body paragraphs, captions, tags). Filled with {place}, {day}, {month},
# {year}, {n}; each paragraph stands alone, so any ordered subset reads as an article.
TOPICS = (
    (
        "Kỷ niệm {n} năm Ngày thành lập Hội Nông dân tại {place}",
        "Sáng {day}/{month}, {place} long trọng tổ chức lễ kỷ niệm {n} năm Ngày thành lập "
        "Hội Nông dân Việt Nam, biểu dương các hội viên sản xuất, kinh doanh giỏi.",
        (
            "Tham dự buổi lễ có đại diện lãnh đạo Hội Nông dân tỉnh, lãnh đạo địa phương cùng "
            "đông đảo cán bộ, hội viên nông dân.",
            "Trong những năm qua, các cấp hội đã vận động hội viên chuyển đổi cơ cấu cây trồng, "
            "vật nuôi, <strong>nhiều mô hình cho thu nhập trên 500 triệu đồng mỗi năm</strong>.",
            "Phong trào nông dân thi đua sản xuất, kinh doanh giỏi được duy trì sâu rộng, thu hút "
            "hàng nghìn hộ tham gia đăng ký.",
            "Dịp này, {n} tập thể và cá nhân được khen thưởng vì có thành tích xuất sắc trong "
            "phong trào thi đua.",
            "Phát biểu tại buổi lễ, lãnh đạo địa phương đề nghị hội tiếp tục đổi mới nội dung, "
            "phương thức hoạt động, hướng về cơ sở.",
        ),
        ("Các đại biểu dự lễ kỷ niệm tại {place}", "Trao khen thưởng cho các hội viên tiêu biểu"),
        ("Hội Nông dân", "Thi đua khen thưởng"),
    ),
    (
        "Tổng kết công tác năm {year} và triển khai nhiệm vụ năm {year1} tại {place}",
        "Ngày {day}/{month}, {place} tổ chức hội nghị tổng kết công tác năm {year}, triển khai "
        "phương hướng, nhiệm vụ trọng tâm năm {year1}.",
        (
            "Năm {year}, tổng giá trị sản xuất trên địa bàn tăng {n} phần trăm so với năm trước, "
            "thu ngân sách vượt dự toán được giao.",
            "Công tác cải cách hành chính có chuyển biến rõ nét, tỷ lệ hồ sơ giải quyết đúng hạn "
            "đạt gần 99 phần trăm.",
            "Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời; <em>không để hộ dân "
            "nào thiếu đói</em> trong dịp giáp hạt.",
            "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm.",
            "Hội nghị đã thống nhất 12 chỉ tiêu chủ yếu và 6 nhóm giải pháp cho năm {year1}.",
        ),
        ("Quang cảnh hội nghị tổng kết tại {place}", "Lãnh đạo địa phương phát biểu tại hội nghị"),
        ("Tổng kết", "Kinh tế - xã hội"),
    ),
    (
        "Ra quân hưởng ứng Tháng hành động vì môi trường tại {place}",
        "Sáng {day}/{month}, hàng nghìn đoàn viên, thanh niên và người dân {place} tham gia lễ "
        "ra quân hưởng ứng Tháng hành động vì môi trường.",
        (
            "Các lực lượng đã ra quân thu gom rác thải, khơi thông cống rãnh và trồng mới khoảng "
            "{n} trăm cây xanh trên các tuyến đường, khu dân cư.",
            "Ban tổ chức kêu gọi người dân hạn chế sử dụng túi ni lông, phân loại rác thải tại "
            "nguồn, chung tay xây dựng môi trường sống xanh, sạch, đẹp.",
            "Hoạt động sẽ được duy trì thường xuyên vào <strong>ngày chủ nhật hằng tuần</strong> "
            "tại các thôn, xóm, khối phố.",
            "Nhiều hộ gia đình đã tự nguyện hiến đất, góp ngày công để mở rộng đường làng, "
            "xây dựng các tuyến đường hoa.",
        ),
        ("Đoàn viên thanh niên thu gom rác thải tại {place}", "Trồng cây xanh trên tuyến đường liên xã"),
        ("Môi trường", "Thanh niên"),
    ),
    (
        "Khánh thành công trình trường học mới tại {place}",
        "Ngày {day}/{month}, {place} tổ chức lễ khánh thành và đưa vào sử dụng công trình nhà "
        "học ba tầng với tổng mức đầu tư hơn {n} tỷ đồng.",
        (
            "Công trình gồm 12 phòng học và các phòng chức năng, được xây dựng từ nguồn ngân sách "
            "tỉnh và nguồn xã hội hóa, đáp ứng nhu cầu học tập của gần 500 học sinh.",
            "Phát biểu tại buổi lễ, đại diện Sở Giáo dục và Đào tạo ghi nhận sự quan tâm của cấp "
            "ủy, chính quyền địa phương đối với sự nghiệp giáo dục.",
            "Dịp này, nhà trường đã trao tặng {n} suất học bổng cho các em học sinh có hoàn cảnh "
            "khó khăn vươn lên trong học tập.",
            "Công trình hoàn thành vượt tiến độ hai tháng, bảo đảm chất lượng và mỹ quan.",
        ),
        ("Cắt băng khánh thành công trình tại {place}", "Dãy phòng học mới đưa vào sử dụng"),
        ("Giáo dục", "Xây dựng cơ bản"),
    ),
    (
        "Tiêm bổ sung vắc xin Sởi - Rubella cho trẻ em tại {place}",
        "Từ ngày {day}/{month}, trạm y tế {place} tổ chức tiêm bổ sung vắc xin Sởi - Rubella "
        "cho trẻ từ 1 đến 5 tuổi trên địa bàn.",
        (
            "Theo kế hoạch, toàn địa bàn có khoảng {n} trăm trẻ thuộc diện tiêm, là những trẻ "
            "chưa được tiêm hoặc chưa tiêm đủ mũi.",
            "Trước khi tiêm, trẻ được khám sàng lọc, theo dõi sau tiêm ít nhất 30 phút tại điểm "
            "tiêm và tiếp tục theo dõi tại nhà trong 24 giờ.",
            "Ngành y tế khuyến cáo phụ huynh <em>đưa trẻ đi tiêm đúng lịch</em>, mang theo sổ "
            "tiêm chủng và thông báo tình trạng sức khỏe của trẻ cho cán bộ y tế.",
            "Công tác tiêm chủng được tổ chức an toàn, chưa ghi nhận trường hợp phản ứng nặng "
            "sau tiêm.",
        ),
        ("Cán bộ y tế khám sàng lọc cho trẻ trước khi tiêm", "Phụ huynh đưa trẻ đến điểm tiêm tại {place}"),
        ("Y tế", "Tiêm chủng"),
    ),
    (
        "Đối thoại với doanh nghiệp, tháo gỡ khó khăn trong sản xuất kinh doanh tại {place}",
        "Chiều {day}/{month}, lãnh đạo {place} tổ chức hội nghị đối thoại với các doanh nghiệp, "
        "hợp tác xã trên địa bàn.",
        (
            "Tại hội nghị, đại diện {n} doanh nghiệp đã nêu các kiến nghị về thủ tục đất đai, "
            "tiếp cận vốn vay, mặt bằng sản xuất và đào tạo nguồn nhân lực.",
            "Các kiến nghị đã được lãnh đạo các phòng, ban chuyên môn giải đáp trực tiếp; những "
            "nội dung vượt thẩm quyền sẽ được tổng hợp, báo cáo cấp trên.",
            "Địa phương cam kết luôn đồng hành, tạo môi trường đầu tư thuận lợi để doanh nghiệp "
            "yên tâm sản xuất, kinh doanh.",
            "Năm qua, trên địa bàn có thêm {n} doanh nghiệp thành lập mới, giải quyết việc làm "
            "cho hàng trăm lao động.",
        ),
        ("Quang cảnh buổi đối thoại tại {place}", "Đại diện doanh nghiệp nêu kiến nghị tại hội nghị"),
        ("Doanh nghiệp", "Cải cách hành chính"),
    ),
    (
        "Tổ chức Ngày hội văn hóa, thể thao các dân tộc thiểu số tại {place}",
        "Trong hai ngày {day} và {day1}/{month}, {place} tổ chức Ngày hội văn hóa, thể thao các "
        "dân tộc thiểu số với sự tham gia của hơn {n} trăm vận động viên, diễn viên.",
        (
            "Ngày hội gồm các nội dung thi trình diễn trang phục truyền thống, hát dân ca, thi "
            "đẩy gậy, kéo co, bắn nỏ và giới thiệu ẩm thực đặc trưng của đồng bào.",
            "Đây là dịp để bảo tồn, phát huy giá trị văn hóa truyền thống, tăng cường khối đại "
            "đoàn kết các dân tộc trên địa bàn.",
            "Kết thúc ngày hội, ban tổ chức đã trao <strong>giải nhất toàn đoàn</strong> cho đội "
            "đến từ bản Xốp Mạt.",
            "Ngày hội thu hút hàng nghìn lượt người dân và du khách đến tham quan, cổ vũ.",
        ),
        ("Màn trình diễn trang phục truyền thống tại ngày hội", "Thi kéo co tại {place}"),
        ("Văn hóa", "Dân tộc thiểu số"),
    ),
    (
        "Kiểm tra công tác phòng, chống dịch bệnh gia súc tại {place}",
        "Ngày {day}/{month}, đoàn công tác của Chi cục Chăn nuôi và Thú y tỉnh kiểm tra công tác "
        "phòng, chống dịch bệnh gia súc tại {place}.",
        (
            "Hiện trên địa bàn có khoảng {n} nghìn con gia súc; công tác tiêm phòng đợt đầu năm "
            "đã cơ bản hoàn thành theo kế hoạch.",
            "Đoàn công tác đề nghị địa phương tăng cường kiểm soát việc vận chuyển, buôn bán gia "
            "súc, thực hiện nghiêm việc khai báo khi phát hiện vật nuôi có dấu hiệu mắc bệnh.",
            "Người chăn nuôi được khuyến cáo vệ sinh chuồng trại, phun thuốc khử trùng định kỳ và "
            "<em>không giấu dịch</em>.",
            "Các chốt kiểm dịch tạm thời được duy trì 24/24 giờ tại các tuyến đường liên xã.",
        ),
        ("Đoàn công tác kiểm tra thực tế tại trang trại", "Phun thuốc khử trùng chuồng trại tại {place}"),
        ("Chăn nuôi", "Phòng chống dịch"),
    ),
    (
        "Hội nghị giao ban công tác tháng {month} năm {year} tại {place}",
        "Ngày {day}/{month}, UBND {place} tổ chức hội nghị giao ban đánh giá kết quả công tác "
        "tháng {month} và triển khai nhiệm vụ tháng tới.",
        (
            "Trong tháng, địa phương đã hoàn thành thu hoạch lúa vụ xuân, năng suất bình quân đạt "
            "{n} tạ mỗi héc-ta.",
            "Công tác giải phóng mặt bằng các dự án trọng điểm được đẩy nhanh; nhiều hộ dân đã "
            "bàn giao mặt bằng đúng tiến độ.",
            "Hội nghị chỉ ra một số tồn tại như tiến độ giải ngân vốn đầu tư công còn chậm, việc "
            "xử lý vi phạm trật tự xây dựng chưa dứt điểm.",
            "Chủ tịch UBND yêu cầu các bộ phận chuyên môn <strong>tập trung cao độ</strong> hoàn "
            "thành các chỉ tiêu đề ra.",
        ),
        ("Quang cảnh hội nghị giao ban tại {place}", "Chủ tịch UBND kết luận hội nghị"),
        ("Giao ban", "Chỉ đạo điều hành"),
    ),
    (
        "Trao quà cho gia đình chính sách nhân dịp Tết Nguyên đán tại {place}",
        "Nhân dịp Tết Nguyên đán, lãnh đạo {place} đã đến thăm, tặng quà các gia đình chính "
        "sách, người có công và hộ nghèo trên địa bàn.",
        (
            "Tổng cộng {n} trăm suất quà đã được trao tận tay các gia đình, mỗi suất trị giá từ "
            "500 nghìn đến một triệu đồng.",
            "Tại các gia đình, đoàn đã ân cần hỏi thăm sức khỏe, đời sống và bày tỏ lòng biết ơn "
            "sâu sắc đối với những đóng góp của các gia đình.",
            "Các doanh nghiệp, nhà hảo tâm cũng đã chung tay ủng hộ quà Tết, góp phần để mọi "
            "người, mọi nhà đều được đón Tết đầm ấm.",
            "Địa phương đã rà soát, lập danh sách để <em>không bỏ sót đối tượng</em> được hưởng "
            "chính sách.",
        ),
        ("Lãnh đạo địa phương trao quà cho gia đình chính sách", "Thăm hỏi người có công tại {place}"),
        ("An sinh xã hội", "Tết Nguyên đán"),
    ),
    (
        "Diễn tập phòng cháy, chữa cháy và cứu nạn, cứu hộ tại {place}",
        "Sáng {day}/{month}, tại {place} đã diễn ra buổi diễn tập phương án phòng cháy, chữa "
        "cháy và cứu nạn, cứu hộ với sự tham gia của nhiều lực lượng.",
        (
            "Tình huống giả định là một đám cháy lớn xảy ra tại khu chợ trung tâm, có người bị "
            "mắc kẹt cần cứu nạn.",
            "Ngay khi nhận tin báo, lực lượng tại chỗ đã sử dụng bình chữa cháy xách tay dập lửa, "
            "sơ tán người và tài sản ra khu vực an toàn.",
            "Lực lượng Cảnh sát phòng cháy, chữa cháy điều động {n} xe chữa cháy cùng hàng chục "
            "cán bộ, chiến sĩ đến hiện trường.",
            "Qua diễn tập, người dân được nâng cao <strong>kỹ năng thoát nạn</strong> và sử dụng "
            "phương tiện chữa cháy tại chỗ.",
        ),
        ("Lực lượng chữa cháy tham gia diễn tập tại {place}", "Sơ tán người bị nạn trong buổi diễn tập"),
        ("Phòng cháy chữa cháy", "An toàn"),
    ),
    (
        "Ra mắt mô hình chuyển đổi số cộng đồng tại {place}",
        "Chiều {day}/{month}, {place} ra mắt mô hình tổ công nghệ số cộng đồng nhằm hỗ trợ người "
        "dân sử dụng dịch vụ công trực tuyến.",
        (
            "Mỗi tổ gồm từ 5 đến 7 thành viên là đoàn viên thanh niên, cán bộ thôn, xóm có kỹ năng "
            "sử dụng điện thoại thông minh.",
            "Các tổ sẽ hướng dẫn người dân cài đặt ứng dụng định danh điện tử, thanh toán không "
            "dùng tiền mặt và nộp hồ sơ trực tuyến.",
            "Đến nay, đã có {n} phần trăm hồ sơ thủ tục hành chính của địa phương được tiếp nhận "
            "qua môi trường mạng.",
            "Mô hình được kỳ vọng <em>rút ngắn khoảng cách số</em> giữa các nhóm dân cư.",
        ),
        ("Đoàn viên hướng dẫn người dân cài đặt ứng dụng", "Ra mắt tổ công nghệ số cộng đồng tại {place}"),
        ("Chuyển đổi số", "Dịch vụ công"),
    ),
    (
        "Khởi công xây dựng tuyến đường giao thông nông thôn tại {place}",
        "Ngày {day}/{month}, {place} tổ chức lễ khởi công xây dựng tuyến đường giao thông liên "
        "xóm dài {n} km, tổng mức đầu tư gần 15 tỷ đồng.",
        (
            "Tuyến đường có nền rộng 6,5 mét, mặt đường bê tông xi măng, hệ thống rãnh thoát nước "
            "hai bên.",
            "Nhân dân trên tuyến đã tự nguyện hiến hơn 3.000 mét vuông đất và tháo dỡ tường rào "
            "để bàn giao mặt bằng.",
            "Khi hoàn thành, tuyến đường sẽ tạo thuận lợi cho việc đi lại, vận chuyển nông sản "
            "của hàng nghìn hộ dân.",
            "Đơn vị thi công cam kết hoàn thành công trình trong <strong>180 ngày</strong>, bảo "
            "đảm chất lượng.",
        ),
        ("Các đại biểu thực hiện nghi thức khởi công", "Mặt bằng tuyến đường chuẩn bị thi công tại {place}"),
        ("Giao thông", "Nông thôn mới"),
    ),
    (
        "Tập huấn kỹ thuật trồng cây dược liệu dưới tán rừng tại {place}",
        "Từ ngày {day} đến {day1}/{month}, Trung tâm Khuyến nông tỉnh phối hợp với {place} tổ "
        "chức lớp tập huấn kỹ thuật trồng cây dược liệu dưới tán rừng.",
        (
            "Lớp tập huấn thu hút {n} học viên là nông dân các bản vùng cao tham gia.",
            "Học viên được hướng dẫn cách chọn giống, làm đất, chăm sóc và thu hoạch sa nhân tím, "
            "ba kích, gừng gié.",
            "Mô hình trồng dược liệu dưới tán rừng giúp người dân <em>vừa giữ rừng vừa có thu "
            "nhập</em> ổn định.",
            "Kết thúc lớp học, mỗi học viên được hỗ trợ 200 cây giống để trồng thử nghiệm.",
        ),
        ("Học viên thực hành tại vườn dược liệu", "Cán bộ khuyến nông hướng dẫn kỹ thuật tại {place}"),
        ("Khuyến nông", "Dược liệu"),
    ),
    (
        "Tuyên dương học sinh giỏi và khuyến học năm {year} tại {place}",
        "Tối {day}/{month}, Hội Khuyến học {place} tổ chức lễ tuyên dương học sinh giỏi, sinh "
        "viên đỗ đại học và các dòng họ hiếu học tiêu biểu.",
        (
            "Năm học vừa qua, địa phương có {n} học sinh đạt giải cấp tỉnh và hàng trăm em đỗ "
            "vào các trường đại học.",
            "Phong trào xây dựng gia đình, dòng họ, cộng đồng học tập tiếp tục lan tỏa trong các "
            "thôn, xóm.",
            "Quỹ khuyến học của địa phương năm nay vận động được hơn 600 triệu đồng từ con em xa "
            "quê và các nhà hảo tâm.",
            "Các em học sinh được khen thưởng hứa sẽ <strong>tiếp tục phấn đấu</strong> học tập "
            "tốt hơn.",
        ),
        ("Trao thưởng cho học sinh đạt thành tích cao", "Các dòng họ hiếu học tiêu biểu nhận bằng khen"),
        ("Khuyến học", "Giáo dục"),
    ),
    (
        "Kiểm tra tiến độ thu hoạch lúa hè thu tại {place}",
        "Ngày {day}/{month}, đoàn công tác của huyện kiểm tra tiến độ thu hoạch lúa hè thu và "
        "công tác chuẩn bị cho vụ đông tại {place}.",
        (
            "Vụ hè thu năm {year}, toàn địa bàn gieo cấy {n} trăm héc-ta lúa, năng suất ước đạt "
            "hơn 55 tạ mỗi héc-ta.",
            "Các hợp tác xã đã bố trí máy gặt đập liên hợp, hỗ trợ người dân thu hoạch nhanh "
            "trước mùa mưa bão.",
            "Đoàn đề nghị địa phương hướng dẫn bà con <em>không đốt rơm rạ</em> trên đồng ruộng, "
            "tận dụng làm thức ăn chăn nuôi.",
            "Sau thu hoạch, địa phương sẽ triển khai trồng ngô, khoai lang và rau màu vụ đông.",
        ),
        ("Máy gặt đập liên hợp thu hoạch lúa tại {place}", "Đoàn công tác kiểm tra trên cánh đồng"),
        ("Nông nghiệp", "Vụ hè thu"),
    ),
)

CITE_SENTENCES = (
    "Hoạt động được triển khai theo {kind} số {number} của UBND tỉnh.",
    "Thực hiện {kind} số {number}, địa phương đã thành lập ban chỉ đạo và phân công nhiệm vụ "
    "cụ thể cho từng bộ phận.",
    "Căn cứ {kind} số {number}, các đơn vị khẩn trương rà soát, báo cáo kết quả trước ngày 30 "
    "hằng tháng.",
)


@dataclass
class Text:
    """One article's words: title, lead, body fragments, image captions, keywords."""

    title: str
    lead: str
    body: list[str]
    captions: list[str]
    tags: list[str]
    cites: list[str] = field(default_factory=list)
    topic: int = 0
    place: str = ""


class Corpus:
    """Hands out article texts of a family; no (topic, place) pair twice."""

    def __init__(self) -> None:
        self.used: set[tuple[int, str]] = set()
        self.numbers: set[str] = set()

    def text(self, rng: random.Random, when: datetime, *, topics: tuple[int, ...] | None = None) -> Text:
        choices = [
            (t, p)
            for t in (topics if topics is not None else range(len(TOPICS)))
            for p in PLACES
            if (t, p) not in self.used
        ]
        topic_no, place = rng.choice(choices)
        self.used.add((topic_no, place))
        title_t, lead_t, paras_t, captions_t, tags = TOPICS[topic_no]
        fill = {
            "place": place,
            "day": when.day,
            "day1": (when + timedelta(days=1)).day,
            "month": when.month,
            "year": when.year,
            "year1": when.year + 1,
            "n": rng.randint(3, 45),
        }
        count = rng.randint(3, len(paras_t))
        picked = sorted(rng.sample(range(len(paras_t)), count))
        body = [paras_t[i].format(**fill) for i in picked]
        cites: list[str] = []
        if rng.random() < 0.3:
            kind, code = rng.choice(CITABLE)
            number = self._number(rng, code)
            sentence = rng.choice(CITE_SENTENCES).format(kind=kind, number=number)
            body.insert(rng.randint(1, len(body)), sentence)
            cites.append(number)
        text = Text(
            title=title_t.format(**fill),
            lead=lead_t.format(**fill),
            body=body,
            captions=[c.format(**fill) for c in captions_t],
            tags=list(tags),
            cites=cites,
            topic=topic_no,
            place=place,
        )
        return text

    def _number(self, rng: random.Random, code: str) -> str:
        while True:
            number = f"{rng.randint(12, 4999)}/{code}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number


def authors(rng: random.Random, count: int) -> list[str]:
    return rng.sample(AUTHORS, count)


def dates(rng: random.Random, count: int, *, start: datetime, days: int) -> list[datetime]:
    """`count` distinct publishing times within `days` from `start`, in office hours,
    oldest first."""
    out: set[datetime] = set()
    while len(out) < count:
        day = start + timedelta(days=rng.randrange(days))
        out.add(day.replace(hour=rng.randint(6, 21), minute=rng.randrange(60)))
    return sorted(out)
