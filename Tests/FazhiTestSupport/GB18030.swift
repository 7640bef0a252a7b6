import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 bytes made by the C library's iconv, the way Excel on Chinese Windows saves a CSV: the CSV reader's tests and
/// the import's.
public enum GB18030 {
    public struct Unavailable: Error {}

    public static func encoded(_ text: String) throws -> Data {
        let converter = iconv_open("GB18030", "UTF-8")
        guard let converter, converter != iconv_t(bitPattern: -1) else { throw Unavailable() }
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
