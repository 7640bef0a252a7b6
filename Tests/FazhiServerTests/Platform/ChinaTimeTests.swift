import FazhiCore
@testable import FazhiServer
import Foundation
import Testing

@Suite struct ChinaTimeTests {
    @Test func dayIsTakenInChina() {
        // 2024-01-16T16:30:00Z is already 17 January in Beijing: the day a document issued then is dated.
        #expect(ChinaTime.day(of: Date(timeIntervalSince1970: 1_705_422_600)) == CivilDate(year: 2024, month: 1, day: 17))
    }
}
