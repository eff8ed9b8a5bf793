"""The seed page's facts (shared/reference/seed-article.txt), for the tests that check them."""

SEED_RELATED_TITLES = [
    "Thanh Chương tập trung thực hiện hiệu quả 5 chương trình trọng tâm, 3 khâu đột phá",
    "Chủ tịch HĐND tỉnh Nguyễn Xuân Sơn kiểm tra công tác chuẩn bị bầu cử tại Đô Lương",
    "Ủy ban bầu cử tỉnh kiểm tra công tác bầu cử tại huyện Thanh Chương",
    "Chủ tịch UBND tỉnh kiểm tra công tác chuẩn bị bầu cử tại thị xã Hoàng Mai",
    "Chủ tịch UBND tỉnh Nguyễn Đức Trung thăm các mô hình kinh tế tại huyện Quỳnh Lưu",
    "Chủ tịch UBND tỉnh: Xây dựng huyện Nghi Lộc trở thành vệ tinh quan trọng của các đô thị lớn",
    "Chủ tịch UBND tỉnh Nguyễn Đức Trung động viên tân binh lên đường nhập ngũ tại Nam Đàn",
    "Chủ tịch HĐND tỉnh Nguyễn Xuân Sơn dự lễ giao nhận quân năm 2021 tại Tân Kỳ",
    "Chủ tịch UBND tỉnh Nguyễn Đức Trung chúc mừng năm mới các tổ chức tôn giáo",
    "Chủ tịch UBND tỉnh Nguyễn Đức Trung thăm, chúc Tết Bộ đội Biên phòng tỉnh",
    "Chủ tịch UBND tỉnh Nguyễn Đức Trung thăm, chúc Tết tại huyện Kỳ Sơn",
    "Nghệ An trao Giấy chứng nhận đăng ký đầu tư cho dự án 200 triệu USD",
    "Phó Chủ tịch Thường trực UBND tỉnh chúc mừng giáo xứ Cầu Rầm nhân dịp đón Giáng Sinh 2020",
    (
        "HĐND tỉnh chúc mừng Bộ CHQS tỉnh và Bộ Chỉ huy BĐBP tỉnh nhân kỷ niệm 76 năm ngày thành lập "
        "QĐND Việt Nam"
    ),
    "Ba nhiệm vụ trọng tâm cần thực hiện sau kỳ họp thứ 17, HĐND tỉnh khóa XVII",
]
