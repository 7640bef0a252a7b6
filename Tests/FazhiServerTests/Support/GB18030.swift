import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 bytes made by the C library's iconv, the way Excel on Chinese Windows saves a CSV. The same as
/// `CSVTests.gb18030` in FazhiOfficeTests (a test target cannot use another's code); the import test needs a file.
enum GB18030 {
    static func encoded(_ text: String) throws -> Data {
        let converter = try #require(iconv_open("GB18030", "UTF-8"))
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count, outputLeft = outputBuffer.count
                _ = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
                return outputBuffer.count - outputLeft
            }
        }
        return Data(output[..<produced])
    }
}
