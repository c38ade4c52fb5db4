/**
 * The hand-written shape of Quảng Trị after the 2025 merger (with Quảng Bình): provincial departments, two
 * historic districts kept for old data, communes and wards (most directly under the province since
 * 1 July 2025), and a catalogue of common administrative procedures. Codes are relative: the province code
 * (e.g. `QT`) is prefixed when the province is built.
 */
import type { AgencyLevel } from '@app/contract';

export interface AgencySeed {
  /** Suffix after `<province>-`. */
  suffix: string;
  name: string;
  level: Exclude<AgencyLevel, 'province'>;
  /** Suffix of the parent; undefined = the province. */
  parent?: string;
  /** Relative volume of dossiers received here (communes) or processed here (departments). */
  weight: number;
}

export const DEPARTMENTS: AgencySeed[] = [
  { suffix: 'STP', name: 'Sở Tư pháp', level: 'department', weight: 1 },
  { suffix: 'STC', name: 'Sở Tài chính', level: 'department', weight: 1 },
  { suffix: 'SXD', name: 'Sở Xây dựng', level: 'department', weight: 1 },
  { suffix: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', level: 'department', weight: 1 },
  { suffix: 'SCT', name: 'Sở Công Thương', level: 'department', weight: 1 },
  { suffix: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', level: 'department', weight: 1 },
  { suffix: 'SYT', name: 'Sở Y tế', level: 'department', weight: 1 },
  { suffix: 'SNV', name: 'Sở Nội vụ', level: 'department', weight: 1 },
  { suffix: 'SKHCN', name: 'Sở Khoa học và Công nghệ', level: 'department', weight: 1 },
  { suffix: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', level: 'department', weight: 1 },
  { suffix: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', level: 'department', weight: 1 },
  { suffix: 'BQLKKT', name: 'Ban Quản lý Khu kinh tế tỉnh', level: 'department', weight: 1 },
];

/** Districts were abolished on 1 July 2025; these two remain registered for historic dossiers. */
export const DISTRICTS: AgencySeed[] = [
  { suffix: 'H-VL', name: 'Huyện Vĩnh Linh (trước 01/7/2025)', level: 'district', weight: 1 },
  { suffix: 'H-GL', name: 'Huyện Gio Linh (trước 01/7/2025)', level: 'district', weight: 1 },
];

export const COMMUNES: AgencySeed[] = [
  { suffix: 'X-01', name: 'Phường Đồng Hới', level: 'commune', weight: 7 },
  { suffix: 'X-02', name: 'Phường Đồng Thuận', level: 'commune', weight: 4 },
  { suffix: 'X-03', name: 'Phường Đồng Sơn', level: 'commune', weight: 4 },
  { suffix: 'X-04', name: 'Phường Ba Đồn', level: 'commune', weight: 4 },
  { suffix: 'X-05', name: 'Phường Bắc Gianh', level: 'commune', weight: 3 },
  { suffix: 'X-06', name: 'Phường Đông Hà', level: 'commune', weight: 7 },
  { suffix: 'X-07', name: 'Phường Nam Đông Hà', level: 'commune', weight: 4 },
  { suffix: 'X-08', name: 'Phường Quảng Trị', level: 'commune', weight: 3 },
  { suffix: 'X-09', name: 'Xã Lệ Thủy', level: 'commune', weight: 3 },
  { suffix: 'X-10', name: 'Xã Quảng Ninh', level: 'commune', weight: 3 },
  { suffix: 'X-11', name: 'Xã Bố Trạch', level: 'commune', weight: 3 },
  { suffix: 'X-12', name: 'Xã Phong Nha', level: 'commune', weight: 2 },
  { suffix: 'X-13', name: 'Xã Tuyên Hóa', level: 'commune', weight: 2 },
  { suffix: 'X-14', name: 'Xã Minh Hóa', level: 'commune', weight: 1 },
  { suffix: 'X-15', name: 'Xã Triệu Phong', level: 'commune', weight: 3 },
  { suffix: 'X-16', name: 'Xã Hải Lăng', level: 'commune', weight: 3 },
  { suffix: 'X-17', name: 'Xã Cam Lộ', level: 'commune', weight: 2 },
  { suffix: 'X-18', name: 'Xã Khe Sanh', level: 'commune', weight: 2 },
  { suffix: 'X-19', name: 'Xã Lao Bảo', level: 'commune', weight: 2 },
  { suffix: 'X-20', name: 'Đặc khu Cồn Cỏ', level: 'commune', weight: 0.2 },
  // Communes and towns of the historic districts, as registered before the 2025 reorganisation.
  { suffix: 'X-21', name: 'Thị trấn Hồ Xá', level: 'commune', parent: 'H-VL', weight: 1.5 },
  { suffix: 'X-22', name: 'Xã Vĩnh Thủy', level: 'commune', parent: 'H-VL', weight: 0.8 },
  { suffix: 'X-23', name: 'Xã Vĩnh Long', level: 'commune', parent: 'H-VL', weight: 0.8 },
  { suffix: 'X-24', name: 'Thị trấn Gio Linh', level: 'commune', parent: 'H-GL', weight: 1.2 },
  { suffix: 'X-25', name: 'Xã Gio Mỹ', level: 'commune', parent: 'H-GL', weight: 0.8 },
];

export type OnlineLevel = 'full' | 'partial' | 'none';

export interface ProcedureSeed {
  /** Suffix of the agency that publishes and handles it; `''` = the province itself (commune-level procedures). */
  agency: string;
  name: string;
  /** Fee in VND; 0 = no financial obligation. */
  fee: number;
  onlineLevel: OnlineLevel;
  /** Statutory processing time in working days (0 = within the day). */
  days: number;
  /** Share of applicants that are businesses. */
  business: number;
  /** Relative popularity. */
  weight: number;
}

/** Procedures with agency `''` are received by the communes (and historic districts) across the province. */
export const PROCEDURES: ProcedureSeed[] = [
  { agency: 'STP', name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', fee: 200_000, onlineLevel: 'full', days: 10, business: 0, weight: 6 },
  { agency: 'STP', name: 'Đăng ký hành nghề và cấp Thẻ công chứng viên', fee: 0, onlineLevel: 'partial', days: 10, business: 0, weight: 0.3 },
  { agency: 'STP', name: 'Cấp giấy đăng ký hoạt động văn phòng công chứng', fee: 1_000_000, onlineLevel: 'partial', days: 10, business: 1, weight: 0.2 },
  { agency: 'STC', name: 'Đăng ký thành lập doanh nghiệp tư nhân', fee: 50_000, onlineLevel: 'full', days: 3, business: 1, weight: 2 },
  { agency: 'STC', name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', fee: 50_000, onlineLevel: 'full', days: 3, business: 1, weight: 2 },
  { agency: 'STC', name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', fee: 50_000, onlineLevel: 'full', days: 3, business: 1, weight: 3 },
  { agency: 'STC', name: 'Cấp Giấy chứng nhận đăng ký đầu tư', fee: 0, onlineLevel: 'partial', days: 15, business: 1, weight: 0.4 },
  { agency: 'STC', name: 'Thông báo tạm ngừng kinh doanh', fee: 0, onlineLevel: 'full', days: 3, business: 1, weight: 1 },
  { agency: 'SXD', name: 'Cấp giấy phép xây dựng công trình', fee: 150_000, onlineLevel: 'partial', days: 15, business: 0.6, weight: 1 },
  { agency: 'SXD', name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng', fee: 300_000, onlineLevel: 'full', days: 15, business: 0, weight: 0.6 },
  { agency: 'SXD', name: 'Đổi giấy phép lái xe do ngành giao thông vận tải cấp', fee: 135_000, onlineLevel: 'full', days: 5, business: 0, weight: 7 },
  { agency: 'SXD', name: 'Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn', fee: 0, onlineLevel: 'full', days: 2, business: 1, weight: 0.5 },
  { agency: 'SXD', name: 'Cấp phù hiệu xe ô tô kinh doanh vận tải', fee: 0, onlineLevel: 'full', days: 2, business: 1, weight: 1.5 },
  { agency: 'SNNMT', name: 'Đăng ký đất đai, tài sản gắn liền với đất lần đầu', fee: 100_000, onlineLevel: 'partial', days: 15, business: 0.1, weight: 3 },
  { agency: 'SNNMT', name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', fee: 50_000, onlineLevel: 'partial', days: 10, business: 0.1, weight: 4 },
  { agency: 'SNNMT', name: 'Cấp giấy phép khai thác, sử dụng nước dưới đất', fee: 600_000, onlineLevel: 'partial', days: 15, business: 1, weight: 0.2 },
  { agency: 'SNNMT', name: 'Thẩm định báo cáo đánh giá tác động môi trường', fee: 5_000_000, onlineLevel: 'none', days: 15, business: 1, weight: 0.2 },
  { agency: 'SCT', name: 'Cấp Giấy phép bán lẻ sản phẩm rượu', fee: 1_200_000, onlineLevel: 'full', days: 10, business: 1, weight: 0.5 },
  { agency: 'SCT', name: 'Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', fee: 1_200_000, onlineLevel: 'partial', days: 15, business: 1, weight: 0.2 },
  { agency: 'SCT', name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', fee: 700_000, onlineLevel: 'full', days: 10, business: 1, weight: 0.6 },
  { agency: 'SGDDT', name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', fee: 0, onlineLevel: 'full', days: 1, business: 0, weight: 1 },
  { agency: 'SGDDT', name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ', fee: 0, onlineLevel: 'partial', days: 5, business: 0, weight: 0.3 },
  { agency: 'SGDDT', name: 'Công nhận trường mầm non đạt chuẩn quốc gia', fee: 0, onlineLevel: 'none', days: 15, business: 0, weight: 0.1 },
  { agency: 'SYT', name: 'Cấp giấy phép hành nghề khám bệnh, chữa bệnh', fee: 360_000, onlineLevel: 'partial', days: 15, business: 0, weight: 0.8 },
  { agency: 'SYT', name: 'Cấp giấy phép hoạt động phòng khám chuyên khoa', fee: 4_300_000, onlineLevel: 'none', days: 15, business: 1, weight: 0.2 },
  { agency: 'SYT', name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược', fee: 1_000_000, onlineLevel: 'partial', days: 15, business: 1, weight: 0.4 },
  { agency: 'SNV', name: 'Cấp giấy phép lao động cho người lao động nước ngoài', fee: 600_000, onlineLevel: 'full', days: 5, business: 1, weight: 0.4 },
  { agency: 'SNV', name: 'Công nhận ban vận động thành lập hội', fee: 0, onlineLevel: 'none', days: 15, business: 0, weight: 0.05 },
  { agency: 'SKHCN', name: 'Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ', fee: 0, onlineLevel: 'partial', days: 10, business: 1, weight: 0.1 },
  { agency: 'SVHTTDL', name: 'Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa', fee: 3_000_000, onlineLevel: 'full', days: 10, business: 1, weight: 0.2 },
  { agency: 'SVHTTDL', name: 'Cấp thẻ hướng dẫn viên du lịch', fee: 650_000, onlineLevel: 'full', days: 10, business: 0, weight: 0.3 },
  { agency: 'SDTTG', name: 'Đăng ký sinh hoạt tôn giáo tập trung', fee: 0, onlineLevel: 'none', days: 15, business: 0, weight: 0.05 },
  { agency: 'BQLKKT', name: 'Cấp Giấy chứng nhận đăng ký đầu tư trong khu kinh tế', fee: 0, onlineLevel: 'partial', days: 15, business: 1, weight: 0.2 },
  { agency: '', name: 'Đăng ký khai sinh', fee: 0, onlineLevel: 'full', days: 0, business: 0, weight: 10 },
  { agency: '', name: 'Đăng ký kết hôn', fee: 0, onlineLevel: 'partial', days: 3, business: 0, weight: 3 },
  { agency: '', name: 'Đăng ký khai tử', fee: 0, onlineLevel: 'full', days: 0, business: 0, weight: 3 },
  { agency: '', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', fee: 10_000, onlineLevel: 'partial', days: 0, business: 0.2, weight: 16 },
  { agency: '', name: 'Cấp bản sao trích lục hộ tịch', fee: 8_000, onlineLevel: 'full', days: 0, business: 0, weight: 6 },
  { agency: '', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', fee: 15_000, onlineLevel: 'full', days: 3, business: 0, weight: 6 },
  { agency: '', name: 'Đăng ký thành lập hộ kinh doanh', fee: 100_000, onlineLevel: 'full', days: 3, business: 1, weight: 4 },
  { agency: '', name: 'Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội', fee: 0, onlineLevel: 'partial', days: 10, business: 0, weight: 2 },
  { agency: '', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', fee: 75_000, onlineLevel: 'partial', days: 15, business: 0, weight: 3 },
];
