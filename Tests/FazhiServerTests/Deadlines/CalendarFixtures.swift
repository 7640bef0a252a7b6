import Foundation

/// A 2027 notice for tests (the real one is not published yet): the shape an admin imports.
enum CalendarFixtures {
    static let year2027 = """
    {"year":2027,"notice":"测试用通知","holidays":[
      {"name":"元旦","from":"2027-01-01","to":"2027-01-03"},
      {"name":"春节","from":"2027-02-06","to":"2027-02-13"}],
     "workdays":["2027-02-14"]}
    """
}
