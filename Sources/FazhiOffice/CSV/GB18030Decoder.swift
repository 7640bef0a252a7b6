import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decodes GB18030 (a superset of GBK and GB2312), the encoding Excel on a Chinese Windows uses when
/// it saves "CSV (逗号分隔)". Foundation on Linux has no GB18030 `String.Encoding`, but glibc's iconv
/// does, so this wraps iconv_open/iconv/iconv_close.
enum GB18030Decoder {
    /// The text, or nil when the bytes are not valid GB18030 (or iconv is unavailable).
    static func decode(_ data: Data) -> String? {
        if data.isEmpty { return "" }
        #if canImport(Glibc)
        guard let converter = iconv_open("UTF-8", "GB18030"),
              converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }

        var input = [UInt8](data)
        // Each GB18030 sequence becomes at most 1.5 times as many UTF-8 bytes (2 → 3, 4 → 4).
        var output = [UInt8](repeating: 0, count: data.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer -> Int? in
                guard let inputBase = inputBuffer.baseAddress, let outputBase = outputBuffer.baseAddress else { return nil }
                var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBase)
                    .assumingMemoryBound(to: CChar.self)
                var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase)
                    .assumingMemoryBound(to: CChar.self)
                var inputLeft = inputBuffer.count
                var outputLeft = outputBuffer.count
                // size_t(-1) reports an invalid (EILSEQ) or truncated (EINVAL) sequence: not GB18030.
                guard iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) != -1,
                      inputLeft == 0 else { return nil }
                return outputBuffer.count - outputLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[..<produced], as: UTF8.self)
        #else
        return nil
        #endif
    }
}
